/**
 * State of the fake Microsoft 365 tenant: mailboxes with calendars and events, OAuth clients, codes and
 * tokens, and the failures a test asked for. Plain data; the handlers in graph.ts / identity.ts
 * read and change it, the control API in server.ts exposes it to tests.
 */
import { randomBytes } from 'node:crypto';
import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface FakeEvent {
  id: string;
  calendarId: string;
  subject: string;
  bodyContent: string;
  /** Epoch ms, half-open. */
  start: number;
  end: number;
  /** Zone the client wrote the event in (echoed back in responses). */
  timeZone: string;
  isAllDay: boolean;
  showAs: ShowAs;
  transactionId: string | undefined;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  joinUrl: string | null;
  attendees: Array<{ emailAddress: { address: string; name?: string }; type: string }>;
  iCalUId: string;
  changeKey: number;
  /** Mailbox change sequence of the last write (delta queries). */
  seq: number;
  /** A series master's `patternedRecurrence` as written, and the RRULE the fake expands it with. */
  recurrence?: { readonly graph: unknown; readonly rrule: string };
  /**
   * A series' exceptions by ORIGINAL start: a cancelled occurrence (DELETE on it) or a moved one (PATCH).
   * Occurrences are addressed as `<seriesId>_<original start ms>` (Graph's ids are opaque; the fake's
   * encode the original start).
   */
  exceptions?: Map<number, { cancelled: true } | { cancelled: false; start: number; end: number }>;
  /**
   * Delta of a series (calendarView lists occurrences): the mailbox sequence of the last change of the
   * series itself (absent: `seq`), and of each occurrence changed on its own (by original start).
   */
  seriesSeq?: number;
  occurrenceSeq?: Map<number, number>;
}

export interface FakeCalendar {
  id: string;
  name: string;
  canEdit: boolean;
  isDefaultCalendar: boolean;
}

export interface Tombstone {
  id: string;
  /** The calendar the deleted event was in (delta per calendar). */
  calendarId?: string;
  seq: number;
}

export interface Mailbox {
  address: string;
  displayName: string;
  /** Whether the tenant has Teams: without it `onlineMeeting` comes back null. */
  teams: boolean;
  calendars: FakeCalendar[];
  events: Map<string, FakeEvent>;
  tombstones: Tombstone[];
  seq: number;
  inFlight: number;
  maxInFlight: number;
}

export interface AccessToken {
  mailbox: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshToken {
  mailbox: string;
  clientId: string;
  scopes: string[];
}

export interface AuthCode {
  mailbox: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  scopes: string[];
  expiresAt: number;
  redeemed: boolean;
}

export interface OAuthApp {
  clientId: string;
  /** Confidential client when set: the token endpoint requires it. */
  clientSecret: string | undefined;
  redirectUris: string[];
}

export interface InjectedFailure {
  status: number;
  headers?: Record<string, string>;
  /** Raw JSON body; defaults to Graph's error shape built from `code` and `message`. */
  body?: unknown;
  code?: string;
  message?: string;
  /** Drop the connection without any response (a network failure). */
  resetConnection?: boolean;
  /** Graph routes only: handle the request normally (e.g. create the event), THEN answer with the failure. */
  afterHandling?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, as sent (e.g. `/v1.0/me/calendar/getSchedule`). */
  path: string;
  /** `METHOD path` with the path lower-cased: what `failNext` and `count` match on. */
  route: string;
  query: string;
  mailbox: string | undefined;
  status: number;
  /** Parsed JSON or form request body, when there was one (tests inspect what the connector sent). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export function opaque(prefix: string, bytes = 18): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** IANA or Windows zone name → IANA (the fake accepts both, like Graph). */
export function fakeZone(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (name === 'UTC' || name === 'Etc/UTC') return 'UTC';
  if (IANAZone.isValidZone(name)) return name;
  const iana = findIana(name)?.[0];
  return iana && IANAZone.isValidZone(iana) ? iana : undefined;
}

/** Graph's `dateTimeTimeZone` wire format: local time with 7 fractional digits, no offset. */
export function formatDateTime(ms: number, zoneName: string): { dateTime: string; timeZone: string } {
  const zone = fakeZone(zoneName) ?? 'UTC';
  const local = DateTime.fromMillis(ms, { zone });
  return { dateTime: `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`, timeZone: zoneName };
}

export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string' || typeof timeZone !== 'string') return undefined;
  const zone = fakeZone(timeZone);
  if (!zone) return undefined;
  const parsed = DateTime.fromISO(dateTime, { zone });
  return parsed.isValid ? parsed.toMillis() : undefined;
}
