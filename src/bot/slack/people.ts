/**
 * Slack users → Convene people. `users.info` gives the zone (`tz`), locale, e-mail and whether the
 * account was deleted; the person is upserted by identity and, on first sight, gets preferences in the
 * user's Slack zone (later changes go through `/meet settings`, which wins over Slack's zone).
 *
 * Degrades gracefully: no `tz` → no stored zone (the organiser's zone is assumed by the use case);
 * `users.info` failing → the person is still found or created under their user id; `deleted: true` →
 * a value the caller reports by name.
 */

import type { Invalidations } from '../../app/ports/invalidations.ts';
import type { Person, Preferences, Workspace } from '../../app/ports/store.ts';
import { DEFAULT_WORKING_HOURS } from '../../app/request-meeting.ts';
import type { Locale } from '../../app/views.ts';
import { toLocale } from '../../app/views.ts';
import type { SlackApi, SlackRuntime, SlackUserInfo, UserInfoCache } from './deps.ts';
import { accountOf } from './deps.ts';
import { InstallationCache } from './installation-cache.ts';

/**
 * How long a `users.info` answer is reused. Slack allows `users.info` about 100 calls a minute per
 * workspace (Tier 4) and a `/meet` with 10 people needs 10: without the cache a busy workspace is
 * rate-limited within seconds. A `user_change` event (name, zone, deactivation) forgets the user at once
 * on the replica that receives it and, with `bus` (the store's invalidations), on every other replica
 * as soon as PostgreSQL delivers the notification; without it others see the change within this TTL.
 * @see https://api.slack.com/methods/users.info (rate limit tier)
 * @see https://api.slack.com/events/user_change
 */
export const USER_INFO_TTL_MS = 10 * 60_000;
export const USER_INFO_MAX_ENTRIES = 50_000;

export function createUserInfoCache(clock: () => number = Date.now, bus?: Invalidations): UserInfoCache {
  return new InstallationCache<SlackUserInfo>({
    ttlMs: USER_INFO_TTL_MS,
    maxEntries: USER_INFO_MAX_ENTRIES,
    clock,
    ...(bus ? { shared: { bus, name: 'slack.user' } } : {}),
  });
}

export const userInfoKey = (teamId: string, userId: string) => `${teamId}:${userId}`;

/** `users.info` through the runtime's cache (failures are not cached: the next call asks Slack again). */
export function cachedUserInfo(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  userId: string,
): Promise<SlackUserInfo | null> {
  if (!rt.users) return userInfo(client, userId, rt.log);
  return rt.users.get(userInfoKey(workspace.externalId, userId), () => userInfo(client, userId, rt.log));
}

export interface SlackPerson {
  readonly person: Person;
  /** Stored zone, else Slack's, else UTC. */
  readonly zone: string;
  readonly locale: Locale;
  /**
   * The person's chosen language is known: Slack gave their locale (stored preferences start from it and
   * the settings can change it). Without it, answers follow the request's language.
   */
  readonly localeKnown?: boolean;
  readonly admin: boolean;
}

export type ResolvedUser =
  | ({ readonly ok: true } & SlackPerson)
  | { readonly ok: false; readonly reason: 'deleted' | 'bot' | 'not_installed'; readonly name: string };

export async function userInfo(
  client: SlackApi,
  userId: string,
  log: (line: string) => void,
): Promise<SlackUserInfo | null> {
  try {
    const result = await client.users.info({ user: userId, include_locale: true });
    return result.user ?? null;
  } catch (error) {
    log(`slack: users.info ${userId} failed: ${errorCode(error)}`);
    return null;
  }
}

export function displayNameOf(user: SlackUserInfo | null, fallback: string): string {
  return (
    user?.profile?.display_name?.trim() ||
    user?.real_name?.trim() ||
    user?.profile?.real_name?.trim() ||
    user?.name?.trim() ||
    fallback
  );
}

/** The person behind a Slack user, created or refreshed from `users.info`. */
export async function resolveUser(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  userId: string,
  prefetched?: KnownUsers,
  /** `fresh`: ask Slack even when an answer is cached (admin rights: a demoted admin loses them at once). */
  options: { readonly fresh?: boolean } = {},
): Promise<ResolvedUser> {
  const { store } = rt.deps;
  const info = options.fresh
    ? await userInfo(client, userId, rt.log)
    : await cachedUserInfo(rt, client, workspace, userId);
  const name = displayNameOf(info, userId);
  if (info?.deleted) return { ok: false, reason: 'deleted', name };
  if (info?.is_bot) return { ok: false, reason: 'bot', name };
  const known = prefetched
    ? (prefetched.people.get(userId) ?? null)
    : await store.people.findByIdentity(workspace.id, userId);
  const account = accountOf(rt.deps);
  // A known person whose Slack profile did not change is not rewritten (a transaction per mention).
  const person = info
    ? await account.syncPerson({
        known,
        profile: {
          workspaceId: workspace.id,
          externalUserId: userId,
          displayName: name,
          handle: info.name ?? null,
          ...(info.profile?.email ? { email: info.profile.email } : {}),
        },
      })
    : (known ??
      (await account.syncPerson({
        profile: { workspaceId: workspace.id, externalUserId: userId, displayName: userId },
      })));
  if (!person) return { ok: false, reason: 'not_installed', name };
  let prefs =
    prefetched?.prefsRead.has(person.id) === true
      ? (prefetched.prefs.get(person.id) ?? null)
      : await store.preferences.get(person.tenantId, person.id);
  if (!prefs && info?.tz)
    prefs = await account.adoptProfile({
      tenantId: person.tenantId,
      personId: person.id,
      timeZone: info.tz,
      localeTag: info.locale ?? 'en-US',
      hours: DEFAULT_WORKING_HOURS,
    });
  return {
    ok: true,
    person,
    zone: prefs?.timeZone ?? (info?.tz && isZone(info.tz) ? info.tz : 'UTC'),
    locale: toLocale(prefs?.locale ?? info?.locale),
    localeKnown: typeof info?.locale === 'string',
    admin: info?.is_admin === true || info?.is_owner === true,
  };
}

/** People and preferences of several Slack users read up front (two reads instead of a few per user). */
export interface KnownUsers {
  readonly people: ReadonlyMap<string, Person>;
  readonly prefs: ReadonlyMap<string, Preferences>;
  /** The people whose preferences were read (absent from `prefs` = none stored). */
  readonly prefsRead: ReadonlySet<string>;
}

/** `KnownUsers` of `userIds`, or undefined for fewer than two users (resolveUser reads each). */
export async function knownUsers(
  rt: SlackRuntime,
  workspace: Workspace,
  userIds: readonly string[],
): Promise<KnownUsers | undefined> {
  const { people, preferences } = rt.deps.store;
  if (userIds.length < 2) return undefined;
  const found = await people.findByIdentities(workspace.id, userIds);
  const ids = [...found.values()].filter((p) => p.tenantId === workspace.tenantId).map((p) => p.id);
  const prefs = ids.length > 0 ? await preferences.getMany(workspace.tenantId, ids) : new Map();
  return { people: found, prefs, prefsRead: new Set(ids) };
}

/** A known person without calling Slack (clicks), else `resolveUser`. */
export async function knownOrResolve(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  userId: string,
): Promise<ResolvedUser> {
  const person = await rt.deps.store.people.findByIdentity(workspace.id, userId);
  if (!person) return resolveUser(rt, client, workspace, userId);
  const prefs = await rt.deps.store.preferences.get(person.tenantId, person.id);
  return { ok: true, person, zone: prefs?.timeZone ?? 'UTC', locale: toLocale(prefs?.locale), admin: false };
}

/** The Slack user id of a person in a workspace. */
export function slackUserId(person: Person, workspaceId: string): string | null {
  return (
    person.identities.find((i) => i.workspaceId === workspaceId && i.platform === 'slack')?.externalUserId ??
    null
  );
}

export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A Slack Web API error code (`invalid_auth`, `ratelimited`, …) without anything else from the error. */
export function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === 'string') return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}
