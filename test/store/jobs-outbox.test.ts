import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 9, 0);

describe.each(BACKENDS)('outbox jobs in booking transactions on %s', (backend) => {
  let store: Store;
  let tenantId: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    store = await openTestStore(backend);
    const ws = await store.workspaces.install({
      platform: 'slack',
      externalId: `T-jobs-${backend}`,
      name: 'Acme',
    });
    tenantId = ws.tenantId;
    const person = async (user: string) => {
      const p = await store.people.upsertByIdentity({
        workspaceId: ws.id,
        externalUserId: user,
        displayName: user,
      });
      if (!p) throw new Error('workspace missing');
      return p.id;
    };
    alice = await person('alice');
    bob = await person('bob');
  });
  afterAll(async () => {
    await store?.close();
  });

  const job = (key: string, runAt = T0) => ({
    kind: 'test.job',
    tenantId,
    payload: { key },
    runAt,
    dedupeKey: key,
  });

  it('enqueues with the booking, and not at all when the booking is refused', async () => {
    const ok = await store.bookings.bookSlot({
      tenantId,
      people: [alice],
      start: T0,
      end: T0 + HOUR,
      title: 'A',
      idempotencyKey: 'jobs-a',
      jobs: (b) => [job(`w:${b.id}:1`), job(`w:${b.id}:2`)],
    });
    if (!ok.ok) throw new Error(ok.reason);
    expect((await store.jobs.listByDedupePrefix(`w:${ok.booking.id}:`)).map((j) => j.status)).toEqual([
      'queued',
      'queued',
    ]);
    const refused = await store.bookings.bookSlot({
      tenantId,
      people: [alice, bob],
      start: T0 + HOUR / 2,
      end: T0 + 2 * HOUR,
      title: 'B',
      idempotencyKey: 'jobs-b',
      jobs: () => [job('refused:1')],
    });
    expect(refused.ok === false && refused.reason).toBe('conflict');
    expect(await store.jobs.listByDedupePrefix('refused:')).toHaveLength(0);
  });

  it('reschedule: the guard refuses an overlap with another booking; a move withdraws and enqueues in one step', async () => {
    const b1 = await store.bookings.bookSlot({
      tenantId,
      people: [bob],
      start: T0 + 10 * HOUR,
      end: T0 + 11 * HOUR,
      title: 'B1',
      idempotencyKey: 'jobs-b1',
      jobs: (b) => [job(`r:${b.id}:old`)],
    });
    const b2 = await store.bookings.bookSlot({
      tenantId,
      people: [bob],
      start: T0 + 12 * HOUR,
      end: T0 + 13 * HOUR,
      title: 'B2',
      idempotencyKey: 'jobs-b2',
    });
    if (!b1.ok || !b2.ok) throw new Error('setup');
    const clash = await store.bookings.reschedule({
      tenantId,
      bookingId: b1.booking.id,
      start: T0 + 12 * HOUR + HOUR / 2,
      end: T0 + 13 * HOUR + HOUR / 2,
      withdrawJobs: `r:${b1.booking.id}:`,
      jobs: (b) => [job(`r:${b.id}:new`)],
    });
    expect(clash).toEqual({ ok: false, reason: 'conflict', people: [bob] });
    expect((await store.jobs.listByDedupePrefix(`r:${b1.booking.id}:`)).map((j) => j.status)).toEqual([
      'queued',
    ]);
    // Overlapping its own old time is fine.
    const moved = await store.bookings.reschedule({
      tenantId,
      bookingId: b1.booking.id,
      start: T0 + 10 * HOUR + HOUR / 2,
      end: T0 + 11 * HOUR + HOUR / 2,
      withdrawJobs: `r:${b1.booking.id}:`,
      jobs: (b) => [job(`r:${b.id}:new`)],
    });
    if (!moved.ok) throw new Error(moved.reason);
    expect(moved.booking.start).toBe(T0 + 10 * HOUR + HOUR / 2);
    const jobs = await store.jobs.listByDedupePrefix(`r:${b1.booking.id}:`);
    expect(jobs.map((j) => [j.dedupeKey?.split(':')[2], j.status])).toEqual([
      ['old', 'cancelled'],
      ['new', 'queued'],
    ]);
    // A withdrawn job is never claimed.
    const claimed = await store.jobs.claim('w', {
      limit: 50,
      leaseMs: 1000,
      now: T0 + 100 * HOUR,
      kinds: ['test.job'],
    });
    expect(claimed.map((j) => j.dedupeKey)).not.toContain(`r:${b1.booking.id}:old`);
    // Cancel: withdraws, enqueues, frees; a cancelled booking cannot be moved.
    expect(await store.bookings.cancel(tenantId, b2.booking.id, { jobs: (b) => [job(`d:${b.id}`)] })).toBe(
      true,
    );
    expect(await store.jobs.listByDedupePrefix(`d:${b2.booking.id}`)).toHaveLength(1);
    const gone = await store.bookings.reschedule({
      tenantId,
      bookingId: b2.booking.id,
      start: T0,
      end: T0 + HOUR,
    });
    expect(gone).toEqual({ ok: false, reason: 'cancelled' });
  });
  it('prunes finished jobs of one kind older than the retention, at most a batch per call', async () => {
    const kind = 'prune.inbox';
    const now = Date.now();
    const enqueue = (key: string, maxAttempts = 1, k = kind) =>
      store.jobs.enqueue({ kind: k, payload: { key }, runAt: now - 1000, dedupeKey: key, maxAttempts });
    for (const key of ['p:done:1', 'p:done:2', 'p:done:3', 'p:dead']) await enqueue(key);
    const claimed = await store.jobs.claim('pruner', { limit: 10, leaseMs: 60_000, now, kinds: [kind] });
    expect(claimed).toHaveLength(4);
    for (const j of claimed) {
      if (j.dedupeKey === 'p:dead')
        expect((await store.jobs.fail(j.id, 'pruner', 'x', now))?.status).toBe('dead');
      else expect(await store.jobs.complete(j.id, 'pruner')).toBe(true);
    }
    await enqueue('p:queued');
    await enqueue('p:other', 1, 'prune.other');
    const other = await store.jobs.claim('pruner', {
      limit: 1,
      leaseMs: 60_000,
      now,
      kinds: ['prune.other'],
    });
    expect(await store.jobs.complete(other[0]!.id, 'pruner')).toBe(true);
    // Finished just now: inside a one-hour retention, nothing goes.
    expect(await store.jobs.pruneFinished(kind, now - HOUR, 10)).toBe(0);
    // Past the retention: a batch of two, then the rest; the queued job and the other kind stay.
    expect(await store.jobs.pruneFinished(kind, now + HOUR, 2)).toBe(2);
    expect(await store.jobs.pruneFinished(kind, now + HOUR, 10)).toBe(2);
    expect(await store.jobs.pruneFinished(kind, now + HOUR, 10)).toBe(0);
    // Which stay, in key order (the two were enqueued in the same millisecond at times: no order between them).
    const left = (await store.jobs.listByDedupePrefix('p:')).map((j) => [j.dedupeKey, j.status]);
    expect(left.sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual([
      ['p:other', 'done'],
      ['p:queued', 'queued'],
    ]);
  });

  it("a job's secret is stored sealed, opens on that job only, and is erased when the job finishes", async () => {
    const now = Date.now();
    const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQ';
    const raw = async (key: string) =>
      (
        await store.query<{ payload: unknown; secret_enc: string | null }>(
          'SELECT payload, secret_enc FROM job WHERE dedupe_key = $1',
          [key],
        )
      )[0];
    const enqueue = (key: string, maxAttempts = 1) =>
      store.jobs.enqueue({
        kind: 'secret.job',
        tenantId,
        payload: { key },
        runAt: now - 1000,
        dedupeKey: key,
        maxAttempts,
        secret: TOKEN,
      });
    const first = await enqueue('s:done');
    expect(first.secret).toBe(TOKEN);
    // At rest: an encryption envelope, not the token, and nothing of it in the payload.
    const stored = await raw('s:done');
    expect(stored?.secret_enc).toMatch(/^v2:/);
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    // The same dedupe key again: the first job, its secret still its own.
    expect(
      (
        await store.jobs.enqueue({
          kind: 'secret.job',
          tenantId,
          payload: {},
          dedupeKey: 's:done',
          secret: 'other',
        })
      ).secret,
    ).toBe(TOKEN);
    // Copied to another job, it does not open there (bound to tenant, kind and dedupe key): read as none.
    await enqueue('s:dead');
    await store.query('UPDATE job SET secret_enc = $1 WHERE dedupe_key = $2', [stored!.secret_enc, 's:dead']);
    expect((await store.jobs.listByDedupePrefix('s:dead'))[0]?.secret).toBeNull();
    // A claimed job hands its worker the secret; finishing it (done, dead, withdrawn) erases it.
    const claimed = await store.jobs.claim('sealer', {
      limit: 10,
      leaseMs: 60_000,
      now,
      kinds: ['secret.job'],
    });
    const byKey = new Map(claimed.map((j) => [j.dedupeKey, j]));
    expect(byKey.get('s:done')?.secret).toBe(TOKEN);
    expect(await store.jobs.complete(byKey.get('s:done')!.id, 'sealer')).toBe(true);
    expect((await store.jobs.fail(byKey.get('s:dead')!.id, 'sealer', 'x', now))?.status).toBe('dead');
    expect((await raw('s:done'))?.secret_enc).toBeNull();
    expect((await raw('s:dead'))?.secret_enc).toBeNull();
    expect((await store.jobs.get(byKey.get('s:done')!.id))?.secret).toBeNull();
    await store.jobs.enqueue({
      kind: 'secret.later',
      tenantId,
      payload: {},
      runAt: now + HOUR,
      dedupeKey: 's:later',
      secret: TOKEN,
    });
    expect(await store.jobs.cancelQueued('s:later')).toBe(1);
    expect((await raw('s:later'))?.secret_enc).toBeNull();
    // A job with a secret and no dedupe key is a bug, refused; so is one inside a booking's transaction.
    await expect(store.jobs.enqueue({ kind: 'secret.job', payload: {}, secret: TOKEN })).rejects.toThrow(
      'no dedupe key',
    );
    const refused = store.bookings.bookSlot({
      tenantId,
      people: [alice],
      start: T0 + 30 * HOUR,
      end: T0 + 31 * HOUR,
      title: 'S',
      idempotencyKey: 'jobs-secret',
      jobs: () => [{ ...job('s:tx'), secret: TOKEN }],
    });
    await expect(refused).rejects.toThrow('enqueue it through jobs.enqueue');
    expect(await store.jobs.listByDedupePrefix('s:tx')).toEqual([]);
  });
});
