/**
 * The demo people's `BusyReader`: their shipped ICS files, served by Convene itself at
 * `/demo/calendars/<name>.ics`, read back through the ICS connector (`IcsProvider`) exactly like a
 * secret-address feed. The rest of the demo (people, directory, read-only writer) is in src/app/demo/.
 */
import type { BusyGap, BusyReader, PersonBusy } from '../../app/ports/calendars.ts';
import type { Interval } from '../../core/interval.ts';
import { IcsProvider } from '../ics/index.ts';
import { defaultRetryPolicy } from '../retry.ts';

/** What the reader needs of the demo world (src/app/demo/seed.ts `DemoWorld` has it). */
export interface DemoCalendars {
  readonly tenantId: string;
  readonly people: readonly { readonly id: string; readonly calendar: string }[];
}

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

export function createDemoBusyReader(world: DemoCalendars, options: DemoCalendarOptions): BusyReader {
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
