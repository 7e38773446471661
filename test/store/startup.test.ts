import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase } from '../../src/store/database.ts';
import { ConfigError } from '../../src/store/errors.ts';
import { createTestDatabase, TEST_KEYS } from './backends.ts';

const quiet = () => undefined;
const DATABASE_MODULE = fileURLToPath(new URL('../../src/store/database.ts', import.meta.url));
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convene-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

/** Runs `openDatabase({ dataDir })` in another Node process; resolves with what it printed. */
function openInChild(dataDir: string, hold = false): { output: Promise<string>; kill: () => void } {
  const script = `
    import { openDatabase } from ${JSON.stringify(DATABASE_MODULE)};
    try {
      const store = await openDatabase({ dataDir: ${JSON.stringify(dataDir)}, log: () => {} });
      console.log('OPENED ' + process.pid);
      if (${hold}) await new Promise((r) => process.stdin.once('data', r));
      await store.close();
      console.log('CLOSED');
    } catch (e) { console.log('REFUSED ' + e.code + ' ' + e.message); }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const output = new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (hold && out.includes('OPENED')) resolve(out);
    });
    child.on('exit', () => resolve(out));
  });
  return { output, kill: () => child.stdin.end('go\n') };
}

// A fresh on-disk PGlite runs initdb (~10 s on a busy 2-core machine); reopening takes well under a second.
describe('embedded database (PGlite in a data directory)', { timeout: 180_000 }, () => {
  it('keeps all data across a restart, with the generated key file reused', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir, log: quiet });
    expect(first.backend).toBe('pglite');
    const ws = await first.workspaces.install({
      platform: 'discord',
      externalId: 'G1',
      name: 'Guild',
      botToken: 'xoxb-secret',
    });
    const person = await first.people.upsertByIdentity({
      workspaceId: ws.id,
      externalUserId: 'D1',
      displayName: 'Dee',
    });
    const booked = await first.bookings.bookSlot({
      tenantId: ws.tenantId,
      people: [person!.id],
      start: 1_000_000,
      end: 2_000_000,
      title: 'kept',
      idempotencyKey: 'restart-1',
    });
    expect(booked.ok).toBe(true);
    await first.close();
    expect(statSync(join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);

    const second = await openDatabase({ dataDir: dir, log: quiet });
    try {
      expect(await second.workspaces.botToken(ws.tenantId, ws.id)).toBe('xoxb-secret');
      expect((await second.people.findByIdentity(ws.id, 'D1'))?.displayName).toBe('Dee');
      const again = await second.bookings.findByIdempotencyKey(ws.tenantId, 'restart-1');
      expect(again?.title).toBe('kept');
      // The double-booking guard survives the restart too.
      const clash = await second.bookings.bookSlot({
        tenantId: ws.tenantId,
        people: [person!.id],
        start: 1_500_000,
        end: 2_500_000,
        title: 'clash',
        idempotencyKey: 'restart-2',
      });
      expect(clash).toEqual({ ok: false, reason: 'conflict', people: [person!.id] });
    } finally {
      await second.close();
    }
  });

  it('refuses a second process on the same directory, and the same process twice', async () => {
    const dir = tempDir();
    const store = await openDatabase({ dataDir: dir, log: quiet });
    try {
      const refused = await openInChild(dir).output;
      expect(refused).toContain(
        `REFUSED data_dir_locked Convene's data directory ${dir} is already in use by process ${process.pid}`,
      );
      const twice = await configError(openDatabase({ dataDir: dir, log: quiet }));
      expect(twice.code).toBe('data_dir_locked');
    } finally {
      await store.close();
    }
    // Released on close: another process may now open it.
    const child = openInChild(dir, true);
    const opened = await child.output;
    expect(opened).toMatch(/OPENED (\d+)/);
    const childPid = opened.match(/OPENED (\d+)/)![1];
    const blocked = await configError(openDatabase({ dataDir: dir, log: quiet }));
    expect(blocked.message).toContain(`already in use by process ${childPid}`);
    child.kill();
    await new Promise((r) => setTimeout(r, 100));
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = dead.pid!;
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(join(dir, 'convene.lock'), `${deadPid}\n`);
    const store = await openDatabase({ dataDir: dir, log: quiet });
    expect(readFileSync(join(dir, 'convene.lock'), 'utf8').trim()).toBe(String(process.pid));
    await store.close();
  });

  it('a wrong key for a known key id is a start-up error, not garbage', async () => {
    const dir = tempDir();
    const keys = generateKeyEntry('k1');
    const store = await openDatabase({ dataDir: dir, encryptionKeys: keys, log: quiet });
    await store.close();
    const error = await configError(
      openDatabase({ dataDir: dir, encryptionKeys: generateKeyEntry('k1'), log: quiet }),
    );
    expect(error.code).toBe('encryption_key_mismatch');
    expect(error.message).not.toContain(keys.slice(3));
    // The refused start released the directory.
    const reopened = await openDatabase({ dataDir: dir, encryptionKeys: keys, log: quiet });
    await reopened.close();
  });
});

describe('PostgreSQL via DATABASE_URL', () => {
  it('refuses an unmigrated database with a one-line message naming the migration and the fix', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const error = await configError(db.open({ migrate: false }));
      expect(error.code).toBe('database_not_migrated');
      expect(error.message).toMatch(
        /^Database at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/convene_test_\w+ is not migrated \(missing \d{14}_init(, \d{14}_\w+)*\): run "npm run db:migrate"/,
      );
      expect(error.message).not.toContain('\n');
      // After migrating, a plain start works.
      await (await db.open({ migrate: true })).close();
      await (await db.open({ migrate: false })).close();
    } finally {
      await db.drop();
    }
  });

  it('close() ends even while a caller still holds a connection (each step bounded, logged)', async () => {
    const db = await createTestDatabase('postgres');
    const lines: string[] = [];
    const store = await db.open({ closeStepMs: 300, log: (line) => lines.push(line) });
    try {
      // A query that outlives the shutdown keeps its pooled connection checked out.
      void store.query('select pg_sleep(30)').catch(() => undefined);
      await expect.poll(async () => (await activeSleeps(db.url as string)) > 0).toBe(true);
      const closed = await Promise.race([
        store.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(resolve, 10_000, 'still waiting')),
      ]);
      expect(closed).toBe('closed');
      expect(lines).toContain(
        'store: releasing database connections did not finish within 300 ms; closing anyway',
      );
    } finally {
      await db.drop();
    }
  });

  it('never prints the password of DATABASE_URL', async () => {
    const error = await configError(
      openDatabase({
        databaseUrl: 'postgresql://convene:hunter2@127.0.0.1:1/convene',
        encryptionKeys: TEST_KEYS,
        log: quiet,
      }),
    );
    expect(error.code).toBe('database_unreachable');
    expect(error.message).toContain('postgresql://convene@127.0.0.1:1/convene');
    expect(error.message).not.toContain('hunter2');
  });

  it('rejects a non-PostgreSQL URL and a missing key with actionable messages', async () => {
    const url = await configError(
      openDatabase({ databaseUrl: 'mysql://x@h/db', encryptionKeys: TEST_KEYS, log: quiet }),
    );
    expect(url.code).toBe('database_url_invalid');
    const key = await configError(
      openDatabase({ databaseUrl: 'postgresql://postgres@127.0.0.1/x', log: quiet }),
    );
    expect(key.code).toBe('encryption_key_missing');
    expect(key.message).toMatch(/^CONVENE_ENCRYPTION_KEYS is not set/);
  });

  it('records migrations in _prisma_migrations with the checksum Prisma computes (one history)', async () => {
    const db = await createTestDatabase('postgres');
    try {
      await (await db.open()).close();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const rows = await client.query(
        'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      await client.end();
      const { createHash } = await import('node:crypto');
      const { loadMigrations } = await import('../../src/store/migrate.ts');
      const migrations = loadMigrations();
      expect(migrations[0]!.name).toMatch(/^\d{14}_init$/);
      expect(rows.rows).toHaveLength(migrations.length);
      migrations.forEach((migration, i) => {
        expect(rows.rows[i].migration_name).toBe(migration.name);
        expect(rows.rows[i].checksum).toBe(createHash('sha256').update(migration.sql).digest('hex'));
        expect(rows.rows[i].finished_at).not.toBeNull();
      });
    } finally {
      await db.drop();
    }
  });

  it('key rotation: old key id still decrypts, new writes use the new key, db:rekey moves the rest, a dropped key in use is refused', async () => {
    const db = await createTestDatabase('postgres');
    const k1 = generateKeyEntry('k1');
    const k2 = generateKeyEntry('k2');
    try {
      const before = await db.open({ encryptionKeys: k1 });
      const ws = await before.workspaces.install({
        platform: 'slack',
        externalId: 'T-rot',
        name: 'R',
        botToken: 'xoxb-old',
      });
      const p = await before.people.upsertByIdentity({
        workspaceId: ws.id,
        externalUserId: 'U',
        displayName: 'U',
      });
      const conn = await before.connections.save({
        tenantId: ws.tenantId,
        personId: p!.id,
        provider: 'google',
        account: 'a@example.com',
        busyCalendarIds: ['primary'],
        writeCalendarId: 'primary',
        secrets: { refreshToken: 'r-old' },
      });
      // An unfinished job's secret (a Discord interaction token) is re-sealed too; a finished one has none.
      await before.jobs.enqueue({ kind: 'rot.job', payload: {}, dedupeKey: 'rot:1', secret: 'tok-1' });
      await before.close();

      const refused = await configError(db.open({ encryptionKeys: k2 }));
      expect(refused.code).toBe('encryption_key_unknown');
      expect(refused.message).toContain('lacks key k1');

      const rotating = await db.open({ encryptionKeys: `${k2},${k1}` });
      expect(await rotating.connections.secrets(ws.tenantId, conn!.id)).toEqual({ refreshToken: 'r-old' });
      await rotating.connections.updateSecrets(ws.tenantId, conn!.id, { refreshToken: 'r-new' });
      expect((await rotating.connections.get(ws.tenantId, conn!.id))?.keyId).toBe('k2');
      expect(await rotating.reencryptSecrets()).toBe(2); // the bot token, the job's secret
      await rotating.close();

      const after = await db.open({ encryptionKeys: k2 });
      expect((await after.jobs.listByDedupePrefix('rot:'))[0]?.secret).toBe('tok-1');
      expect(await after.workspaces.botToken(ws.tenantId, ws.id)).toBe('xoxb-old');
      expect(await after.connections.secrets(ws.tenantId, conn!.id)).toEqual({ refreshToken: 'r-new' });
      await after.close();
    } finally {
      await db.drop();
    }
  });
});

/** A v1 envelope as the previous release sealed it: AAD = version and key id only. */
function legacySeal(entry: string, plaintext: string): string {
  const [keyId, material] = entry.split(':') as [string, string];
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(material, 'base64'), iv);
  cipher.setAAD(Buffer.from(`v1:${keyId}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    keyId,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ct.toString('base64url'),
  ].join(':');
}

describe('sealed tokens are bound to their row', () => {
  it('a bot token or calendar token copied to another row or tenant does not open there', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const store = await db.open();
      const acme = await store.workspaces.install({
        platform: 'slack',
        externalId: 'T-A',
        name: 'A',
        botToken: 'xoxb-acme',
      });
      const evil = await store.workspaces.install({
        platform: 'slack',
        externalId: 'T-E',
        name: 'E',
        botToken: 'xoxb-evil',
      });
      expect(evil.tenantId).not.toBe(acme.tenantId);
      // Another tenant's row receives Acme's sealed bot token.
      await store.query(
        'UPDATE workspace SET bot_token_enc = (SELECT bot_token_enc FROM workspace WHERE id = $1::uuid) WHERE id = $2::uuid',
        [acme.id, evil.id],
      );
      await expect(store.workspaces.botToken(evil.tenantId, evil.id)).rejects.toMatchObject({
        code: 'decrypt_failed',
      });
      expect(await store.workspaces.botToken(acme.tenantId, acme.id)).toBe('xoxb-acme');

      const person = async (ws: typeof acme, user: string) =>
        (await store.people.upsertByIdentity({
          workspaceId: ws.id,
          externalUserId: user,
          displayName: user,
        }))!;
      const ana = await person(acme, 'UANA');
      const bob = await person(acme, 'UBOB');
      const save = (p: typeof ana, refreshToken: string) =>
        store.connections.save({
          tenantId: acme.tenantId,
          personId: p.id,
          provider: 'google',
          account: `${refreshToken}@example.com`,
          busyCalendarIds: ['primary'],
          writeCalendarId: 'primary',
          secrets: { refreshToken },
        });
      const anaConn = (await save(ana, 'r-ana'))!;
      const bobConn = (await save(bob, 'r-bob'))!;
      // Same tenant, another row: Ana's tokens pasted into Bob's connection.
      await store.query(
        'UPDATE calendar_connection SET tokens_enc = (SELECT tokens_enc FROM calendar_connection WHERE id = $1::uuid) WHERE id = $2::uuid',
        [anaConn.id, bobConn.id],
      );
      await expect(store.connections.secrets(acme.tenantId, bobConn.id)).rejects.toMatchObject({
        code: 'decrypt_failed',
      });
      expect((await store.connections.secretsMany!(acme.tenantId, [bobConn.id])).size).toBe(0);
      // Another column: a connection's sealed tokens in the bot-token column.
      await store.query(
        'UPDATE workspace SET bot_token_enc = (SELECT tokens_enc FROM calendar_connection WHERE id = $1::uuid) WHERE id = $2::uuid',
        [anaConn.id, acme.id],
      );
      await expect(store.workspaces.botToken(acme.tenantId, acme.id)).rejects.toMatchObject({
        code: 'decrypt_failed',
      });
      expect(await store.connections.secrets(acme.tenantId, anaConn.id)).toEqual({ refreshToken: 'r-ana' });
      // Re-saving the same connection keeps its id, and its tokens still open.
      const again = (await save(ana, 'r-ana'))!;
      expect(again.id).toBe(anaConn.id);
      expect(await store.connections.secrets(acme.tenantId, anaConn.id)).toEqual({ refreshToken: 'r-ana' });
      await store.close();
    } finally {
      await db.drop();
    }
  });

  it('upgrade: values sealed by the previous release (v1) are re-sealed as v2 when the store opens; db:rekey does it too', async () => {
    const db = await createTestDatabase('postgres');
    const k1 = generateKeyEntry('k1');
    try {
      const first = await db.open({ encryptionKeys: k1 });
      const ws = await first.workspaces.install({
        platform: 'slack',
        externalId: 'T-old',
        name: 'Old',
        botToken: 'xoxb-x',
      });
      const p = (await first.people.upsertByIdentity({
        workspaceId: ws.id,
        externalUserId: 'U',
        displayName: 'U',
      }))!;
      const conn = (await first.connections.save({
        tenantId: ws.tenantId,
        personId: p.id,
        provider: 'google',
        account: 'a@example.com',
        busyCalendarIds: ['primary'],
        writeCalendarId: 'primary',
        secrets: { refreshToken: 'x' },
      }))!;
      // The rows as the previous release left them.
      await first.query('UPDATE workspace SET bot_token_enc = $2 WHERE id = $1::uuid', [
        ws.id,
        legacySeal(k1, 'xoxb-legacy'),
      ]);
      await first.query('UPDATE calendar_connection SET tokens_enc = $2 WHERE id = $1::uuid', [
        conn.id,
        legacySeal(k1, JSON.stringify({ refreshToken: 'r-legacy' })),
      ]);
      await first.query("UPDATE encryption_key SET check_value = $1 WHERE key_id = 'k1'", [
        legacySeal(k1, 'convene-key-check'),
      ]);
      await expect(first.workspaces.botToken(ws.tenantId, ws.id)).rejects.toMatchObject({
        code: 'decrypt_failed',
      });
      expect(await first.reencryptSecrets()).toBe(2); // what `npm run db:rekey` runs
      expect(await first.workspaces.botToken(ws.tenantId, ws.id)).toBe('xoxb-legacy');
      await first.query('UPDATE workspace SET bot_token_enc = $2 WHERE id = $1::uuid', [
        ws.id,
        legacySeal(k1, 'xoxb-legacy'),
      ]);
      await first.close();

      const lines: string[] = [];
      const upgraded = await db.open({ encryptionKeys: k1, log: (line) => lines.push(line) });
      expect(lines.join('\n')).toContain('re-sealed 1 stored secret(s) in the v2 format');
      const raw = await upgraded.query<{ v: string }>(
        `SELECT bot_token_enc AS v FROM workspace UNION ALL SELECT tokens_enc FROM calendar_connection
         UNION ALL SELECT check_value FROM encryption_key`,
      );
      expect(raw.map((r) => r.v.slice(0, 3))).toEqual(['v2:', 'v2:', 'v2:']);
      expect(await upgraded.workspaces.botToken(ws.tenantId, ws.id)).toBe('xoxb-legacy');
      expect(await upgraded.connections.secrets(ws.tenantId, conn.id)).toEqual({ refreshToken: 'r-legacy' });
      await upgraded.close();
    } finally {
      await db.drop();
    }
  });
});

/** Sessions of the database at `url` running pg_sleep (seen from another connection). */
async function activeSleeps(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and query like 'select pg_sleep%' and pid <> pg_backend_pid()",
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}
