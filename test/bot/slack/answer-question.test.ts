/**
 * Asking instead of guessing, on Slack over HTTP (Convene's web server + the adapter's router, the fake
 * Slack Web API, PGlite in memory): an ambiguous `/meet` gets a private question with one button per
 * answer (ids only); the requester's click proposes in the chosen zone; anyone else, a second click, an
 * expired question and too many clicks get a private message.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/app/ports/store.ts';
import { blockText, buttons, type Harness, memoryCalendars, settle, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10); // Wednesday 16 Jan 2030, 10:00 UTC
const cal = memoryCalendars();
let now = START;
let h: Harness;
let workspace: Workspace;
let channel = 0;

beforeAll(async () => {
  h = await startHarness({
    deps: { busy: cal.busy, writer: cal.writer, clock: () => now },
    config: { rateLimit: { userPerMinute: 3, workspacePerMinute: 100, clock: () => now } },
  });
  const team = h.fake.addTeam({ id: 'T1', name: 'Acme' });
  workspace = await h.store.workspaces.install({
    platform: 'slack',
    externalId: 'T1',
    name: 'Acme',
    botToken: team.botToken,
  });
  h.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London' });
  h.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris' });
  h.fake.addUser('T1', { id: 'ULI', name: 'li', real_name: 'Li', tz: 'Europe/London' });
  h.fake.addUser('T1', { id: 'UZOE', name: 'zoe', real_name: 'Zoé', tz: 'Europe/Paris', locale: 'fr-FR' });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** An ambiguous /meet in a fresh channel: the private question and its buttons. */
async function ask(userId: string, text = '<@UANA|ana> 30m tomorrow 3pm IST') {
  channel += 1;
  const channelId = `C${channel}`;
  const sent = await h.fake.command({ teamId: 'T1', userId, channelId, text });
  expect(sent.status).toBe(200);
  const [reply] = await until(
    () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
    'the question',
  );
  return { channelId, reply: reply!, choices: buttons(reply!.body.blocks as unknown[]) };
}

async function click(userId: string, channelId: string, button: { actionId: string; value: string }) {
  const sent = await h.fake.click({
    teamId: 'T1',
    userId,
    actionId: button.actionId,
    value: button.value,
    channelId,
    messageTs: '',
    isEphemeral: true,
  });
  expect(sent.status).toBe(200);
  return sent;
}

async function privateAnswer(responseId: string, what: string) {
  const replies = await until(
    () => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId),
    what,
  );
  return blockText(replies.map((r) => r.body.blocks ?? r.body.text));
}

describe('Slack: a question with buttons instead of a guess', () => {
  it('asks privately with one button per zone; the requester’s click proposes in that zone; others are refused', async () => {
    const { channelId, reply, choices } = await ask('UORG');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(blockText(reply.body.blocks as unknown[])).toContain('Which time zone do you mean by');
    expect(choices.map((c) => c.text)).toEqual([
      'Kolkata (UTC+05:30)',
      'Dublin (UTC+00:00)',
      'Jerusalem (UTC+02:00)',
    ]);
    // Ids only: the question and the choice's index, never the request text.
    for (const [i, c] of choices.entries()) {
      expect(c.actionId).toMatch(new RegExp(`^ask:[0-9a-f-]{36}:${i}$`));
      expect(c.value).not.toContain('IST');
    }
    expect(h.fake.channelMessages(channelId)).toEqual([]);

    // Ana did not ask: a polite refusal, nothing proposed.
    const other = await click('UANA', channelId, choices[0]!);
    expect(await privateAnswer(other.responseId, 'the refusal')).toContain(
      'Only the person who made this request can answer this question.',
    );
    await settle();
    expect(h.fake.channelMessages(channelId)).toEqual([]);

    await click('UORG', channelId, choices[0]!);
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals');
    const books = buttons(message.blocks).filter((b) => b.actionId.startsWith('book:'));
    expect(books.length).toBeGreaterThan(0);
    const proposal = await h.store.requests.getProposal(
      workspace.tenantId,
      books[0]!.actionId.split(':')[1]!,
    );
    expect(
      DateTime.fromMillis(proposal!.slots[0]!.start, { zone: 'Asia/Kolkata' }).toFormat('yyyy-MM-dd HH:mm'),
    ).toBe('2030-01-17 15:00');

    // A second click: already answered, nothing proposed twice.
    const again = await click('UORG', channelId, choices[1]!);
    expect(await privateAnswer(again.responseId, 'already answered')).toContain(
      'This question has already been answered.',
    );
    await settle();
    expect(h.fake.channelMessages(channelId).length).toBe(1);
  });

  it('asks which series a phrase with two readings means; the pick proposes that series', async () => {
    h.fake.addUser('T1', { id: 'UMAX', name: 'max', real_name: 'Max', tz: 'Europe/London' });
    now = START + 120_000;
    try {
      const { channelId, reply, choices } = await ask('UMAX', '<@UANA|ana> 30m bimonthly');
      expect(blockText(reply.body.blocks as unknown[])).toContain('every other month or every other week?');
      expect(choices.map((c) => c.text)).toEqual(['every other month', 'every other week']);
      const picked = await click('UMAX', channelId, choices[1]!);
      expect(await privateAnswer(picked.responseId, 'the pick')).toContain('every other week');
      const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals');
      const books = buttons(message.blocks).filter((b) => b.actionId.startsWith('book:'));
      expect(books.length).toBeGreaterThan(0);
      const proposal = await h.store.requests.getProposal(
        workspace.tenantId,
        books[0]!.actionId.split(':')[1]!,
      );
      const request = await h.store.requests.get(workspace.tenantId, proposal!.requestId);
      expect(request?.criteria?.recurrence).toMatchObject({ freq: 'WEEKLY', interval: 2 });
    } finally {
      now = START;
    }
  });

  it('an expired question says so', async () => {
    const { channelId, choices } = await ask('ULI');
    now = START + 25 * 3600_000;
    try {
      const late = await click('ULI', channelId, choices[0]!);
      expect(await privateAnswer(late.responseId, 'expired')).toContain('This question has expired');
      expect(h.fake.channelMessages(channelId)).toEqual([]);
    } finally {
      now = START;
    }
  });

  it('answer clicks count against the rate limit, refused in the button’s language', async () => {
    const { channelId, reply, choices } = await ask('UZOE');
    expect(blockText(reply.body.blocks as unknown[])).toContain('Quel fuseau horaire');
    // Two clicks on questions that do not exist (refused, but counted), then the limit (3 a minute).
    await privateAnswer(
      (await click('UZOE', channelId, { ...choices[0]!, actionId: 'ask:x:0' })).responseId,
      'one',
    );
    await privateAnswer(
      (await click('UZOE', channelId, { ...choices[0]!, actionId: 'ask:x:1' })).responseId,
      'two',
    );
    const limited = await click('UZOE', channelId, choices[0]!);
    expect(await privateAnswer(limited.responseId, 'the limit')).toContain(
      'Vous avez envoyé beaucoup de demandes',
    );
    await settle();
    expect(h.fake.channelMessages(channelId)).toEqual([]);
  });
});
