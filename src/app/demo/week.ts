/**
 * A person's week as the playground draws it: busy blocks from their calendars (never titles), their
 * Convene meetings (title shown only to a viewer who attends), and their working hours, laid out per
 * local day in the person's own zone.
 */
import { DateTime } from 'luxon';
import type { Interval } from '../../core/interval.ts';
import { compileWorkingHours, expandWorkingHours } from '../../core/working-hours.ts';
import { createZoneCache } from '../../core/zone-offsets.ts';
import { t } from '../i18n/index.ts';
import type { BusyReader } from '../ports/calendars.ts';
import type { Repositories } from '../ports/store.ts';
import type { Locale } from '../views.ts';
import { intlTag, slotLabel, zoneCity } from '../views.ts';
import type { DemoPerson } from './seed.ts';

export interface WeekBlock {
  /** 0 = Monday … 6 = Sunday of the week. */
  readonly day: number;
  /** Minutes after local midnight. */
  readonly startMinute: number;
  readonly endMinute: number;
  readonly kind: 'busy' | 'meeting' | 'working';
  /** Only for Convene meetings the viewer attends. */
  readonly title?: string;
  readonly bookingId?: string;
  /** Accessible description, e.g. "Busy, Tue 1 Dec, 09:30–10:00 (Paris time)". */
  readonly label: string;
}

export interface WeekView {
  readonly personId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly city: string;
  readonly days: readonly { readonly date: string; readonly label: string }[];
  readonly blocks: readonly WeekBlock[];
  /** False when the calendar could not be read (the grid then shows Convene meetings only). */
  readonly complete: boolean;
}

export async function personWeek(
  deps: { store: Pick<Repositories, 'bookings'>; busy: BusyReader },
  input: { tenantId: string; person: DemoPerson; viewerId: string; at: number; locale: Locale },
): Promise<WeekView> {
  const { person, locale } = input;
  const zone = person.timeZone;
  const loc = intlTag(locale);
  const monday = DateTime.fromMillis(input.at, { zone }).startOf('week');
  const range: Interval = { start: monday.toMillis(), end: monday.plus({ weeks: 1 }).toMillis() };
  const [read, bookings] = await Promise.all([
    deps.busy.busyFor(input.tenantId, [person.id], range),
    deps.store.bookings.listForPerson(input.tenantId, person.id, range),
  ]);
  const mine = read.people.find((p) => p.personId === person.id);
  const blocks: WeekBlock[] = [];
  const place = (iv: Interval, make: (day: number, s: number, e: number) => WeekBlock) => {
    for (let d = 0; d < 7; d++) {
      const dayStart = monday.plus({ days: d });
      const a = Math.max(iv.start, dayStart.toMillis());
      const b = Math.min(iv.end, dayStart.plus({ days: 1 }).toMillis());
      if (b <= a) continue;
      const s = DateTime.fromMillis(a, { zone });
      const e = DateTime.fromMillis(b, { zone });
      const endMinute = e.hasSame(s, 'day') ? e.hour * 60 + e.minute : 24 * 60;
      blocks.push(make(d, s.hour * 60 + s.minute, endMinute));
    }
  };
  const hours = compileWorkingHours(person.workingHours);
  if (hours.ok) {
    const zones = createZoneCache({ start: range.start - 86_400_000, end: range.end + 86_400_000 });
    for (const iv of expandWorkingHours(hours.value, zones.get(zone), range))
      place(iv, (day, startMinute, endMinute) => ({
        day,
        startMinute,
        endMinute,
        kind: 'working',
        label: t(locale, 'account.week.working', { when: slotLabel(iv.start, iv.end, zone, locale) }),
      }));
  }
  for (const iv of mine?.busy ?? [])
    place(iv, (day, startMinute, endMinute) => ({
      day,
      startMinute,
      endMinute,
      kind: 'busy',
      label: t(locale, 'account.week.busy', { when: slotLabel(iv.start, iv.end, zone, locale) }),
    }));
  for (const b of bookings) {
    const attends = b.participantIds.includes(input.viewerId) || b.organizerId === input.viewerId;
    place(b, (day, startMinute, endMinute) =>
      attends
        ? {
            day,
            startMinute,
            endMinute,
            kind: 'meeting',
            title: b.title,
            bookingId: b.id,
            label: `${b.title}, ${slotLabel(b.start, b.end, zone, locale)}`,
          }
        : {
            day,
            startMinute,
            endMinute,
            kind: 'busy',
            label: t(locale, 'account.week.busy', { when: slotLabel(b.start, b.end, zone, locale) }),
          },
    );
  }
  return {
    personId: person.id,
    name: person.name,
    timeZone: zone,
    city: zoneCity(zone),
    days: Array.from({ length: 7 }, (_, d) => {
      const day = monday.plus({ days: d }).setLocale(loc);
      return { date: day.toISODate() ?? '', label: day.toFormat('ccc d LLL') };
    }),
    blocks,
    complete: mine?.complete ?? false,
  };
}
