/**
 * The installation cache Bolt's `authorize` reads through: TTL on a pinned clock, LRU bound, shared
 * concurrent lookups, invalidation on install / uninstall / token revocation (including a lookup racing
 * the purge), over the real store (embedded database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceRepository } from '../../../src/app/ports/store.ts';
import { installationUseCases } from '../../../src/app/use-cases.ts';
import { Deduper } from '../../../src/bot/slack/dedupe.ts';
import type { SlackRuntime } from '../../../src/bot/slack/deps.ts';
import { InstallationCache } from '../../../src/bot/slack/installation-cache.ts';
import {
  createInstallationLookup,
  createInstallationStore,
  encodeBotSecret,
  NotInstalledError,
} from '../../../src/bot/slack/installation-store.ts';
import { purgeInstallation } from '../../../src/bot/slack/listeners/app-uninstalled.ts';
import { generateKeyEntry, openDatabase, type Store } from '../../../src/store/index.ts';

describe('InstallationCache', () => {
  it('serves a cached value until the TTL, then loads again', async () => {
    let now = 0;
    const cache = new InstallationCache<string>({ ttlMs: 60_000, clock: () => now });
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get('T1', load)).toBe('v1');
    now = 59_999;
    expect(await cache.get('T1', load)).toBe('v1');
    now = 60_000;
    expect(await cache.get('T1', load)).toBe('v2');
    expect(loads).toBe(2);
  });

  it('does not cache a missing installation', async () => {
    const cache = new InstallationCache<string>({ clock: () => 0 });
    let loads = 0;
    const missing = async () => {
      loads++;
      return null;
    };
    expect(await cache.get('T1', missing)).toBeNull();
    expect(await cache.get('T1', missing)).toBeNull();
    expect(loads).toBe(2);
  });

  it('shares one load between concurrent lookups, and forgets a failed one', async () => {
    const cache = new InstallationCache<string>({ clock: () => 0 });
    let loads = 0;
    let release: (v: string) => void = () => undefined;
    const slow = () => {
      loads++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const both = Promise.all([cache.get('T1', slow), cache.get('T1', slow)]);
    release('v');
    expect(await both).toEqual(['v', 'v']);
    expect(loads).toBe(1);
    const failing = new InstallationCache<string>({ clock: () => 0 });
    await expect(failing.get('T1', async () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await failing.get('T1', async () => 'back')).toBe('back');
  });

  it('drops the least recently used team beyond maxEntries', async () => {
    const cache = new InstallationCache<string>({ maxEntries: 2, clock: () => 0 });
    const loads: string[] = [];
    const load = (key: string) => async () => {
      loads.push(key);
      return key;
    };
    await cache.get('A', load('A'));
    await cache.get('B', load('B'));
    await cache.get('A', load('A')); // A is now the most recent
    await cache.get('C', load('C')); // evicts B
    expect(cache.size).toBe(2);
    await cache.get('A', load('A'));
    await cache.get('B', load('B'));
    expect(loads).toEqual(['A', 'B', 'C', 'B']);
  });

  it('does not store a lookup that was under way when the team was invalidated', async () => {
    const cache = new InstallationCache<string>({ clock: () => 0 });
    let release: (v: string) => void = () => undefined;
    const pending = cache.get(
      'T1',
      () =>
        new Promise<string>((resolve) => {
          release = resolve;
        }),
    );
    cache.invalidate('T1'); // the purge happened while the old token was being read
    release('old-token');
    expect(await pending).toBe('old-token');
    expect(await cache.get('T1', async () => null)).toBeNull();
  });
});

describe('installation lookups over the store', () => {
  let store: Store;
  let reads = 0;
  let workspaces: WorkspaceRepository;

  beforeAll(async () => {
    store = await openDatabase({
      dataDir: 'memory://',
      encryptionKeys: generateKeyEntry('t1'),
      log: () => undefined,
    });
    // Counts the reads authorize would make.
    workspaces = {
      ...store.workspaces,
      findByExternalId: (...args) => {
        reads++;
        return store.workspaces.findByExternalId(...args);
      },
    };
  });
  afterAll(async () => {
    await store.close();
  });

  const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
  const install = (teamId: string, token: string) =>
    store.workspaces.install({
      platform: 'slack',
      externalId: teamId,
      name: teamId,
      botToken: encodeBotSecret({ token, botId: 'B1', botUserId: 'UB1' }),
    });

  it('fetchInstallation reads the database once per team within the TTL; deleteInstallation forgets it', async () => {
    await install('TA', 'xoxb-TA-1');
    const lookup = createInstallationLookup(workspaces);
    const installations = createInstallationStore(installationUseCases({ store }), lookup);
    reads = 0;
    const first = await installations.fetchInstallation(query('TA'));
    const second = await installations.fetchInstallation(query('TA'));
    expect(first.bot?.token).toBe('xoxb-TA-1');
    expect(second.bot?.token).toBe('xoxb-TA-1');
    expect(reads).toBe(1);
    await installations.deleteInstallation?.(query('TA'));
    await expect(installations.fetchInstallation(query('TA'))).rejects.toBeInstanceOf(NotInstalledError);
  });

  it('a new install (token rotation) replaces the cached token at once', async () => {
    await install('TB', 'xoxb-TB-1');
    const lookup = createInstallationLookup(workspaces);
    const installations = createInstallationStore(installationUseCases({ store }), lookup);
    expect((await lookup.find('TB'))?.secret.token).toBe('xoxb-TB-1');
    await installations.storeInstallation({
      team: { id: 'TB', name: 'TB' },
      enterprise: undefined,
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-TB-2', scopes: ['commands'], id: 'B1', userId: 'UB1' },
      isEnterpriseInstall: false,
    } as never);
    expect((await lookup.find('TB'))?.secret.token).toBe('xoxb-TB-2');
  });

  it('app_uninstalled and tokens_revoked invalidate the cache: the team is no longer authorized', async () => {
    for (const [teamId, event] of [
      ['TC', { type: 'app_uninstalled' }],
      ['TD', { type: 'tokens_revoked', tokens: { bot: ['UB1'] } }],
    ] as const) {
      await install(teamId, `xoxb-${teamId}`);
      const lookup = createInstallationLookup(workspaces);
      expect((await lookup.find(teamId))?.secret.token).toBe(`xoxb-${teamId}`);
      const rt: SlackRuntime = {
        deps: { store } as unknown as SlackRuntime['deps'],
        now: () => 0,
        log: () => undefined,
        dedupe: new Deduper(),
        installations: lookup,
      };
      await purgeInstallation(rt, { event, body: { team_id: teamId } });
      expect(await lookup.find(teamId)).toBeNull();
    }
  });
});
