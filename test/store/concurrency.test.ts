import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0);
const ATTEMPTS = 50;

describe.each(BACKENDS)('concurrent bookings on %s', (backend) => {
  let store: Store;
  let tenantId: string;
  let workspaceId: string;

  beforeAll(async () => {
    store = await openTestStore(backend);
    const ws = await store.workspaces.install({
      platform: 'slack',
      externalId: `T-${backend}`,
      name: 'Acme',
    });
    tenantId = ws.tenantId;
    workspaceId = ws.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  const person = async (userId: string) => {
    const p = await store.people.upsertByIdentity({
      workspaceId,
      externalUserId: userId,
      displayName: userId,
    });
    if (!p) throw new Error('workspace missing');
    return p.id;
  };

  it(`${ATTEMPTS} parallel overlapping bookings of one person: exactly one wins, the rest get a conflict, no orphan rows`, async () => {
    const alice = await person('U-alice');
    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        store.bookings.bookSlot({
          tenantId,
          people: [alice],
          // Every slot overlaps every other: starts staggered by one minute inside one hour.
          start: T0 + i * 60_000,
          end: T0 + HOUR + i * 60_000,
          title: `attempt ${i}`,
          idempotencyKey: `overlap-${i}`,
        }),
      ),
    );
    const wins = results.filter((r) => r.ok);
    const conflicts = results.filter((r) => !r.ok && r.reason === 'conflict');
    console.log(
      `[${backend}] same person: ${wins.length} booked, ${conflicts.length} conflicts of ${ATTEMPTS}`,
    );
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(ATTEMPTS - 1);
    for (const c of conflicts) {
      if (!c.ok && c.reason === 'conflict') expect(c.people).toEqual([alice]);
    }
    const [counts] = await store.query<{ bookings: number; participants: number }>(
      `SELECT (SELECT count(*)::int FROM booking) AS bookings, (SELECT count(*)::int FROM booking_participant) AS participants`,
    );
    expect(counts).toEqual({ bookings: 1, participants: 1 });
  });

  it(`${ATTEMPTS} parallel bookings of the same hour for different people all succeed`, async () => {
    const people = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => person(`U-p${i}`)));
    const before = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM booking');
    const results = await Promise.all(
      people.map((id, i) =>
        store.bookings.bookSlot({
          tenantId,
          people: [id],
          start: T0 + 24 * HOUR,
          end: T0 + 25 * HOUR,
          title: `distinct ${i}`,
          idempotencyKey: `distinct-${i}`,
        }),
      ),
    );
    const wins = results.filter((r) => r.ok).length;
    console.log(`[${backend}] different people: ${wins} booked of ${ATTEMPTS}`);
    expect(wins).toBe(ATTEMPTS);
    const after = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM booking');
    expect(after[0]!.n - before[0]!.n).toBe(ATTEMPTS);
  });

  it('a group booking that collides for one member books nobody (all or none)', async () => {
    const [bob, carol] = [await person('U-bob'), await person('U-carol')];
    const first = await store.bookings.bookSlot({
      tenantId,
      people: [carol],
      start: T0 + 48 * HOUR,
      end: T0 + 49 * HOUR,
      title: 'carol alone',
      idempotencyKey: 'group-1',
    });
    expect(first.ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.bookings.bookSlot({
          tenantId,
          people: [bob, carol],
          start: T0 + 48 * HOUR + 30 * 60_000,
          end: T0 + 49 * HOUR + 30 * 60_000,
          title: 'bob and carol',
          idempotencyKey: `group-2-${i}`,
        }),
      ),
    );
    expect(results.every((r) => !r.ok && r.reason === 'conflict')).toBe(true);
    const bobRows = await store.query('SELECT 1 FROM booking_participant WHERE person_id = $1', [bob]);
    expect(bobRows).toHaveLength(0);
  });
});
