/**
 * Busy: everyone's busy time over the window, from their calendars (the `BusyReader`, time-boxed per
 * provider) and from Convene's own bookings. A calendar that could not be read is a partial failure:
 * reported (`gaps`, and the person marked incomplete), never hidden; the search assumes them free.
 */
import type { Interval } from '../../core/interval.ts';
import { normalize } from '../../core/intervals.ts';
import type { Msg } from '../i18n/index.ts';
import { msg, render } from '../i18n/index.ts';
import type { BusyGap, BusyReader } from '../ports/calendars.ts';
import type { GapView, Locale } from '../views.ts';
import type { MeetingStore, Member } from './types.ts';

export interface BusyTime {
  /** Calendars and bookings merged, normalised, per person id. */
  readonly busyById: ReadonlyMap<string, readonly Interval[]>;
  /** People whose calendars were not all read. */
  readonly incomplete: ReadonlySet<string>;
  /** What could not be read, per person and reason. */
  readonly gaps: readonly BusyGap[];
}

export async function readBusy(
  deps: { readonly store: Pick<MeetingStore, 'bookings'>; readonly busy: BusyReader },
  tenantId: string,
  ids: readonly string[],
  window: Interval,
): Promise<BusyTime> {
  const bookings = deps.store.bookings;
  const [read, booked] = await Promise.all([
    deps.busy.busyFor(tenantId, ids, window),
    // Convene's own bookings: one read for everyone.
    bookings.busyForPeople(tenantId, ids, window),
  ]);
  const busyById = new Map<string, Interval[]>();
  for (const id of ids) {
    const fromCalendars = read.people.find((p) => p.personId === id)?.busy ?? [];
    const fromBookings = booked.get(id) ?? [];
    busyById.set(id, normalize([...fromCalendars, ...fromBookings]));
  }
  const incomplete = new Set(read.people.filter((p) => !p.complete).map((p) => p.personId));
  for (const gap of read.gaps) incomplete.add(gap.personId);
  return { busyById, incomplete, gaps: read.gaps };
}

/** What a gap means for the proposals, by its code. */
export function gapMessage(code: BusyGap['code'], name: string): Msg {
  if (code === 'not_linked') return msg('request.gap.notLinked', { name });
  if (code === 'reauth_required') return msg('request.gap.reauthRequired', { name });
  return msg('request.gap.unreadable', { name });
}

/** One view per person and reason (a person with two unreadable calendars is said once). */
export function gapViews(
  gaps: readonly BusyGap[],
  members: readonly Pick<Member, 'person' | 'name'>[],
  locale: Locale,
): GapView[] {
  const seen = new Set<string>();
  const out: GapView[] = [];
  for (const gap of gaps) {
    const key = `${gap.personId}:${gap.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = members.find((m) => m.person.id === gap.personId)?.name ?? '?';
    out.push({
      personId: gap.personId,
      name,
      code: gap.code,
      message: render(locale, gapMessage(gap.code, name)),
    });
  }
  return out;
}
