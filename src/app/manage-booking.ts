/**
 * Use cases: cancel and reschedule a booking (from the confirmation's buttons or by command).
 *
 * Both are allowed to the organiser and the participants; everything else is a value. The calendar
 * side goes through the outbox (./outbox.ts), enqueued IN THE SAME TRANSACTION as the change:
 * - cancel: `calendar.delete` per participant (deletes the recorded provider event), queued reminders
 *   withdrawn; the other people are told by DM in their language.
 * - reschedule: availability re-checked live (`fresh`) for the new time, ignoring the meeting's own
 *   current time; the database guard moves the SAME booking (same participants, so a round-robin
 *   member stays assigned); `calendar.update` per participant updates the recorded provider event in
 *   place (`updateFor` with the recorded event id: no duplicate); reminders moved; others told by DM.
 */
import type { Interval } from '../core/interval.ts';
import { normalize, subtract } from '../core/intervals.ts';
import { deleteJobs, jobKeyPrefixOfBooking, updateJobs } from './outbox.ts';
import type { BusyReader, EventEditor, EventWriter, Notifier } from './ports/calendars.ts';
import type { Booking, Repositories } from './ports/store.ts';
import type { ReminderSettings } from './reminders.ts';
import { REMINDER_JOB, reminderJobs, reminderLeads } from './reminders.ts';
import type { Locale } from './views.ts';
import { slotLabel, toLocale } from './views.ts';

export interface ManageBookingDeps {
  readonly store: Pick<Repositories, 'bookings' | 'people' | 'preferences'>;
  readonly notifier: Notifier;
  /** Reschedule only: the live re-check of the new time. */
  readonly busy?: BusyReader;
  readonly reminders?: ReminderSettings;
  /** Unused here (the outbox worker writes); accepted so the same deps object can be shared. */
  readonly writer?: EventWriter & Partial<EventEditor>;
}

export type ManageBookingErrorCode =
  | 'unknown_booking'
  | 'not_allowed'
  | 'already_cancelled'
  | 'invalid_time'
  | 'slot_taken';

export interface ManageBookingError {
  readonly code: ManageBookingErrorCode;
  readonly locale: Locale;
  readonly message: string;
  /** `slot_taken`: who is busy at the new time (ids). */
  readonly busy?: readonly string[];
}

export interface ManagedBookingView {
  readonly kind: 'cancelled' | 'rescheduled';
  readonly locale: Locale;
  readonly bookingId: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly headline: string;
  /** People told by DM (everyone but the actor) and those the DM could not reach. */
  readonly notified: readonly string[];
  readonly notNotified: readonly string[];
}

export type ManageBookingResult =
  | { readonly ok: true; readonly view: ManagedBookingView }
  | { readonly ok: false; readonly error: ManageBookingError };

export interface CancelBookingInput {
  readonly tenantId: string;
  readonly bookingId: string;
  readonly actorPersonId: string;
  readonly now: number;
  readonly locale?: Locale;
}

export interface RescheduleBookingInput extends CancelBookingInput {
  /** New start, epoch ms; the duration is kept. */
  readonly newStart: number;
}

interface Loaded {
  readonly booking: Booking;
  readonly locale: Locale;
  readonly fail: (
    code: ManageBookingErrorCode,
    en: string,
    fr: string,
    busy?: readonly string[],
  ) => ManageBookingResult;
}

async function load(
  deps: ManageBookingDeps,
  input: CancelBookingInput,
): Promise<{ ok: true; loaded: Loaded } | { ok: false; result: ManageBookingResult }> {
  const { store } = deps;
  const prefs = await store.preferences.get(input.tenantId, input.actorPersonId);
  const locale: Locale = input.locale ?? toLocale(prefs?.locale);
  const fail = (code: ManageBookingErrorCode, en: string, fr: string, busy?: readonly string[]) =>
    ({
      ok: false,
      error: { code, locale, message: locale === 'fr' ? fr : en, ...(busy ? { busy } : {}) },
    }) as const;
  const booking = await store.bookings.get(input.tenantId, input.bookingId);
  if (!booking)
    return {
      ok: false,
      result: fail('unknown_booking', 'This meeting no longer exists.', "Cette réunion n'existe plus."),
    };
  if (booking.organizerId !== input.actorPersonId && !booking.participantIds.includes(input.actorPersonId))
    return {
      ok: false,
      result: fail(
        'not_allowed',
        'Only the organiser or a participant of this meeting can change it.',
        "Seuls l'organisateur et les participants de cette réunion peuvent la modifier.",
      ),
    };
  if (booking.status === 'cancelled')
    return {
      ok: false,
      result: fail(
        'already_cancelled',
        'This meeting was already cancelled.',
        'Cette réunion est déjà annulée.',
      ),
    };
  return { ok: true, loaded: { booking, locale, fail } };
}

/** DMs everyone of the booking but the actor, each in their language and time zone. */
async function notifyOthers(
  deps: ManageBookingDeps,
  booking: Booking,
  actorPersonId: string,
  text: (locale: Locale, timeZone: string, actorName: string) => string,
): Promise<{ notified: string[]; notNotified: string[] }> {
  const actor = await deps.store.people.get(booking.tenantId, actorPersonId);
  const actorName = actor?.displayName ?? '?';
  const people = [
    ...new Set([...(booking.organizerId ? [booking.organizerId] : []), ...booking.participantIds]),
  ];
  const notified: string[] = [];
  const notNotified: string[] = [];
  for (const personId of people) {
    if (personId === actorPersonId) continue;
    const prefs = await deps.store.preferences.get(booking.tenantId, personId);
    const sent = await deps.notifier.dm(booking.tenantId, personId, {
      text: text(toLocale(prefs?.locale), prefs?.timeZone ?? 'UTC', actorName),
    });
    (sent.ok ? notified : notNotified).push(personId);
  }
  return { notified, notNotified };
}

const quote = (title: string, locale: Locale) => (locale === 'fr' ? `« ${title} »` : `“${title}”`);

export async function cancelBooking(
  deps: ManageBookingDeps,
  input: CancelBookingInput,
): Promise<ManageBookingResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { booking, locale, fail } = loaded.loaded;
  const cancelled = await deps.store.bookings.cancel(input.tenantId, booking.id, {
    withdrawJobs: jobKeyPrefixOfBooking(REMINDER_JOB, booking.id),
    jobs: (b) => deleteJobs(b, input.now),
  });
  if (!cancelled)
    return fail(
      'already_cancelled',
      'This meeting was already cancelled.',
      'Cette réunion est déjà annulée.',
    );
  const { notified, notNotified } = await notifyOthers(deps, booking, input.actorPersonId, (l, zone, who) =>
    l === 'fr'
      ? `${who} a annulé ${quote(booking.title, l)} (${slotLabel(booking.start, booking.end, zone, l)}). L'événement est retiré de votre agenda.`
      : `${who} cancelled ${quote(booking.title, l)} (${slotLabel(booking.start, booking.end, zone, l)}). The event is being removed from your calendar.`,
  );
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const when = slotLabel(booking.start, booking.end, actorZone, locale);
  return {
    ok: true,
    view: {
      kind: 'cancelled',
      locale,
      bookingId: booking.id,
      title: booking.title,
      start: booking.start,
      end: booking.end,
      headline:
        locale === 'fr'
          ? `Annulé : ${quote(booking.title, locale)}, ${when}.`
          : `Cancelled: ${quote(booking.title, locale)}, ${when}.`,
      notified,
      notNotified,
    },
  };
}

export async function rescheduleBooking(
  deps: ManageBookingDeps,
  input: RescheduleBookingInput,
): Promise<ManageBookingResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { booking, locale, fail } = loaded.loaded;
  const duration = booking.end - booking.start;
  const range: Interval = { start: input.newStart, end: input.newStart + duration };
  if (!Number.isFinite(input.newStart) || input.newStart < input.now)
    return fail(
      'invalid_time',
      'The new time must be in the future.',
      'Le nouvel horaire doit être dans le futur.',
    );
  if (input.newStart === booking.start)
    return fail('invalid_time', 'The meeting is already at that time.', 'La réunion est déjà à cet horaire.');

  const people = booking.participantIds;
  const slotTaken = (busy: readonly string[]) =>
    fail(
      'slot_taken',
      'That time is not free for everyone: pick another one.',
      "Cet horaire n'est pas libre pour tout le monde : choisissez-en un autre.",
      busy,
    );
  // Live re-check. The meeting's own current time is not an obstacle (its calendar events are there).
  const own: Interval[] = [{ start: booking.start, end: booking.end }];
  if (deps.busy) {
    const read = await deps.busy.busyFor(input.tenantId, people, range, { fresh: true });
    const busy = read.people
      .filter((p) =>
        subtract(normalize([...p.busy]), own).some((b) => b.start < range.end && b.end > range.start),
      )
      .map((p) => p.personId);
    if (busy.length > 0) return slotTaken(busy.sort());
  }
  const leads = await reminderLeads(deps.reminders, input.tenantId, people);
  const moved = await deps.store.bookings.reschedule({
    tenantId: input.tenantId,
    bookingId: booking.id,
    start: range.start,
    end: range.end,
    withdrawJobs: jobKeyPrefixOfBooking(REMINDER_JOB, booking.id),
    jobs: (b) => [...updateJobs(b, input.now), ...reminderJobs(b, leads, input.now)],
  });
  if (!moved.ok) {
    if (moved.reason === 'conflict') return slotTaken(moved.people);
    if (moved.reason === 'cancelled')
      return fail(
        'already_cancelled',
        'This meeting was already cancelled.',
        'Cette réunion est déjà annulée.',
      );
    if (moved.reason === 'not_found')
      return fail('unknown_booking', 'This meeting no longer exists.', "Cette réunion n'existe plus.");
    return fail('invalid_time', 'That time is not valid.', "Cet horaire n'est pas valide.");
  }
  const after = moved.booking;
  const { notified, notNotified } = await notifyOthers(deps, after, input.actorPersonId, (l, zone, who) =>
    l === 'fr'
      ? `${who} a déplacé ${quote(after.title, l)} : ${slotLabel(after.start, after.end, zone, l)} (au lieu de ${slotLabel(booking.start, booking.end, zone, l)}). Votre agenda est mis à jour.`
      : `${who} moved ${quote(after.title, l)} to ${slotLabel(after.start, after.end, zone, l)} (was ${slotLabel(booking.start, booking.end, zone, l)}). Your calendar is being updated.`,
  );
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const when = slotLabel(after.start, after.end, actorZone, locale);
  return {
    ok: true,
    view: {
      kind: 'rescheduled',
      locale,
      bookingId: after.id,
      title: after.title,
      start: after.start,
      end: after.end,
      headline:
        locale === 'fr'
          ? `Déplacé : ${quote(after.title, locale)}, ${when}.`
          : `Moved: ${quote(after.title, locale)} to ${when}.`,
      notified,
      notNotified,
    },
  };
}
