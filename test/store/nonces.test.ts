import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/app/ports/store.ts';
import type { Store } from '../../src/store/database.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 5, 1, 8, 0);

describe.each(BACKENDS)('OAuth state nonces on %s', (backend) => {
  let store: Store;
  let acme: Workspace;
  let other: Workspace;

  beforeAll(async () => {
    store = await openTestStore(backend);
    acme = await store.workspaces.install({ platform: 'slack', externalId: 'T-nonce-1', name: 'Acme' });
    other = await store.workspaces.install({ platform: 'slack', externalId: 'T-nonce-2', name: 'Other' });
  });
  afterAll(async () => {
    await store?.close();
  });

  const rows = (nonce: string) =>
    store.query<{ tenant_id: string; expires_at: Date; consumed_at: Date }>(
      'SELECT tenant_id, expires_at, consumed_at FROM oauth_state_nonce WHERE nonce = $1',
      [nonce],
    );

  it('the first consume wins, a replay is refused; the use is recorded for the tenant', async () => {
    expect(await store.nonces.isConsumed('n-first', acme.tenantId)).toBe(false);
    expect(await store.nonces.consume('n-first', acme.tenantId, T0 + 15 * MINUTE, T0)).toBe(true);
    expect(await store.nonces.consume('n-first', acme.tenantId, T0 + 15 * MINUTE, T0 + 1000)).toBe(false);
    // Another tenant cannot consume (or probe) it either.
    expect(await store.nonces.consume('n-first', other.tenantId, T0 + 15 * MINUTE, T0)).toBe(false);
    expect(await store.nonces.isConsumed('n-first', acme.tenantId)).toBe(true);
    expect(await store.nonces.isConsumed('n-first', other.tenantId)).toBe(false);
    const [row, ...more] = await rows('n-first');
    expect(more).toHaveLength(0);
    expect(row?.tenant_id).toBe(acme.tenantId);
    expect(row?.expires_at.getTime()).toBe(T0 + 15 * MINUTE);
    expect(row?.consumed_at.getTime()).toBe(T0);
  });

  it('20 concurrent consumes of one nonce: exactly one true', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.nonces.consume('n-race', acme.tenantId, T0 + 15 * MINUTE, T0 + i),
      ),
    );
    expect(results.filter((r) => r === true)).toHaveLength(1);
    expect(results.filter((r) => r === false)).toHaveLength(19);
    expect(await rows('n-race')).toHaveLength(1);
  });

  it('refuses a nonce for a tenant that does not exist, without a row', async () => {
    const ghost = '00000000-0000-4000-8000-00000000dead';
    expect(await store.nonces.consume('n-ghost', ghost, T0 + MINUTE, T0)).toBe(false);
    expect(await store.nonces.consume('n-bad-tenant', 'not-a-uuid', T0 + MINUTE, T0)).toBe(false);
    expect(await store.nonces.isConsumed('n-ghost', 'not-a-uuid')).toBe(false);
    expect(await rows('n-ghost')).toHaveLength(0);
  });

  it('prune removes only expired nonces (expiresAt <= now)', async () => {
    const at = T0 + 10 * 24 * 60 * MINUTE;
    expect(await store.nonces.consume('p-old', acme.tenantId, at - 1, at - 10 * MINUTE)).toBe(true);
    expect(await store.nonces.consume('p-edge', other.tenantId, at, at - 10 * MINUTE)).toBe(true);
    expect(await store.nonces.consume('p-live', acme.tenantId, at + 1, at - 10 * MINUTE)).toBe(true);
    // Every earlier test's nonce expires before `at` too.
    const before = await store.query<{ nonce: string }>('SELECT nonce FROM oauth_state_nonce ORDER BY nonce');
    const removed = await store.nonces.prune(at);
    expect(removed).toBe(before.length - 1);
    const after = await store.query<{ nonce: string }>('SELECT nonce FROM oauth_state_nonce');
    expect(after.map((r) => r.nonce)).toEqual(['p-live']);
    expect(await store.nonces.isConsumed('p-live', acme.tenantId)).toBe(true);
    expect(await store.nonces.isConsumed('p-old', acme.tenantId)).toBe(false);
    expect(await store.nonces.prune(at)).toBe(0);
  });

  it('deleting a tenant deletes its nonces, and only its', async () => {
    const doomed = await store.workspaces.install({
      platform: 'discord',
      externalId: 'G-doomed',
      name: 'Doomed',
    });
    const far = T0 + 365 * 24 * 60 * MINUTE;
    expect(await store.nonces.consume('c-doomed-1', doomed.tenantId, far, T0)).toBe(true);
    expect(await store.nonces.consume('c-doomed-2', doomed.tenantId, far, T0)).toBe(true);
    expect(await store.nonces.consume('c-kept', acme.tenantId, far, T0)).toBe(true);
    await store.query('DELETE FROM tenant WHERE id = $1', [doomed.tenantId]);
    expect(await rows('c-doomed-1')).toHaveLength(0);
    expect(await rows('c-doomed-2')).toHaveLength(0);
    expect(await rows('c-kept')).toHaveLength(1);
    expect(await store.nonces.isConsumed('c-kept', acme.tenantId)).toBe(true);
  });
});
