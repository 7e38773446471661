/**
 * Test harness: Convene's web server (src/bot/web/server.ts) with the Slack adapter's router mounted,
 * a PGlite store, and the fake Slack Web API. Requests reach the app over HTTP, signed like Slack's.
 */

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BusyReader, EventWriter } from '../../../src/app/ports/calendars.ts';
import { teamUseCases } from '../../../src/app/use-cases.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bot/slack/adapter.ts';
import type { SlackConfig, SlackDeps } from '../../../src/bot/slack/deps.ts';
import { createWebServer, type MountedRouter } from '../../../src/bot/web/server.ts';
import type { Interval } from '../../../src/core/interval.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeSlack } from '../../fakes/slack/server.ts';

export interface Harness {
  readonly fake: FakeSlack;
  readonly store: Store;
  readonly adapter: SlackAdapter;
  readonly url: string;
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startHarness(options: {
  deps: Omit<SlackDeps, 'store' | 'log'> & { store?: Store };
  config?: Partial<SlackConfig>;
  store?: Store;
  /** More routers on the same server (e.g. the link page), mounted before the Slack adapter's. */
  routers?: readonly MountedRouter[];
}): Promise<Harness> {
  const fake = await FakeSlack.start();
  const store =
    options.store ??
    (await openDatabase({
      dataDir: 'memory://',
      encryptionKeys: generateKeyEntry('t1'),
      log: () => undefined,
    }));
  const logs: string[] = [];
  const adapter = createSlackAdapter(
    { teams: teamUseCases({ store }), ...options.deps, store, log: (line) => logs.push(line) },
    { signingSecret: fake.signingSecret, slackApiUrl: fake.apiUrl, retries: 0, ...options.config },
  );
  if (!adapter.router) throw new Error('HTTP mode expected');
  const app = createWebServer({
    routers: [...(options.routers ?? []), { router: adapter.router }],
    log: (line) => logs.push(line),
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.target = `${url}/slack/events`;
  return {
    fake,
    store,
    adapter,
    url,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fake.close();
      if (!options.store) await store.close();
    },
  };
}

/** A Slack team in the fake and its installed workspace in the store (bot token recorded). */
export async function installTeam(h: Harness, id: string, name: string) {
  const team = h.fake.addTeam({ id, name });
  const workspace = await h.store.workspaces.install({
    platform: 'slack',
    externalId: id,
    name,
    botToken: team.botToken,
  });
  return { team, workspace };
}

/** Waits until `check` returns a value (the listeners keep working after the ack). */
export async function until<T>(
  check: () => T | undefined | null | false,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lets pending listener work settle (to assert that something did NOT happen). */
export async function settle(ms = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** In-memory calendars: busy intervals per person id, and the events written. */
export function memoryCalendars(): {
  busy: BusyReader;
  writer: EventWriter;
  busyOf: Map<string, Interval[]>;
  written: Array<{ personId: string; key: string; start: number; end: number; title: string }>;
} {
  const busyOf = new Map<string, Interval[]>();
  const written: Array<{ personId: string; key: string; start: number; end: number; title: string }> = [];
  return {
    busyOf,
    written,
    busy: {
      async busyFor(_tenantId, personIds) {
        return {
          people: personIds.map((personId) => ({
            personId,
            busy: busyOf.get(personId) ?? [],
            complete: true,
          })),
          gaps: [],
        };
      },
    },
    writer: {
      async writeFor(_tenantId, personId, draft) {
        if (!written.some((w) => w.key === draft.idempotencyKey))
          written.push({
            personId,
            key: draft.idempotencyKey,
            start: draft.start,
            end: draft.end,
            title: draft.title,
          });
        // No stored connection behind this writer: the booking is "kept in Convene" for the use case.
        return { ok: false, connectionId: null, code: 'not_linked', message: 'in-memory calendar' };
      },
    },
  };
}

/** Every button of a message: action id, text, value. */
export function buttons(
  blocks: readonly unknown[],
): Array<{ actionId: string; text: string; value: string }> {
  const out: Array<{ actionId: string; text: string; value: string }> = [];
  for (const block of blocks as Array<Record<string, unknown>>) {
    const elements = [
      ...((block.elements as unknown[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory] : []),
    ] as Array<Record<string, unknown>>;
    for (const e of elements)
      if (e.type === 'button')
        out.push({
          actionId: String(e.action_id),
          text: String((e.text as { text: string }).text),
          value: String(e.value ?? ''),
        });
  }
  return out;
}

/** All the text of a message's blocks. */
export function blockText(blocks: readonly unknown[]): string {
  return JSON.stringify(blocks);
}
