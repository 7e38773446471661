/**
 * The work budget of one request (issue #16): no input may make Convene do unbounded work or calls.
 * Real `/slack/events` endpoint (Convene's web server + the Slack adapter, PGlite in memory, the fake
 * Slack Web API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buttons,
  type Harness,
  installTeam,
  memoryCalendars,
  settle,
  startHarness,
  until,
} from '../bot/slack/harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
let h: Harness;
let tenantId: string;
let channel = 0;

beforeAll(async () => {
  const cal = memoryCalendars();
  h = await startHarness({
    deps: { busy: cal.busy, writer: cal.writer, clock: () => START },
    // Plenty for the commands below; the click limits are tested with their own harness.
    config: { rateLimit: { userPerMinute: 1000, workspacePerMinute: 1000 } },
  });
  const { workspace } = await installTeam(h, 'T1', 'Acme');
  tenantId = workspace.tenantId;
  h.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London' });
  h.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris' });
  h.fake.addUser('T1', { id: 'UMAL', name: 'mallory', real_name: 'Mallory', tz: 'UTC' });
  for (let i = 0; i < 300; i++)
    h.fake.addUser('T1', { id: `UP${String(i).padStart(3, '0')}`, name: `p${i}`, real_name: `P${i}` });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function privateReply(text: string) {
  const channelId = `CB${++channel}`;
  const before = h.fake.callsTo('users.info').length;
  const sent = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId, text });
  expect(sent.status).toBe(200);
  const [reply] = await until(
    () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
    'the private reply',
  );
  return {
    text: String((reply!.body as { text?: string }).text ?? ''),
    usersInfo: h.fake.callsTo('users.info').length - before,
    channelId,
    elapsedMs: sent.elapsedMs,
  };
}

const mentions = (n: number) =>
  Array.from({ length: n }, (_, i) => `<@UP${String(i).padStart(3, '0')}>`).join(' ');

describe('the work budget of one /meet', () => {
  it('a window to 2600 is refused at once with the look-ahead, nothing searched or stored', async () => {
    const before = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM meeting_request');
    const reply = await privateReply('<@UANA> <@UMAL> 30m between tomorrow and 2600-01-01');
    expect(reply.text).toContain('I can look up to 90 days ahead');
    expect(reply.elapsedMs).toBeLessThan(3000);
    const after = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM meeting_request');
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(h.fake.channelMessages(reply.channelId)).toEqual([]);
  });

  it('300 mentions: refused before any users.info, and nobody is DMed', async () => {
    const dms = h.fake.callsTo('conversations.open').length;
    const reply = await privateReply(`${mentions(300)} 30m tomorrow`);
    expect(reply.text).toMatch(/too long|up to 50/);
    expect(reply.usersInfo).toBe(0);
    await settle();
    expect(h.fake.callsTo('conversations.open').length).toBe(dms);
  });

  it('51 people within the length limit: refused before any users.info, saying the maximum', async () => {
    const reply = await privateReply(`${mentions(51)} 30m tomorrow`);
    expect(reply.text).toBe(
      'That request names 51 people; I can schedule up to 50 at once, so invite fewer people or a team.',
    );
    expect(reply.usersInfo).toBe(0);
  });

  it('"more times" answers from the stored request: text smuggled into the button is ignored', async () => {
    const channelId = `CB${++channel}`;
    await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId, text: '<@UANA|ana> 30m next week' });
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals');
    const more = buttons(message.blocks).find((b) => b.actionId.startsWith('more:'))!;
    // The button carries the language and the proposal id only, never the request text.
    expect(JSON.parse(more.value)).toEqual({ l: 'en' });
    const oldProposal = more.actionId.split(':')[1]!;
    const request = (await h.store.requests.getProposal(tenantId, oldProposal))!.requestId;
    const stored = (await h.store.requests.get(tenantId, request))!;
    // A forged value: other people, a window to the year 2600.
    const forged = JSON.stringify({ l: 'en', t: '<@UMAL> 30m between tomorrow and 2600-01-01', n: 39 });
    await h.fake.click({
      teamId: 'T1',
      userId: 'UORG',
      actionId: more.actionId,
      value: forged,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates === 1, 'more times');
    const after = buttons(message.blocks);
    const booking = after.filter((b) => b.actionId.startsWith('book:'));
    expect(booking.length).toBe(10);
    const newProposal = after.find((b) => b.actionId.startsWith('more:'))!.actionId.split(':')[1]!;
    const proposal = (await h.store.requests.getProposal(tenantId, newProposal))!;
    // The same stored request, its people and window: nothing from the forged text.
    expect(proposal.requestId).toBe(request);
    const again = (await h.store.requests.get(tenantId, request))!;
    expect(again.participants).toEqual(stored.participants);
    expect(again.window).toEqual(stored.window);
    for (const slot of proposal.slots) expect(slot.end).toBeLessThanOrEqual(stored.window.end);
    expect((await h.store.requests.getProposal(tenantId, oldProposal))?.status).toBe('superseded');
  });
});

describe('every interaction is counted', () => {
  let limited: Harness | undefined;
  afterAll(async () => {
    await limited?.close();
  });

  it('Slack button clicks take tokens: over the limit, a private refusal and no new proposal', async () => {
    const cal = memoryCalendars();
    let now = 0;
    limited = await startHarness({
      deps: { busy: cal.busy, writer: cal.writer, clock: () => START },
      config: { rateLimit: { userPerMinute: 2, workspacePerMinute: 100, clock: () => now } },
    });
    const { workspace } = await installTeam(limited, 'T1', 'Acme');
    limited.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London' });
    limited.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris' });
    await limited.fake.command({
      teamId: 'T1',
      userId: 'UORG',
      channelId: 'C1',
      text: '<@UANA> 30m next week',
    });
    const message = await until(() => limited!.fake.channelMessages('C1')[0], 'the proposals');
    const moreButton = () => buttons(message.blocks).find((b) => b.actionId.startsWith('more:'))!;
    const click = (more = moreButton()) =>
      limited!.fake.click({
        teamId: 'T1',
        userId: 'UORG',
        actionId: more.actionId,
        value: more.value,
        channelId: 'C1',
        messageTs: message.ts,
      });
    await click();
    await until(() => message.updates === 1, 'the first more times');
    const proposals = async () =>
      (await limited!.store.query<{ n: number }>('SELECT count(*)::int AS n FROM proposal'))[0]?.n;
    const before = await proposals();
    const refused = await click();
    expect(refused.status).toBe(200);
    const [reply] = await until(
      () =>
        limited!.fake.responsesTo(refused.responseId).length > 0 &&
        limited!.fake.responsesTo(refused.responseId),
      'the refusal',
    );
    expect((reply!.body as { text?: string }).text).toMatch(
      /^You have sent a lot of requests at once: try again in \d+ s\.$/,
    );
    await settle();
    expect(await proposals()).toBe(before);
    expect(message.updates).toBe(1);
    // A minute later the bucket has refilled.
    now += 60_000;
    await click();
    await until(() => message.updates === 2, 'more times after the wait');
    expect(workspace.tenantId).toBeTruthy();
  });

  it('Slack modal submissions take tokens: over the limit, the reason shows on the form', async () => {
    const cal = memoryCalendars();
    const h2 = await startHarness({
      deps: { busy: cal.busy, writer: cal.writer, clock: () => START },
      config: { rateLimit: { userPerMinute: 1, workspacePerMinute: 100, clock: () => 0 } },
    });
    try {
      await installTeam(h2, 'T1', 'Acme');
      h2.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London' });
      await h2.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'C1', text: 'help' });
      const submitted = await h2.fake.submitView({
        teamId: 'T1',
        userId: 'UORG',
        callbackId: 'convene_settings',
        values: {},
        privateMetadata: JSON.stringify({ l: 'fr' }),
      });
      expect(submitted.status).toBe(200);
      const body = JSON.parse(submitted.text) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.values(body.errors)[0]).toMatch(/réessayez dans \d+ s/);
    } finally {
      await h2.close();
    }
  });
});
