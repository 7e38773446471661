/**
 * Cancel and reschedule from Slack, end to end: Olga's calendar on the Google fake, Ana's on the
 * Microsoft 365 fake, Li without a calendar; the store on PGlite, the real use cases, CalendarAccess and
 * outbox worker; Slack's side is the fake Web API sending signed requests.
 *
 * The confirmation carries "Reschedule" and "Cancel meeting" (with a confirm dialog). A reschedule
 * updates the SAME provider events in place (no new event), the message shows the new time, the others
 * are DMed and the thread told; a cancel deletes the events through the outbox and the message says who
 * cancelled. Someone outside the meeting and a button naming another tenant's booking change nothing.
 * `/meet cancel` lists the caller's meetings (in French too). DM buttons reach their registered handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutboxOnce } from '../../src/app/outbox.ts';
import type { DmActionHandler, MeetingThreads, Notifier } from '../../src/app/ports/calendars.ts';
import type { Workspace } from '../../src/app/ports/store.ts';
import type { SlackDmClient } from '../../src/bot/slack/notifier.ts';
import { createSlackNotifier } from '../../src/bot/slack/notifier.ts';
import { createSlackThreads, type SlackThreadClient } from '../../src/bot/slack/threads.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
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
import { connectGoogle, connectMicrosoft, fakeProviderFactory } from './harness/providers.ts';

// Wednesday 16 January 2030, 10:00 UTC: "next week" is Monday 21 – Sunday 27 January.
const START = Date.UTC(2030, 0, 16, 10);
const clock = () => START;
const accounts = { google: 'olga@acme.test', microsoft: 'ana@contoso.test' };

let store: Store;
let google: FakeGoogle;
let microsoft: FakeMicrosoft;
let h: Harness;
let workspace: Workspace;
let calendars: CalendarAccess;
let notifier: Notifier;
let channel = 0;
const dms: { personId: string; text: string }[] = [];
const handled: { tenantId: string; actorPersonId: string; value: string }[] = [];
const dmActions: Record<string, DmActionHandler> = {
  'test.ping': async (input) => {
    handled.push(input);
    return { text: `Done: ${input.value}` };
  },
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e'),
    log: () => undefined,
  });
  const started = await startFakeGoogle({ now: clock });
  google = started.fake;
  microsoft = await FakeMicrosoft.start({ now: clock });
  const providers = fakeProviderFactory({
    clock,
    google: started,
    microsoft,
  });
  // DMs and thread replies go through the real Slack notifier / threads, bound once the app exists.
  let slackNotifier: Notifier | undefined;
  let slackThreads: MeetingThreads | undefined;
  notifier = {
    async dm(tenantId, personId, message) {
      dms.push({ personId, text: message.text });
      return slackNotifier ? slackNotifier.dm(tenantId, personId, message) : { ok: false, code: 'not_ready' };
    },
  };
  const threads: MeetingThreads = {
    note: async (t, b, text) =>
      slackThreads ? slackThreads.note(t, b, text) : { ok: false, code: 'not_ready' },
  };
  calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
  h = await startHarness({
    store,
    deps: { busy: calendars, writer: calendars, notifier, threads, dmActions, clock },
  });
  slackNotifier = createSlackNotifier(store, h.adapter.app.client as unknown as SlackDmClient);
  slackThreads = createSlackThreads(store, h.adapter.app.client as unknown as SlackThreadClient);

  ({ workspace } = await installTeam(h, 'TACME', 'Acme'));
  const users = [
    { id: 'UOLGA', name: 'olga', real_name: 'Olga', tz: 'Europe/London' },
    { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris' },
    { id: 'ULI', name: 'li', real_name: 'Li', tz: 'America/New_York' },
    { id: 'UZED', name: 'zed', real_name: 'Zed', tz: 'Europe/Paris' },
  ];
  for (const u of users) h.fake.addUser('TACME', u);
  for (const u of users) {
    const person = await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: u.id,
      displayName: u.real_name,
    });
    await store.preferences.set(workspace.tenantId, person!.id, {
      timeZone: u.tz,
      locale: 'en-GB',
      workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] },
    });
    ids[u.id] = person!.id;
  }
  const tenantId = workspace.tenantId;
  await connectGoogle(store, started, { tenantId, personId: ids.UOLGA! }, accounts.google, START + HOUR);
  await connectMicrosoft(
    store,
    microsoft,
    { tenantId, personId: ids.UANA! },
    accounts.microsoft,
    START + HOUR,
  );
}, 60_000);

afterAll(async () => {
  await h?.close();
  await google?.stop();
  await microsoft?.close();
  await store?.close();
});

/** Runs the outbox (calendar updates and deletions) until nothing is left to do. */
async function drainOutbox() {
  for (let i = 0; i < 5; i++) {
    const run = await runOutboxOnce(
      { store, writer: calendars, notifier, log: () => undefined },
      { worker: 'test', now: START + 2 * HOUR },
    );
    if (run.claimed === 0) return;
  }
}

/** `/meet` by Olga with Ana and Li, then Ana books the first slot: the confirmation message. */
async function book(title: string) {
  channel += 1;
  const channelId = `CMG${channel}`;
  await h.fake.command({
    teamId: 'TACME',
    userId: 'UOLGA',
    channelId,
    text: `<@UANA|ana> <@ULI|li> 30m next week "${title}"`,
  });
  const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 15_000);
  const first = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
  await h.fake.click({
    teamId: 'TACME',
    userId: 'UANA',
    actionId: first.actionId,
    value: first.value,
    channelId,
    messageTs: message.ts,
  });
  await until(() => message.updates === 1, 'the confirmation', 15_000);
  const cancel = buttons(message.blocks).find((b) => b.actionId.startsWith('mcancel:'))!;
  const bookingId = cancel.actionId.split(':')[1]!;
  return { channelId, message, bookingId };
}

function manage(message: FakeMessage, prefix: 'mcancel' | 'mresched') {
  return buttons(message.blocks).find((b) => b.actionId.startsWith(`${prefix}:`))!;
}

function replies(channelId: string, ts: string) {
  return h.fake.channelMessages(channelId).filter((m) => m.threadTs === ts);
}

describe('Slack: cancel and reschedule a booked meeting', () => {
  it('the confirmation has Reschedule and Cancel meeting (with a confirm dialog); outsiders and other tenants are refused', async () => {
    const { channelId, message, bookingId } = await book('Sync');
    const shown = buttons(message.blocks).map((b) => b.text);
    expect(shown).toEqual(['Reschedule', 'Cancel meeting']);
    const actions = (
      message.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.[1]?.confirm).toMatchObject({
      confirm: { text: 'Cancel it' },
      style: 'danger',
    });

    // Zed is not in the meeting: a private explanation, nothing changes.
    const cancel = manage(message, 'mcancel');
    const zed = await h.fake.click({
      teamId: 'TACME',
      userId: 'UZED',
      actionId: cancel.actionId,
      value: cancel.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => h.fake.responsesTo(zed.responseId)[0], 'the refusal');
    expect(String(h.fake.responsesTo(zed.responseId)[0]?.body.text)).toMatch(
      /Only the organiser or a participant/,
    );
    expect(h.fake.responsesTo(zed.responseId)[0]?.body.response_type).toBe('ephemeral');

    // A booking of another tenant (another Slack workspace), named in a forged button: unknown here.
    const other = await store.workspaces.install({ platform: 'slack', externalId: 'TOTHER', name: 'Other' });
    const stranger = await store.people.upsertByIdentity({
      workspaceId: other.id,
      externalUserId: 'USTR',
      displayName: 'S',
    });
    const foreign = await store.bookings.bookSlot({
      tenantId: other.tenantId,
      people: [stranger!.id],
      start: START + 30 * HOUR,
      end: START + 31 * HOUR,
      title: 'Theirs',
      idempotencyKey: 'foreign',
      organizerId: stranger!.id,
    });
    if (!foreign.ok) throw new Error('seed');
    for (const actionId of [
      `mcancel:${foreign.booking.id}`,
      `mto:${foreign.booking.id}:${START + 50 * HOUR}`,
    ]) {
      const forged = await h.fake.click({
        teamId: 'TACME',
        userId: 'UOLGA',
        actionId,
        value: cancel.value,
        channelId,
        messageTs: message.ts,
      });
      await until(() => h.fake.responsesTo(forged.responseId)[0], 'the refusal');
      expect(String(h.fake.responsesTo(forged.responseId)[0]?.body.text)).toBe(
        'This meeting no longer exists.',
      );
    }
    expect((await store.bookings.get(other.tenantId, foreign.booking.id))?.status).toBe('booked');
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('booked');
    expect(message.updates).toBe(1);
  });

  it('reschedule: new times privately, a pick moves the same provider events in place, the message and the thread say so, the others are DMed', async () => {
    const { channelId, message, bookingId } = await book('Roadmap');
    const before = (await store.bookings.get(workspace.tenantId, bookingId))!;
    const googleEvents = google.stored(accounts.google).length;
    const msEvents = microsoft.storedEvents(accounts.microsoft).length;
    const eventIds = before.events
      .filter((e) => e.status === 'created')
      .map((e) => e.providerEventId)
      .sort();
    expect(eventIds).toHaveLength(2);

    const resched = manage(message, 'mresched');
    const ask = await h.fake.click({
      teamId: 'TACME',
      userId: 'ULI',
      actionId: resched.actionId,
      value: resched.value,
      channelId,
      messageTs: message.ts,
    });
    const options = await until(() => h.fake.responsesTo(ask.responseId)[0], 'the new times');
    expect(options.body.response_type).toBe('ephemeral');
    const moves = buttons(options.body.blocks as unknown[]).filter((b) => b.actionId.startsWith('mto:'));
    expect(moves.length).toBeGreaterThan(0);
    const starts = moves.map((b) => Number(b.actionId.split(':')[2]));
    expect(starts).not.toContain(before.start);
    const pick = moves[0]!;
    const newStart = starts[0]!;
    dms.length = 0;
    const picked = await h.fake.click({
      teamId: 'TACME',
      userId: 'ULI',
      actionId: pick.actionId,
      value: pick.value,
      channelId,
      messageTs: message.ts,
      isEphemeral: true,
    });
    await until(() => message.updates === 2, 'the message at the new time', 15_000);
    expect(blockText(message.blocks)).toContain('Moved: “Roadmap”');
    expect(blockText(message.blocks)).toContain('Moved by <@ULI>');
    expect(blockText(message.blocks)).toContain(`<!date^${Math.floor(newStart / 1000)}^`);
    expect(buttons(message.blocks).map((b) => b.text)).toEqual(['Reschedule', 'Cancel meeting']);
    await until(() => h.fake.responsesTo(picked.responseId)[0], 'the private answer');
    expect(h.fake.responsesTo(picked.responseId)[0]?.body.replace_original).toBe(true);

    const after = (await store.bookings.get(workspace.tenantId, bookingId))!;
    expect([after.start, after.end]).toEqual([newStart, newStart + 30 * 60_000]);
    expect([...after.participantIds].sort()).toEqual([...before.participantIds].sort());
    expect(dms.map((d) => d.personId).sort()).toEqual([ids.UOLGA, ids.UANA].sort());
    expect(dms[0]?.text).toMatch(/^Li moved “Roadmap” to /);
    await until(() => replies(channelId, message.ts).length === 1, 'the thread note');
    expect(replies(channelId, message.ts)[0]?.text).toMatch(/^Li moved this meeting to /);

    await drainOutbox();
    // Same events, moved: no duplicate anywhere.
    expect(google.stored(accounts.google)).toHaveLength(googleEvents);
    expect(microsoft.storedEvents(accounts.microsoft)).toHaveLength(msEvents);
    const g = google.stored(accounts.google).find((e) => eventIds.includes(e.id));
    const ms = microsoft.storedEvents(accounts.microsoft).find((e) => eventIds.includes(e.id));
    expect([g?.start, g?.end]).toEqual([newStart, newStart + 30 * 60_000]);
    expect([ms?.start, ms?.end]).toEqual([newStart, newStart + 30 * 60_000]);
    const recorded = (await store.bookings.get(workspace.tenantId, bookingId))!.events
      .filter((e) => e.status === 'created')
      .map((e) => e.providerEventId)
      .sort();
    expect(recorded).toEqual(eventIds);

    // The same pick again: the meeting is already there.
    const again = await h.fake.click({
      teamId: 'TACME',
      userId: 'ULI',
      actionId: pick.actionId,
      value: pick.value,
      channelId,
      isEphemeral: true,
    });
    await until(() => h.fake.responsesTo(again.responseId)[0], 'the answer');
    expect(String(h.fake.responsesTo(again.responseId)[0]?.body.text)).toBe(
      'The meeting is already at that time.',
    );
  });

  it('a lost race: a time taken since the list was shown says so, nothing moves', async () => {
    const { channelId, message, bookingId } = await book('Race');
    const resched = manage(message, 'mresched');
    const ask = await h.fake.click({
      teamId: 'TACME',
      userId: 'UOLGA',
      actionId: resched.actionId,
      value: resched.value,
      channelId,
      messageTs: message.ts,
    });
    const options = await until(() => h.fake.responsesTo(ask.responseId)[0], 'the new times');
    const pick = buttons(options.body.blocks as unknown[]).find((b) => b.actionId.startsWith('mto:'))!;
    const newStart = Number(pick.actionId.split(':')[2]);
    // Meanwhile Olga's calendar fills that time.
    google.seed(accounts.google, [{ id: 'racer', start: newStart, end: newStart + HOUR }]);
    const picked = await h.fake.click({
      teamId: 'TACME',
      userId: 'UOLGA',
      actionId: pick.actionId,
      value: pick.value,
      channelId,
      isEphemeral: true,
    });
    await until(() => h.fake.responsesTo(picked.responseId)[0], 'the answer');
    expect(String(h.fake.responsesTo(picked.responseId)[0]?.body.text)).toMatch(/not free for everyone/);
    const after = await store.bookings.get(workspace.tenantId, bookingId);
    expect(after?.start).not.toBe(newStart);
    expect(message.updates).toBe(1);
  });

  it('/meet cancel lists the caller’s meetings with their buttons; in French too', async () => {
    const sent = await h.fake.command({
      teamId: 'TACME',
      userId: 'UANA',
      channelId: 'CLIST',
      text: 'cancel',
    });
    const list = await until(() => h.fake.responsesTo(sent.responseId)[0], 'the list');
    expect(list.body.response_type).toBe('ephemeral');
    expect(blockText(list.body.blocks as unknown[])).toContain('which one to cancel?');
    expect(blockText(list.body.blocks as unknown[])).toContain('*Sync*');
    const listed = buttons(list.body.blocks as unknown[]);
    expect(listed.filter((b) => b.text === 'Cancel meeting').length).toBeGreaterThanOrEqual(3);
    const zed = await h.fake.command({
      teamId: 'TACME',
      userId: 'UZED',
      channelId: 'CLIST',
      text: 'reschedule',
    });
    const none = await until(() => h.fake.responsesTo(zed.responseId)[0], 'the empty list');
    expect(String(none.body.text)).toBe('You have no upcoming meetings booked through Convene.');

    const fr = await h.fake.command({ teamId: 'TACME', userId: 'UANA', channelId: 'CLIST', text: 'annuler' });
    const liste = await until(() => h.fake.responsesTo(fr.responseId)[0], 'la liste');
    expect(blockText(liste.body.blocks as unknown[])).toContain('laquelle annuler ?');
    expect(new Set(buttons(liste.body.blocks as unknown[]).map((b) => b.text))).toEqual(
      new Set(['Replanifier', 'Annuler la réunion']),
    );
    const help = await h.fake.command({ teamId: 'TACME', userId: 'UANA', channelId: 'CLIST', text: 'aide' });
    const aide = await until(() => h.fake.responsesTo(help.responseId)[0], "l'aide");
    expect(blockText(aide.body.blocks as unknown[])).toContain('/meet annuler');
  });

  it('cancel from the confirmation: "Cancelled by", the events deleted by the outbox, the others DMed, the thread told', async () => {
    const { channelId, message, bookingId } = await book('Retro');
    const booking = (await store.bookings.get(workspace.tenantId, bookingId))!;
    const eventIds = booking.events.filter((e) => e.status === 'created').map((e) => e.providerEventId!);
    expect(eventIds).toHaveLength(2);
    dms.length = 0;
    const cancel = manage(message, 'mcancel');
    await h.fake.click({
      teamId: 'TACME',
      userId: 'UOLGA',
      actionId: cancel.actionId,
      value: cancel.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 2, 'the cancelled message', 15_000);
    expect(message.text).toContain('Cancelled by <@UOLGA>');
    expect(buttons(message.blocks)).toEqual([]);
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('cancelled');
    expect(dms.map((d) => d.personId).sort()).toEqual([ids.UANA, ids.ULI].sort());
    await until(() => replies(channelId, message.ts).length === 1, 'the thread note');
    expect(replies(channelId, message.ts)[0]?.text).toMatch(/^Olga cancelled this meeting/);

    await drainOutbox();
    expect(google.stored(accounts.google).some((e) => eventIds.includes(e.id))).toBe(false);
    expect(microsoft.storedEvents(accounts.microsoft).some((e) => eventIds.includes(e.id))).toBe(false);

    // A second click (another participant): already cancelled, privately.
    const late = await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: cancel.actionId,
      value: cancel.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => h.fake.responsesTo(late.responseId)[0], 'the answer');
    expect(String(h.fake.responsesTo(late.responseId)[0]?.body.text)).toBe(
      'This meeting was already cancelled.',
    );
  });

  it('cancel from the /meet cancel list rewrites the meeting message too', async () => {
    const { message, bookingId } = await book('Planning');
    const sent = await h.fake.command({
      teamId: 'TACME',
      userId: 'ULI',
      channelId: 'CLIST2',
      text: 'cancel',
    });
    const list = await until(() => h.fake.responsesTo(sent.responseId)[0], 'the list');
    const cancel = buttons(list.body.blocks as unknown[]).find((b) => b.actionId === `mcancel:${bookingId}`)!;
    const click = await h.fake.click({
      teamId: 'TACME',
      userId: 'ULI',
      actionId: cancel.actionId,
      value: cancel.value,
      channelId: 'CLIST2',
      isEphemeral: true,
    });
    await until(() => message.updates === 2, 'the meeting message', 15_000);
    expect(message.text).toContain('Cancelled by <@ULI>');
    await until(() => h.fake.responsesTo(click.responseId)[0], 'the private answer');
    expect(String(h.fake.responsesTo(click.responseId)[0]?.body.text)).toMatch(/^Cancelled: “Planning”/);
  });

  it('DM buttons: a registered action runs for the clicking person and its buttons are replaced; an unknown one is refused politely', async () => {
    const sent = await notifier.dm(workspace.tenantId, ids.UOLGA!, {
      text: 'Your calendar moved “Sync”.',
      actions: [
        { action: 'test.ping', value: 'b-1', label: 'Follow', style: 'primary' },
        { action: 'test.ping', value: 'b-2', label: 'Again' },
        { action: 'nobody.home', value: 'x', label: 'Unknown' },
      ],
    });
    expect(sent).toEqual({ ok: true });
    const dm = h.fake.channelMessages('DUOLGA').find((m) => m.text === 'Your calendar moved “Sync”.')!;
    const dmButtons = buttons(dm.blocks);
    expect(dmButtons.map((b) => [b.actionId, b.value])).toEqual([
      ['convene_dm_action:test.ping', 'b-1'],
      ['convene_dm_action:test.ping:1', 'b-2'],
      ['convene_dm_action:nobody.home', 'x'],
    ]);
    const unknown = dmButtons[2]!;
    const refused = await h.fake.click({
      teamId: 'TACME',
      userId: 'UOLGA',
      actionId: unknown.actionId,
      value: unknown.value,
      channelId: 'DUOLGA',
      messageTs: dm.ts,
    });
    await until(() => h.fake.responsesTo(refused.responseId)[0], 'the refusal');
    expect(String(h.fake.responsesTo(refused.responseId)[0]?.body.text)).toMatch(
      /no longer supported: nothing was done/,
    );
    expect(handled).toEqual([]);

    const second = dmButtons[1]!;
    await h.fake.click({
      teamId: 'TACME',
      userId: 'UOLGA',
      actionId: second.actionId,
      value: second.value,
      channelId: 'DUOLGA',
      messageTs: dm.ts,
    });
    await until(() => dm.updates === 1, 'the DM rewritten');
    expect(handled).toEqual([
      { tenantId: workspace.tenantId, actorPersonId: ids.UOLGA, value: 'b-2', now: START },
    ]);
    expect(buttons(dm.blocks)).toEqual([]);
    expect(blockText(dm.blocks)).toContain('Your calendar moved');
    expect(blockText(dm.blocks)).toContain('Done: b-2');
    await settle(100);
  });
});

describe('Slack: one occurrence of a series (issue #22)', () => {
  const WEEK = 7 * 24 * HOUR;

  /** Each calendar person's busy intervals over the series' first weeks, read fresh from the fakes. */
  async function busyAt(starts: readonly number[]) {
    const read = await calendars.busyFor(
      workspace.tenantId,
      [ids.UOLGA!, ids.UANA!],
      { start: starts[0]!, end: starts.at(-1)! + HOUR },
      { fresh: true },
    );
    return read.people.map((p) =>
      starts.map((s) => (p.busy.some((b) => b.start <= s && b.end > s) ? 'busy' : 'free')),
    );
  }

  it('cancel one occurrence, then end the series, from /meet cancel: the provider fakes show exactly those free', async () => {
    const channelId = 'CSERIES';
    await h.fake.command({
      teamId: 'TACME',
      userId: 'UOLGA',
      channelId,
      text: '<@UANA|ana> <@ULI|li> 30m every tuesday "Weekly"',
    });
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 15_000);
    const first = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
    await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 1, 'the confirmation', 15_000);
    const bookingId = manage(message, 'mcancel').actionId.split(':')[1]!;
    const booking = (await store.bookings.get(workspace.tenantId, bookingId))!;
    // Tuesday 22, 29 January and 5 February 2030: the first three meetings of the series.
    const starts = [booking.start, booking.start + WEEK, booking.start + 2 * WEEK];
    expect(new Date(booking.start).toISOString().slice(0, 10)).toBe('2030-01-22');
    expect(await busyAt(starts)).toEqual([
      ['busy', 'busy', 'busy'],
      ['busy', 'busy', 'busy'],
    ]);

    // Ana's list: the series has "Cancel Tue 22 Jan only" and "End the series after Tue 22 Jan".
    const sent = await h.fake.command({
      teamId: 'TACME',
      userId: 'UANA',
      channelId: 'CLIST3',
      text: 'cancel',
    });
    const list = await until(() => h.fake.responsesTo(sent.responseId)[0], 'the list');
    const listed = buttons(list.body.blocks as unknown[]);
    const one = listed.find((b) => b.actionId.startsWith(`ocancel:${bookingId}:`))!;
    const end = listed.find((b) => b.actionId.startsWith(`oend:${bookingId}:`))!;
    expect(one).toMatchObject({
      actionId: `ocancel:${bookingId}:${starts[0]}`,
      text: 'Cancel Tue 22 Jan only',
    });
    expect(end).toMatchObject({
      actionId: `oend:${bookingId}:${starts[1]}`,
      text: 'End the series after Tue 22 Jan',
    });
    // A meeting that does not repeat has no such buttons.
    expect(listed.filter((b) => /^(ocancel|oend):/.test(b.actionId))).toHaveLength(2);

    // In French: the same buttons, worded by the `occurrences` catalogue.
    const fr = await h.fake.command({
      teamId: 'TACME',
      userId: 'UANA',
      channelId: 'CLIST3',
      text: 'annuler',
    });
    const liste = await until(() => h.fake.responsesTo(fr.responseId)[0], 'la liste');
    const texts = buttons(liste.body.blocks as unknown[])
      .filter((b) => b.actionId.includes(bookingId))
      .map((b) => b.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Annuler le mar\.? 22 janv\.? seulement$/),
        expect.stringMatching(/^Arrêter la série après le mar\.? 22 janv\.?$/),
      ]),
    );

    // Zed is not in the meeting: refused privately, nothing queued.
    const zed = await h.fake.click({
      teamId: 'TACME',
      userId: 'UZED',
      actionId: one.actionId,
      value: one.value,
      channelId: 'CLIST3',
      isEphemeral: true,
    });
    await until(() => h.fake.responsesTo(zed.responseId)[0], 'the refusal');
    expect(String(h.fake.responsesTo(zed.responseId)[0]?.body.text)).not.toMatch(/^Cancelled/);
    await drainOutbox();
    expect(await busyAt(starts)).toEqual([
      ['busy', 'busy', 'busy'],
      ['busy', 'busy', 'busy'],
    ]);

    dms.length = 0;
    const click = await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: one.actionId,
      value: one.value,
      channelId: 'CLIST3',
      isEphemeral: true,
    });
    await until(() => h.fake.responsesTo(click.responseId)[0], 'the answer');
    const answer = h.fake.responsesTo(click.responseId)[0]!.body;
    expect(String(answer.text)).toMatch(/^Cancelled: “Weekly” on Tue 22 Jan.* only\. The other meetings/);
    expect(answer.replace_original).toBe(true);
    expect(dms.map((d) => d.personId).sort()).toEqual([ids.UOLGA, ids.ULI].sort());
    await drainOutbox();
    expect(await busyAt(starts)).toEqual([
      ['free', 'busy', 'busy'],
      ['free', 'busy', 'busy'],
    ]);

    const ended = await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: end.actionId,
      value: end.value,
      channelId: 'CLIST3',
      isEphemeral: true,
    });
    await until(() => h.fake.responsesTo(ended.responseId)[0], 'the answer');
    expect(String(h.fake.responsesTo(ended.responseId)[0]?.body.text)).toMatch(
      /^“Weekly” ends: the meetings from Tue 29 Jan.* on are cancelled\./,
    );
    await drainOutbox();
    expect(await busyAt(starts)).toEqual([
      ['free', 'free', 'free'],
      ['free', 'free', 'free'],
    ]);
    // The booking itself stays (its earlier meetings are not cancelled).
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('booked');

    // Nothing left of the series (22 Jan cancelled, ended from 29 Jan): no longer listed at all (issue #22:
    // a series is listed while one of its occurrences is still ahead, at that occurrence).
    const after = await h.fake.command({
      teamId: 'TACME',
      userId: 'UANA',
      channelId: 'CLIST3',
      text: 'cancel',
    });
    const relisted = await until(() => h.fake.responsesTo(after.responseId)[0], 'the list again');
    expect(
      buttons((relisted.body.blocks as unknown[] | undefined) ?? [])
        .filter((b) => b.actionId.includes(bookingId))
        .map((b) => b.text),
    ).toEqual([]);
  }, 60_000);

  it('book and move the clashing dates: the moved occurrence is an exception of the one series event on each calendar', async () => {
    const channelId = 'CMOVE';
    await h.fake.command({
      teamId: 'TACME',
      userId: 'UOLGA',
      channelId,
      text: '<@UANA|ana> <@ULI|li> 30m every tuesday "Team sync"',
    });
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 15_000);
    const first = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
    const proposalId = first.actionId.split(':')[1]!;
    const slot = (await store.requests.getProposal(workspace.tenantId, proposalId))!.slots[0]!;
    const third = slot.start + 2 * WEEK;
    const fourth = slot.start + 3 * WEEK;
    // Since the proposal: Ana is busy at the third meeting's time (the same day has other free times);
    // Olga is away the whole week around the fourth (nothing nearby: it stays).
    microsoft.seed(accounts.microsoft, [{ title: 'Dentist', start: third, end: third + HOUR / 2 }]);
    google.seed(accounts.google, [
      { id: 'away', title: 'Away', start: fourth - 4 * 24 * HOUR, end: fourth + 4 * 24 * HOUR },
    ]);
    const plain = await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    const conflict = await until(() => h.fake.responsesTo(plain.responseId)[0], 'the series conflict');
    const offered = buttons(conflict.body.blocks as unknown[]);
    const move = offered.find((b) => b.actionId.endsWith('-move'))!;
    expect(move.text).toMatch(/^Book, move clashing dates: /);
    expect(offered.some((b) => b.actionId.endsWith('-anyway'))).toBe(true);

    const click = await h.fake.click({
      teamId: 'TACME',
      userId: 'UANA',
      actionId: move.actionId,
      value: move.value,
      channelId,
      isEphemeral: true,
    });
    const confirmation = await until(() => h.fake.responsesTo(click.responseId)[0], 'the confirmation');
    const text = blockText(confirmation.body.blocks as unknown[]);
    expect(text).toMatch(/Moved 1 occurrence in conflict: Tue \d+ Feb to Tue \d+ Feb, /);
    expect(text).toContain('1 occurrence stays as booked, with no time everyone can make within 3 days');
    const bookingId = (await store.bookings.findByIdempotencyKey(
      workspace.tenantId,
      `proposal:${proposalId}:slot:1`,
    ))!.id;
    const jobs = await store.jobs.listByDedupePrefix(`calendar.series:${bookingId}:`);
    const moved = (jobs[0]!.payload as { change: { start: number } }).change.start;
    expect(
      jobs.map((j) => (j.payload as { change: { kind: string; originalStart: number } }).change),
    ).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ kind: 'move', originalStart: third })),
    );

    await drainOutbox();
    // Olga's and Ana's calendars: the moved time is held, the third meeting's own time is free for Olga
    // (Ana still has her dentist there); one series event each, not an extra single event.
    const read = await calendars.busyFor(
      workspace.tenantId,
      [ids.UOLGA!, ids.UANA!],
      { start: slot.start, end: fourth + HOUR },
      { fresh: true },
    );
    const at = (personId: string, t: number) =>
      read.people.find((p) => p.personId === personId)!.busy.some((b) => b.start <= t && b.end > t);
    expect([at(ids.UOLGA!, third), at(ids.UOLGA!, moved), at(ids.UANA!, moved)]).toEqual([false, true, true]);
    expect([at(ids.UOLGA!, slot.start + WEEK), at(ids.UANA!, slot.start + WEEK)]).toEqual([true, true]);
    const olgaEvents = google.stored(accounts.google).filter((e) => e.summary === 'Team sync');
    expect(olgaEvents.filter((e) => !e.recurringEventId).length).toBe(1);
    expect(
      olgaEvents
        .filter((e) => e.recurringEventId)
        .map((e) => ({ originalStart: e.originalStart, start: e.start })),
    ).toEqual([{ originalStart: third, start: moved }]);
  }, 60_000);
});
