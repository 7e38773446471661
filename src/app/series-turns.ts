/**
 * A round-robin team taking turns per occurrence (issue #22, `/meet team series <team> rotate`), for the use
 * cases: the turns of one booked series (`planTurns`: member i hosts occurrences i, i + N, i + 2N, …, each
 * turn a native recurring series of its own, ../core/series-rotation.ts), who hosts occurrence k
 * (`hostOf`), a person's own event draft (`turnEvent`: their turn's first start and rule), whether a
 * person attends occurrence k (`attends`: the organiser and fixed participants attend every one), the
 * search participants' turns (`turnOfPerson`) and the confirmation's line ("Ana on Tue 1 and Tue 15 Dec;
 * Li on Tue 8 and Tue 22 Dec") through the `booking` catalogue domain.
 *
 * Turn order: the members in the order given (the caller passes the team's active members, in the team's
 * order). A rule that does not split, or fewer than two members: no plan (one member hosts the series).
 */
import { expandSeries, type SeriesRule, turnOf } from '../core/series.ts';
import { type RotationSplitRefusal, type SeriesTurn, splitSeriesByTurn } from '../core/series-rotation.ts';
import { list, t } from './i18n/index.ts';
import type { EventRecurrence } from './ports/provider.ts';
import type { Booking, SeriesTurns } from './ports/store.ts';
import { eventRecurrence, MAX_NAMED_DATES, MAX_REMINDED_OCCURRENCES } from './series.ts';
import { dayLabel, type Locale } from './views.ts';

/** The turns of one series: `hosts[i]` hosts turn i (occurrences i, i + N, …). */
export interface TurnPlan {
  /** The series' zone (occurrences keep their wall-clock time in it). */
  readonly zone: string;
  /**
   * Member person ids, one per turn with occurrences (a COUNT smaller than the team drops the last turns);
   * `''` for a turn nobody booked holds.
   */
  readonly hosts: readonly string[];
  /** The team size the turns repeat over (occurrence k is turn k mod `of`). */
  readonly of: number;
  readonly turns: readonly SeriesTurn[];
}

export type TurnPlanning =
  | { readonly ok: true; readonly plan: TurnPlan }
  | { readonly ok: false; readonly code: RotationSplitRefusal };

/** The turns of the series first starting at `first`, over `members` (distinct person ids, in turn order). */
export function planTurns(
  rule: SeriesRule,
  first: number,
  zone: string,
  members: readonly string[],
): TurnPlanning {
  const ids = [...new Set(members)];
  return build(rule, first, zone, ids.length, (turn) => ids[turn]);
}

/** The turns of a booked series (`Booking.turns`), or null when nobody takes turns or the rule no longer splits. */
export function bookedTurns(
  series: { readonly rule: SeriesRule; readonly zone: string } | null,
  booking: Pick<Booking, 'start' | 'turns'>,
): TurnPlan | null {
  if (!series || !booking.turns) return null;
  const byTurn = new Map(Object.entries(booking.turns.byPerson).map(([id, turn]) => [turn, id] as const));
  const planned = build(series.rule, booking.start, series.zone, booking.turns.of, (turn) =>
    byTurn.get(turn),
  );
  return planned.ok ? planned.plan : null;
}

function build(
  rule: SeriesRule,
  first: number,
  zone: string,
  of: number,
  hostAt: (turn: number) => string | undefined,
): TurnPlanning {
  const split = splitSeriesByTurn(rule, first, zone, of);
  if (!split.ok) return split;
  return {
    ok: true,
    plan: { zone, of, hosts: split.turns.map((turn) => hostAt(turn.turn) ?? ''), turns: split.turns },
  };
}

/** The turns to store with a booking (`BookSlotInput.turns`): the plan's hosts among `booked`. */
export function seriesTurns(plan: TurnPlan, booked: readonly string[]): SeriesTurns {
  const byPerson: Record<string, number> = {};
  plan.hosts.forEach((id, turn) => {
    if (id !== '' && booked.includes(id)) byPerson[id] = turn;
  });
  return { of: plan.of, byPerson };
}

/**
 * What each member's booking row holds (`BookSlotInput.holds`): their OWN first occurrence, for the members
 * among `booked` whose turn does not start at the series' first occurrence `first` (the others hold it).
 */
export function turnHolds(
  plan: TurnPlan,
  booked: readonly string[],
  first: number,
  durationMs: number,
): Record<string, { start: number; end: number }> {
  const holds: Record<string, { start: number; end: number }> = {};
  for (const id of booked) {
    const own = turnEvent(plan, id, durationMs);
    if (own && own.start !== first) holds[id] = { start: own.start, end: own.end };
  }
  return holds;
}

/** The person hosting occurrence `index` (0 = the first). */
export function hostOf(plan: TurnPlan, index: number): string | undefined {
  return plan.hosts[turnOf(index, plan.of)] || undefined;
}

/** The person's turn, or null for the organiser and fixed participants (they attend every occurrence). */
export function turnOfPerson(plan: TurnPlan, personId: string): { turn: number; of: number } | null {
  const turn = personId === '' ? -1 : plan.hosts.indexOf(personId);
  return turn < 0 ? null : { turn, of: plan.of };
}

/** Whether the person attends occurrence `index`: every one unless it is a member's, then their turns only. */
export function attends(plan: TurnPlan, personId: string, index: number): boolean {
  const own = turnOfPerson(plan, personId);
  return own === null || turnOf(index, own.of) === own.turn;
}

/**
 * The event a member's calendar gets: ONE recurring event for their turn (its first start, its rule). Null
 * for a person without a turn (they get the whole series' event).
 */
export function turnEvent(
  plan: TurnPlan,
  personId: string,
  durationMs: number,
): { start: number; end: number; recurrence: EventRecurrence } | null {
  const own = turnOfPerson(plan, personId);
  const turn = own ? plan.turns[own.turn] : undefined;
  if (!turn) return null;
  return {
    start: turn.first,
    end: turn.first + durationMs,
    recurrence: eventRecurrence(turn.rule, plan.zone),
  };
}

/** The starts of a member's own occurrences (at most `max`). */
export function turnStarts(plan: TurnPlan, personId: string, max = MAX_REMINDED_OCCURRENCES): number[] {
  const own = turnOfPerson(plan, personId);
  const turn = own ? plan.turns[own.turn] : undefined;
  return turn ? expandSeries(turn.rule, turn.first, plan.zone, max).starts : [];
}

/**
 * "Turns: Ana on Tue 1 Dec and Tue 15 Dec; Li on Tue 8 Dec and Tue 22 Dec": each member's first dates (at
 * most `MAX_NAMED_DATES`, then "and N more"), said in `zone`.
 */
export function turnsLine(
  plan: TurnPlan,
  nameOf: (personId: string) => string,
  zone: string,
  locale: Locale,
): string {
  const parts = plan.hosts
    .filter((id) => id !== '')
    .map((id) => {
      const starts = turnStarts(plan, id, MAX_NAMED_DATES + 1);
      const shown = starts.slice(0, MAX_NAMED_DATES).map((s) => dayLabel(s, zone, locale));
      const count = plan.turns[plan.hosts.indexOf(id)]?.rule.count;
      // More dates: how many when the series has a COUNT; "and so on" otherwise.
      const more =
        starts.length <= MAX_NAMED_DATES
          ? []
          : count !== undefined
            ? [t(locale, 'booking.turns.moreDates', { count: count - shown.length })]
            : [t(locale, 'booking.turns.onwards')];
      return t(locale, 'booking.turns.member', {
        name: nameOf(id),
        dates: list(locale, [...shown, ...more]),
      });
    });
  return t(locale, 'booking.turns.line', { turns: parts.join(t(locale, 'booking.turns.separator')) });
}
