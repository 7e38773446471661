/**
 * The playground: Convene's web adapter for the demo. It is just another adapter: it turns JSON
 * requests into the same use-case calls as Slack and Discord (`requestMeeting`, `bookMeeting`) and
 * returns their platform-neutral views; the page (static HTML + vanilla JS in ./static) renders them.
 *
 *   GET  /                                  → redirect to /playground
 *   GET  /playground                        → the page
 *   GET  /playground/static/*               → its script and styles
 *   GET  /playground/api/demo               → the demo people and examples
 *   GET  /playground/api/strings?locale=    → the page's text in that language (from the catalogue)
 *   POST /playground/api/requests           {personId, text}             → ProposalView | error value
 *                                           (`/meet help`: {ok, help} in the playground's syntax;
 *                                           `/meet status`, `/meet settings name:value…`, `/meet team …`:
 *                                           {ok, reply: {locale, text}} | error value; `/meet cancel`,
 *                                           `/meet reschedule`: {ok, upcoming: {locale, intro, meetings}})
 *                                           `/meet link`: {ok, link: {locale, text, url, button}}: the
 *                                           link page for the acting demo person (409 not_configured
 *                                           without a public address and state secret); `/meet unlink`:
 *                                           {ok, reply} through the unlink use case
 *   POST /playground/api/answers            {personId, questionId, choice} → the request, answered
 *   POST /playground/api/bookings           {personId, proposalId, slotId} → BookingView | error value
 *   POST /playground/api/proposals/:id/more   {personId}               → ProposalView (more times) | error value
 *   POST /playground/api/proposals/:id/cancel {personId}               → the request cancelled | error value
 *   POST /playground/api/bookings/:id/cancel  {personId}               → ManagedBookingView | error value
 *   GET  /playground/api/bookings/:id/times?personId=                 → RescheduleOptionsView | error value
 *   POST /playground/api/bookings/:id/reschedule {personId, start}     → ManagedBookingView | error value
 *   POST /playground/api/bookings/:id/occurrences/cancel|end {personId, start}
 *                                           → ManagedOccurrenceView | error value (one occurrence of a
 *                                           series: cancel it only / end the series there)
 *   GET  /playground/api/bookings/:id/occurrences/times?personId=&start=
 *                                           → OccurrenceMoveOptionsView | error value (new times for
 *                                           that one occurrence: its day first, then ±3 days)
 *   POST /playground/api/bookings/:id/occurrences/move {personId, start, newStart}
 *                                           → ManagedOccurrenceView | error value (that one occurrence
 *                                           moved to an offered time)
 *   GET  /playground/api/bookings/:id/occurrences/following-times?personId=&start=
 *   POST /playground/api/bookings/:id/occurrences/following {personId, start, newStart}
 *                                           → the same for that occurrence AND the following ones
 *                                           (`followingMoveOptions` / `moveFollowing`: the series split)
 *   GET  /playground/api/calendars/:id?viewer=&at=  → WeekView (busy blocks, no titles)
 *   POST /playground/api/reset              → cancels every demo booking
 *   GET  /demo/calendars/:file.ics          → the shipped demo ICS feeds (read back by the ICS connector)
 *   GET  /readme                            → the README as a page (for the "connect Slack" links)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { AnswerRefusalCode } from '../../../app/answer-question.ts';
import { answerQuestion } from '../../../app/answer-question.ts';
import type { BookMeetingErrorCode } from '../../../app/book-meeting.ts';
import { bookMeeting } from '../../../app/book-meeting.ts';
import type { CancelRequestRefusal } from '../../../app/cancel-request.ts';
import type { DemoPerson, DemoWorld } from '../../../app/demo/index.ts';
import {
  createDemoDirectory,
  demoEventWriter,
  personWeek,
  readDemoCalendar,
  resetDemo,
  withLinkedCalendars,
} from '../../../app/demo/index.ts';
import { helpLocale, helpText } from '../../../app/help.ts';
import { CATALOGUES, type MessageKey, render, t } from '../../../app/i18n/index.ts';
import type { ManageBookingErrorCode } from '../../../app/manage-booking.ts';
import type { ManageSeriesErrorCode } from '../../../app/manage-series.ts';
import type { MoreTimesErrorCode } from '../../../app/more-times.ts';
import type { BusyReader, EventWriter, Notifier } from '../../../app/ports/calendars.ts';
import type { Repositories } from '../../../app/ports/store.ts';
import { languageName } from '../../../app/preferences.ts';
import type { RequestLimits, RequestMeetingErrorCode } from '../../../app/request-meeting.ts';
import { requestMeeting } from '../../../app/request-meeting.ts';
import { manageUseCases, requestUseCases, seriesUseCases } from '../../../app/use-cases.ts';
import type { Locale } from '../../../app/views.ts';
import { toLocale } from '../../../app/views.ts';
import { isLocale, LOCALES } from '../../../core/locale.ts';
import type { RateLimitSettings } from '../../rate-limit.ts';
import { CommandRateLimiter, rateLimitedMessage } from '../../rate-limit.ts';
import { type PlaygroundLinking, playgroundCommands } from './commands.ts';
import { renderReadme } from './readme.ts';

export const STATIC_DIR = resolve(import.meta.dirname, 'static');
const README = resolve(import.meta.dirname, '../../../../README.md');

export interface PlaygroundDeps {
  readonly store: Pick<
    Repositories,
    'people' | 'preferences' | 'requests' | 'bookings' | 'jobs' | 'rotations' | 'audit'
  > &
    Partial<Pick<Repositories, 'questions'>>;
  readonly world: DemoWorld;
  /** The demo people's calendars (see `createDemoBusyReader`). */
  readonly busy: BusyReader;
  /** Default: the demo writer (read-only ICS: bookings stay in Convene). */
  readonly writer?: EventWriter;
  /** The clock; the demo's "now" is the real time at each request unless pinned (tests). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** The work budget of one request (defaults: 90 days ahead, 50 people). */
  readonly limits?: RequestLimits;
  /**
   * Counts every write (requests, bookings, reset) per client address and for the whole playground,
   * like chat commands per user and per workspace. None: unlimited.
   */
  readonly rateLimit?: RateLimitSettings;
  /**
   * `/meet link` and `/meet unlink` (src/compose.ts `composePlaygroundLinking`, when CONVENE_PUBLIC_URL and
   * CONVENE_STATE_SECRET are set): the link page's use case, the unlink use case's linking, and `busy`,
   * the reader of linked calendars, whose busy time is added to the demo file's (`withLinkedCalendars`).
   */
  readonly linking?: PlaygroundLinking & { readonly busy: BusyReader };
}

const REQUEST_STATUS: Record<RequestMeetingErrorCode, number> = {
  unparseable: 422,
  unknown_requester: 404,
  unknown_participants: 422,
  ambiguous_participants: 422,
  unsupported_mention: 422,
  invalid_settings: 422,
  needs_answer: 422,
  too_many_participants: 422,
  no_slot: 422,
};

const ANSWER_STATUS: Record<AnswerRefusalCode, number> = {
  not_found: 404,
  not_requester: 403,
  expired: 410,
  answered: 409,
  invalid_choice: 422,
};

const BOOK_STATUS: Record<BookMeetingErrorCode, number> = {
  unknown_proposal: 404,
  unknown_slot: 404,
  not_allowed: 403,
  proposal_closed: 409,
  slot_taken: 409,
  series_conflict: 409,
  calendar_refused: 409,
};

const MORE_STATUS: Record<MoreTimesErrorCode | RequestMeetingErrorCode, number> = {
  ...REQUEST_STATUS,
  unknown_proposal: 404,
  not_allowed: 403,
  proposal_closed: 409,
};

const CANCEL_REQUEST_STATUS: Record<CancelRequestRefusal, number> = {
  unknown_proposal: 404,
  not_requester: 403,
  already_booked: 409,
  already_closed: 409,
};

const MANAGE_STATUS: Record<ManageBookingErrorCode, number> = {
  unknown_booking: 404,
  not_allowed: 403,
  already_cancelled: 409,
  invalid_time: 422,
  slot_taken: 409,
  no_slot: 422,
  series_begun: 409,
};

const SERIES_STATUS: Record<ManageSeriesErrorCode, number> = {
  ...MANAGE_STATUS,
  not_a_series: 422,
  unknown_occurrence: 404,
  occurrence_past: 409,
  first_occurrence: 422,
  following_day: 422,
  following_pattern: 422,
  following_before: 422,
};

/** The demo people have no chat to be told in: the others see the change on their week. */
const NO_DMS: Notifier = { dm: async () => ({ ok: false, code: 'no_chat' }) };

function badRequest(res: Response, message: string): void {
  res.status(400).json({ ok: false, error: { code: 'bad_request', message } });
}

/**
 * Every `playground.*` message in `locale`, its simple parameters left as `{name}` for the page to fill
 * in (the page's messages have no plural or select: those are worded here, e.g. the reset's answer).
 */
export function pageStrings(locale: Locale): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const key of Object.keys(CATALOGUES[locale]) as MessageKey[]) {
    if (!key.startsWith('playground.')) continue;
    const source = CATALOGUES[locale][key];
    if (/\{\w+,/.test(source)) continue;
    const params = Object.fromEntries([...source.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `{${m[1]}}`]));
    strings[key.slice('playground.'.length)] = t(locale, key, params);
  }
  return strings;
}

export function createPlaygroundRouter(deps: PlaygroundDeps): Router {
  const router = express.Router();
  const { world } = deps;
  const now = deps.now ?? Date.now;
  // A demo person's linked calendars count with their demo file, in every search, booking and week.
  const busy = deps.linking ? withLinkedCalendars(deps.busy, deps.linking.busy) : deps.busy;
  const directory = createDemoDirectory(world);
  const writer = deps.writer ?? demoEventWriter;
  const personOf = (id: unknown): DemoPerson | undefined =>
    typeof id === 'string' ? world.people.find((p) => p.id === id) : undefined;
  const requests = requestUseCases({
    store: deps.store,
    busy,
    directory,
    rotations: deps.store.rotations,
    ...(deps.limits ? { limits: deps.limits } : {}),
  });
  const manage = manageUseCases({ store: deps.store, busy, notifier: NO_DMS });
  const series = seriesUseCases({ store: deps.store, busy, notifier: NO_DMS });
  const commands = playgroundCommands({
    store: deps.store,
    world,
    directory,
    now,
    ...(deps.linking ? { linking: deps.linking } : {}),
  });
  /** The language asked for (a supported tag), else the demo person's. */
  const localeOf = (person: DemoPerson, asked: unknown): Locale =>
    isLocale(asked) ? asked : toLocale(person.locale);
  const whoMessage = `Pick who you are among the demo people (${world.people.map((p) => p.name).join(', ')}).`;

  router.get('/', (_req, res) => res.redirect(302, '/playground'));
  router.get('/playground', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(join(STATIC_DIR, 'index.html'));
  });
  router.use('/playground/static', express.static(STATIC_DIR, { index: false, maxAge: 0 }));
  router.get('/readme', (_req, res) => {
    let text: string;
    try {
      text = readFileSync(README, 'utf8');
    } catch {
      text = '# Convene\n\nThe README is missing from this installation.';
    }
    res.type('html').send(renderReadme(text));
  });

  router.get('/demo/calendars/:file', (req, res) => {
    const text = readDemoCalendar(world.config, String(req.params.file));
    if (text === null) {
      res.status(404).type('text/plain').send('No such demo calendar.\n');
      return;
    }
    res.type('text/calendar; charset=utf-8').send(text);
  });

  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));
  const limiter = deps.rateLimit ? new CommandRateLimiter(deps.rateLimit) : null;
  api.use((req, res, next) => {
    if (req.method !== 'POST' || !limiter) return next();
    const decision = limiter.take('playground', 'playground', req.ip ?? req.socket.remoteAddress ?? '?');
    if (decision.ok) return next();
    const locale = toLocale(req.body?.locale);
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    res.status(429).json({
      ok: false,
      error: { code: 'rate_limited', message: rateLimitedMessage(decision, locale) },
    });
  });

  api.get('/demo', (_req, res) => {
    res.json({
      notice: world.config.notice,
      workspaceId: world.workspaceId,
      people: world.people.map((p) => ({
        id: p.id,
        key: p.key,
        name: p.name,
        timeZone: p.timeZone,
        locale: toLocale(p.locale),
        language: languageName(toLocale(p.locale)),
        calendarUrl: `/demo/calendars/${p.calendar}`,
      })),
      // The request and booking buttons' labels, in every language (the page picks the view's).
      buttons: Object.fromEntries(
        LOCALES.map((l) => [
          l,
          {
            moreTimes: t(l, 'chat.button.moreTimes'),
            cancelRequest: t(l, 'chat.button.cancelRequest'),
            reschedule: t(l, 'chat.button.reschedule'),
            cancelMeeting: t(l, 'chat.button.cancelMeeting'),
            bookAnyway: t(l, 'chat.button.bookAnyway'),
            bookAndMove: t(l, 'chat.button.bookAndMove'),
          },
        ]),
      ),
      examples: Object.fromEntries(LOCALES.map((l) => [l, t(l, 'playground.example')])),
    });
  });

  // The page's own text, worded by the server's catalogue: the browser carries no language table.
  api.get('/strings', (req, res) => {
    const locale = toLocale(typeof req.query.locale === 'string' ? req.query.locale : undefined);
    res.json({
      locale,
      languages: LOCALES.map((l) => ({ locale: l, name: languageName(l) })),
      strings: pageStrings(locale),
    });
  });

  api.post('/requests', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const text = req.body?.text;
    if (typeof text !== 'string' || text.trim() === '')
      return badRequest(res, 'Type a request, for example: /meet @ana @li 30m next week');
    // `/meet help` (`aide`…): the playground's own syntax, in the help word's language or the person's.
    const asked = helpLocale(text);
    if (asked !== undefined) {
      const locale = asked ?? toLocale(person.locale);
      return void res.json({ ok: true, help: { locale, text: helpText('playground', locale) } });
    }
    // The person's stored settings (`/meet settings`), else the demo file's: zone and reply language.
    const prefs = await deps.store.preferences.get(world.tenantId, person.id);
    const personLocale = toLocale(prefs?.locale ?? person.locale);
    // `/meet status`, `settings`, `cancel`, `reschedule`, `team …`: ./commands.ts.
    const answered = await commands.answer(person, text, personLocale);
    if (answered) return void res.status(answered.status).json(answered.body);
    const result = await requestMeeting(
      {
        store: deps.store,
        busy,
        directory,
        // `@support`: a team made with `/meet team`, its member picked by the rotation.
        rotations: deps.store.rotations,
        ...(deps.limits ? { limits: deps.limits } : {}),
        ...(deps.store.questions ? { questions: deps.store.questions } : {}),
      },
      {
        tenantId: world.tenantId,
        workspaceId: world.workspaceId,
        requesterPersonId: person.id,
        text: text.replace(/^\s*\/meet\b/i, ''),
        now: now(),
        zone: prefs?.timeZone ?? person.timeZone,
        // Answers in the person's language, whatever words the request uses.
        ...((prefs?.locale ?? person.locale) ? { replyLocale: personLocale } : {}),
        message: { channelId: 'playground', messageId: null },
      },
    );
    if (result.ok) res.json(result);
    else res.status(REQUEST_STATUS[result.error.code]).json(result);
  });

  // The answer to a question (`needs_answer` with `pending`): ids only; the request is read back and run
  // again with the answer applied.
  api.post('/answers', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const { questionId, choice } = req.body ?? {};
    if (typeof questionId !== 'string' || !Number.isInteger(choice))
      return badRequest(res, 'An answer needs the questionId and the choice (a number) of a question.');
    const questions = deps.store.questions;
    if (!questions) return badRequest(res, 'This playground does not keep questions.');
    const answered = await answerQuestion(
      {
        store: deps.store,
        busy,
        directory,
        rotations: deps.store.rotations,
        questions,
        ...(deps.limits ? { limits: deps.limits } : {}),
      },
      {
        tenantId: world.tenantId,
        questionId,
        choice,
        actorPersonId: person.id,
        now: now(),
        locale: toLocale(person.locale),
      },
    );
    if (!answered.ok)
      return void res
        .status(ANSWER_STATUS[answered.refused.code])
        .json({ ok: false, error: { ...answered.refused, locale: toLocale(person.locale) } });
    const { result } = answered;
    if (result.ok) res.json(result);
    else res.status(REQUEST_STATUS[result.error.code]).json(result);
  });

  api.post('/bookings', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const { proposalId, slotId, locale } = req.body ?? {};
    if (typeof proposalId !== 'string' || typeof slotId !== 'string')
      return badRequest(res, 'A booking needs the proposalId and slotId of a proposed slot.');
    const result = await bookMeeting(
      { store: deps.store, busy, writer, ...(deps.limits ? { limits: deps.limits } : {}) },
      {
        tenantId: world.tenantId,
        proposalId,
        slotId,
        actorPersonId: person.id,
        now: now(),
        ...(isLocale(locale) ? { locale } : {}),
      },
    );
    if (result.ok) res.json(result);
    else res.status(BOOK_STATUS[result.error.code]).json(result);
  });

  // "More times" on a proposal: ids only; the use case reads the stored request.
  api.post('/proposals/:proposalId/more', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const result = await requests.moreTimes({
      tenantId: world.tenantId,
      workspaceId: world.workspaceId,
      proposalId: String(req.params.proposalId),
      actorPersonId: person.id,
      now: now(),
      locale: localeOf(person, req.body?.locale),
    });
    if (result.ok) res.json(result);
    else res.status(MORE_STATUS[result.error.code]).json(result);
  });

  // "Cancel" on a proposal: the organiser only; the request is closed.
  api.post('/proposals/:proposalId/cancel', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const locale = localeOf(person, req.body?.locale);
    const result = await requests.cancel({
      tenantId: world.tenantId,
      workspaceId: world.workspaceId,
      proposalId: String(req.params.proposalId),
      actorPersonId: person.id,
    });
    if (!result.ok)
      return void res.status(CANCEL_REQUEST_STATUS[result.code]).json({
        ok: false,
        error: { code: result.code, locale, message: render(locale, result.message) },
      });
    res.json({
      ...result,
      locale,
      message: render(locale, { key: 'chat.cancelRequest.cancelledBy', params: { who: person.name } }),
    });
  });

  api.post('/bookings/:bookingId/cancel', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const result = await manage.cancel({
      tenantId: world.tenantId,
      bookingId: String(req.params.bookingId),
      actorPersonId: person.id,
      now: now(),
      locale: localeOf(person, req.body?.locale),
    });
    if (result.ok) res.json(result);
    else res.status(MANAGE_STATUS[result.error.code]).json(result);
  });

  // One occurrence of a series: cancel it only, or end the series there (it and the later ones).
  for (const [action, run] of [
    ['cancel', series.cancelOccurrence],
    ['end', series.endSeries],
  ] as const) {
    api.post(`/bookings/:bookingId/occurrences/${action}`, async (req: Request, res: Response) => {
      const person = personOf(req.body?.personId);
      if (!person) return badRequest(res, whoMessage);
      const start = req.body?.start;
      if (!Number.isSafeInteger(start))
        return badRequest(res, 'Name the occurrence by its start, in epoch milliseconds, as listed.');
      const result = await run({
        tenantId: world.tenantId,
        bookingId: String(req.params.bookingId),
        actorPersonId: person.id,
        occurrence: start,
        now: now(),
        locale: localeOf(person, req.body?.locale),
      });
      if (result.ok) res.json(result);
      else res.status(SERIES_STATUS[result.error.code]).json(result);
    });
  }

  // New times for ONE occurrence of a series (a read), and the pick: that occurrence moved there; the same
  // for an occurrence AND the following ones (`following-times`, `following`: the series split there).
  for (const [path, options] of [
    ['times', series.moveOptions],
    ['following-times', series.followingMoveOptions],
  ] as const) {
    api.get(`/bookings/:bookingId/occurrences/${path}`, async (req: Request, res: Response) => {
      const person = personOf(req.query.personId);
      if (!person) return badRequest(res, whoMessage);
      const start =
        typeof req.query.start === 'string' && /^\d{1,15}$/.test(req.query.start)
          ? Number(req.query.start)
          : NaN;
      if (!Number.isSafeInteger(start))
        return badRequest(res, 'Name the occurrence by its start, in epoch milliseconds, as listed.');
      const result = await options({
        tenantId: world.tenantId,
        bookingId: String(req.params.bookingId),
        actorPersonId: person.id,
        occurrence: start,
        now: now(),
        locale: localeOf(person, req.query.locale),
      });
      if (result.ok) res.json(result);
      else res.status(SERIES_STATUS[result.error.code]).json(result);
    });
  }

  for (const [path, move] of [
    ['move', series.moveOccurrence],
    ['following', series.moveFollowing],
  ] as const) {
    api.post(`/bookings/:bookingId/occurrences/${path}`, async (req: Request, res: Response) => {
      const person = personOf(req.body?.personId);
      if (!person) return badRequest(res, whoMessage);
      const { start, newStart } = req.body ?? {};
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(newStart))
        return badRequest(
          res,
          'Name the occurrence by its start and the new time by an offered start, in epoch milliseconds.',
        );
      const result = await move({
        tenantId: world.tenantId,
        bookingId: String(req.params.bookingId),
        actorPersonId: person.id,
        occurrence: start,
        newStart,
        now: now(),
        locale: localeOf(person, req.body?.locale),
      });
      if (result.ok) res.json(result);
      else res.status(SERIES_STATUS[result.error.code]).json(result);
    });
  }

  // New times for a booked meeting (a read: nothing changes until one is picked).
  api.get('/bookings/:bookingId/times', async (req: Request, res: Response) => {
    const person = personOf(req.query.personId);
    if (!person) return badRequest(res, whoMessage);
    const result = await manage.options({
      tenantId: world.tenantId,
      bookingId: String(req.params.bookingId),
      actorPersonId: person.id,
      now: now(),
      locale: localeOf(person, req.query.locale),
    });
    if (result.ok) res.json(result);
    else res.status(MANAGE_STATUS[result.error.code]).json(result);
  });

  api.post('/bookings/:bookingId/reschedule', async (req: Request, res: Response) => {
    const person = personOf(req.body?.personId);
    if (!person) return badRequest(res, whoMessage);
    const start = req.body?.start;
    if (!Number.isSafeInteger(start))
      return badRequest(res, 'A reschedule needs the new start, in epoch milliseconds, of an offered time.');
    const result = await manage.reschedule({
      tenantId: world.tenantId,
      bookingId: String(req.params.bookingId),
      actorPersonId: person.id,
      now: now(),
      newStart: start,
      locale: localeOf(person, req.body?.locale),
    });
    if (result.ok) res.json(result);
    else res.status(MANAGE_STATUS[result.error.code]).json(result);
  });

  api.get('/calendars/:personId', async (req: Request, res: Response) => {
    const person = personOf(req.params.personId);
    if (!person)
      return void res.status(404).json({ ok: false, error: { code: 'not_found', message: whoMessage } });
    const viewer = personOf(req.query.viewer) ?? person;
    const atText = typeof req.query.at === 'string' ? req.query.at : '';
    const at = atText === '' ? now() : Number(atText);
    if (!Number.isFinite(at)) return badRequest(res, '"at" must be an instant in epoch milliseconds.');
    const locale: Locale = isLocale(req.query.locale) ? req.query.locale : toLocale(viewer.locale);
    const week = await personWeek(
      { store: deps.store, busy },
      { tenantId: world.tenantId, person, viewerId: viewer.id, at, locale },
    );
    res.json({ ok: true, week });
  });

  api.post('/reset', async (req, res) => {
    const cancelled = await resetDemo(deps.store, world);
    deps.log?.(`playground: demo reset, ${cancelled} booking(s) cancelled`);
    const locale = toLocale(req.body?.locale);
    res.json({ ok: true, cancelled, message: t(locale, 'playground.resetDone', { count: cancelled }) });
  });

  router.use('/playground/api', api);
  return router;
}
