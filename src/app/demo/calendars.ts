/**
 * Calendar ports for the demo people. Busy time comes from their shipped ICS files, served by Convene
 * itself at `/demo/calendars/<name>.ics` and read back through the ICS connector (`IcsProvider`)
 * exactly like a secret-address feed. ICS feeds are read-only, so the `EventWriter` answers
 * `read_only`: `bookMeeting` then keeps the booking in Convene's store (where it blocks the time for
 * later requests and shows on the playground's week grids) — that is the documented behaviour for
 * any read-only calendar.
 */
import { IcsProvider } from '../../connectors/ics/index.ts';
import { defaultRetryPolicy } from '../../connectors/retry.ts';
import type { Interval } from '../../core/interval.ts';
import type { BusyGap, BusyReader, EventWriter, PersonBusy } from '../ports/calendars.ts';
import type { Person } from '../ports/store.ts';
import type { PeopleDirectory } from '../request-meeting.ts';
import type { DemoWorld } from './seed.ts';

export interface DemoCalendarOptions {
  /** Where Convene serves `/demo/calendars/…`, e.g. `http://127.0.0.1:3000` (read at each call). */
  readonly baseUrl: () => string;
  readonly fetch?: typeof fetch;
  /** Per feed attempt. Default 5 s. */
  readonly timeoutMs?: number;
}

export function demoFeedUrl(baseUrl: string, calendar: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/demo/calendars/${encodeURIComponent(calendar)}`;
}

export function createDemoBusyReader(world: DemoWorld, options: DemoCalendarOptions): BusyReader {
  return {
    async busyFor(tenantId, personIds, range: Interval, opts) {
      const base = options.baseUrl();
      const feedOf = new Map(world.people.map((p) => [p.id, demoFeedUrl(base, p.calendar)] as const));
      const provider = new IcsProvider({
        feeds: [...feedOf.values()].map((url) => ({ url })),
        // The demo feeds are this server's own URLs, not addresses people typed: no address guard.
        fetch: options.fetch ?? fetch,
        timeoutMs: options.timeoutMs ?? 5_000,
        retry: { ...defaultRetryPolicy, attempts: 2, maxDelayMs: 1_000 },
      });
      const wanted = tenantId === world.tenantId ? personIds.filter((id) => feedOf.has(id)) : [];
      const result = await provider.getBusy({
        calendarIds: wanted.map((id) => feedOf.get(id)!),
        range,
        ...(opts?.signal ? { signal: opts.signal } : {}),
      });
      const people: PersonBusy[] = [];
      const gaps: BusyGap[] = [];
      for (const id of personIds) {
        const url = feedOf.get(id);
        const busy = url && tenantId === world.tenantId ? result.calendars[url] : undefined;
        if (busy?.ok) {
          people.push({ personId: id, busy: busy.busy, complete: true });
        } else {
          people.push({ personId: id, busy: [], complete: false });
          gaps.push({
            personId: id,
            connectionId: null,
            code: busy ? 'provider_error' : 'not_linked',
            message: busy && !busy.ok ? busy.error.message : 'not a demo person',
          });
        }
      }
      return { people, gaps };
    },
  };
}

export const demoEventWriter: EventWriter = {
  async writeFor() {
    return {
      ok: false,
      connectionId: null,
      code: 'read_only',
      message: 'demo calendars are read-only ICS files: the booking is kept in Convene',
    };
  },
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** `@ana`, `@Zoe`, `@zoé` → the demo person with that handle or name. */
export function createDemoDirectory(world: DemoWorld): PeopleDirectory {
  return {
    async findByName(tenantId, name): Promise<readonly Person[]> {
      if (tenantId !== world.tenantId) return [];
      const wanted = fold(name);
      return world.people
        .filter((p) => fold(p.key) === wanted || fold(p.name) === wanted)
        .map((p) => p.person);
    },
  };
}
