/**
 * Use case: a `/meet …` request becomes ranked proposals.
 *
 * parse → resolve participants (chat mentions by identity, plain `@name` through the directory) →
 * busy time (calendars through the `BusyReader`, plus the people's existing Convene bookings) →
 * working hours and zones from preferences (default 09:00–17:00 Monday–Friday in the person's zone;
 * a person without preferences is assumed to be in the organiser's zone) → core availability
 * (collective: everyone, the organiser included) → ranking → the request and its proposal persisted →
 * a platform-neutral `ProposalView`.
 *
 * Teams: `@<team name>` (a Convene team), a Slack user group or a Discord role bound to a team brings in
 * the team. Collective team: every active member is required. Round-robin team: a slot needs ONE active
 * member free (plus every individual participant); each proposal names the member it would book and
 * why (`src/core/rotation.ts`), and the picks are stored for the booking (`rotations.savePicks`).
 *
 * Expected outcomes (unparseable text, unknown people, no slot) are values with a message in the
 * request's language; only outages and bugs throw.
 */
import { DateTime } from 'luxon';
import type { Participant as CoreParticipant } from '../core/availability.ts';
import { computeAvailability } from '../core/availability.ts';
import type { Interval } from '../core/interval.ts';
import { HOUR, MINUTE } from '../core/interval.ts';
import { normalize, overlapping, subtract } from '../core/intervals.ts';
import type {
  MeetingRequest,
  ParseAnswers,
  ParseIssue,
  ParseQuestion,
  TimeOfDayConstraint,
} from '../core/parse/index.ts';
import { MAX_PARTICIPANTS, MAX_WINDOW_DAYS, parseRequest } from '../core/parse/index.ts';
import { rankProposals } from '../core/ranking.ts';
import { isActiveAt } from '../core/rotation.ts';
import type { WorkingHoursRule } from '../core/working-hours.ts';
import { compileWorkingHours, expandWorkingHours } from '../core/working-hours.ts';
import { createZoneCache, toWall } from '../core/zone-offsets.ts';
import type { BusyGap, BusyReader } from './ports/calendars.ts';
import type {
  MessageRef,
  PendingQuestionRepository,
  Person,
  Repositories,
  RotationRepository,
  Team,
  WorkingHoursData,
} from './ports/store.ts';
import { pickForSlots, teamContext } from './rotations.ts';
import type {
  GapView,
  HeatCell,
  HeatmapView,
  Locale,
  ParticipantView,
  ProposalView,
  SlotView,
} from './views.ts';
import { dayLabel, durationLabel, listNames, possessive, rangeLabel, slotLabel, zoneCity } from './views.ts';

/** Finds people by a plain `@name`: their chat handle or display name. */
export interface PeopleDirectory {
  /** People of the tenant whose handle or first name matches `name` (case- and accent-insensitive). */
  findByName(tenantId: string, name: string): Promise<readonly Person[]>;
}

export type MeetingStore = Pick<Repositories, 'people' | 'preferences' | 'requests' | 'bookings'>;

export interface RequestMeetingDeps {
  readonly store: MeetingStore;
  readonly busy: BusyReader;
  /** Resolves plain `@name` mentions; without it, only chat mentions (`<@U123>`) resolve. */
  readonly directory?: PeopleDirectory;
  /** Grid step of candidate starts. Default 30. */
  readonly slotIntervalMinutes?: number;
  /** How many proposals to offer. Default 5. */
  readonly proposalCount?: number;
  /** Teams: without it, `@team` names go to the directory and group mentions are refused. */
  readonly rotations?: Pick<RotationRepository, 'findTeam' | 'assignments' | 'savePicks'>;
  /** The work budget of one request (defaults: 90 days, 50 people). */
  readonly limits?: RequestLimits;
  /**
   * Questions: with it, a `needs_answer` request is kept (`error.pending`) so the surface can ask with
   * buttons and run it again with the answer (./answer-question.ts); without it, the answer is text only.
   */
  readonly questions?: Pick<PendingQuestionRepository, 'create'>;
}

/** Bounds on what one request may ask for, whatever the surface (`CONVENE_MAX_*`, src/config.ts). */
export interface RequestLimits {
  /** A window must end within this many days from today. Default 90. */
  readonly maxWindowDays?: number;
  /** Most people invited besides the organiser (mentions, and team members once expanded). Default 50. */
  readonly maxParticipants?: number;
}

/** Most proposals one answer may hold ("more times" adds 5 each time up to this). */
export const MAX_PROPOSALS = 40;

export function maxParticipantsOf(limits: RequestLimits | undefined): number {
  const n = limits?.maxParticipants;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : MAX_PARTICIPANTS;
}

export function maxWindowDaysOf(limits: RequestLimits | undefined): number {
  const n = limits?.maxWindowDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : MAX_WINDOW_DAYS;
}

export interface RequestMeetingInput {
  readonly tenantId: string;
  /** The workspace the request was typed in (chat mentions are resolved there). */
  readonly workspaceId: string;
  readonly requesterPersonId: string;
  readonly text: string;
  /** The clock, epoch ms. */
  readonly now: number;
  /** The requester's IANA zone. */
  readonly zone: string;
  /** Forces the language; detected from the text otherwise. */
  readonly locale?: Locale;
  /**
   * The requester's chosen language (their preference, else the platform's locale): every answer is in
   * it. Without it, answers follow the request's language.
   */
  readonly replyLocale?: Locale;
  /** Where the request was typed. Default: no channel. */
  readonly message?: MessageRef;
  /** Answers to an earlier `needs_answer` question (the text itself is never rewritten). */
  readonly answers?: ParseAnswers;
}

export type RequestMeetingErrorCode =
  | 'unparseable'
  | 'unknown_requester'
  | 'unknown_participants'
  | 'ambiguous_participants'
  | 'unsupported_mention'
  | 'invalid_settings'
  | 'needs_answer'
  | 'too_many_participants'
  | 'no_slot';

export interface RequestMeetingError {
  readonly code: RequestMeetingErrorCode;
  readonly locale: Locale;
  /** One or two actionable sentences in the request's language. */
  readonly message: string;
  /** Parser issues (`unparseable`). */
  readonly issues?: readonly ParseIssue[];
  /** The mentions that could not be resolved, as typed. */
  readonly mentions?: readonly string[];
  /** For `needs_answer`: what to ask (an ambiguous zone and its candidates), nothing guessed. */
  readonly questions?: readonly ParseQuestion[];
  /** For `needs_answer` when the request was kept: one button per choice (ids only, never the text). */
  readonly pending?: PendingAsk;
  /** For `no_slot`: what the group's time looks like, so the user can see why. */
  readonly heatmap?: HeatmapView;
  readonly gaps?: readonly GapView[];
}

export type RequestMeetingResult =
  | { readonly ok: true; readonly view: ProposalView }
  | { readonly ok: false; readonly error: RequestMeetingError };

/** A kept question: its id, when it expires, and the choices to offer. */
export interface PendingAsk {
  readonly id: string;
  readonly expiresAt: number;
  readonly choices: readonly { readonly index: number; readonly value: string; readonly label: string }[];
}

/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 24 * HOUR;
/** Answers offered at most (one button each). */
export const MAX_QUESTION_OPTIONS = 5;

export const DEFAULT_WORKING_HOURS: WorkingHoursData = {
  rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
  overrides: [],
};

/** The heat-map covers at most this many hour columns (two weeks). */
const MAX_HEAT_COLUMNS = 14 * 24;

export interface Resolved {
  readonly person: Person;
  readonly requester: boolean;
  /** Round-robin pool member (one of them hosts each slot). */
  readonly pool?: boolean;
  /** Said to be optional (`@ana?`): scored per slot, never required. */
  readonly optional?: boolean;
}

interface Member {
  readonly person: Person;
  readonly name: string;
  readonly timeZone: string;
  readonly workingHours: WorkingHoursData;
  readonly requester: boolean;
  readonly pool: boolean;
  readonly optional: boolean;
}

export async function requestMeeting(
  deps: RequestMeetingDeps,
  input: RequestMeetingInput,
): Promise<RequestMeetingResult> {
  const parsed = parseRequest(input.text, {
    now: input.now,
    zone: input.zone,
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.replyLocale ? { replyLocale: input.replyLocale } : {}),
    ...(input.answers ? { answers: input.answers } : {}),
    maxWindowDays: maxWindowDaysOf(deps.limits),
    maxParticipants: maxParticipantsOf(deps.limits),
  });
  if (!parsed.ok) {
    const locale = input.replyLocale ?? parsed.partial.locale;
    return fail(locale, 'unparseable', parsed.errors.map((e) => e.message).join(' '), {
      issues: parsed.errors,
    });
  }
  const request = parsed.request;
  const locale = input.replyLocale ?? request.locale;
  // Something only the requester can settle (`3pm IST`: India, Ireland or Israel?): ask, never guess.
  if (request.questions && request.questions.length > 0) {
    const first = request.questions[0]!;
    const pending = deps.questions ? await keepQuestion(deps.questions, input, first) : null;
    if (pending)
      return fail(
        locale,
        'needs_answer',
        `${first.message} ${locale === 'fr' ? 'Choisissez ci-dessous.' : 'Pick one below.'}`,
        { questions: request.questions, pending },
      );
    const example = `${first.text.split(' / ')[0]} → ${first.options[0]}`;
    return fail(
      locale,
      'needs_answer',
      `${request.questions.map((q) => q.message).join(' ')} ${
        locale === 'fr'
          ? `Reformulez avec le fuseau voulu (par exemple ${example}).`
          : `Say it again with the zone you mean (for example ${example}).`
      }`,
      { questions: request.questions },
    );
  }
  const { tenantId } = input;

  const requester = await deps.store.people.get(tenantId, input.requesterPersonId);
  if (!requester)
    return fail(
      locale,
      'unknown_requester',
      locale === 'fr'
        ? "Je ne vous trouve pas dans cet espace : réessayez depuis l'espace où Convene est installé."
        : 'I cannot find you in this workspace: try again from the workspace where Convene is installed.',
    );

  const resolved = await resolveParticipants(deps, input, requester, request.participants, locale);
  if (!resolved.ok) return resolved;
  const notes = [
    ...parsed.warnings.map((w) => w.message),
    ...(request.unrecognised.length > 0
      ? [
          locale === 'fr'
            ? `Je n'ai pas compris : ${request.unrecognised.map((w) => `« ${w} »`).join(', ')}.`
            : `I did not understand: ${request.unrecognised.map((w) => `"${w}"`).join(', ')}.`,
        ]
      : []),
  ];
  return proposeMeeting(deps, input, {
    locale,
    people: resolved.people,
    team: resolved.team,
    window: request.window,
    ...(request.excluded ? { excluded: request.excluded } : {}),
    durationMinutes: request.duration.minutes,
    constraints: request.constraints,
    title: request.title.value ?? (locale === 'fr' ? 'Réunion' : 'Meeting'),
    notes,
  });
}

/** What a request asks for once read and resolved: from the text (`requestMeeting`) or a stored request. */
export interface ResolvedRequest {
  readonly locale: Locale;
  /** The requester first. */
  readonly people: readonly Resolved[];
  readonly team: Team | null;
  /** The search window and the zone its days and time-of-day constraints are read in. */
  readonly window: Interval & { readonly zone: string };
  /** Days or ranges said to be excluded ("not Wednesday"). */
  readonly excluded?: MeetingRequest['excluded'];
  readonly durationMinutes: number;
  readonly constraints: readonly TimeOfDayConstraint[];
  readonly title: string;
  /** Warnings to show next to the proposals. */
  readonly notes: readonly string[];
  /** Propose again for this stored request ("more times") instead of storing a new one. */
  readonly existingRequestId?: string;
  /** Where the request was typed (for a new request). */
  readonly message?: MessageRef;
}

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
      locale === 'fr'
        ? `Cette demande réunit ${invited} personnes ; je peux en réunir ${maxParticipants} au plus à la fois : invitez moins de monde ou une équipe plus petite.`
        : `That request brings in ${invited} people; I can schedule up to ${maxParticipants} at once, so invite fewer people or a smaller team.`,
    );
  const requester = request.people.find((p) => p.requester)!.person;
  const roundRobin = team !== null && team.mode === 'round_robin';
  const members = await loadMembers(deps.store, tenantId, request.people, input.zone);
  const poolIds = new Set(members.filter((m) => m.pool).map((m) => m.person.id));
  const individuals = members.filter((m) => !m.pool);

  // The window never starts in the past.
  const window: Interval = { start: Math.max(request.window.start, input.now), end: request.window.end };
  const durationMinutes = request.durationMinutes;
  const ids = members.map((m) => m.person.id);
  const bookings = deps.store.bookings;
  const [read, booked] = await Promise.all([
    deps.busy.busyFor(tenantId, ids, window),
    // Convene's own bookings: one read for everyone when the store can.
    bookings.busyForPeople
      ? bookings.busyForPeople(tenantId, ids, window)
      : Promise.all(ids.map((id) => bookings.listForPerson(tenantId, id, window))).then(
          (lists) =>
            new Map(ids.map((id, i) => [id, lists[i]!.map((b) => ({ start: b.start, end: b.end }))])),
        ),
  ]);
  const busyById = new Map<string, Interval[]>();
  for (const id of ids) {
    const fromCalendars = read.people.find((p) => p.personId === id)?.busy ?? [];
    const fromBookings = booked.get(id) ?? [];
    busyById.set(id, normalize([...fromCalendars, ...fromBookings]));
  }
  const incomplete = new Set(read.people.filter((p) => !p.complete).map((p) => p.personId));
  for (const gap of read.gaps) incomplete.add(gap.personId);
  const gaps = gapViews(read.gaps, members, locale);

  const participants: CoreParticipant[] = members.map((m) => ({
    id: m.person.id,
    timeZone: m.timeZone,
    workingHours: m.workingHours.rules as WorkingHoursRule[],
    dateOverrides: m.workingHours.overrides,
    busy: busyById.get(m.person.id) ?? [],
    // Round-robin: the pool members are the required ones (one of them must be free); the individuals are
    // all required too, checked below on each slot's `available`.
    ...((roundRobin && !m.pool) || m.optional ? { optional: true } : {}),
  }));
  const mode = roundRobin ? 'ROUND_ROBIN' : 'COLLECTIVE';
  const availability = computeAvailability({
    window,
    durationMinutes,
    slotIntervalMinutes: deps.slotIntervalMinutes ?? 30,
    bookerTimeZone: input.zone,
    mode,
    participants,
    now: input.now,
  });
  if (!availability.ok) {
    // Bad stored preferences (a zone or working hours the core refuses): say whose.
    const index = /^participants\[(\d+)\]/.exec(availability.error.path)?.[1];
    const who = index === undefined ? undefined : members[Number(index)]?.name;
    return fail(
      locale,
      'invalid_settings',
      locale === 'fr'
        ? `Les préférences${who ? ` de ${who}` : ''} sont invalides (${availability.error.message}) ; corrigez-les puis réessayez.`
        : `${who ? possessive(who, locale, 'settings') : 'Settings'} are invalid (${availability.error.message}); fix them and try again.`,
    );
  }
  const usable = (list: typeof availability.value.slots) =>
    list.filter(
      (s) =>
        fitsConstraints(s, request.constraints, request.window.zone) &&
        !(request.excluded ?? []).some((e) => s.start < e.end && e.start < s.end) &&
        (!roundRobin || individuals.every((m) => m.optional || s.available.includes(m.person.id))),
    );
  const slots = usable(availability.value.slots);
  const heatmap = buildHeatmap(members, busyById, window, input.zone, locale);
  const names = roundRobin
    ? [
        ...individuals.map((m) => m.name),
        locale === 'fr' ? `l'équipe ${team.name} (tournant)` : `the ${team.name} team (round-robin)`,
      ]
    : members.map((m) => m.name);

  if (slots.length === 0) {
    // The requester comes first.
    const others = names.slice(1);
    const who =
      others.length === 0
        ? ''
        : locale === 'fr'
          ? ` avec ${listNames(others, locale)}`
          : ` with ${listNames(others, locale)}`;
    const when = rangeLabel(window.start, window.end, input.zone, locale);
    // Who is actually busy, and the closest change that would give a time (a few bounded re-runs).
    const run = (ps: readonly CoreParticipant[], w: Interval, minutes: number) => {
      const r = computeAvailability({
        window: w,
        durationMinutes: minutes,
        slotIntervalMinutes: deps.slotIntervalMinutes ?? 30,
        bookerTimeZone: input.zone,
        mode,
        participants: ps,
        now: input.now,
      });
      return r.ok ? usable(r.value.slots) : [];
    };
    const why = explainNoSlot({
      members,
      participants,
      window,
      durationMinutes,
      run,
      zone: input.zone,
      locale,
    });
    return fail(
      locale,
      'no_slot',
      locale === 'fr'
        ? `Aucun créneau de ${durationLabel(durationMinutes, locale)} ne convient${who} (${when}) : ${why}`
        : `No ${durationLabel(durationMinutes, locale)} slot works${who} (${when}): ${why}`,
      { heatmap, gaps },
    );
  }

  const ranked = rankProposals(
    {
      slots,
      participants,
      mode,
      window,
      bookerTimeZone: input.zone,
      zones: availability.value.zones,
    },
    { count: Math.min(deps.proposalCount ?? 5, MAX_PROPOSALS) },
  );

  const { title } = request;
  const meeting = request.existingRequestId
    ? await deps.store.requests.get(tenantId, request.existingRequestId)
    : await deps.store.requests.create({
        tenantId,
        workspaceId: input.workspaceId,
        requesterId: requester.id,
        title,
        durationMinutes,
        window,
        // Round-robin: the whole pool is listed (any member may pick the time); the booking books only the
        // slot's pick (`bookingPeople` in ./rotations.ts).
        participants: members
          .filter((m) => !m.requester)
          .map((m) => ({ personId: m.person.id, ...(m.optional ? { optional: true } : {}) })),
        message: input.message ?? { channelId: '', messageId: null },
        criteria: {
          zone: request.window.zone,
          constraints: request.constraints,
          excluded: request.excluded ?? [],
        },
      });
  if (!meeting) throw new Error('requestMeeting: the workspace or a participant is not part of the tenant');
  const proposal = await deps.store.requests.propose(tenantId, meeting.id, {
    slots: ranked.map((p) => ({ start: p.start, end: p.end, score: p.score })),
    expiresAt: window.end,
  });
  if (!proposal) throw new Error(`requestMeeting: the request ${meeting.id} vanished while proposing`);

  const picks =
    roundRobin && deps.rotations
      ? pickForSlots(
          await teamContext(
            { rotations: deps.rotations, people: deps.store.people },
            tenantId,
            team,
            input.now,
          ),
          input.now,
          ranked.map((p) => ({ available: p.available.map(String).filter((id) => poolIds.has(id)) })),
        )
      : [];
  if (roundRobin && deps.rotations) {
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
              },
            ]
          : [],
      ),
    );
  }

  const nameOf = new Map(members.map((m) => [m.person.id, m.name] as const));
  const slotViews: SlotView[] = ranked.map((p, i) => {
    const id = String(i + 1);
    const pick = picks[i];
    const assignee = pick?.ok ? members.find((m) => m.person.id === pick.memberId) : undefined;
    const shown = roundRobin ? members.filter((m) => !m.pool || m === assignee) : members;
    const outside = p.outsideCoreHours
      .filter((pid) => shown.some((m) => m.person.id === String(pid)))
      .map((pid) => nameOf.get(String(pid)) ?? String(pid));
    return {
      id,
      actionId: `book:${proposal.id}:${id}`,
      rank: i + 1,
      start: p.start,
      end: p.end,
      label: slotLabel(p.start, p.end, input.zone, locale),
      labels: shown.map((m) => ({
        personId: m.person.id,
        name: m.name,
        timeZone: m.timeZone,
        text: slotLabel(p.start, p.end, m.timeZone, locale),
      })),
      reason:
        pick?.ok && assignee
          ? `${pick.explanation[locale]}${outsideText(outside, locale)}`
          : reasonText(p.reason.free, p.reason.total, outside, locale) +
            optionalBusyText(
              members.filter((m) => m.optional && !p.available.includes(m.person.id)).map((m) => m.name),
              locale,
            ),
      free: p.reason.free,
      total: p.reason.total,
      ...(pick?.ok && assignee && team
        ? {
            assignee: {
              personId: assignee.person.id,
              name: assignee.name,
              team: team.name,
              explanation: pick.explanation[locale],
            },
          }
        : {}),
    };
  });
  const participantViews: ParticipantView[] = members.map((m) => ({
    personId: m.person.id,
    name: m.name,
    timeZone: m.timeZone,
    // Round-robin pool members are not all needed (one of them hosts each slot); optional people never are.
    optional: m.pool || m.optional,
    requester: m.requester,
    complete: !incomplete.has(m.person.id),
  }));
  const { notes } = request;
  const n = slotViews.length;
  const quoted = locale === 'fr' ? `« ${title} »` : `“${title}”`;
  const headline =
    locale === 'fr'
      ? `${n} proposition${n > 1 ? 's' : ''} pour ${quoted} (${durationLabel(durationMinutes, locale)}) avec ${listNames(names, locale)}`
      : `${n} proposal${n > 1 ? 's' : ''} for ${quoted} (${durationLabel(durationMinutes, locale)}) with ${listNames(names, locale)}`;

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
      headline,
      understood: understoodLine(request, window, durationMinutes, locale),
      participants: participantViews,
      slots: slotViews,
      gaps,
      notes,
      heatmap,
    },
  };
}

/** "30 min · Tue 1 – Thu 3 Dec · 13:00–17:00 · except Wed 2 Dec · New York time". */
export function understoodLine(
  request: Pick<MeetingRequest, 'constraints' | 'excluded'> & { readonly window: { readonly zone: string } },
  window: Interval,
  durationMinutes: number,
  locale: Locale,
): string {
  const fr = locale === 'fr';
  const zone = request.window.zone;
  const parts = [durationLabel(durationMinutes, locale), rangeLabel(window.start, window.end, zone, locale)];
  const or = fr ? ' ou ' : ' or ';
  for (const c of request.constraints) {
    const ranges = (c.anyOf ?? [c]).map((r) => `${r.start}–${r.end}`);
    parts.push(ranges.join(or));
  }
  const excluded = request.excluded ?? [];
  if (excluded.length > 0) {
    const days = [...new Set(excluded.map((e) => dayLabel(e.start, zone, locale)))];
    const shown = days.length > 3 ? [...days.slice(0, 3), '…'] : days;
    parts.push(`${fr ? 'sauf' : 'except'} ${shown.join(', ')}`);
  }
  const city = zoneCity(zone);
  parts.push(fr ? `heure de ${city}` : `${city} time`);
  return parts.join(' · ');
}

function fail(
  locale: Locale,
  code: RequestMeetingErrorCode,
  message: string,
  extra: Omit<RequestMeetingError, 'code' | 'locale' | 'message'> = {},
): { ok: false; error: RequestMeetingError } {
  return {
    ok: false,
    error: { code, locale, message: message + unlinkedNote(extra.gaps, locale), ...extra },
  };
}

/**
 * A failed request (no slot) still says who has no calendar linked: their working hours are only a
 * guess, and the chat surfaces send each of them a link by DM (`error.gaps`, code `not_linked`).
 */
function unlinkedNote(gaps: readonly GapView[] | undefined, locale: Locale): string {
  const names = (gaps ?? []).filter((g) => g.code === 'not_linked').map((g) => g.name ?? '?');
  if (names.length === 0) return '';
  const list = listNames(names, locale);
  return locale === 'fr'
    ? ` ${list} n'${names.length > 1 ? 'ont' : 'a'} pas d'agenda relié : un lien pour le relier ${names.length > 1 ? 'leur' : 'lui'} est envoyé en message privé.`
    : ` ${list} ${names.length > 1 ? 'have' : 'has'} no calendar linked: they are sent a link by direct message.`;
}

/** Keeps the request and its first question for the requester's answer; null when it cannot be kept. */
async function keepQuestion(
  questions: Pick<PendingQuestionRepository, 'create'>,
  input: RequestMeetingInput,
  question: ParseQuestion,
): Promise<PendingAsk | null> {
  const options = question.options.slice(0, MAX_QUESTION_OPTIONS);
  if (options.length === 0) return null;
  const kept = await questions.create({
    tenantId: input.tenantId,
    workspaceId: input.workspaceId,
    requesterId: input.requesterPersonId,
    text: input.text,
    zone: input.zone,
    locale: input.locale ?? null,
    replyLocale: input.replyLocale ?? null,
    message: input.message ?? { channelId: '', messageId: null },
    code: question.code,
    questionText: question.text,
    options,
    expiresAt: input.now + QUESTION_TTL_MS,
  });
  if (!kept) return null;
  return {
    id: kept.id,
    expiresAt: kept.expiresAt,
    choices: options.map((zone, index) => ({ index, value: zone, label: zoneChoiceLabel(zone, input.now) })),
  };
}

/** `Kolkata (UTC+05:30)`: the zone's city and its offset now. */
export function zoneChoiceLabel(zone: string, now: number): string {
  const at = DateTime.fromMillis(now, { zone });
  return at.isValid ? `${zoneCity(zone)} (UTC${at.toFormat('ZZ')})` : zoneCity(zone);
}

async function resolveParticipants(
  deps: RequestMeetingDeps,
  input: RequestMeetingInput,
  requester: Person,
  mentions: readonly { kind: string; id: string; raw: string; optional?: boolean }[],
  locale: Locale,
): Promise<{ ok: true; people: Resolved[]; team: Team | null } | { ok: false; error: RequestMeetingError }> {
  const people: Resolved[] = [{ person: requester, requester: true }];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  const unsupported: string[] = [];
  const teams: Team[] = [];
  // Every chat mention looked up in one read when the store can.
  const userIds = mentions
    .filter((m) => m.kind === 'slack_user' || m.kind === 'discord_user')
    .map((m) => m.id);
  const known =
    userIds.length > 1 && deps.store.people.findByIdentities
      ? await deps.store.people.findByIdentities(input.workspaceId, userIds)
      : null;
  for (const mention of mentions) {
    let found: Person | null = null;
    const team = await findTeam(deps, input.tenantId, mention);
    if (team) {
      if (!teams.some((t) => t.id === team.id)) teams.push(team);
      continue;
    }
    if (mention.kind === 'slack_user' || mention.kind === 'discord_user') {
      found = known
        ? (known.get(mention.id) ?? null)
        : await deps.store.people.findByIdentity(input.workspaceId, mention.id);
      if (found && found.tenantId !== input.tenantId) found = null;
    } else if (mention.kind === 'name') {
      const matches = deps.directory ? await deps.directory.findByName(input.tenantId, mention.id) : [];
      if (matches.length > 1) {
        ambiguous.push(mention.raw);
        continue;
      }
      found = matches[0] ?? null;
    } else {
      unsupported.push(mention.raw);
      continue;
    }
    if (!found) unknown.push(mention.raw);
    else if (!people.some((p) => p.person.id === found.id))
      people.push({ person: found, requester: false, ...(mention.optional ? { optional: true } : {}) });
  }
  if (unsupported.length > 0)
    return fail(
      locale,
      'unsupported_mention',
      locale === 'fr'
        ? `Je ne sais pas encore inviter un groupe (${unsupported.join(', ')}) : mentionnez les personnes une par une.`
        : `I cannot invite a group yet (${unsupported.join(', ')}): mention the people one by one.`,
      { mentions: unsupported },
    );
  if (unknown.length > 0)
    return fail(
      locale,
      'unknown_participants',
      locale === 'fr'
        ? `Je ne connais pas ${listNames(unknown, locale)} : vérifiez l'orthographe, ou demandez-leur d'utiliser Convene une première fois.`
        : `I don't know ${listNames(unknown, locale)}: check the spelling, or ask them to use Convene once so I can find them.`,
      { mentions: unknown },
    );
  if (ambiguous.length > 0)
    return fail(
      locale,
      'ambiguous_participants',
      locale === 'fr'
        ? `Plusieurs personnes correspondent à ${listNames(ambiguous, locale)} : mentionnez-les avec la mention du chat (@ puis choisir dans la liste).`
        : `Several people match ${listNames(ambiguous, locale)}: mention them with a chat mention (type @ and pick from the list).`,
      { mentions: ambiguous },
    );
  const team = teams[0] ?? null;
  if (teams.length > 1)
    return fail(
      locale,
      'unsupported_mention',
      locale === 'fr'
        ? `Une seule équipe par demande (${listNames(
            teams.map((t) => t.name),
            locale,
          )}) : faites une demande par équipe.`
        : `One team per request (${listNames(
            teams.map((t) => t.name),
            locale,
          )}): make one request per team.`,
    );
  if (team) {
    const activeIds = team.members
      .filter((m) => m.active && m.weight > 0 && isActiveAt(memberState(m), input.now))
      .map((m) => m.personId);
    const roundRobin = team.mode === 'round_robin';
    let added = 0;
    const cap = maxParticipantsOf(deps.limits);
    for (const id of activeIds) {
      // Past the cap the request is refused (proposeMeeting): no need to read the rest of the team.
      if (people.length - 1 > cap) break;
      if (people.some((p) => p.person.id === id)) continue;
      const person = await deps.store.people.get(input.tenantId, id);
      if (!person) continue;
      people.push({ person, requester: false, pool: roundRobin });
      added++;
    }
    if (added === 0)
      return fail(
        locale,
        'no_slot',
        locale === 'fr'
          ? `L'équipe ${team.name} n'a aucun membre disponible (membres en pause ou équipe vide) : un administrateur peut en ajouter avec /meet équipe ajouter ${team.name} @membre.`
          : `The ${team.name} team has no available member (paused or empty): an admin can add some with /meet team add ${team.name} @member.`,
      );
  }
  return { ok: true, people, team };
}

/** A mention naming a team: `@name` of a Convene team, a Slack user group or Discord role bound to one. */
async function findTeam(
  deps: RequestMeetingDeps,
  tenantId: string,
  mention: { kind: string; id: string },
): Promise<Team | null> {
  if (!deps.rotations) return null;
  if (mention.kind === 'name') return deps.rotations.findTeam(tenantId, { name: mention.id });
  if (mention.kind === 'slack_group' || mention.kind === 'discord_role')
    return deps.rotations.findTeam(tenantId, { groupRef: mention.id });
  return null;
}

function memberState(m: Team['members'][number]) {
  return {
    id: m.personId,
    weight: m.weight,
    priority: m.priority,
    joinedAt: m.joinedAt,
    pausedFrom: m.pausedFrom,
    pausedUntil: m.pausedUntil,
  };
}

async function loadMembers(
  store: MeetingStore,
  tenantId: string,
  resolved: readonly Resolved[],
  fallbackZone: string,
): Promise<Member[]> {
  const many = store.preferences.getMany
    ? await store.preferences.getMany(
        tenantId,
        resolved.map((r) => r.person.id),
      )
    : null;
  return Promise.all(
    resolved.map(async ({ person, requester, pool, optional }) => {
      const prefs = many ? (many.get(person.id) ?? null) : await store.preferences.get(tenantId, person.id);
      const hours = prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : DEFAULT_WORKING_HOURS;
      return {
        person,
        name: person.displayName,
        // The requester's zone is the one the request was typed in; others use their stored zone.
        timeZone: requester ? fallbackZone : (prefs?.timeZone ?? fallbackZone),
        workingHours: hours,
        requester,
        pool: pool === true,
        // The requester is always needed, whatever the text says.
        optional: optional === true && !requester,
      };
    }),
  );
}

/** Most relaxations tried for a "no slot" answer (each is one availability run over the window). */
const MAX_RELAXATIONS = 8;

/**
 * Why no slot works and the closest relaxation: who is busy at the times that fit everyone's hours,
 * then the first of a shorter meeting, one busy person made optional, or one more week that gives a
 * time. At most `MAX_RELAXATIONS` availability runs.
 */
function explainNoSlot(args: {
  members: readonly Member[];
  participants: readonly CoreParticipant[];
  window: Interval;
  durationMinutes: number;
  run: (
    ps: readonly CoreParticipant[],
    w: Interval,
    minutes: number,
  ) => readonly { start: number; end: number }[];
  zone: string;
  locale: Locale;
}): string {
  const { members, participants, window, durationMinutes, run, zone, locale } = args;
  const fr = locale === 'fr';
  // The times that fit everyone's working hours and the request, ignoring busy time.
  const open = run(
    participants.map((p) => ({ ...p, busy: [] })),
    window,
    durationMinutes,
  );
  const nameOf = (id: string) => members.find((m) => m.person.id === id)?.name ?? '?';
  const busyCount = new Map<string, number>();
  for (const slot of open) {
    for (const p of participants) {
      if (p.optional) continue;
      if (p.busy.some((b) => b.start < slot.end && slot.start < b.end))
        busyCount.set(String(p.id), (busyCount.get(String(p.id)) ?? 0) + 1);
    }
  }
  const blockers = [...busyCount.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  let reason: string;
  if (open.length === 0) {
    reason = fr
      ? "les heures de travail de chacun et la période demandée n'ont aucun moment en commun"
      : "everyone's working hours and the requested window have no time in common";
  } else {
    const names = listNames(blockers.map(nameOf), locale);
    const all = blockers.filter((id) => busyCount.get(id) === open.length).map(nameOf);
    reason =
      all.length > 0
        ? fr
          ? `${listNames(all, locale)} ${all.length > 1 ? 'sont occupés' : 'est occupé·e'} à chaque moment possible`
          : `${listNames(all, locale)} ${all.length > 1 ? 'are' : 'is'} busy at every time that fits`
        : fr
          ? `${names} ${blockers.length > 1 ? 'sont occupés' : 'est occupé·e'} aux moments possibles`
          : `${names} ${blockers.length > 1 ? 'are' : 'is'} busy at the times that fit`;
  }
  const first = (list: readonly { start: number; end: number }[]) =>
    list.length > 0 ? slotLabel(list[0]!.start, list[0]!.end, zone, locale) : null;
  let tries = 0;
  // A shorter meeting.
  for (const minutes of [Math.floor(durationMinutes / 2 / 15) * 15, 15].filter(
    (m, i, all) => m >= 15 && m < durationMinutes && all.indexOf(m) === i,
  )) {
    if (++tries > MAX_RELAXATIONS) break;
    const at = first(run(participants, window, minutes));
    if (at)
      return fr
        ? `${reason}. Au plus proche : une réunion de ${durationLabel(minutes, locale)} tiendrait (${at}).`
        : `${reason}. Closest: a ${durationLabel(minutes, locale)} meeting would fit (${at}).`;
  }
  // One busy person made optional (never the requester).
  for (const id of blockers) {
    if (members.find((m) => m.person.id === id)?.requester) continue;
    if (++tries > MAX_RELAXATIONS) break;
    const at = first(
      run(
        participants.map((p) => (p.id === id ? { ...p, optional: true } : p)),
        window,
        durationMinutes,
      ),
    );
    if (at)
      return fr
        ? `${reason}. Au plus proche : rendre ${nameOf(id)} facultatif donnerait ${at}.`
        : `${reason}. Closest: making ${nameOf(id)} optional would give ${at}.`;
  }
  // One more week.
  if (++tries <= MAX_RELAXATIONS) {
    const wider = { start: window.start, end: window.end + 7 * 24 * HOUR };
    const at = first(run(participants, wider, durationMinutes));
    if (at)
      return fr
        ? `${reason}. Au plus proche : une semaine de plus donnerait ${at}.`
        : `${reason}. Closest: one more week would give ${at}.`;
  }
  return fr
    ? `${reason} ; élargissez la période, raccourcissez la réunion ou invitez moins de monde.`
    : `${reason}; try a longer window, a shorter meeting, or fewer people.`;
}

/**
 * Every time-of-day constraint holds: the slot lies within `[start, end]` (or one of its `anyOf`
 * ranges) in local time of its start day, in the zone the request was read in.
 */
function fitsConstraints(slot: Interval, constraints: readonly TimeOfDayConstraint[], zone: string): boolean {
  if (constraints.length === 0) return true;
  const start = DateTime.fromMillis(slot.start, { zone });
  const startMin = start.hour * 60 + start.minute;
  const endMin = startMin + (slot.end - slot.start) / MINUTE;
  const within = (range: { start: string; end: string }) => {
    const [sh, sm] = range.start.split(':').map(Number);
    const [eh, em] = range.end.split(':').map(Number);
    return startMin >= (sh ?? 0) * 60 + (sm ?? 0) && endMin <= (eh ?? 24) * 60 + (em ?? 0);
  };
  // `10am or 2pm`, `not in the morning`: the slot fits one of the alternatives.
  return constraints.every((c) => (c.anyOf ? c.anyOf.some(within) : within(c)));
}

function reasonText(free: number, total: number, outside: readonly string[], locale: Locale): string {
  let text =
    locale === 'fr'
      ? total === 1
        ? 'libre'
        : total === 2
          ? 'les 2 sont libres'
          : `les ${total} sont libres`
      : total === 1
        ? 'free'
        : total === 2
          ? 'both free'
          : `all ${total} free`;
  if (free < total) text = locale === 'fr' ? `${free} sur ${total} libres` : `${free} of ${total} free`;
  if (outside.length > 0)
    text +=
      locale === 'fr'
        ? `, hors des heures confortables pour ${listNames(outside, locale)}`
        : `, outside core hours for ${listNames(outside, locale)}`;
  return text;
}

/** ", Ana optional, busy" / ", Ana (facultative) occupée" — who would miss a slot they are optional for. */
function optionalBusyText(names: readonly string[], locale: Locale): string {
  if (names.length === 0) return '';
  return locale === 'fr'
    ? `, ${listNames(names, locale)} (facultatif) ${names.length > 1 ? 'occupés' : 'occupé'}`
    : `, ${listNames(names, locale)} optional, busy`;
}

function outsideText(outside: readonly string[], locale: Locale): string {
  if (outside.length === 0) return '';
  return locale === 'fr'
    ? `, hors des heures confortables pour ${listNames(outside, locale)}`
    : `, outside core hours for ${listNames(outside, locale)}`;
}

function gapViews(gaps: readonly BusyGap[], members: readonly Member[], locale: Locale): GapView[] {
  const seen = new Set<string>();
  const out: GapView[] = [];
  for (const gap of gaps) {
    const key = `${gap.personId}:${gap.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = members.find((m) => m.person.id === gap.personId)?.name ?? '?';
    let message: string;
    if (gap.code === 'not_linked')
      message =
        locale === 'fr'
          ? `${name} n'a pas encore relié d'agenda : les propositions supposent que ${name} est libre.`
          : `${name} has not linked a calendar yet: the proposals assume ${name} is free.`;
    else if (gap.code === 'reauth_required')
      message =
        locale === 'fr'
          ? `L'agenda de ${name} doit être relié à nouveau : les propositions supposent que ${name} est libre.`
          : `${possessive(name, locale, 'calendar')} must be linked again: the proposals assume ${name} is free.`;
    else
      message =
        locale === 'fr'
          ? `L'agenda de ${name} n'a pas pu être lu : les propositions supposent que ${name} est libre.`
          : `${possessive(name, locale, 'calendar')} could not be read: the proposals assume ${name} is free.`;
    out.push({ personId: gap.personId, name, code: gap.code, message });
  }
  return out;
}

/** People × hours of the window, in the requester's zone. */
export function buildHeatmap(
  members: readonly Member[],
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
