/**
 * End to end through the Slack endpoint: three people whose calendars live on the Google fake, the
 * Microsoft 365 (TLS) fake and a real Radicale; the store on in-memory PGlite; the real use cases and
 * CalendarAccess; Convene's web server with the Slack adapter's router; the fake Slack Web API sending
 * signed requests.
 *
 * `/meet @ana @li 30m next week` → ack < 3 s → proposals posted → signed click → events on all three
 * calendars at the same time, the message shows the confirmation. Again in French. Forged and stale
 * signatures → 401; a replayed click books nothing twice; 20 concurrent clicks on one slot by the
 * participants → one booking, one message update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notifier } from '../../src/app/ports/calendars.ts';
import type { Workspace } from '../../src/app/ports/store.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
import { CalDavProvider } from '../../src/connectors/caldav/index.ts';
import { HOUR } from '../../src/core/interval.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../src/store/index.ts';
import {
  blockText,
  buttons,
  type Harness,
  installTeam,
  settle,
  startHarness,
  until,
} from '../bot/slack/harness.ts';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google/server.ts';
import { FakeMicrosoft } from '../fakes/microsoft/server.ts';
import type { FakeMessage } from '../fakes/slack/server.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';
import { connectCaldav, connectGoogle, connectMicrosoft, fakeProviderFactory } from './harness/providers.ts';

// Wednesday 16 January 2030, 10:00 UTC: "next week" is Monday 21 – Sunday 27 January.
const START = Date.UTC(2030, 0, 16, 10);
const MONDAY = Date.UTC(2030, 0, 21);
const clock = () => START;
const accounts = { google: 'olga@acme.test', microsoft: 'ana@contoso.test', caldav: '' };

let store: Store;
let google: FakeGoogle;
let microsoft: FakeMicrosoft;
let radicale: RadicaleServer;
let h: Harness;
let workspace: Workspace;
let channel = 0;

function caldav(): CalDavProvider {
  return new CalDavProvider({
    // Test servers listen on loopback: opt it in past the address guard.
    allowedNetworks: ['127.0.0.1/32'],
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    now: clock,
  });
}

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e'),
    log: () => undefined,
  });
  const started = await startFakeGoogle({ now: clock });
  google = started.fake;
  microsoft = await FakeMicrosoft.start({ now: clock });
  radicale = await startRadicale();

  const providers = fakeProviderFactory({
    clock,
    caldav: { allowedNetworks: ['127.0.0.1/32'] }, // Radicale is on loopback: past the address guard
    google: started,
    microsoft,
  });
  const notifier: Notifier = { dm: async () => ({ ok: true }) };
  const calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
  h = await startHarness({ store, deps: { busy: calendars, writer: calendars, clock } });

  ({ workspace } = await installTeam(h, 'TACME', 'Acme'));
  // Zones come from users.info: London, Paris, New York → common hours 14:00–16:00 UTC.
  h.fake.addUser('TACME', {
    id: 'UOLGA',
    name: 'olga',
    real_name: 'Olga',
    tz: 'Europe/London',
    email: accounts.google,
  });
  h.fake.addUser('TACME', {
    id: 'UANA',
    name: 'ana',
    real_name: 'Ana',
    tz: 'Europe/Paris',
    email: accounts.microsoft,
  });
  h.fake.addUser('TACME', {
    id: 'ULI',
    name: 'li',
    real_name: 'Li',
    tz: 'America/New_York',
    email: 'li@radicale.test',
  });

  // The three people are known with their calendars (linking is tested elsewhere); no preferences yet.
  const person = async (id: string, name: string) =>
    (await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: id,
      displayName: name,
    }))!;
  const olga = await person('UOLGA', 'Olga');
  const ana = await person('UANA', 'Ana');
  const li = await person('ULI', 'Li');
  const tenantId = workspace.tenantId;
  await connectGoogle(store, started, { tenantId, personId: olga.id }, accounts.google, START + HOUR);
  await connectMicrosoft(store, microsoft, { tenantId, personId: ana.id }, accounts.microsoft, START + HOUR);
  accounts.caldav = await connectCaldav(store, radicale, { tenantId, personId: li.id }, 'li');
  // Monday's common hours: each calendar blocks half an hour of them.
  google.seed(accounts.google, [{ id: 'olgabusy', start: MONDAY + 14 * HOUR, end: MONDAY + 14.5 * HOUR }]);
  microsoft.seed(accounts.microsoft, [
    { title: 'private', start: MONDAY + 14.5 * HOUR, end: MONDAY + 15 * HOUR },
  ]);
  await caldav().createEvent({
    idempotencyKey: 'li-busy',
    calendarId: accounts.caldav,
    title: 'dentist',
    start: MONDAY + 15 * HOUR,
    end: MONDAY + 15.5 * HOUR,
    timeZone: 'America/New_York',
    attendees: [],
    conference: false,
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await google?.stop();
  await microsoft?.close();
  await radicale?.stop();
  await store?.close();
});

async function meet(text: string, userId = 'UOLGA') {
  channel += 1;
  const channelId = `CE2E${channel}`;
  const sent = await h.fake.command({ teamId: 'TACME', userId, channelId, text });
  expect(sent.status).toBe(200);
  expect(sent.elapsedMs).toBeLessThan(3000); // Slack's documented ack bound
  const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 15_000);
  return { channelId, message };
}

/** Events of the three calendars starting at `start`. */
async function eventsAt(start: number, end: number) {
  const busy = await caldav().getBusy({ calendarIds: [accounts.caldav], range: { start, end } });
  return {
    google: google
      .stored(accounts.google)
      .filter((e) => e.start === start && e.end === end && e.status !== 'cancelled').length,
    microsoft: microsoft.storedEvents(accounts.microsoft).filter((e) => e.start === start && e.end === end)
      .length,
    caldav: (busy.calendars[accounts.caldav] as { busy?: unknown[] } | undefined)?.busy ?? [],
  };
}

async function slotOf(actionId: string) {
  const [, proposalId, slotId] = actionId.split(':');
  const proposal = await store.requests.getProposal(workspace.tenantId, proposalId!);
  return proposal!.slots[Number(slotId) - 1]!;
}

function bookButtons(message: FakeMessage) {
  return buttons(message.blocks).filter((b) => b.actionId.startsWith('book:'));
}

describe('Slack end to end (Google fake, Microsoft fake, Radicale)', () => {
  it('forged and stale signatures get 401', async () => {
    const forged = await h.fake.command(
      { teamId: 'TACME', userId: 'UOLGA', channelId: 'CX', text: 'help' },
      { signature: 'v0=00' },
    );
    const stale = await h.fake.command(
      { teamId: 'TACME', userId: 'UOLGA', channelId: 'CX', text: 'help' },
      { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 },
    );
    expect([forged.status, stale.status]).toEqual([401, 401]);
  });

  it('/meet @ana @li 30m next week → proposals → click → the same event on all three calendars, message confirmed; a replay books nothing twice', async () => {
    const { channelId, message } = await meet('<@UANA|ana> <@ULI|li> 30m next week');
    const books = bookButtons(message);
    expect(books.length).toBeGreaterThan(0);
    const text = blockText(message.blocks);
    expect(text).toContain('with Olga, Ana and Li');
    expect(text).toContain('(London time)');
    expect(text).toContain('(Paris time)');
    expect(text).toContain('(New York time)');
    expect(text).toContain('all 3 free');
    // Nothing proposed inside anyone's busy time on Monday.
    for (const b of books) {
      const slot = await slotOf(b.actionId);
      expect(slot.end <= MONDAY + 14 * HOUR || slot.start >= MONDAY + 15.5 * HOUR).toBe(true);
    }

    const first = books[0]!;
    const slot = await slotOf(first.actionId);
    const click = await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    expect(click.status).toBe(200);
    await until(() => message.updates === 1, 'the confirmation', 15_000);
    const confirmed = blockText(message.blocks);
    expect(confirmed).toContain('Booked');
    expect(confirmed).toContain('added to the calendar');
    // The video link a provider attached (the Google fake's Meet or the Microsoft fake's Teams).
    expect(confirmed).toMatch(/Join the video call/);
    expect(confirmed).toMatch(/https:\/\/(meet\.google\.com|teams\.microsoft\.com)\//);
    // The slot buttons are gone; the meeting's own buttons (reschedule, cancel) remain.
    expect(buttons(message.blocks).map((b) => b.actionId.split(':')[0])).toEqual(['mresched', 'mcancel']);
    expect(await eventsAt(slot.start, slot.end)).toEqual({
      google: 1,
      microsoft: 1,
      caldav: [{ start: slot.start, end: slot.end }],
    });

    // Slack redelivers the click (same action_ts, X-Slack-Retry-Num: 1): nothing is booked twice.
    const replay = await h.fake.click(
      {
        teamId: 'TACME',
        userId: 'UANA',
        actionId: first.actionId,
        value: first.value,
        channelId,
        messageTs: message.ts,
        actionTs: click.actionTs,
      },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    expect(replay.status).toBe(200);
    await settle(500);
    expect(message.updates).toBe(1);
    expect(await eventsAt(slot.start, slot.end)).toMatchObject({ google: 1, microsoft: 1 });
  });

  it('en français : propositions puis confirmation en français, réservées dans les trois agendas', async () => {
    const { channelId, message } = await meet(
      '<@UANA|ana> <@ULI|li> 30 min la semaine prochaine « Point Q3 »',
    );
    const text = blockText(message.blocks);
    expect(text).toContain('pour « Point Q3 »');
    expect(text).toContain('heure de Paris');
    expect(text).toContain('les 3 sont libres');
    const first = bookButtons(message)[0]!;
    expect(first.text.startsWith('Réserver')).toBe(true);
    const slot = await slotOf(first.actionId);
    await h.fake.click({
      teamId: 'TACME',
      userId: 'ULI',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 1, 'la confirmation', 15_000);
    const confirmed = blockText(message.blocks);
    expect(confirmed).toContain('Réservé');
    expect(confirmed).toMatch(/Rejoindre la visio/);
    expect(confirmed).toContain("ajoutée à l'agenda");
    expect(await eventsAt(slot.start, slot.end)).toEqual({
      google: 1,
      microsoft: 1,
      caldav: [{ start: slot.start, end: slot.end }],
    });
  });

  it('20 concurrent clicks on the same slot by the participants → one booking, one message update', async () => {
    const { channelId, message } = await meet('<@UANA|ana> <@ULI|li> 30m next week "Race"');
    const first = bookButtons(message)[0]!;
    const slot = await slotOf(first.actionId);
    const users = ['UOLGA', 'UANA', 'ULI'];
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.fake.click({
          teamId: 'TACME',
          userId: users[i % 3]!,
          actionId: first.actionId,
          value: first.value,
          channelId,
          messageTs: message.ts,
        }),
      ),
    );
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    await until(() => message.updates === 1, 'the confirmation', 20_000);
    // The click that booked updated the message; the other 19 each get a private "already booked".
    const answered = () => clicks.filter((c) => h.fake.responsesTo(c.responseId).length > 0);
    await until(() => answered().length === 19, 'the 19 answers', 20_000);
    await settle(300);
    expect(message.updates).toBe(1);
    for (const c of answered()) {
      const [reply] = h.fake.responsesTo(c.responseId);
      expect(reply?.body.response_type).toBe('ephemeral');
      expect(blockText(reply?.body.blocks as unknown[])).toContain('Already booked');
    }
    const [, proposalId] = first.actionId.split(':');
    const booking = await store.bookings.findByIdempotencyKey(
      workspace.tenantId,
      `proposal:${proposalId}:slot:1`,
    );
    expect(booking?.status).toBe('booked');
    const olga = await store.people.findByIdentity(workspace.id, 'UOLGA');
    const booked = await store.bookings.listForPerson(workspace.tenantId, olga!.id, {
      start: slot.start,
      end: slot.end,
    });
    expect(booked.map((b) => b.id)).toEqual([booking!.id]);
    expect(await eventsAt(slot.start, slot.end)).toEqual({
      google: 1,
      microsoft: 1,
      caldav: [{ start: slot.start, end: slot.end }],
    });
  });
});
