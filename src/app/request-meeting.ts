/**
 * Use case: a `/meet …` request becomes ranked proposals.
 *
 * parse → resolve participants (chat mentions by identity, plain `@name` through the directory;
 * ./request/resolve.ts) → busy time (calendars through the `BusyReader`, plus the people's existing
 * Convene bookings; ./request/busy.ts) → working hours and zones from preferences (default 09:00–17:00
 * Monday–Friday in the person's zone; a person without preferences is assumed to be in the organiser's
 * zone) → core availability (collective: everyone, the organiser included) → ranking (./request/rank.ts)
 * → the request and its proposal persisted (./request/propose.ts) → a platform-neutral `ProposalView`
 * (./request/view.ts).
 *
 * Teams: `@<team name>` (a Convene team), a Slack user group or a Discord role bound to a team brings in
 * the team. Collective team: every active member is required. Round-robin team: a slot needs ONE active
 * member free (plus every individual participant); each proposal names the member it would book and
 * why (`src/core/rotation.ts`), and the picks are stored for the booking (`rotations.savePicks`).
 *
 * Expected outcomes (unparseable text, unknown people, no slot) are values with a message in the
 * request's language (the `request` and `parse` catalogue domains); only outages and bugs throw.
 */
import { parseRequest } from '../core/parse/index.ts';
import { msg, t } from './i18n/index.ts';
import { parseMessage, parseText } from './request/parse.ts';
import { proposeMeeting } from './request/propose.ts';
import { choiceLabel, keepQuestion } from './request/question.ts';
import { resolveParticipants } from './request/resolve.ts';
import type { RequestMeetingDeps, RequestMeetingInput, RequestMeetingResult } from './request/types.ts';
import { fail, maxParticipantsOf, maxWindowDaysOf } from './request/types.ts';

export { gapViews } from './request/busy.ts';
export { parseMessage, parseText, precheckRequest } from './request/parse.ts';
export { proposeMeeting } from './request/propose.ts';
export { choiceLabel, zoneChoiceLabel } from './request/question.ts';
export type { Mention } from './request/resolve.ts';
export type {
  MeetingStore,
  PendingAsk,
  PeopleDirectory,
  RequestLimits,
  RequestMeetingDeps,
  RequestMeetingError,
  RequestMeetingErrorCode,
  RequestMeetingInput,
  RequestMeetingResult,
  Resolved,
  ResolvedRequest,
} from './request/types.ts';
export {
  DEFAULT_WORKING_HOURS,
  MAX_PROPOSALS,
  MAX_QUESTION_OPTIONS,
  maxParticipantsOf,
  maxWindowDaysOf,
  QUESTION_TTL_MS,
} from './request/types.ts';
export { buildHeatmap, understoodLine } from './request/view.ts';

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
    return fail(
      locale,
      'unparseable',
      msg('request.unparseable', { issues: parsed.errors.map(parseText).join(' ') }),
      {
        issues: parsed.errors,
      },
    );
  }
  const request = parsed.request;
  const locale = input.replyLocale ?? request.locale;
  // Something only the requester can settle (`3pm IST`: India, Ireland or Israel?): ask, never guess.
  if (request.questions && request.questions.length > 0) {
    const first = request.questions[0]!;
    const pending = deps.questions ? await keepQuestion(deps.questions, input, first) : null;
    if (pending)
      return fail(locale, 'needs_answer', msg('request.question.pick', { question: parseMessage(first) }), {
        questions: request.questions,
        pending,
      });
    // `IST → Asia/Kolkata`; a series in words: `bimonthly → every other month`.
    const option = first.options[0] ?? '';
    const said =
      first.code === 'ambiguous_recurrence' ? choiceLabel(first.code, option, input.now, locale) : option;
    const example = `${first.text.split(' / ')[0]} → ${said}`;
    return fail(
      locale,
      'needs_answer',
      msg(
        first.code === 'ambiguous_recurrence'
          ? 'request.question.rephraseSeries'
          : 'request.question.rephrase',
        {
          questions: request.questions.map(parseText).join(' '),
          example,
        },
      ),
      { questions: request.questions },
    );
  }
  const { tenantId } = input;

  const requester = await deps.store.people.get(tenantId, input.requesterPersonId);
  if (!requester) return fail(locale, 'unknown_requester', msg('request.unknownRequester'));

  const resolved = await resolveParticipants(deps, input, requester, request.participants, locale);
  if (!resolved.ok) return resolved;
  const notes = [
    ...parsed.warnings.map(parseText),
    ...(request.unrecognised.length > 0
      ? [
          t(locale, 'request.unrecognised', {
            words: request.unrecognised.map((w) => t(locale, 'request.quoted', { text: w })).join(', '),
          }),
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
    title: request.title.value ?? t(locale, 'request.defaultTitle'),
    notes,
    ...(request.recurrence
      ? {
          recurrence: {
            freq: request.recurrence.freq,
            interval: request.recurrence.interval,
            ...(request.recurrence.byDay ? { byDay: request.recurrence.byDay } : {}),
            ...(request.recurrence.count !== undefined ? { count: request.recurrence.count } : {}),
            ...(request.recurrence.until !== undefined ? { until: request.recurrence.until } : {}),
            ...(request.recurrence.except ? { except: request.recurrence.except } : {}),
          },
        }
      : {}),
  });
}
