/**
 * Hostile Slack payloads (issue #10): validly SIGNED but malformed bodies sent to the real
 * `/slack/events` endpoint (Convene's web server + the Slack adapter, PGlite in memory, the fake Slack
 * Web API). Each must get a 4xx, or a 200 ack followed by a polite refusal or silence — never a 5xx,
 * never a crash — and no booking, request, proposal, calendar event or job row may be written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_INBOX_JOB } from '../../src/bot/slack/inbox.ts';
import { buttons, type Harness, memoryCalendars, settle, startHarness, until } from '../bot/slack/harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
const cal = memoryCalendars();
let h: Harness;
/** A real proposal of workspace T1, whose buttons the hostile clicks tamper with. */
let book: { actionId: string; value: string };
let more: { actionId: string; value: string };

const TABLES = ['meeting_request', 'proposal', 'booking', 'calendar_event', 'job'] as const;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    // A delivery recorded by the durable inbox (src/bot/slack/inbox.ts) and completed is not a write of the
    // request's: it is how a replica's death after the ack is survived. One left running or queued counts.
    const where = table === 'job' ? ` WHERE NOT (kind = '${SLACK_INBOX_JOB}' AND status = 'done')` : '';
    const [row] = await h.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"${where}`);
    out[table] = row?.n ?? -1;
  }
  return out;
}

beforeAll(async () => {
  h = await startHarness({ deps: { busy: cal.busy, writer: cal.writer, clock: () => START } });
  const t1 = h.fake.addTeam({ id: 'T1', name: 'Acme' });
  const t2 = h.fake.addTeam({ id: 'T2', name: 'Globex' });
  await h.store.workspaces.install({
    platform: 'slack',
    externalId: 'T1',
    name: 'Acme',
    botToken: t1.botToken,
  });
  await h.store.workspaces.install({
    platform: 'slack',
    externalId: 'T2',
    name: 'Globex',
    botToken: t2.botToken,
  });
  h.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London' });
  h.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris' });
  h.fake.addUser('T2', { id: 'UMAL', name: 'mallory', real_name: 'Mallory', tz: 'UTC' });
  const sent = await h.fake.command({
    teamId: 'T1',
    userId: 'UORG',
    channelId: 'C1',
    text: '<@UANA|ana> 30m next week',
  });
  expect(sent.status).toBe(200);
  const message = await until(() => h.fake.channelMessages('C1')[0], 'the proposals message');
  const all = buttons(message.blocks);
  book = all.find((b) => b.actionId.startsWith('book:'))!;
  more = all.find((b) => b.actionId.startsWith('more:'))!;
  expect(book).toBeDefined();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const form = 'application/x-www-form-urlencoded';
const payloadBody = (payload: unknown) =>
  new URLSearchParams({
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  }).toString();
const blockActions = (overrides: Record<string, unknown>, action: Record<string, unknown>) => ({
  type: 'block_actions',
  team: { id: 'T1', domain: 't1' },
  user: { id: 'UORG', username: 'olga', team_id: 'T1' },
  api_app_id: 'A0CONVENE',
  trigger_id: 'trig',
  response_url: 'http://127.0.0.1:1/nowhere',
  container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: false },
  actions: [{ type: 'button', block_id: 'b', action_ts: `${Math.random()}`, ...action }],
  ...overrides,
});

/** Raw bodies, each signed with the real signing secret. */
const CORPUS: Array<{ name: string; body: () => string; type: string }> = [
  {
    name: 'truncated JSON event',
    type: 'application/json',
    body: () => '{"type":"event_callback","team_id":"T1","event":{"type":"app_home_op',
  },
  { name: 'JSON array body', type: 'application/json', body: () => '[1,2,3]' },
  { name: 'JSON null body', type: 'application/json', body: () => 'null' },
  {
    name: 'event with wrong types',
    type: 'application/json',
    body: () => JSON.stringify({ type: 'event_callback', team_id: 42, event: 'x', event_id: [] }),
  },
  {
    name: 'url_verification without challenge',
    type: 'application/json',
    body: () => JSON.stringify({ type: 'url_verification' }),
  },
  {
    name: 'truncated payload JSON',
    type: form,
    body: () => payloadBody('{"type":"block_actions","team":{"id":"T1"'),
  },
  { name: 'payload is a number', type: form, body: () => payloadBody('12') },
  {
    name: 'payload with wrong types',
    type: form,
    body: () => payloadBody({ type: 'block_actions', team: 'T1', user: 7, actions: 'book' }),
  },
  {
    name: 'block_actions with no actions',
    type: form,
    body: () => payloadBody(blockActions({}, {}).actions && { ...blockActions({}, {}), actions: [] }),
  },
  {
    name: 'unknown action id',
    type: form,
    body: () => payloadBody(blockActions({}, { action_id: 'format_disk:1', value: '{}' })),
  },
  {
    name: 'book action with a malformed id',
    type: form,
    body: () => payloadBody(blockActions({}, { action_id: 'book:::', value: '{"l":"fr"}' })),
  },
  {
    name: 'book action naming a proposal that does not exist',
    type: form,
    body: () =>
      payloadBody(
        blockActions({}, { action_id: 'book:00000000-0000-0000-0000-000000000000:1', value: '{}' }),
      ),
  },
  {
    name: 'book action with a huge value',
    type: form,
    body: () => payloadBody(blockActions({}, { action_id: 'book:x:1', value: 'v'.repeat(200_000) })),
  },
  {
    name: 'book action with value of the wrong type',
    type: form,
    body: () => payloadBody(blockActions({}, { action_id: 'book:x:1', value: { l: ['fr'] } })),
  },
  {
    name: "another workspace's user clicking T1's proposal",
    type: form,
    body: () => payloadBody(blockActions({ team: { id: 'T2' }, user: { id: 'UMAL', team_id: 'T2' } }, book)),
  },
  {
    name: "another workspace's user asking more times on T1's proposal",
    type: form,
    body: () => payloadBody(blockActions({ team: { id: 'T2' }, user: { id: 'UMAL', team_id: 'T2' } }, more)),
  },
  {
    name: 'a click from a team that is not installed',
    type: form,
    body: () =>
      payloadBody(blockActions({ team: { id: 'TNOPE' }, user: { id: 'UX', team_id: 'TNOPE' } }, book)),
  },
  {
    name: 'view_submission with wrong state types',
    type: form,
    body: () =>
      payloadBody({
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: 'UORG' },
        view: { callback_id: 'convene_settings', state: { values: 'x' }, private_metadata: 7 },
      }),
  },
  {
    name: 'slash command with a huge text',
    type: form,
    body: () =>
      new URLSearchParams({
        team_id: 'T1',
        user_id: 'UORG',
        channel_id: 'C2',
        command: '/meet',
        text: `<@UANA> ${'x'.repeat(300_000)}`,
        response_url: 'http://127.0.0.1:1/x',
        trigger_id: 't',
      }).toString(),
  },
  {
    name: 'slash command without team or user',
    type: form,
    body: () => new URLSearchParams({ command: '/meet', text: '<@UANA> 30m' }).toString(),
  },
  {
    name: 'slash command from another team naming T1 users',
    type: form,
    body: () =>
      new URLSearchParams({
        team_id: 'TNOPE',
        user_id: 'UMAL',
        channel_id: 'C3',
        command: '/meet',
        text: '<@UORG> <@UANA> 30m next week',
        response_url: 'http://127.0.0.1:1/x',
        trigger_id: 't',
      }).toString(),
  },
  { name: 'form body that is not form encoded', type: form, body: () => '%%%payload=%E0%A4%A' },
];

describe('hostile Slack payloads, validly signed', () => {
  it.each(CORPUS.map((c) => [c.name, c] as const))(
    '%s → 4xx or a polite refusal, nothing written',
    async (_name, c) => {
      const before = await counts();
      const response = await h.fake.send(c.body(), c.type);
      expect(response.status).toBeLessThan(500);
      await settle(150);
      expect(await counts()).toEqual(before);
      expect(h.logs.join('\n')).not.toMatch(/xox[bp]-/);
    },
  );

  it('the tampered cross-workspace click is refused politely, in words, on the clicker’s response URL', async () => {
    const click = await h.fake.click({
      teamId: 'T2',
      userId: 'UMAL',
      actionId: book.actionId,
      value: book.value,
      channelId: 'CG',
      messageTs: '1.1',
    });
    expect(click.status).toBe(200);
    const [reply] = await until(
      () => h.fake.responsesTo(click.responseId).length > 0 && h.fake.responsesTo(click.responseId),
      'refusal',
    );
    expect(JSON.stringify(reply?.body)).toMatch(/no longer exists|invalid|not valid/i);
    expect((await counts()).booking).toBe(0);
  });

  it('the server still answers normally after the corpus', async () => {
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const sent = await h.fake.command({
      teamId: 'T1',
      userId: 'UORG',
      channelId: 'C9',
      text: '<@UANA|ana> 30m next week',
    });
    expect(sent.status).toBe(200);
    await until(() => h.fake.channelMessages('C9')[0], 'a second proposals message');
  });
});
