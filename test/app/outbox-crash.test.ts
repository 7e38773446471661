/**
 * Crash test of the outbox: a child process books a slot and is SIGKILLed after the booking's commit,
 * in the middle of the calendar writes (one event reached its provider, none was recorded). After the
 * "restart" (this process), one outbox run completes the writes: each participant's calendar holds
 * exactly one event, and a second run writes nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingIdempotencyKey } from '../../src/app/book-meeting.ts';
import { CALENDAR_WRITE_JOB, OUTBOX_GRACE_MS, runOutboxOnce } from '../../src/app/outbox.ts';
import type { Store } from '../../src/store/database.ts';
import { createTestDatabase, TEST_KEYS, type TestDatabase } from '../store/backends.ts';
import { NOW, RecordingCalendar, RecordingNotifier, type Seeded, seed } from './outbox-fixtures.ts';

const CHILD = fileURLToPath(new URL('./outbox-crash-child.ts', import.meta.url));

describe('outbox crash recovery (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: Store;
  let s: Seeded;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    store = await database.open();
    s = await seed(store, 'CRASH');
    dir = mkdtempSync(join(tmpdir(), 'convene-crash-'));
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a process killed between the commit and the calendar writes: the writes complete exactly once after restart', async () => {
    const file = join(dir, 'calendars.jsonl');
    const child = spawn(process.execPath, [CHILD], {
      env: {
        ...process.env,
        CRASH_DB_URL: database.url,
        CRASH_KEYS: TEST_KEYS,
        CRASH_FILE: file,
        CRASH_INPUT: JSON.stringify({
          tenantId: s.tenantId,
          proposalId: s.proposalId,
          actor: s.li,
          now: NOW,
          connections: [...s.connections],
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('wrote ')) resolve();
      });
      void exited.then(({ code }) =>
        reject(new Error(`child exited (${code}) before writing: ${out} ${err}`)),
      );
    });
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(out).not.toContain('finished');

    // What the crash left: the booking committed with its outbox, one event at a provider, none recorded.
    const calendar = new RecordingCalendar(file);
    for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
    const booking = await store.bookings.findByIdempotencyKey(
      s.tenantId,
      bookingIdempotencyKey(s.proposalId, '1'),
    );
    expect(booking?.status).toBe('booked');
    expect(booking?.events).toHaveLength(0);
    expect(calendar.live()).toHaveLength(1);
    const jobs = await store.jobs.listByDedupePrefix(`${CALENDAR_WRITE_JOB}:${booking!.id}:`);
    expect(jobs.map((j) => j.status)).toEqual(['queued', 'queued', 'queued']);

    // Restart: the outbox finishes the writes.
    const deps = { store, writer: calendar, notifier: new RecordingNotifier() };
    const first = await runOutboxOnce(deps, { worker: 'restarted', now: NOW + OUTBOX_GRACE_MS });
    expect(first).toMatchObject({ claimed: 3, done: 3, retried: 0, compensated: 0 });
    for (const person of [s.ana, s.li, s.zoe]) expect(calendar.live(person)).toHaveLength(1);
    expect(calendar.events()).toHaveLength(3);
    const after = await store.bookings.get(s.tenantId, booking!.id);
    expect(
      after?.events
        .map((e) => [e.personId, e.providerEventId, e.status])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      calendar
        .live()
        .map((e) => [e.personId, e.eventId, 'created'])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // A second run has nothing to do and writes nothing.
    const calls = calendar.calls.length;
    const second = await runOutboxOnce(deps, { worker: 'restarted', now: NOW + 10 * OUTBOX_GRACE_MS });
    expect(second.claimed).toBe(0);
    expect(calendar.calls.length).toBe(calls);
    expect(calendar.events()).toHaveLength(3);
  }, 60_000);
});
