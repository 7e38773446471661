/**
 * View: the ranked slots become the platform-neutral `ProposalView` (labels in each person's zone, a
 * reason per slot, a headline, what was understood, a heat-map), worded in the request's language from
 * the `request` catalogue.
 */
import { DateTime } from 'luxon';
import type { Interval } from '../../core/interval.ts';
import { HOUR } from '../../core/interval.ts';
import { overlapping, subtract } from '../../core/intervals.ts';
import type { MeetingRequest } from '../../core/parse/index.ts';
import type { MemberChoice, NoMemberAvailable } from '../../core/rotation.ts';
import { compileWorkingHours, expandWorkingHours } from '../../core/working-hours.ts';
import { createZoneCache, toWall } from '../../core/zone-offsets.ts';
import { list, t } from '../i18n/index.ts';
import { explanationText } from '../teams/explanation.ts';
import type { HeatCell, HeatmapView, Locale, ParticipantView, SlotView } from '../views.ts';
import { dayLabel, durationLabel, rangeLabel, slotLabel, zoneCity } from '../views.ts';
import type { RankedSlot } from './rank.ts';
import type { Member } from './types.ts';

/** The heat-map covers at most this many hour columns (two weeks). */
const MAX_HEAT_COLUMNS = 14 * 24;

/** A slot's reason: "all 3 free" / "2 of 3 free", ", outside core hours for Li", ", Ana optional, busy". */
export function slotReason(args: {
  free: number;
  total: number;
  outside: readonly string[];
  optionalBusy: readonly string[];
  locale: Locale;
}): string {
  const { free, total, outside, optionalBusy, locale } = args;
  const base =
    free < total
      ? t(locale, 'request.slot.someFree', { free, total })
      : t(locale, 'request.slot.free', { total });
  return base + outsideText(outside, locale) + optionalBusyText(optionalBusy, locale);
}

/** ", outside core hours for Li" (nothing when everyone is within their hours). */
export function outsideText(outside: readonly string[], locale: Locale): string {
  if (outside.length === 0) return '';
  return t(locale, 'request.slot.outside', { names: list(locale, outside) });
}

/** ", Ana optional, busy" / ", Ana (facultatif) occupé" — who would miss a slot they are optional for. */
export function optionalBusyText(names: readonly string[], locale: Locale): string {
  if (names.length === 0) return '';
  return t(locale, 'request.slot.optionalBusy', { names: list(locale, names), count: names.length });
}

/** The people the meeting is with, for the headline: round-robin shows the team, not its pool. */
export function withNames(
  members: readonly Pick<Member, 'name' | 'pool'>[],
  roundRobinTeam: { name: string } | null,
  locale: Locale,
): string[] {
  return roundRobinTeam
    ? [
        ...members.filter((m) => !m.pool).map((m) => m.name),
        t(locale, 'request.roundRobinTeam', { team: roundRobinTeam.name }),
      ]
    : members.map((m) => m.name);
}

/** "3 proposals for “Sync” (30 min) with Ana and Li". */
export function headline(
  count: number,
  title: string,
  durationMinutes: number,
  names: readonly string[],
  locale: Locale,
): string {
  return t(locale, 'request.headline', {
    count,
    title,
    duration: durationLabel(durationMinutes, locale),
    names: list(locale, names),
  });
}

/** One view per ranked slot: labels in each shown person's zone, the reason, and the round-robin pick. */
export function slotViews(args: {
  ranked: readonly RankedSlot[];
  members: readonly Member[];
  zone: string;
  locale: Locale;
  roundRobin: boolean;
  team: { name: string } | null;
  picks: readonly (MemberChoice | NoMemberAvailable)[];
}): SlotView[] {
  const { ranked, members, zone, locale, roundRobin, team, picks } = args;
  const nameOf = new Map(members.map((m) => [m.person.id, m.name] as const));
  return ranked.map((p, i) => {
    const id = String(i + 1);
    const pick = picks[i];
    const assignee = pick?.ok ? members.find((m) => m.person.id === pick.memberId) : undefined;
    const shown = roundRobin ? members.filter((m) => !m.pool || m === assignee) : members;
    const outside = p.outsideCoreHours
      .filter((pid) => shown.some((m) => m.person.id === String(pid)))
      .map((pid) => nameOf.get(String(pid)) ?? String(pid));
    return {
      id,
      rank: i + 1,
      start: p.start,
      end: p.end,
      label: slotLabel(p.start, p.end, zone, locale),
      labels: shown.map((m) => ({
        personId: m.person.id,
        name: m.name,
        timeZone: m.timeZone,
        text: slotLabel(p.start, p.end, m.timeZone, locale),
      })),
      reason:
        pick?.ok && assignee
          ? `${explanationText(locale, pick.explanation)}${outsideText(outside, locale)}`
          : slotReason({
              free: p.reason.free,
              total: p.reason.total,
              outside,
              optionalBusy: members
                .filter((m) => m.optional && !p.available.includes(m.person.id))
                .map((m) => m.name),
              locale,
            }),
      free: p.reason.free,
      total: p.reason.total,
      ...(pick?.ok && assignee && team
        ? {
            assignee: {
              personId: assignee.person.id,
              name: assignee.name,
              team: team.name,
              explanation: explanationText(locale, pick.explanation),
            },
          }
        : {}),
    };
  });
}

export function participantViews(
  members: readonly Member[],
  incomplete: ReadonlySet<string>,
): ParticipantView[] {
  return members.map((m) => ({
    personId: m.person.id,
    name: m.name,
    timeZone: m.timeZone,
    // Round-robin pool members are not all needed (one of them hosts each slot); optional people never are.
    optional: m.pool || m.optional,
    requester: m.requester,
    complete: !incomplete.has(m.person.id),
  }));
}

/** "30 min · Tue 1 – Thu 3 Dec · 13:00–17:00 · except Wed 2 Dec · New York time". */
export function understoodLine(
  request: Pick<MeetingRequest, 'constraints' | 'excluded'> & { readonly window: { readonly zone: string } },
  window: Interval,
  durationMinutes: number,
  locale: Locale,
): string {
  const zone = request.window.zone;
  const parts = [durationLabel(durationMinutes, locale), rangeLabel(window.start, window.end, zone, locale)];
  for (const c of request.constraints) {
    const ranges = (c.anyOf ?? [c]).map((r) => `${r.start}–${r.end}`);
    parts.push(list(locale, ranges, 'disjunction'));
  }
  const excluded = request.excluded ?? [];
  if (excluded.length > 0) {
    const days = [...new Set(excluded.map((e) => dayLabel(e.start, zone, locale)))];
    const shown = days.length > 3 ? [...days.slice(0, 3), '…'] : days;
    parts.push(t(locale, 'request.understood.except', { days: shown.join(', ') }));
  }
  parts.push(t(locale, 'request.understood.zone', { city: zoneCity(zone) }));
  return parts.join(' · ');
}

/** People × hours of the window, in the requester's zone. */
export function buildHeatmap(
  members: readonly Pick<Member, 'person' | 'name' | 'timeZone' | 'workingHours'>[],
  busyById: ReadonlyMap<string, readonly Interval[]>,
  window: Interval,
  zone: string,
  locale: Locale,
): HeatmapView {
  // Columns are whole hours from the local hour containing the window's start (+1 h each: hours are
  // elapsed time, as Luxon's plus({ hours: 1 })). Local dates and hours come from the zone's offset table,
  // and each day's label is formatted once, not once per column.
  const first = DateTime.fromMillis(window.start, { zone }).startOf('hour').toMillis();
  const count = Math.max(0, Math.min(MAX_HEAT_COLUMNS, Math.ceil((window.end - first) / HOUR)));
  const zones = createZoneCache({ start: first - 2 * HOUR * 24, end: first + (count + 48) * HOUR });
  const requesterZone = zones.get(zone);
  const labels = new Map<string, string>();
  const columns: { start: number; day: string; dayLabel: string; hour: number }[] = [];
  for (let i = 0; i < count; i++) {
    const start = first + i * HOUR;
    const wall = new Date(toWall(requesterZone, start));
    const day = wall.toISOString().slice(0, 10);
    let label = labels.get(day);
    if (label === undefined) {
      label = dayLabel(start, zone, locale);
      labels.set(day, label);
    }
    columns.push({ start, day, dayLabel: label, hour: wall.getUTCHours() });
  }
  const range: Interval = {
    start: columns[0]?.start ?? window.start,
    end: (columns[columns.length - 1]?.start ?? window.start) + HOUR,
  };
  const freeCount = columns.map(() => 0);
  const rows = members.map((m) => {
    const compiled = compileWorkingHours(m.workingHours.rules, m.workingHours.overrides);
    const work = compiled.ok ? expandWorkingHours(compiled.value, zones.get(m.timeZone), range) : [];
    const busy = busyById.get(m.person.id) ?? [];
    const cells: HeatCell[] = columns.map((c, i) => {
      const cell: Interval = { start: c.start, end: c.start + HOUR };
      if (overlapping(busy, [cell], 0, 0).length > 0) return 'busy';
      if (subtract([cell], work).length === 0) {
        freeCount[i] = (freeCount[i] ?? 0) + 1;
        return 'free';
      }
      return 'off';
    });
    return { personId: m.person.id, name: m.name, cells };
  });
  return {
    timeZone: zone,
    stepMinutes: 60,
    columns: columns.map(({ start, day, dayLabel, hour }) => ({ start, day, dayLabel, hour })),
    rows,
    freeCount,
  };
}
