/**
 * The Graph transport every Microsoft call goes through: the SDK client with our own middleware chain
 * (authentication, telemetry, fetch — WITHOUT the SDK's RetryHandler so `withRetry` is the one policy),
 * a per-mailbox concurrency cap, bounded retries honouring Retry-After, and one token refresh on 401.
 */
import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  type AuthenticationProvider,
  Client,
  type Context,
  type GraphRequest,
  type Middleware,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { TokenSource } from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../retry.ts';
import { classifyGraphError, type GraphOperation, isRejectedToken, toProviderError } from './errors.ts';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/';

/** Outlook allows 4 concurrent requests per app per mailbox; more get 429 "MailboxConcurrency". */
export const MAILBOX_CONCURRENCY = 4;

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GraphTransportOptions {
  readonly tokenSource: TokenSource;
  /** Graph root; the client appends `v1.0`. A non-Graph host is added to the SDK's `customHosts`. */
  readonly baseUrl?: string;
  /** Defaults to the global fetch (default TLS verification). Tests inject one trusting the fake's cert. */
  readonly fetch?: FetchLike;
  readonly clock?: () => number;
  readonly retryPolicy?: RetryPolicy;
  /** Requests in flight for this mailbox at most (default 4). */
  readonly maxConcurrency?: number;
}

/** A small FIFO semaphore. */
export class Semaphore {
  #available: number;
  readonly #waiting: Array<() => void> = [];

  constructor(permits: number) {
    if (!(permits >= 1)) throw new RangeError('permits must be >= 1');
    this.#available = permits;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#available > 0) this.#available -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#available += 1;
    }
  }
}

/** The last middleware: performs the request with the injected fetch (the SDK's own uses the global one). */
class FetchHandler implements Middleware {
  readonly #fetch: FetchLike;
  constructor(fetchImpl: FetchLike) {
    this.#fetch = fetchImpl;
  }
  async execute(context: Context): Promise<void> {
    context.response = await this.#fetch(context.request as string | Request, context.options as RequestInit);
  }
}

export type Api = (path: string) => GraphRequest;

export class GraphTransport {
  readonly #client: Client;
  readonly #tokens: TokenSource;
  readonly #clock: () => number;
  readonly #policy: RetryPolicy;
  readonly #limit: Semaphore;

  constructor(options: GraphTransportOptions) {
    this.#tokens = options.tokenSource;
    this.#clock = options.clock ?? Date.now;
    this.#policy = options.retryPolicy ?? defaultRetryPolicy;
    this.#limit = new Semaphore(options.maxConcurrency ?? MAILBOX_CONCURRENCY);
    const baseUrl = options.baseUrl ?? GRAPH_BASE_URL;
    const tokens = this.#tokens;
    const chain: Middleware[] = [
      new AuthenticationHandler({ getAccessToken: () => tokens.accessToken() }),
      new TelemetryHandler(),
      new FetchHandler(options.fetch ?? ((input, init) => fetch(input, init))),
    ];
    this.#client = Client.initWithMiddleware({
      baseUrl,
      // The AuthenticationHandler only attaches `Authorization` to https Graph hosts or customHosts and
      // strips it for any other URL.
      // @see https://github.com/microsoftgraph/msgraph-sdk-javascript/blob/dev/src/middleware/AuthenticationHandler.ts
      customHosts: new Set([new URL(baseUrl).hostname]),
      middleware: chain,
    });
  }

  /**
   * Runs `build` (one Graph request) under the mailbox concurrency cap with bounded retries. A 401 makes
   * the token source drop the rejected token and the request is repeated once with a fresh one.
   * Failures come out as `ProviderError`.
   */
  async send<T>(
    what: string,
    operation: GraphOperation,
    build: (api: Api) => Promise<T>,
    signal?: AbortSignal,
  ) {
    let refreshed = false;
    for (;;) {
      let usedToken: string | undefined;
      let tokenError: unknown;
      // Per request, so we know which token Graph rejected (concurrent requests may hold different ones).
      const auth: AuthenticationProvider = {
        getAccessToken: async () => {
          try {
            usedToken = await this.#tokens.accessToken(signal);
            return usedToken;
          } catch (error) {
            tokenError = error;
            throw error;
          }
        },
      };
      const api: Api = (path) => {
        const request = this.#client.api(path).middlewareOptions([new AuthenticationHandlerOptions(auth)]);
        return signal ? request.option('signal', signal) : request;
      };
      try {
        return await withRetry<T>(
          () =>
            this.#limit.run(async () => {
              signal?.throwIfAborted();
              try {
                return await build(api);
              } catch (error) {
                // The SDK wraps errors thrown by the auth provider; surface the token source's own.
                throw tokenError ?? error;
              }
            }),
          (error) => classifyGraphError(error, this.#clock()),
          this.#policy,
          signal,
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!refreshed && isRejectedToken(error) && usedToken !== undefined) {
          refreshed = true;
          this.#tokens.invalidate(usedToken);
          continue;
        }
        throw error instanceof ProviderError ? error : toProviderError(error, what, operation);
      }
    }
  }
}
