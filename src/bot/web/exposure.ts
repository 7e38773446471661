/**
 * What the web server exposes by default, as one place with one rule each:
 *
 * - The playground (anonymous demo endpoints that write into the database) runs when asked for
 *   (`CONVENE_PLAYGROUND=1`), or by default only when no chat platform is configured AND the server
 *   listens on a loopback address AND `NODE_ENV` is not `production`. `CONVENE_PLAYGROUND=0` turns it off.
 *   So `npm start` from a fresh clone (127.0.0.1) has it; the container image (0.0.0.0,
 *   NODE_ENV=production) does not.
 * - `/metrics`: with `CONVENE_METRICS_TOKEN`, only for `Authorization: Bearer <token>`; without it, only
 *   for a client connected from the machine itself (a loopback peer) whose request was not relayed by a
 *   proxy (no `Forwarded` / `X-Forwarded-For` / `X-Real-IP` header).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** 127.0.0.0/8, ::1, localhost (and the IPv4-mapped form Node reports for IPv4 peers on a dual stack). */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (a === 'localhost' || a === '::1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export interface PlaygroundDecision {
  readonly on: boolean;
  /** Why, for the start-up log line. */
  readonly reason: string;
}

export function playgroundDecision(
  env: NodeJS.ProcessEnv,
  where: { readonly chat: boolean; readonly host: string },
): PlaygroundDecision {
  const flag = env.CONVENE_PLAYGROUND?.trim().toLowerCase() ?? '';
  if (['1', 'true', 'yes'].includes(flag)) return { on: true, reason: 'CONVENE_PLAYGROUND=1' };
  if (['0', 'false', 'no'].includes(flag)) return { on: false, reason: 'CONVENE_PLAYGROUND=0' };
  if (where.chat) return { on: false, reason: 'a chat platform is configured' };
  if (env.NODE_ENV?.trim() === 'production') return { on: false, reason: 'NODE_ENV=production' };
  if (!isLoopbackAddress(where.host))
    return { on: false, reason: `HOST ${where.host} is not a loopback address` };
  return { on: true, reason: 'no chat platform, loopback address, not production' };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a request may read `/metrics` (see the rule above). */
export function metricsAllowed(
  req: Pick<Request, 'get'> & { socket: { remoteAddress?: string | undefined } },
  token: string | undefined,
): boolean {
  if (token) {
    const header = req.get('authorization') ?? '';
    const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
    return given !== '' && timingSafeEqual(digest(given), digest(token));
  }
  if (req.get('forwarded') || req.get('x-forwarded-for') || req.get('x-real-ip')) return false;
  return isLoopbackAddress(req.socket.remoteAddress);
}
