/**
 * The use-case metrics, read back the way Prometheus reads them (`GET /metrics`): provider call latency
 * and errors by provider/operation (CalendarAccess), booking outcomes and conflicts (bookMeeting), job
 * lag by kind (the outbox worker).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import { CALENDAR_WRITE_JOB, type OutboxStore, runOutboxOnce } from '../../src/app/outbox.ts';
import type { CalendarProvider } from '../../src/app/ports/provider.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import type {
  CalendarConnection,
  CalendarConnectionRepository,
  Job,
  Person,
} from '../../src/app/ports/store.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import { createWebServer } from '../../src/bot/web/server.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
import type { ProviderFactory } from '../../src/connectors/access/providers.ts';
import { createMetrics, type Metrics } from '../../src/observability/metrics.ts';
import { FakeBusyReader, FakeWriter, MemoryStore, TENANT, WORKSPACE } from '../app/request-meeting.fakes.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function scrape(metrics: Metrics): Promise<string> {
  server = createWebServer({ metrics }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

const NOW = Date.UTC(2026, 10, 23, 8, 0);

describe('use-case metrics on /metrics', () => {
  it('times provider calls by provider, operation and outcome, and counts errors by code', async () => {
    const connection = (id: string, personId: string): CalendarConnection => ({
      id,
      tenantId: TENANT,
      personId,
      provider: 'caldav',
      account: 'https://dav.example.test/',
      busyCalendarIds: [`${id}-cal`],
      writeCalendarId: `${id}-cal`,
      status: 'ok',
      statusDetail: null,
      lastSyncAt: null,
      keyId: 'k1',
    });
    const connections = new Map([
      ['p-ok', connection('c-ok', 'p-ok')],
      ['p-down', connection('c-down', 'p-down')],
    ]);
    const repo = {
      listForPerson: async (_t: string, personId: string) => {
        const c = connections.get(personId);
        return c ? [c] : [];
      },
      listForPeople: async (_t: string, personIds: readonly string[]) =>
        personIds.flatMap((id) => connections.get(id) ?? []),
      secrets: async () => ({ username: 'u', password: 'p' }),
      secretsMany: async () => new Map(),
      setHealth: async () => true,
      markSynced: async (_t: string, ids: readonly string[]) => ids.length,
      updateSecrets: async () => true,
      get: async () => null,
    } as unknown as CalendarConnectionRepository;
    const provider = (c: CalendarConnection): CalendarProvider =>
      ({
        kind: 'caldav',
        listCalendars: async () => [],
        getBusy: async () => {
          if (c.id === 'c-down') throw new ProviderError('caldav', 'unavailable', 'HTTP 503');
          return { calendars: { [`${c.id}-cal`]: { ok: true, busy: [] } } };
        },
        createEvent: async () => ({ eventId: 'e1' }),
        updateEvent: async () => ({ eventId: 'e1' }),
        deleteEvent: async () => undefined,
      }) as CalendarProvider;
    const providers: ProviderFactory = { oauth: () => null, forConnection: (c) => provider(c) };
    const metrics = createMetrics();
    let t = 0;
    const access = new CalendarAccess({
      connections: repo,
      providers,
      notifier: { dm: async () => ({ ok: true }) },
      clock: () => NOW,
      metrics,
      monotonic: () => (t += 150),
    });
    const range = { start: NOW, end: NOW + 3_600_000 };
    expect((await access.busyFor(TENANT, ['p-ok'], range)).gaps).toEqual([]);
    const down = await access.busyFor(TENANT, ['p-down'], range);
    expect(down.gaps.map((g) => g.code)).toEqual(['unavailable']);
    const written = await access.writeFor(TENANT, 'p-ok', {
      idempotencyKey: 'k',
      title: 'x',
      start: NOW,
      end: NOW + 1,
      timeZone: 'UTC',
      attendees: [],
      conference: false,
    });
    expect(written.ok).toBe(true);

    const body = await scrape(metrics);
    expect(body).toContain(
      'convene_provider_request_duration_seconds_count{provider="caldav",operation="getBusy",outcome="ok"} 1',
    );
    expect(body).toContain(
      'convene_provider_request_duration_seconds_sum{provider="caldav",operation="getBusy",outcome="ok"} 0.15',
    );
    expect(body).toContain(
      'convene_provider_request_duration_seconds_count{provider="caldav",operation="getBusy",outcome="error"} 1',
    );
    expect(body).toContain(
      'convene_provider_request_duration_seconds_count{provider="caldav",operation="createEvent",outcome="ok"} 1',
    );
    expect(body).toContain(
      'convene_provider_errors_total{provider="caldav",operation="getBusy",code="unavailable"} 1',
    );
    expect(body).not.toContain('operation="createEvent",code=');
  });

  it('counts bookings by outcome and conflicts by stage; a repeated click is not a new booking', async () => {
    const store = new MemoryStore();
    const busy = new FakeBusyReader();
    const ana = store.addPerson({ name: 'Ana', handle: 'ana', timeZone: 'Europe/Paris' });
    const li = store.addPerson({ name: 'Li', handle: 'li', timeZone: 'America/New_York' });
    const sam = store.addPerson({ name: 'Sam', handle: 'sam', timeZone: 'Europe/London' });
    const propose = async (): Promise<string> => {
      const result = await requestMeeting(
        { store, busy, directory: store.directory },
        {
          tenantId: TENANT,
          workspaceId: WORKSPACE,
          requesterPersonId: ana.id,
          text: '/meet @li @sam 30m next week "Roadmap"',
          now: NOW,
          zone: 'Europe/Paris',
        },
      );
      if (!result.ok) throw new Error(result.error.message);
      return result.view.proposalId;
    };
    const metrics = createMetrics();
    const book = (proposalId: string, actor: Person, slotId = '1') =>
      bookMeeting(
        { store, busy, writer: new FakeWriter(), metrics },
        { tenantId: TENANT, proposalId, slotId, actorPersonId: actor.id, now: NOW },
      );

    const first = await propose();
    const second = await propose();
    const third = await propose();
    expect((await book(first, ana)).ok).toBe(true);
    const again = await book(first, li);
    expect(again.ok && again.view.alreadyBooked).toBe(true);
    // The second proposal's slot 1 is the slot just booked: the live re-check (own bookings) finds it taken.
    const recheck = await book(second, li);
    expect(!recheck.ok && recheck.error.code).toBe('slot_taken');
    // A concurrent winner commits between the re-check and the insert: the database guard refuses it.
    const proposal = await store.requests.getProposal(TENANT, third);
    const slot2 = proposal!.slots[1]!;
    store.beforeBook = () => {
      store.beforeBook = undefined;
      store.addBooking([sam.id], { start: slot2.start, end: slot2.end });
    };
    const race = await book(third, sam, '2');
    expect(!race.ok && race.error.code).toBe('slot_taken');

    const body = await scrape(metrics);
    expect(body).toContain('convene_bookings_total{outcome="booked"} 1');
    expect(body).toContain('convene_bookings_total{outcome="conflict"} 2');
    expect(body).not.toContain('convene_bookings_total{outcome="failed"}');
    expect(body).toContain('convene_booking_conflicts_total{stage="recheck"} 1');
    expect(body).toContain('convene_booking_conflicts_total{stage="database"} 1');
  });

  it('observes the lag of every claimed job (claim time − due time) by kind', async () => {
    const job = (id: string, kind: string, lateMs: number): Job => ({
      id,
      tenantId: TENANT,
      kind,
      payload: { bookingId: 'gone', personId: 'p' },
      status: 'running',
      attempts: 1,
      maxAttempts: 8,
      runAt: NOW - lateMs,
      lastError: null,
      dedupeKey: null,
    });
    const completed: string[] = [];
    const store = {
      jobs: {
        claim: async () => [job('j1', CALENDAR_WRITE_JOB, 2_500), job('j2', CALENDAR_WRITE_JOB, 500)],
        complete: async (id: string) => {
          completed.push(id);
          return true;
        },
      },
      bookings: { get: async () => null },
    } as unknown as OutboxStore;
    const metrics = createMetrics();
    const run = await runOutboxOnce(
      { store, writer: new FakeWriter(), notifier: { dm: async () => ({ ok: true }) }, metrics },
      { worker: 'w1', now: NOW },
    );
    expect(run).toMatchObject({ claimed: 2, done: 2 });
    expect(completed).toEqual(['j1', 'j2']);
    const body = await scrape(metrics);
    expect(body).toContain('convene_job_lag_seconds_count{kind="calendar.write"} 2');
    expect(body).toContain('convene_job_lag_seconds_sum{kind="calendar.write"} 3');
    expect(body).toContain('convene_job_lag_seconds_bucket{le="1",kind="calendar.write"} 1');
  });
});
