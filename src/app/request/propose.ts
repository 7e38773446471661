/**
 * Propose: a resolved request (from the text or a stored one) → busy time → availability → ranking →
 * the request and its proposal persisted (round-robin picks saved) → the view. Expected outcomes (too
 * many people, bad settings, no slot) are values with a message in the request's language.
 */
import type { Interval } from '../../core/interval.ts';
import { MAX_ROTATION_TURNS, rotationRefusal } from '../../core/series-rotation.ts';
import { list, msg, t } from '../i18n/index.ts';
import type { Team } from '../ports/store.ts';
import { pickForSlots, teamContext } from '../rotations.ts';
import { durationLabel, rangeLabel } from '../views.ts';
import { gapViews, readBusy } from './busy.ts';
import type { RankedSlot } from './rank.ts';
import { explainNoSlot, rankSlots, searchSlots } from './rank.ts';
import { loadMembers } from './resolve.ts';
import {
  MAX_SERIES_CANDIDATES,
  planSeries,
  rankOverSeries,
  seriesCutNote,
  seriesSlotView,
} from './series.ts';
import type {
  Member,
  RequestMeetingDeps,
  RequestMeetingInput,
  RequestMeetingResult,
  ResolvedRequest,
} from './types.ts';
import { fail, MAX_PROPOSALS, maxParticipantsOf } from './types.ts';
import { buildHeatmap, headline, participantViews, slotViews, understoodLine, withNames } from './view.ts';

/** Busy time → availability → ranking → persisted request and proposal → view. */
export async function proposeMeeting(
  deps: RequestMeetingDeps,
  input: Omit<RequestMeetingInput, 'text' | 'requesterPersonId'>,
  request: ResolvedRequest,
): Promise<RequestMeetingResult> {
  const { locale, team } = request;
  const { tenantId } = input;
  const invited = request.people.filter((p) => !p.requester).length;
  const maxParticipants = maxParticipantsOf(deps.limits);
  if (invited > maxParticipants)
    return fail(
      locale,
      'too_many_participants',
      msg('request.tooManyParticipants', { count: invited, max: maxParticipants }),
    );
  const requester = request.people.find((p) => p.requester)!.person;
  const roundRobin = team !== null && team.mode === 'round_robin';
  const members = await loadMembers(deps.store, tenantId, request.people, input.zone);

  // The window never starts in the past.
  const window: Interval = { start: Math.max(request.window.start, input.now), end: request.window.end };
  const durationMinutes = request.durationMinutes;
  const ids = members.map((m) => m.person.id);
  // A series: busy time is read once, over the first occurrence's window and the series' horizon.
  const series = request.recurrence
    ? planSeries({
        rule: request.recurrence,
        zone: request.window.zone,
        window,
        durationMinutes,
        now: input.now,
        limits: deps.limits,
      })
    : null;
  const {
    busyById,
    incomplete,
    gaps: read,
  } = await readBusy(deps, tenantId, ids, series?.readRange ?? window);
  const gaps = gapViews(read, members, locale);

  const search = searchSlots({
    members,
    busyById,
    window,
    durationMinutes,
    slotIntervalMinutes: deps.slotIntervalMinutes ?? 30,
    zone: input.zone,
    now: input.now,
    roundRobin,
    constraints: request.constraints,
    constraintZone: request.window.zone,
    excluded: request.excluded ?? [],
  });
  if (!search.ok)
    return fail(
      locale,
      'invalid_settings',
      search.who
        ? msg('request.invalidSettingsOf', { name: search.who, error: search.error })
        : msg('request.invalidSettings', { error: search.error }),
    );
  const heatmap = buildHeatmap(members, busyById, window, input.zone, locale);
  const names = withNames(members, roundRobin ? team : null, locale);

  if (search.slots.length === 0) {
    // The requester comes first.
    const others = names.slice(1);
    const when = rangeLabel(window.start, window.end, input.zone, locale);
    // Who is actually busy, and the closest change that would give a time (a few bounded re-runs).
    const why = await explainNoSlot({
      members,
      participants: search.participants,
      window,
      durationMinutes,
      run: search.run,
      zone: input.zone,
      locale,
    });
    const duration = durationLabel(durationMinutes, locale);
    return fail(
      locale,
      'no_slot',
      others.length === 0
        ? msg('request.noSlot', { duration, when, why })
        : msg('request.noSlotWith', { duration, names: list(locale, others), when, why }),
      { heatmap, gaps },
    );
  }

  const count = Math.min(deps.proposalCount ?? 5, MAX_PROPOSALS);
  const candidates = series
    ? rankSlots(search, window, input.zone, Math.min(MAX_SERIES_CANDIDATES, search.slots.length))
    : [];
  // A round-robin team taking turns per occurrence (`/meet team series <team> rotate`): the members in turn
  // order, when the series splits into turns for every candidate (../series-turns.ts); else one member.
  const rotating = series !== null && roundRobin && team.seriesRotation === 'rotate';
  const refusal = rotating
    ? (candidates.map((c) => rotationRefusal(series.rule, c.start, series.zone)).find((r) => r !== null) ??
      null)
    : null;
  const turnsOf =
    rotating && refusal === null ? await turnOrder(deps, tenantId, team, members, input.now) : null;
  // A series: the core's best candidates, checked over every occurrence and ranked by how many are free.
  const checked = series
    ? rankOverSeries({
        plan: series,
        pool: candidates,
        members,
        busyById,
        durationMinutes,
        roundRobin,
        count,
        ...(turnsOf ? { turnsOf } : {}),
      })
    : null;
  const ranked = checked ? checked.ranked : rankSlots(search, window, input.zone, count);

  const { title } = request;
  const { meeting, proposal, picks } = await saveProposal(deps, input, request, {
    requesterId: requester.id,
    members,
    window,
    ranked,
    roundRobinTeam: roundRobin ? team : null,
    turnsOf,
  });

  const nameOf = (id: string) => members.find((m) => m.person.id === id)?.name ?? '?';
  const slots = slotViews({
    ranked,
    members,
    zone: input.zone,
    locale,
    roundRobin,
    team,
    picks,
  }).map((slot) => {
    const candidate = checked?.byStart.get(slot.start);
    return series && candidate
      ? {
          ...slot,
          series: seriesSlotView({ slot, candidate, plan: series, nameOf, zone: input.zone, locale }),
        }
      : slot;
  });
  const cut = series
    ? seriesCutNote(series, Math.max(0, ...slots.map((s) => s.series?.occurrences ?? 0)), locale)
    : null;
  // A round-robin team set to take turns per occurrence: who takes turns in which order, or why one member
  // hosts the whole series (a rule that does not split into turns, fewer than two members).
  const firstTurns = ranked[0] && turnsOf ? turnsOf(ranked[0]) : [];
  const rotation =
    !rotating || !ranked[0]
      ? null
      : firstTurns.length >= 2
        ? t(locale, 'request.series.rotationTurns', {
            team: team.name,
            names: list(locale, firstTurns.map(nameOf)),
          })
        : t(locale, 'request.series.rotationFixed', { team: team.name, reason: refusal ?? 'members' });
  const notes = [...request.notes, ...(cut ? [cut] : []), ...(rotation ? [rotation] : [])];
  return {
    ok: true,
    view: {
      kind: 'proposals',
      locale,
      requestId: meeting.id,
      proposalId: proposal.id,
      title,
      durationMinutes,
      window: {
        start: window.start,
        end: window.end,
        label: rangeLabel(window.start, window.end, input.zone, locale),
      },
      timeZone: input.zone,
      headline: headline(slots.length, title, durationMinutes, names, locale),
      understood: understoodLine(request, window, durationMinutes, locale),
      participants: participantViews(members, incomplete),
      slots,
      gaps,
      notes,
      heatmap,
    },
  };
}

/**
 * The request (new, or the stored one for "more times") and its proposal persisted; round-robin: the
 * member each slot would book, chosen and stored for the booking.
 */
async function saveProposal(
  deps: RequestMeetingDeps,
  input: Omit<RequestMeetingInput, 'text' | 'requesterPersonId'>,
  request: ResolvedRequest,
  found: {
    readonly requesterId: string;
    readonly members: readonly Member[];
    readonly window: Interval;
    readonly ranked: readonly RankedSlot[];
    readonly roundRobinTeam: Team | null;
    /** Members taking turns per occurrence, in turn order, per slot (null: one member per slot). */
    readonly turnsOf: ((slot: RankedSlot) => readonly string[]) | null;
  },
) {
  const { tenantId } = input;
  const { members, window, ranked, roundRobinTeam: team } = found;
  const meeting = request.existingRequestId
    ? await deps.store.requests.get(tenantId, request.existingRequestId)
    : await deps.store.requests.create({
        tenantId,
        workspaceId: input.workspaceId,
        requesterId: found.requesterId,
        title: request.title,
        durationMinutes: request.durationMinutes,
        window,
        // Round-robin: the whole pool is listed (any member may pick the time); the booking books only the
        // slot's pick (`bookingPeople` in ../rotations.ts).
        participants: members
          .filter((m) => !m.requester)
          .map((m) => ({ personId: m.person.id, ...(m.optional ? { optional: true } : {}) })),
        message: input.message ?? { channelId: '', messageId: null },
        criteria: {
          zone: request.window.zone,
          constraints: request.constraints,
          excluded: request.excluded ?? [],
          ...(request.recurrence ? { recurrence: request.recurrence } : {}),
        },
      });
  if (!meeting) throw new Error('requestMeeting: the workspace or a participant is not part of the tenant');
  const proposal = await deps.store.requests.propose(tenantId, meeting.id, {
    slots: ranked.map((p) => ({ start: p.start, end: p.end, score: p.score })),
    expiresAt: window.end,
  });
  if (!proposal) throw new Error(`requestMeeting: the request ${meeting.id} vanished while proposing`);
  if (!team || !deps.rotations) return { meeting, proposal, picks: [] };

  const poolIds = new Set(members.filter((m) => m.pool).map((m) => m.person.id));
  // Taking turns: a slot's series starts with the first member in its turn order (free on their turns).
  const turns = ranked.map((p) => found.turnsOf?.(p) ?? []);
  const picks = pickForSlots(
    await teamContext({ rotations: deps.rotations, people: deps.store.people }, tenantId, team, input.now),
    input.now,
    ranked.map((p, i) => ({
      available:
        turns[i]!.length >= 2
          ? turns[i]!.slice(0, 1)
          : p.available.map(String).filter((id) => poolIds.has(id)),
    })),
  );
  await deps.rotations.savePicks(
    tenantId,
    proposal.id,
    picks.flatMap((pick, i) =>
      pick.ok
        ? [
            {
              slotRank: i + 1,
              rotationId: team.id,
              personId: pick.memberId,
              code: pick.reason.code,
              explanation: pick.explanation,
              ...(turns[i]!.length >= 2 ? { turns: turns[i] } : {}),
            },
          ]
        : [],
    ),
  );
  return { meeting, proposal, picks };
}

/**
 * A slot's members taking turns, in turn order: the team's pool members in the team's order, starting with
 * the one fairness picks among those free at the slot (so the first occurrence goes where a single booking
 * would). Null when fewer than two (or more than `MAX_ROTATION_TURNS`) members can take turns.
 */
async function turnOrder(
  deps: RequestMeetingDeps,
  tenantId: string,
  team: Team,
  members: readonly Member[],
  now: number,
): Promise<((slot: RankedSlot) => readonly string[]) | null> {
  if (!deps.rotations) return null;
  const pool = new Set(members.filter((m) => m.pool && !m.optional).map((m) => m.person.id));
  const order = team.members.filter((m) => m.active && pool.has(m.personId)).map((m) => m.personId);
  if (order.length < 2 || order.length > MAX_ROTATION_TURNS) return null;
  const context = await teamContext(
    { rotations: deps.rotations, people: deps.store.people },
    tenantId,
    team,
    now,
  );
  const memo = new Map<string, readonly string[]>();
  return (slot) => {
    const free = order.filter((id) => slot.available.map(String).includes(id));
    const key = free.join(',');
    const known = memo.get(key);
    if (known) return known;
    const [lead] = pickForSlots(context, now, [{ available: free.length > 0 ? free : order }]);
    const first = lead?.ok ? Math.max(0, order.indexOf(lead.memberId)) : 0;
    const turns = [...order.slice(first), ...order.slice(0, first)];
    memo.set(key, turns);
    return turns;
  };
}
