/**
 * The Slack adapter over HTTP (Convene's web server + the adapter's router, the fake Slack Web API,
 * PGlite in memory, in-memory calendars): signatures, the 3-second ack, retries and double clicks,
 * proposals → click → booking → message update, permissions, tenant isolation, languages, and the
 * Web API failures Slack can answer with.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/app/ports/store.ts';
import { blockText, buttons, type Harness, memoryCalendars, settle, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10); // Wednesday 16 Jan 2030, 10:00 UTC
const cal = memoryCalendars();
let h: Harness;
let workspace: Workspace;
let other: Workspace;
let channel = 0;

beforeAll(async () => {
  h = await startHarness({ deps: { busy: cal.busy, writer: cal.writer, clock: () => START } });
  const team = h.fake.addTeam({ id: 'T1', name: 'Acme' });
  const team2 = h.fake.addTeam({ id: 'T2', name: 'Globex' });
  workspace = await h.store.workspaces.install({
    platform: 'slack',
    externalId: 'T1',
    name: 'Acme',
    botToken: team.botToken,
  });
  other = await h.store.workspaces.install({
    platform: 'slack',
    externalId: 'T2',
    name: 'Globex',
    botToken: team2.botToken,
  });
  h.fake.addUser('T1', {
    id: 'UORG',
    name: 'olga',
    real_name: 'Olga',
    tz: 'Europe/London',
    email: 'olga@acme.test',
  });
  h.fake.addUser('T1', {
    id: 'UANA',
    name: 'ana',
    real_name: 'Ana',
    tz: 'Europe/Paris',
    email: 'ana@acme.test',
  });
  h.fake.addUser('T1', {
    id: 'ULI',
    name: 'li',
    real_name: 'Li',
    tz: 'America/New_York',
    email: 'li@acme.test',
  });
  h.fake.addUser('T1', { id: 'UEVE', name: 'eve', real_name: 'Eve', tz: 'Europe/London' });
  h.fake.addUser('T1', { id: 'UZOE', name: 'zoe', real_name: 'Zoé', tz: 'Europe/Paris', locale: 'fr-FR' });
  h.fake.addUser('T1', { id: 'UNOTZ', name: 'notz', real_name: 'Noé' });
  h.fake.addUser('T1', { id: 'UGONE', name: 'gone', real_name: 'Gone', deleted: true, tz: 'Europe/Paris' });
  h.fake.addUser('T2', { id: 'UMAL', name: 'mallory', real_name: 'Mallory', tz: 'UTC' });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  h.fake.clearFailures();
});

function nextChannel(): string {
  channel += 1;
  return `C${channel}`;
}

/** /meet in a fresh channel; waits for the proposals message. */
async function propose(text: string, userId = 'UORG') {
  const channelId = nextChannel();
  const sent = await h.fake.command({ teamId: 'T1', userId, channelId, text });
  expect(sent.status).toBe(200);
  const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals message');
  return { channelId, message, sent };
}

/** /meet in a fresh channel whose answer is a private reply (response_url); waits for it. */
async function privateReply(text: string, userId = 'UORG') {
  const channelId = nextChannel();
  const sent = await h.fake.command({ teamId: 'T1', userId, channelId, text });
  expect(sent.status).toBe(200);
  const [reply] = await until(
    () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
    'the private reply',
  );
  return { channelId, reply };
}

describe('signatures', () => {
  it('refuses forged and stale requests with 401 and runs nothing', async () => {
    const before = h.fake.calls.length;
    const forged = await h.fake.command(
      { teamId: 'T1', userId: 'UORG', channelId: 'CX', text: 'help' },
      { signature: `v0=${'0'.repeat(64)}` },
    );
    const wrongSecret = await h.fake.command(
      { teamId: 'T1', userId: 'UORG', channelId: 'CX', text: 'help' },
      { secret: 'not-the-signing-secret' },
    );
    const stale = await h.fake.command(
      { teamId: 'T1', userId: 'UORG', channelId: 'CX', text: 'help' },
      { timestamp: Math.floor(Date.now() / 1000) - 301 },
    );
    const forgedClick = await h.fake.click(
      { teamId: 'T1', userId: 'UORG', actionId: 'book:p:1', channelId: 'CX', messageTs: '1.1' },
      { signature: 'v0=deadbeef' },
    );
    expect([forged.status, wrongSecret.status, stale.status, forgedClick.status]).toEqual([
      401, 401, 401, 401,
    ]);
    await settle();
    expect(h.fake.calls.length).toBe(before);
    expect(h.fake.responsesTo(forged.responseId)).toEqual([]);
  });

  it('answers url_verification and a fresh signed request', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const verification = await h.fake.send(body, 'application/json');
    expect(verification.status).toBe(200);
    expect(verification.text).toContain('c-123');
    const help = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'CX', text: 'help' });
    expect(help.status).toBe(200);
    const [reply] = await until(
      () => h.fake.responsesTo(help.responseId).length > 0 && h.fake.responsesTo(help.responseId),
      'help',
    );
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(blockText(reply?.body.blocks as unknown[])).toContain('/meet link');
  });
});

describe('users.info cache', () => {
  const infoCalls = (user: string) =>
    h.fake.callsTo('users.info').filter((c) => String(c.params.user) === user).length;

  it('reads each user once per TTL; a signed user_change makes the next /meet read that user again', async () => {
    h.fake.addUser('T1', { id: 'UCACHE', name: 'cache', real_name: 'Cachou', tz: 'Europe/Paris' });
    await propose('<@UCACHE|cache> <@ULI|li> 30m next week "Cache one"');
    const cache = infoCalls('UCACHE');
    const li = infoCalls('ULI');
    const org = infoCalls('UORG');
    expect(cache).toBeGreaterThan(0);
    await propose('<@UCACHE|cache> <@ULI|li> 30m next week "Cache two"');
    expect([infoCalls('UCACHE'), infoCalls('ULI'), infoCalls('UORG')]).toEqual([cache, li, org]);

    // Renamed and deactivated in Slack: the event forgets the cached answer of that user only.
    h.fake.addUser('T1', {
      id: 'UCACHE',
      name: 'cache',
      real_name: 'Cachou',
      tz: 'Europe/Paris',
      deleted: true,
    });
    const event = await h.fake.event({
      teamId: 'T1',
      event: { type: 'user_change', user: { id: 'UCACHE', team_id: 'T1', deleted: true } },
    });
    expect(event.status).toBe(200);
    const { channelId, reply } = await privateReply('<@UCACHE|cache> <@ULI|li> 30m next week "Cache three"');
    expect(blockText((reply?.body.blocks ?? []) as unknown[])).toContain('cannot be invited');
    expect(h.fake.channelMessages(channelId)).toEqual([]);
    expect([infoCalls('UCACHE'), infoCalls('ULI'), infoCalls('UORG')]).toEqual([cache + 1, li, org]);
  });
});

describe('/meet → proposals → click → booking', () => {
  it('acks within 3 s, posts ranked buttons labelled per viewer zone with reasons, more and cancel', async () => {
    const { message, sent } = await propose('<@UANA|ana> <@ULI|li> 30m next week "Q3 review"');
    // The documented bound: Slack needs the ack within 3 seconds.
    expect(sent.elapsedMs).toBeLessThan(3000);
    const bs = buttons(message.blocks);
    const books = bs.filter((b) => b.actionId.startsWith('book:'));
    expect(books.length).toBeGreaterThan(0);
    expect(bs.some((b) => b.actionId.startsWith('more:') && b.text === 'More times')).toBe(true);
    expect(bs.some((b) => b.actionId.startsWith('cancel:') && b.text === 'Cancel')).toBe(true);
    const text = blockText(message.blocks);
    expect(text).toContain('all 3 free');
    // Each participant's own zone (users.info.tz), plus Slack's <!date> token for every other viewer.
    expect(text).toContain('(Paris time)');
    expect(text).toContain('(New York time)');
    expect(text).toContain('(London time)');
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|/);
    // People were created from users.info with their Slack zone.
    const ana = await h.store.people.findByIdentity(workspace.id, 'UANA');
    expect((await h.store.preferences.get(workspace.tenantId, ana!.id))?.timeZone).toBe('Europe/Paris');
  });

  it('a click by a participant books once, updates the message once; a replayed click does nothing', async () => {
    const { channelId, message } = await propose('<@UANA|ana> <@ULI|li> 45m next week "Design sync"');
    const first = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
    const click = await h.fake.click({
      teamId: 'T1',
      userId: 'ULI',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    expect(click.status).toBe(200);
    await until(() => message.updates === 1, 'the confirmation');
    expect(blockText(message.blocks)).toContain('Booked');
    expect(blockText(message.blocks)).toContain('(New York time)');
    // The slot buttons are gone; the meeting's own buttons (reschedule, cancel) remain.
    expect(buttons(message.blocks).map((b) => b.actionId.split(':')[0])).toEqual(['mresched', 'mcancel']);
    // Slack retries the same delivery (same action_ts): nothing more happens.
    const retry = await h.fake.click(
      {
        teamId: 'T1',
        userId: 'ULI',
        actionId: first.actionId,
        value: first.value,
        channelId,
        messageTs: message.ts,
        actionTs: click.actionTs,
      },
      { retryNum: 1 },
    );
    expect(retry.status).toBe(200);
    await settle();
    expect(message.updates).toBe(1);
    expect(h.fake.responsesTo(retry.responseId)).toEqual([]);
    const proposalId = first.actionId.split(':')[1]!;
    const bookings = cal.written.filter((w) => w.key.startsWith(`proposal:${proposalId}:`));
    expect(bookings.length).toBe(3); // one event per participant, written once
    // A second, distinct click by the organiser: "already booked", privately; the message is left alone.
    const again = await h.fake.click({
      teamId: 'T1',
      userId: 'UORG',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    const [reply] = await until(
      () => h.fake.responsesTo(again.responseId).length > 0 && h.fake.responsesTo(again.responseId),
      'already booked',
    );
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(blockText(reply?.body.blocks as unknown[])).toContain('Already booked');
    expect(message.updates).toBe(1);
  });

  it('someone outside the meeting gets an ephemeral explanation and books nothing', async () => {
    const { channelId, message } = await propose('<@UANA|ana> 30m next week');
    const first = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
    const click = await h.fake.click({
      teamId: 'T1',
      userId: 'UEVE',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    const [reply] = await until(
      () => h.fake.responsesTo(click.responseId).length > 0 && h.fake.responsesTo(click.responseId),
      'refusal',
    );
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.replace_original).toBe(false);
    expect(blockText(reply?.body.blocks as unknown[])).toContain('Only the organiser or a participant');
    expect(message.updates).toBe(0);
  });

  it("refuses a button pointing at another workspace's proposal", async () => {
    const { message } = await propose('<@UANA|ana> 30m next week');
    const first = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
    const click = await h.fake.click({
      teamId: 'T2',
      userId: 'UMAL',
      actionId: first.actionId,
      value: first.value,
      channelId: 'CG',
      messageTs: '1.1',
    });
    const [reply] = await until(
      () => h.fake.responsesTo(click.responseId).length > 0 && h.fake.responsesTo(click.responseId),
      'refusal',
    );
    expect(blockText(reply?.body.blocks as unknown[])).toContain('no longer exists');
    const proposalId = first.actionId.split(':')[1]!;
    expect(
      await h.store.bookings.findByIdempotencyKey(workspace.tenantId, `proposal:${proposalId}:slot:1`),
    ).toBeNull();
    expect(await h.store.requests.getProposal(other.tenantId, proposalId)).toBeNull();
    expect(message.updates).toBe(0);
  });

  it('a lost race says so and offers the remaining slots', async () => {
    const { channelId, message } = await propose('<@UANA|ana> 30m next week');
    const [first] = buttons(message.blocks).filter((b) => b.actionId.startsWith('book:'));
    const proposalId = first!.actionId.split(':')[1]!;
    const proposal = await h.store.requests.getProposal(workspace.tenantId, proposalId);
    const ana = await h.store.people.findByIdentity(workspace.id, 'UANA');
    // Ana's calendar fills slot 1 after the proposals were made.
    cal.busyOf.set(ana!.id, [{ start: proposal!.slots[0]!.start, end: proposal!.slots[0]!.end }]);
    try {
      const click = await h.fake.click({
        teamId: 'T1',
        userId: 'UORG',
        actionId: first!.actionId,
        value: first!.value,
        channelId,
        messageTs: message.ts,
      });
      const [reply] = await until(
        () => h.fake.responsesTo(click.responseId).length > 0 && h.fake.responsesTo(click.responseId),
        'lost race',
      );
      const replyBlocks = reply?.body.blocks as unknown[];
      expect(blockText(replyBlocks)).toContain('That time was just taken');
      const offered = buttons(replyBlocks).map((b) => b.actionId);
      expect(offered.length).toBe(proposal!.slots.length - 1);
      expect(offered).not.toContain(first!.actionId);
      expect(message.updates).toBe(0);
    } finally {
      cal.busyOf.delete(ana!.id);
    }
  });

  it("answers in the person's language (Slack locale), not the request's words", async () => {
    // Zoé's Slack is in French; her request has English words and nobody to invite.
    const { reply } = await privateReply('30m tomorrow', 'UZOE');
    const text = blockText((reply?.body.blocks ?? []) as unknown[]);
    expect(text).toContain("Je n'ai trouvé personne à inviter");
    // Olga's Slack gives no locale: the answer follows the request's language.
    const { reply: olga } = await privateReply('30m demain', 'UORG');
    expect(blockText((olga?.body.blocks ?? []) as unknown[])).toContain("Je n'ai trouvé personne à inviter");
    const { reply: english } = await privateReply('30m tomorrow', 'UORG');
    expect(blockText((english?.body.blocks ?? []) as unknown[])).toContain("couldn't find anyone to invite");
  });

  it('French in, French out: proposals, confirmation', async () => {
    const { channelId, message } = await propose('<@UANA|ana> 30 min la semaine prochaine « Point »');
    const text = blockText(message.blocks);
    expect(text).toContain('propositions pour « Point »');
    expect(text).toContain('heure de Paris');
    const bs = buttons(message.blocks);
    expect(bs.some((b) => b.text === 'Autres horaires')).toBe(true);
    const first = bs.find((b) => b.actionId.startsWith('book:'))!;
    expect(first.text.startsWith('Réserver')).toBe(true);
    await h.fake.click({
      teamId: 'T1',
      userId: 'UANA',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 1, 'the confirmation');
    expect(blockText(message.blocks)).toContain('Réservé');
  });

  it('cancel: only the organiser; the message says who cancelled', async () => {
    const { channelId, message } = await propose('<@UANA|ana> 30m next week "Retro"');
    const cancel = buttons(message.blocks).find((b) => b.actionId.startsWith('cancel:'))!;
    const byAna = await h.fake.click({
      teamId: 'T1',
      userId: 'UANA',
      actionId: cancel.actionId,
      value: cancel.value,
      channelId,
      messageTs: message.ts,
    });
    const [refusal] = await until(
      () => h.fake.responsesTo(byAna.responseId).length > 0 && h.fake.responsesTo(byAna.responseId),
      'refusal',
    );
    expect(blockText(refusal?.body.blocks as unknown[])).toContain('Only the organiser');
    await h.fake.click({
      teamId: 'T1',
      userId: 'UORG',
      actionId: cancel.actionId,
      value: cancel.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 1, 'the cancellation');
    expect(message.text).toContain('Cancelled by <@UORG>');
    const proposalId = cancel.actionId.split(':')[1]!;
    expect((await h.store.requests.getProposal(workspace.tenantId, proposalId))?.status).toBe('expired');
  });

  it('more times: the message is rewritten with more proposals', async () => {
    const { channelId, message } = await propose('<@UANA|ana> 30m next week');
    const before = buttons(message.blocks).filter((b) => b.actionId.startsWith('book:')).length;
    const more = buttons(message.blocks).find((b) => b.actionId.startsWith('more:'))!;
    await h.fake.click({
      teamId: 'T1',
      userId: 'UANA',
      actionId: more.actionId,
      value: more.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 1, 'more times');
    const after = buttons(message.blocks).filter((b) => b.actionId.startsWith('book:'));
    expect(after.length).toBeGreaterThan(before);
    expect(after[0]?.actionId).not.toBe(buttons([]).at(0)?.actionId);
    const oldProposal = more.actionId.split(':')[1]!;
    expect((await h.store.requests.getProposal(workspace.tenantId, oldProposal))?.status).toBe('superseded');
  });
});

describe('degraded answers', () => {
  it('a deactivated participant is named, nothing is proposed', async () => {
    const { channelId, reply } = await privateReply('<@UGONE|gone> 30m tomorrow');
    expect(blockText(reply?.body.blocks as unknown[])).toContain('Gone cannot be invited');
    expect(h.fake.channelMessages(channelId)).toEqual([]);
  });

  it('a user without tz still gets proposals (in UTC), labelled as such', async () => {
    const { message } = await propose('<@UANA|ana> 30m next week', 'UNOTZ');
    expect(blockText(message.blocks)).toContain('(UTC time)');
  });

  it('an unparseable request gets the parser message in its language, never a stack trace', async () => {
    const channelId = nextChannel();
    const sent = await h.fake.command({
      teamId: 'T1',
      userId: 'UORG',
      channelId,
      text: '<@UANA|ana> 30m entre 25h et minuit',
    });
    const [reply] = await until(
      () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
      'reply',
    );
    const text = blockText(reply?.body.blocks as unknown[]);
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(h.fake.channelMessages(channelId)).toEqual([]);
  });

  it('a 429 with Retry-After on chat.postMessage is waited out, then posted', async () => {
    // The harness disables SDK retries; this app allows one, as production does (more).
    const h2 = await startHarness({
      deps: { busy: cal.busy, writer: cal.writer, clock: () => START },
      config: { retries: 1 },
      store: h.store,
    });
    try {
      const team = h2.fake.addTeam({
        id: 'T1',
        name: 'Acme',
        botToken: (await h.store.workspaces.botToken(workspace.tenantId, workspace.id))!,
      });
      expect(team.id).toBe('T1');
      h2.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London' });
      h2.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris' });
      h2.fake.fail('chat.postMessage', { error: 'ratelimited', retryAfter: 1 });
      await h2.fake.command({
        teamId: 'T1',
        userId: 'UORG',
        channelId: 'CRATE',
        text: '<@UANA|ana> 30m next week',
      });
      await until(() => h2.fake.channelMessages('CRATE')[0], 'the proposals after the wait', 10_000);
      expect(h2.fake.callsTo('chat.postMessage').map((c) => c.error ?? 'ok')).toEqual(['ratelimited', 'ok']);
    } finally {
      await h2.close();
    }
  });

  it('views.open with an expired trigger_id falls back to a button that opens the settings', async () => {
    h.fake.fail('views.open', { error: 'expired_trigger_id' });
    const sent = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'CS', text: 'settings' });
    const [reply] = await until(
      () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
      'fallback',
    );
    const open = buttons(reply?.body.blocks as unknown[]).find((b) => b.actionId === 'open_settings');
    expect(open).toBeDefined();
    await h.fake.click({
      teamId: 'T1',
      userId: 'UORG',
      actionId: 'open_settings',
      value: open!.value,
      channelId: 'CS',
      messageTs: '1.1',
    });
    const opened = await until(() => h.fake.views.find((v) => v.method === 'views.open'), 'the modal');
    expect((opened.view.title as { text: string }).text).toBe('Convene settings');
  });
});
