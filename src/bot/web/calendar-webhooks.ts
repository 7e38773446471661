/**
 * Provider webhooks for change detection (mount with `routers: [{ router }]`):
 *
 *   POST /webhooks/google               Google Calendar channel notifications (headers only, no body)
 *   POST /webhooks/microsoft            Graph change notifications (and their validation handshake)
 *   POST /webhooks/microsoft/lifecycle  Graph lifecycle notifications (and their validation handshake)
 *
 * They only authenticate and queue: every notification is checked against its watch (Google channel
 * token, Graph `clientState`, compared in constant time by `WatchLookup.secretMatches`), then handed to
 * the `SyncQueue`, which stores a durable job and returns. The sync itself never runs here, so answers
 * go out well within the providers' 3 s. If the lookup or the queue does not answer within
 * `ackDeadlineMs`, the provider gets 503 and redelivers later (a delivery queued twice is one job);
 * the work is then stopped (nothing more is queued after the answer).
 *
 * Bounded before anything is authenticated: a secret that cannot be one of ours (not 1-128 base64url
 * characters) is refused without a database lookup; a Graph POST names at most
 * `MAX_GRAPH_NOTIFICATIONS` notifications (more is a 413) and its subscriptions are looked up in one query.
 *
 * Nothing secret is logged (no tokens, no clientState, no ids an attacker chose); refusals are counted.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';
import type { CalendarWatch, RewatchReason, SyncQueue, WatchLookup } from '../../app/ports/sync.ts';

export interface CalendarWebhookDeps {
  readonly watches: WatchLookup;
  readonly queue: SyncQueue;
  /** One line per event, no secrets. */
  readonly log?: (line: string) => void;
  /** Longest wait on lookup + queue before answering 503 (default 2000 ms, under the 3 s both providers allow). */
  readonly ackDeadlineMs?: number;
}

export interface CalendarWebhookStats {
  /** Google notifications queued (or recognised as duplicates by the queue). */
  google: { queued: number; duplicates: number; syncMessages: number; refused: number };
  microsoft: { queued: number; duplicates: number; forged: number; unknown: number; rewatches: number };
}

export interface CalendarWebhooks {
  readonly router: Router;
  readonly stats: CalendarWebhookStats;
}

export const GOOGLE_WEBHOOK_PATH = '/webhooks/google';
export const MICROSOFT_WEBHOOK_PATH = '/webhooks/microsoft';
export const MICROSOFT_LIFECYCLE_PATH = '/webhooks/microsoft/lifecycle';

/** Graph's validation tokens are short opaque strings; anything longer is not from Graph. */
const MAX_VALIDATION_TOKEN = 1024;
/** Graph batches notifications; 256 kB is far above a batch of ids (Google sends no body at all). */
const MAX_BODY = '256kb';
const MAX_ID = 256;
/**
 * Notifications per Graph POST. Graph batches the notifications of a burst into one POST; a batch of
 * basic (no resource data) Outlook notifications is far smaller than this. More is refused (413) before
 * any lookup: a 260 kB body of made-up ids used to cost one query per id.
 */
export const MAX_GRAPH_NOTIFICATIONS = 100;
/** A channel token / clientState we set (an HMAC in base64url; Graph allows at most 128 characters). */
const PLAUSIBLE_SECRET = /^[A-Za-z0-9_-]{1,128}$/;

const LIFECYCLE_REASONS: Record<string, RewatchReason> = {
  reauthorizationRequired: 'reauthorization_required',
  subscriptionRemoved: 'removed',
  missed: 'missed',
};

class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

export function createCalendarWebhooks(deps: CalendarWebhookDeps): CalendarWebhooks {
  const log = deps.log ?? (() => undefined);
  const deadlineMs = deps.ackDeadlineMs ?? 2000;
  const stats: CalendarWebhookStats = {
    google: { queued: 0, duplicates: 0, syncMessages: 0, refused: 0 },
    microsoft: { queued: 0, duplicates: 0, forged: 0, unknown: 0, rewatches: 0 },
  };
  const router = express.Router();

  /**
   * Runs the lookup + queue work, or gives up at the deadline. The work gets an AbortSignal and checks it
   * between steps: after the deadline it stops (a query already sent finishes, nothing new starts).
   */
  const inTime = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const abort = new AbortController();
    const running = work(abort.signal);
    running.catch((error: unknown) => {
      if (!(error instanceof DeadlineExceeded)) log(`webhooks: late work failed: ${errorName(error)}`);
    });
    try {
      return await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abort.abort();
            reject(new DeadlineExceeded());
          }, deadlineMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  const stopIfLate = (signal: AbortSignal) => {
    if (signal.aborted) throw new DeadlineExceeded();
  };

  const failed = (res: Response, where: string, error: unknown) => {
    // 5xx makes both providers redeliver later (Google with exponential backoff; Graph for up to 4 h).
    // @see https://developers.google.com/calendar/api/guides/push#responding-to-notifications
    // @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#respond-to-notifications
    log(`webhooks: ${where} not queued: ${errorName(error)}`);
    if (!res.headersSent) reply(res, error instanceof DeadlineExceeded ? 503 : 500, 'try_again');
  };

  // ---------------------------------------------------------------- Google

  router.post(
    GOOGLE_WEBHOOK_PATH,
    // Notifications carry no body; refuse big ones before reading them.
    express.raw({ type: () => true, limit: '4kb' }),
    async (req: Request, res: Response) => {
      const channelId = req.get('x-goog-channel-id') ?? '';
      const token = req.get('x-goog-channel-token') ?? '';
      const state = req.get('x-goog-resource-state') ?? '';
      const resourceId = req.get('x-goog-resource-id');
      const numberText = req.get('x-goog-message-number') ?? '';
      const messageNumber = /^\d{1,15}$/.test(numberText) ? Number(numberText) : undefined;
      if (!channelId || channelId.length > MAX_ID || !state || messageNumber === undefined) {
        return void reply(res, 400, 'bad_request');
      }
      if (!PLAUSIBLE_SECRET.test(token)) {
        // Not a token we could have set: refused like a wrong one, without a database lookup.
        stats.google.refused += 1;
        return void reply(res, 401, 'unauthorized');
      }
      try {
        const watch = await inTime(async () => {
          const found = await deps.watches.findByChannel('google', channelId);
          if (found?.provider !== 'google' || found.mode !== 'push') return null;
          // The channel token we set at events.watch, echoed by Google (constant-time comparison).
          if (!deps.watches.secretMatches(found, token)) return null;
          // A channel id replayed against another resource is not this channel's notification.
          if (found.resourceId && resourceId && found.resourceId !== resourceId) return null;
          return found;
        });
        if (!watch) {
          // Unknown channel and wrong token get the same answer (no oracle). Any status other than
          // 2xx and 5xx is a final failure for Google: it does not redeliver.
          // @see https://developers.google.com/calendar/api/guides/push#responding-to-notifications
          stats.google.refused += 1;
          log('webhooks: google notification refused (unknown channel or wrong token)');
          return void reply(res, 401, 'unauthorized');
        }
        // The first message of every channel is `sync`: it says the channel works, nothing changed.
        // @see https://developers.google.com/calendar/api/guides/push#sync-message
        if (state === 'sync') {
          stats.google.syncMessages += 1;
          return void reply(res, 200, 'ok');
        }
        if (state !== 'exists' && state !== 'not_exists') return void reply(res, 400, 'bad_request');
        // Duplicates and older (out-of-order) message numbers are dropped by the queue, per channel.
        const outcome = await inTime((signal) => {
          stopIfLate(signal);
          return deps.queue.requestSync(watch, { messageNumber });
        });
        if (outcome === 'duplicate') stats.google.duplicates += 1;
        else stats.google.queued += 1;
        reply(res, 200, 'ok');
      } catch (error) {
        failed(res, 'google notification', error);
      }
    },
  );

  // ---------------------------------------------------------------- Microsoft Graph

  /**
   * The validation handshake: `POST …?validationToken=<opaque>` must get 200, text/plain, with the
   * URL-decoded token as the body, within 10 s (express has decoded the query already).
   * @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation
   */
  const handshake = (req: Request, res: Response, next: NextFunction) => {
    const token = (req.query as Record<string, unknown>).validationToken;
    if (token === undefined) return void next();
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_VALIDATION_TOKEN) {
      return void reply(res, 400, 'bad_request');
    }
    res
      .status(200)
      .set({ 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
      .send(token);
  };

  const graphBody = express.json({ limit: MAX_BODY, type: ['application/json', 'application/*+json'] });

  /**
   * Authentic entries of a Graph POST: the subscription is ours and its clientState matches. Malformed
   * entries are dropped first; the subscriptions named are then looked up in ONE query.
   */
  const authentic = async (entries: readonly unknown[], signal: AbortSignal) => {
    const wellFormed: Array<{ id: string; clientState: string; entry: Record<string, unknown> }> = [];
    for (const raw of entries) {
      if (typeof raw !== 'object' || raw === null) continue;
      const entry = raw as Record<string, unknown>;
      const id = entry.subscriptionId;
      const clientState = entry.clientState;
      if (
        typeof id !== 'string' ||
        id.length === 0 ||
        id.length > MAX_ID ||
        typeof clientState !== 'string' ||
        !PLAUSIBLE_SECRET.test(clientState)
      ) {
        stats.microsoft.forged += 1;
        continue;
      }
      wellFormed.push({ id, clientState, entry });
    }
    const out: Array<{ watch: CalendarWatch; entry: Record<string, unknown> }> = [];
    if (wellFormed.length === 0) return out;
    const found = await deps.watches.findManyByChannel(
      'microsoft',
      wellFormed.map((item) => item.id),
    );
    stopIfLate(signal);
    for (const { id, clientState, entry } of wellFormed) {
      const watch = found.get(id);
      if (watch?.provider !== 'microsoft' || watch.mode !== 'push') {
        stats.microsoft.unknown += 1;
        continue;
      }
      // "Compare clientState with the value you set; if they differ, discard the notification."
      // @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#receive-notifications
      if (!deps.watches.secretMatches(watch, clientState)) {
        stats.microsoft.forged += 1;
        continue;
      }
      out.push({ watch, entry });
    }
    return out;
  };

  const entriesOf = (req: Request): unknown[] | undefined => {
    const value = (req.body as { value?: unknown } | undefined)?.value;
    return Array.isArray(value) ? value : undefined;
  };
  /** Refuses a body that is not a batch of at most MAX_GRAPH_NOTIFICATIONS; returns its entries otherwise. */
  const batchOf = (req: Request, res: Response): unknown[] | undefined => {
    const entries = entriesOf(req);
    if (!entries) return void reply(res, 400, 'bad_request');
    if (entries.length > MAX_GRAPH_NOTIFICATIONS) {
      log(
        `webhooks: graph POST with ${entries.length} notifications refused (at most ${MAX_GRAPH_NOTIFICATIONS})`,
      );
      return void reply(res, 413, 'too_many_notifications');
    }
    return entries;
  };

  router.post(MICROSOFT_WEBHOOK_PATH, handshake, graphBody, async (req: Request, res: Response) => {
    const entries = batchOf(req, res);
    if (!entries) return;
    try {
      await inTime(async (signal) => {
        // One sync per subscription per delivery, however many events the batch names.
        const watches = new Map((await authentic(entries, signal)).map(({ watch }) => [watch.id, watch]));
        for (const watch of watches.values()) {
          stopIfLate(signal);
          const outcome = await deps.queue.requestSync(watch, {});
          if (outcome === 'duplicate') stats.microsoft.duplicates += 1;
          else stats.microsoft.queued += 1;
        }
      });
      // 202: accepted, the work is queued. Forged entries get the same answer and are simply dropped.
      // @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#respond-to-notifications
      reply(res, 202, 'accepted');
    } catch (error) {
      failed(res, 'graph notification', error);
    }
  });

  router.post(MICROSOFT_LIFECYCLE_PATH, handshake, graphBody, async (req: Request, res: Response) => {
    const entries = batchOf(req, res);
    if (!entries) return;
    try {
      await inTime(async (signal) => {
        for (const { watch, entry } of await authentic(entries, signal)) {
          stopIfLate(signal);
          // reauthorizationRequired / subscriptionRemoved / missed: recreate the subscription, then
          // resync (the job does both; missed notifications are covered by the delta).
          // @see https://learn.microsoft.com/graph/change-notifications-lifecycle-events
          const reason = LIFECYCLE_REASONS[String(entry.lifecycleEvent)];
          if (!reason) continue;
          await deps.queue.requestRewatch(watch, reason);
          stats.microsoft.rewatches += 1;
        }
      });
      reply(res, 202, 'accepted');
    } catch (error) {
      failed(res, 'graph lifecycle notification', error);
    }
  });

  // Body parser failures (malformed JSON, too large): a short answer, never a stack trace.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return void next(error);
    const status = (error as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return void reply(res, status, status === 413 ? 'too_large' : 'bad_request');
    }
    log(`webhooks: unexpected failure: ${errorName(error)}`);
    reply(res, 500, 'try_again');
  });

  return { router, stats };
}

function reply(res: Response, status: number, code: string): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ ok: status < 300, code });
}

/** The error's class only: messages from the store or a provider could carry ids or secrets. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
