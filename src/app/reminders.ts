/**
 * Reminders: one `reminder.dm` job per participant (per participant and occurrence for a series booking,
 * up to `MAX_REMINDED_OCCURRENCES` of ./series.ts), due at `start - lead time`, enqueued in the same
 * transaction as the booking (and again, under new dedupe keys, when it is rescheduled: the old ones
 * are withdrawn in that transaction). The worker
 * of ./outbox.ts runs them: a job is claimed by exactly one replica (`FOR UPDATE SKIP LOCKED`), and
 * re-checks its booking before sending, so a cancelled or moved meeting sends nothing (its queued
 * reminders are also withdrawn in the cancel/reschedule transaction).
 *
 * Lead time: `ReminderSettings.leadMinutes(tenantId, personId)` when given and it answers a number
 * (0 = no reminder), else `DEFAULT_REMINDER_LEAD_MINUTES` (15). The message is rendered when it is
 * sent, in the person's stored language and time zone.
 */

import { turnOf } from '../core/series.ts';
import { t } from './i18n/index.ts';
import type { OutboxDeps } from './outbox.ts';
import type { Booking, EnqueueInput, Job } from './ports/store.ts';
import { type Locale, slotLabel, toLocale } from './views.ts';

export const REMINDER_JOB = 'reminder.dm';
export const DEFAULT_REMINDER_LEAD_MINUTES = 15;

/** Per-person reminder lead time, e.g. from a preferences column. Null: the default. */
export interface ReminderSettings {
  leadMinutes(tenantId: string, personId: string): Promise<number | null>;
}

export interface ReminderPayload {
  readonly bookingId: string;
  readonly personId: string;
  /** The meeting start the reminder was planned for: a moved meeting's old reminder is stale. */
  readonly start: number;
  /** A series: the start of the occurrence this reminder is for (absent: the booking's start). */
  readonly occurrence?: number;
}

/** Lead time (ms) per participant; 0 means no reminder. */
export async function reminderLeads(
  settings: ReminderSettings | undefined,
  tenantId: string,
  personIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of personIds) {
    const minutes = (await settings?.leadMinutes(tenantId, id)) ?? DEFAULT_REMINDER_LEAD_MINUTES;
    out.set(id, Math.max(0, minutes) * 60_000);
  }
  return out;
}

/**
 * The reminder jobs of a booking at its current start: none for a person with lead 0, none when the
 * reminder time has passed (`now`). The dedupe key includes the start, so a moved meeting gets new ones.
 */
export function reminderJobs(
  booking: Booking,
  leads: ReadonlyMap<string, number>,
  now: number,
  occurrences?: readonly number[],
): EnqueueInput[] {
  // A series: one reminder per occurrence (its starts, the booking's first); else the booking's start.
  const starts = occurrences && occurrences.length > 0 ? occurrences : [booking.start];
  const series = occurrences !== undefined && occurrences.length > 0;
  return booking.participantIds.flatMap((personId) => {
    const lead = leads.get(personId) ?? DEFAULT_REMINDER_LEAD_MINUTES * 60_000;
    if (lead <= 0) return [];
    // A member taking turns per occurrence (`booking.turns`): their own occurrences only.
    const turn = series ? booking.turns?.byPerson[personId] : undefined;
    const of = booking.turns?.of ?? 1;
    return starts.flatMap((at, index) => {
      if (turn !== undefined && turnOf(index, of) !== turn) return [];
      const runAt = at - lead;
      if (runAt < now) return [];
      return [
        {
          kind: REMINDER_JOB,
          tenantId: booking.tenantId,
          payload: {
            bookingId: booking.id,
            personId,
            start: booking.start,
            ...(series ? { occurrence: at } : {}),
          } satisfies ReminderPayload,
          runAt,
          maxAttempts: 3,
          // `now` too: a meeting moved away and back gets fresh reminders (the old ones were withdrawn).
          dedupeKey: `${REMINDER_JOB}:${booking.id}:${personId}:${booking.start}:${now}${series ? `:${at}` : ''}`,
        },
      ];
    });
  });
}

export function reminderText(
  booking: Booking,
  locale: Locale,
  timeZone: string,
  now: number,
  occurrence: number = booking.start,
): string {
  const end = occurrence + (booking.end - booking.start);
  const minutes = Math.max(1, Math.round((occurrence - now) / 60_000));
  const when = slotLabel(occurrence, end, timeZone, locale);
  return t(locale, 'reminders.dm', { title: booking.title, minutes, when });
}

type ReminderResult = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly error: string };

export async function runReminderJob(deps: OutboxDeps, job: Job, now: number): Promise<ReminderResult> {
  const p = job.payload as Partial<ReminderPayload> | null;
  if (!job.tenantId || !p || typeof p.bookingId !== 'string' || typeof p.personId !== 'string')
    return { kind: 'done' };
  const booking = await deps.store.bookings.get(job.tenantId, p.bookingId);
  // Cancelled, moved (a new reminder exists for the new start), or already started: nothing to send.
  const occurrence = typeof p.occurrence === 'number' ? p.occurrence : booking?.start;
  if (
    booking?.status !== 'booked' ||
    occurrence === undefined ||
    booking.start !== p.start ||
    now >= occurrence
  )
    return { kind: 'done' };
  if (!booking.participantIds.includes(p.personId)) return { kind: 'done' };
  const prefs = await deps.store.preferences.get(job.tenantId, p.personId);
  const text = reminderText(booking, toLocale(prefs?.locale), prefs?.timeZone ?? 'UTC', now, occurrence);
  const sent = await deps.notifier.dm(job.tenantId, p.personId, { text });
  return sent.ok ? { kind: 'done' } : { kind: 'retry', error: `dm failed: ${sent.code}` };
}
