/**
 * Per-user and per-workspace rate limits on chat commands: two token buckets per command (the user's
 * and the workspace's), refilled continuously at `perMinute / 60` tokens a second, with an injected
 * clock. A command passes only when both buckets have a token, and then takes one from each.
 *
 * In memory, per replica: with N replicas behind a load balancer the effective limit is up to N times
 * the configured one, and a restart forgets the counts. That is enough to stop a runaway loop or one
 * noisy user from starving a workspace; a shared limit would need the database or Redis.
 */
import { t } from '../app/i18n/index.ts';
import type { RequestLimits } from '../app/request-meeting.ts';
import type { Locale } from '../core/locale.ts';

export interface RateLimitSettings {
  /** Commands a user may send per minute (burst of the same size). */
  readonly userPerMinute: number;
  /** Commands a whole workspace (Slack team, Discord guild) may send per minute. */
  readonly workspacePerMinute: number;
  /** Milliseconds clock; default `Date.now`. */
  readonly clock?: () => number;
  /** Buckets kept before the idle ones are dropped; default 10,000. */
  readonly maxBuckets?: number;
}

export const DEFAULT_RATE_LIMITS = { userPerMinute: 10, workspacePerMinute: 120 } as const;

export type RateDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly scope: 'user' | 'workspace'; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class CommandRateLimiter {
  readonly #settings: RateLimitSettings;
  readonly #clock: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(settings: RateLimitSettings) {
    this.#settings = settings;
    this.#clock = settings.clock ?? Date.now;
  }

  /** Takes a token for `userId` in `workspaceId`, or says which limit is reached and for how long. */
  take(platform: string, workspaceId: string, userId: string): RateDecision {
    const now = this.#clock();
    const workspaceKey = `${platform}:${workspaceId}`;
    const user = this.#fill(`${workspaceKey}:${userId}`, this.#settings.userPerMinute, now);
    const workspace = this.#fill(workspaceKey, this.#settings.workspacePerMinute, now);
    if (user.tokens < 1) return this.#refuse('user', user, this.#settings.userPerMinute);
    if (workspace.tokens < 1) return this.#refuse('workspace', workspace, this.#settings.workspacePerMinute);
    user.tokens -= 1;
    workspace.tokens -= 1;
    return { ok: true };
  }

  #fill(key: string, perMinute: number, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= (this.#settings.maxBuckets ?? 10_000)) this.#sweep(now);
      bucket = { tokens: perMinute, at: now };
      this.#buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(perMinute, bucket.tokens + (elapsed * perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  #refuse(scope: 'user' | 'workspace', bucket: Bucket, perMinute: number): RateDecision {
    const retryAfterSeconds = Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / perMinute));
    return { ok: false, scope, retryAfterSeconds };
  }

  /** Drops buckets idle for over a minute (they would be full again anyway). */
  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) if (now - bucket.at > 60_000) this.#buckets.delete(key);
  }
}

/** `env` with the default limits filled in where unset: what `npm start` runs with. */
export function withDefaultRateLimits(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    CONVENE_RATE_LIMIT_USER_PER_MINUTE:
      env.CONVENE_RATE_LIMIT_USER_PER_MINUTE?.trim() || String(DEFAULT_RATE_LIMITS.userPerMinute),
    CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE:
      env.CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE?.trim() || String(DEFAULT_RATE_LIMITS.workspacePerMinute),
  };
}

/** The polite refusal, in the user's language. */
export function rateLimitedMessage(decision: RateDecision, locale: Locale): string {
  if (decision.ok) return '';
  return t(locale, 'account.rateLimited', {
    scope: decision.scope,
    wait: String(decision.retryAfterSeconds),
  });
}

/**
 * The limits the environment sets (checked by src/config.ts), a missing one taking its default; null
 * when neither variable is set (the readers then leave limits off; `npm start` fills in the defaults).
 */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimitSettings | null {
  const names = ['CONVENE_RATE_LIMIT_USER_PER_MINUTE', 'CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE'];
  if (!names.some((name) => env[name]?.trim())) return null;
  const read = (name: string, fallback: number) => {
    const value = Number(env[name]?.trim() || Number.NaN);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    userPerMinute: read('CONVENE_RATE_LIMIT_USER_PER_MINUTE', DEFAULT_RATE_LIMITS.userPerMinute),
    workspacePerMinute: read(
      'CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE',
      DEFAULT_RATE_LIMITS.workspacePerMinute,
    ),
  };
}

/**
 * The work budget of one meeting request from the environment (checked by src/config.ts):
 * `CONVENE_MAX_WINDOW_DAYS` (default 90), `CONVENE_MAX_PARTICIPANTS` (default 50) and
 * `CONVENE_MAX_SERIES_DAYS` (how far ahead a recurring request's occurrences are checked, default 184). Unset or invalid
 * values leave the default, which the use case and the parser apply anyway.
 */
export function requestLimitsFromEnv(env: NodeJS.ProcessEnv): RequestLimits {
  const read = (name: string) => {
    const value = Number(env[name]?.trim() || Number.NaN);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const maxWindowDays = read('CONVENE_MAX_WINDOW_DAYS');
  const maxParticipants = read('CONVENE_MAX_PARTICIPANTS');
  const maxSeriesDays = read('CONVENE_MAX_SERIES_DAYS');
  return {
    ...(maxWindowDays ? { maxWindowDays } : {}),
    ...(maxParticipants ? { maxParticipants } : {}),
    ...(maxSeriesDays ? { maxSeriesDays } : {}),
  };
}
