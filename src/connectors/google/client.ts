/**
 * The authenticated, retrying transport around `@googleapis/calendar`. Every call:
 *  - takes a bearer token from the `TokenSource` (no google-auth-library client: refresh is ours);
 *  - runs with the SDK's own retry disabled, so only our bounded `withRetry` retries (429, 5xx,
 *    403 rate limits, transport errors), honouring `Retry-After`;
 *  - on 401 invalidates the rejected token and retries once immediately with a fresh one;
 *  - surfaces failures as `ProviderError` (aborts rethrow the signal's reason).
 */

import http from 'node:http';
import https from 'node:https';
import type { calendar_v3, MethodOptions } from '@googleapis/calendar';
import { calendar } from '@googleapis/calendar';
import type { TokenSource } from '../../app/ports/provider.ts';
import type { RetryPolicy } from '../retry.ts';
import { defaultRetryPolicy, withRetry } from '../retry.ts';
import { classifyGoogleError, googleErrorInfo, toProviderError } from './errors.ts';

export const DEFAULT_ROOT_URL = 'https://www.googleapis.com/';

export interface GoogleCalendarClientOptions {
  readonly tokenSource: TokenSource;
  /** Where the Calendar API lives (the test fake's URL in tests). Must end with `/`. */
  readonly rootUrl?: string;
  readonly clock?: () => number;
  readonly retryPolicy?: RetryPolicy;
}

/**
 * One SDK client per API root for the whole process: it holds no credentials (the bearer token is
 * passed per request), so every connection shares it and its HTTP agent instead of building its own per
 * read (issue 10: per-connection SDK clients and agents made RSS grow with the people read).
 */
const apis = new Map<string, calendar_v3.Calendar>();

/**
 * At most this many connections to one API root, kept alive between calls. Without a bound a burst of
 * `/meet` requests (10 free/busy reads each) opens one TLS connection per read and drops most of them
 * afterwards (Node keeps 256 idle): the handshakes cost more CPU than the reads. Reads beyond it wait
 * for a free connection.
 */
export const GOOGLE_MAX_SOCKETS = 128;

function keepAliveAgent(rootUrl: string): http.Agent {
  const options = { keepAlive: true, maxSockets: GOOGLE_MAX_SOCKETS, maxFreeSockets: GOOGLE_MAX_SOCKETS };
  return rootUrl.startsWith('http:') ? new http.Agent(options) : new https.Agent(options);
}
function sharedApi(rootUrl: string): calendar_v3.Calendar {
  let api = apis.get(rootUrl);
  if (!api) {
    api = calendar({
      version: 'v3',
      rootUrl,
      agent: keepAliveAgent(rootUrl),
      // gaxios would retry GET/PUT/DELETE itself and ignores Retry-After; our withRetry does it all.
      // @see https://developers.google.com/calendar/api/guides/errors#exponential_backoff
      retry: false,
    });
    apis.set(rootUrl, api);
  }
  return api;
}

export class GoogleCalendarClient {
  readonly api: calendar_v3.Calendar;
  readonly retryPolicy: RetryPolicy;
  readonly #tokenSource: TokenSource;
  readonly #clock: () => number;

  constructor(options: GoogleCalendarClientOptions) {
    this.#tokenSource = options.tokenSource;
    this.#clock = options.clock ?? Date.now;
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.api = sharedApi(options.rootUrl ?? DEFAULT_ROOT_URL);
  }

  /**
   * Runs one API method with auth and retries. `send` receives per-request options (Authorization
   * header, `retry:false`, signal) and must pass them as the method's second argument.
   */
  async call<T>(
    operation: string,
    send: (options: MethodOptions) => Promise<{ data: T }>,
    signal?: AbortSignal,
  ): Promise<T> {
    try {
      return await withRetry(
        async () => {
          let refreshedAfter401 = false;
          for (;;) {
            const token = await this.#tokenSource.accessToken(signal);
            try {
              const response = await send({
                headers: { Authorization: `Bearer ${token}` },
                retry: false,
                ...(signal ? { signal } : {}),
              });
              return response.data;
            } catch (error) {
              // 401 authError: the token was revoked or expired early. Refresh and retry once, at once.
              // @see https://developers.google.com/calendar/api/guides/errors#401_invalid_credentials
              if (!refreshedAfter401 && googleErrorInfo(error).status === 401 && !signal?.aborted) {
                this.#tokenSource.invalidate(token);
                refreshedAfter401 = true;
                continue;
              }
              throw error;
            }
          }
        },
        (error) => classifyGoogleError(error, this.#clock()),
        this.retryPolicy,
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toProviderError(error, operation);
    }
  }
}
