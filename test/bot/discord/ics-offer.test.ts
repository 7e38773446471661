/**
 * Discord, through the signed endpoint against the Discord fake (store on in-memory PGlite, the real
 * meeting use cases): booking a meeting with a participant whose calendar is read-only edits the
 * proposals into a confirmation whose line for that participant says the meeting is kept in Convene and
 * links the meeting as an .ics (a link Convene verifies); the other participant's line has no link. A
 * series moved "this and following" (split) offers that participant the NEW series' .ics the same way,
 * under the outcome that replaces the private list of times.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcsOffers } from '../../../src/app/ics-offer.ts';
import type { EventWriter } from '../../../src/app/ports/calendars.ts';
import { DEFAULT_WORKING_HOURS } from '../../../src/app/request-meeting.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { followingToCustomId, occurrenceCustomId } from '../../../src/bot/discord/custom-id.ts';
import { meetingUseCases, seriesUseCases } from '../../../src/bot/discord/deps.ts';
import { expandIcs } from '../../../src/connectors/ics/expand.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeMessage, type FakeUser } from '../../fakes/discord/server.ts';
import { memoryCalendars } from '../slack/harness.ts';

const START = Date.UTC(2030, 0, 14, 9); // Monday 14 Jan 2030, 09:00 UTC
const BASE = 'https://convene.example';
const DAY = 24 * 3_600_000;
const now = START;
const cal = memoryCalendars();
let store: Store;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let ana: FakeUser;
let ben: FakeUser;
let offers: IcsOffers;

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => now });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  ana = fake.addUser('ana', { globalName: 'Ana' });
  ben = fake.addUser('ben', { globalName: 'Ben' });
  for (const u of [ana, ben]) fake.addMember(guildId, u);
  offers = new IcsOffers({
    bookings: store.bookings,
    requests: store.requests,
    publicBaseUrl: BASE,
    stateSecret: 'discord-ics-offer-test-secret-0123456789abc',
    clock: () => now,
  });
  // Ben's only calendar is a feed (read-only); Ana's write fails for now (retried by the outbox).
  const writer: EventWriter = {
    async writeFor(tenantId, personId) {
      const person = await store.people.get(tenantId, personId);
      const isBen = person?.identities.some((i) => i.externalUserId === ben.id);
      return isBen
        ? { ok: false, connectionId: null, code: 'read_only', message: 'ICS feeds are read-only' }
        : { ok: false, connectionId: null, code: 'unavailable', message: 'HTTP 503' };
    },
  };
  adapter = createDiscordAdapter(
    {
      store,
      clock: () => now,
      log: () => undefined,
      meetings: meetingUseCases({ store, busy: cal.busy, writer, icsOffers: offers }),
      series: seriesUseCases({
        store,
        busy: cal.busy,
        notifier: { dm: async () => ({ ok: true as const }) },
        icsOffers: offers,
      }),
    },
    {
      publicKey: fake.publicKey,
      applicationId: fake.applicationId,
      botToken: fake.botToken,
      api: fake.api,
    },
  );
  const app = express();
  app.use(adapter.router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}, 60_000);

afterAll(async () => {
  await adapter?.idle();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
  await store?.close();
});

function buttons(message: FakeMessage): { custom_id: string; label: string }[] {
  return (message.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
    (r) => r.components,
  );
}

async function command(user: FakeUser, subcommand: string, options: unknown[] = [], resolved?: unknown) {
  const delivered = await fake.deliver(
    endpoint,
    fake.commandInteraction({
      guildId,
      channelId,
      user,
      subcommand,
      options: options as never,
      ...(resolved ? { resolved: resolved as never } : {}),
    }),
  );
  expect(delivered.status).toBe(200);
  await adapter.idle();
  return delivered;
}

describe('Discord: the confirmation offers an .ics to the read-only participant', () => {
  it('Ben’s line is kept in Convene with an .ics link; Ana’s has none', async () => {
    // First sight of both people, then their zones.
    await command(ana, 'status');
    await command(ben, 'status');
    const workspace = (await store.workspaces.findByExternalId('discord', guildId))!;
    for (const user of [ana, ben]) {
      const person = (await store.people.findByIdentity(workspace.id, user.id))!;
      await store.preferences.set(person.tenantId, person.id, {
        timeZone: 'Europe/London',
        locale: 'en',
        workingHours: DEFAULT_WORKING_HOURS,
      });
    }
    const asked = await command(
      ana,
      'new',
      [
        { name: 'request', type: 3, value: '30 min tomorrow' },
        { name: 'with', type: 9, value: ben.id },
      ],
      fake.resolvedFor(guildId, [ben.id]),
    );
    const proposals = fake.original(asked.interaction.id)!;
    const book = buttons(proposals).find((b) => b.custom_id.startsWith('cv1:book:'));
    expect(book, 'a slot to book').toBeDefined();
    const clicked = await fake.deliver(
      endpoint,
      fake.componentInteraction({ guildId, user: ana, messageId: proposals.id, customId: book!.custom_id }),
    );
    expect(clicked.status).toBe(200);
    await adapter.idle();

    const confirmed = fake.messages.get(proposals.id)!.content ?? '';
    const lines = confirmed.split('\n');
    const benLine = lines.find((l) => l.startsWith('• Ben:'))!;
    const anaLine = lines.find((l) => l.startsWith('• Ana:'))!;
    expect(benLine).toContain('read-only calendar: the meeting is kept in Convene');
    const url = benLine.match(
      /\[Add to calendar \(\.ics\)\]\(<(https:\/\/convene\.example\/ics\/[^>]+)>\)/,
    )?.[1];
    expect(url, 'an .ics link on Ben’s line').toBeDefined();
    expect(anaLine).toContain('Convene will retry');
    expect(anaLine).not.toContain('/ics/');
    const served = await offers.serve(url!.slice(`${BASE}/ics/`.length));
    expect(served.ok).toBe(true);
  });
});

describe('Discord: a split offers the new series as an .ics to the read-only participant', () => {
  it('moving a date and the following ones: the outcome links the new series for Ben, not for Ana', async () => {
    const workspace = (await store.workspaces.findByExternalId('discord', guildId))!;
    const asked = await command(
      ana,
      'new',
      [
        { name: 'request', type: 3, value: '30 min every thursday' },
        { name: 'with', type: 9, value: ben.id },
      ],
      fake.resolvedFor(guildId, [ben.id]),
    );
    const proposals = fake.original(asked.interaction.id)!;
    const book = buttons(proposals).find((b) => b.custom_id.startsWith('cv1:book:'))!;
    await fake.deliver(
      endpoint,
      fake.componentInteraction({ guildId, user: ana, messageId: proposals.id, customId: book.custom_id }),
    );
    await adapter.idle();
    const bookingId = buttons(fake.messages.get(proposals.id)!)
      .find((b) => b.custom_id.startsWith('cv1:mc:'))!
      .custom_id.split(':')[2]!;
    const booking = (await store.bookings.get(workspace.tenantId, bookingId))!;
    // Its third Thursday and the following ones, a day later: the times offered privately, then a pick.
    const third = booking.start + 14 * DAY;
    await fake.deliver(
      endpoint,
      fake.componentInteraction({
        guildId,
        user: ana,
        messageId: proposals.id,
        customId: occurrenceCustomId('moveFollowing', bookingId, third),
      }),
    );
    await adapter.idle();
    const options = fake.channelMessages(channelId).at(-1)!;
    const pick = buttons(options).find((b) => b.custom_id.startsWith(`cv1:ft:${bookingId}:${third}:`));
    expect(pick, 'a new time for the following dates').toBeDefined();
    expect(pick!.custom_id).toBe(
      followingToCustomId(bookingId, third, Number(pick!.custom_id.split(':')[4])),
    );
    await fake.deliver(
      endpoint,
      fake.componentInteraction({ guildId, user: ana, messageId: options.id, customId: pick!.custom_id }),
    );
    await adapter.idle();

    const answered = fake.messages.get(options.id)!.content ?? '';
    const [headline, ...lines] = answered.split('\n');
    expect(headline).toMatch(/^Moved: .* this meeting and the following ones/);
    expect(lines).toHaveLength(1);
    const url = lines[0]!.match(
      /^• Ben · \[Add to calendar \(\.ics\)\]\(<(https:\/\/convene\.example\/ics\/[^>]+)>\)$/,
    )?.[1];
    expect(url, 'an .ics link for Ben').toBeDefined();
    // The link serves the NEW series (a booking other than the old one, starting at the picked time).
    const served = await offers.serve(url!.slice(`${BASE}/ics/`.length));
    if (!served.ok) throw new Error(served.code);
    const newStart = Number(pick!.custom_id.split(':')[4]);
    const parsed = expandIcs(served.calendar, { start: booking.start, end: newStart + 60 * DAY });
    if (!parsed.ok) throw new Error('the served calendar does not parse');
    expect(parsed.busy[0]).toEqual({ start: newStart, end: newStart + 30 * 60_000 });
    expect(parsed.busy[1]?.start).toBe(newStart + 7 * DAY);
  });
});
