/**
 * Slack cells of the feature × surface table (docs/surfaces.md) that no other test covered: `/meet unlink`
 * through the unlink use case, and German end to end (`/meet hilfe`, German command words, a German
 * request answered in German). Over HTTP with the fake Slack Web API and a PGlite store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/app/ports/store.ts';
import {
  blockText,
  buttons,
  type Harness,
  installTeam,
  memoryCalendars,
  startHarness,
  until,
} from './harness.ts';

const START = Date.UTC(2030, 0, 14, 8); // Monday 14 Jan 2030
const cal = memoryCalendars();
let h: Harness;
let workspace: Workspace;
let channel = 0;
const unlinked: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    deps: {
      busy: cal.busy,
      writer: cal.writer,
      clock: () => START,
      linking: {
        async startLink(input) {
          return { ok: true, url: `https://convene.test/oauth/${input.provider}/start`, expiresAt: START };
        },
        // The real LinkCalendar revokes and deletes the connection; here the store row is removed.
        async unlink(input) {
          unlinked.push(input.connectionId);
          await h.store.connections.remove(input.tenantId, input.connectionId);
          return { ok: true, connectionId: input.connectionId, revocation: 'revoked' };
        },
      },
    },
  });
  ({ workspace } = await installTeam(h, 'T1', 'Acme'));
  h.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/London', locale: 'en-GB' });
  h.fake.addUser('T1', { id: 'UFR', name: 'fanny', real_name: 'Fanny', tz: 'Europe/Paris', locale: 'fr-FR' });
  h.fake.addUser('T1', {
    id: 'UDE',
    name: 'dieter',
    real_name: 'Dieter',
    tz: 'Europe/Berlin',
    locale: 'de-DE',
  });
  h.fake.addUser('T1', { id: 'UADM', name: 'adam', real_name: 'Adam', tz: 'UTC', is_admin: true });
  h.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'Europe/Paris', locale: 'en-GB' });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** `/meet <text>` in a fresh channel; its private reply's text and blocks. */
async function command(text: string, userId: string) {
  channel += 1;
  const channelId = `CA${channel}`;
  const sent = await h.fake.command({ teamId: 'T1', userId, channelId, text });
  expect(sent.status).toBe(200);
  const [reply] = await until(
    () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
    `the reply to /meet ${text}`,
  );
  return {
    channelId,
    body: reply!.body,
    text: `${String(reply!.body.text)} ${blockText((reply!.body.blocks as unknown[]) ?? [])}`,
  };
}

async function link(userId: string, provider: 'google' | 'microsoft', account: string) {
  const p = (await h.store.people.findByIdentity(workspace.id, userId))!;
  return (await h.store.connections.save({
    tenantId: workspace.tenantId,
    personId: p.id,
    provider,
    account,
    busyCalendarIds: [account],
    writeCalendarId: account,
    secrets: { accessToken: 'a', refreshToken: 'r' },
  }))!;
}

describe('Slack: /meet unlink', () => {
  it('asks which of several calendars, unlinks one provider through the use case, then the rest; none left says so; in French too', async () => {
    // A first command creates the person from users.info.
    expect((await command('unlink', 'UORG')).text).toContain('You have no linked calendar.');
    const google = await link('UORG', 'google', 'olga@acme.test');
    const microsoft = await link('UORG', 'microsoft', 'olga@acme.onmicrosoft.test');
    const which = await command('unlink', 'UORG');
    expect(which.body.response_type).toBe('ephemeral');
    expect(which.text).toContain('Say which calendar to unlink');
    expect(unlinked).toEqual([]);
    expect((await command('unlink google', 'UORG')).text).toContain('Unlinked: google (olga@acme.test).');
    expect(unlinked).toEqual([google.id]);
    const olga = (await h.store.people.findByIdentity(workspace.id, 'UORG'))!;
    expect((await h.store.connections.listForPerson(workspace.tenantId, olga.id)).map((c) => c.id)).toEqual([
      microsoft.id,
    ]);
    expect((await command('unlink all', 'UORG')).text).toContain('Unlinked: microsoft');
    expect(await h.store.connections.listForPerson(workspace.tenantId, olga.id)).toEqual([]);

    await command('statut', 'UFR');
    await link('UFR', 'google', 'fanny@acme.test');
    expect((await command('délier tout', 'UFR')).text).toContain('Agenda délié : google (fanny@acme.test).');
  });
});

describe('Slack: German end to end', () => {
  it('/meet hilfe answers the German help; German command words route; a request is answered in German', async () => {
    const hilfe = await command('hilfe', 'UDE');
    expect(hilfe.text).toContain('Convene findet eine Zeit');
    expect(hilfe.text).toContain('/meet einstellungen');
    const trennen = await command('trennen', 'UDE');
    expect(trennen.text).toContain('Du hast keinen verknüpften Kalender.');
    const gruppe = await command('gruppe liste', 'UDE');
    expect(gruppe.text).toContain('Noch kein Team');

    channel += 1;
    const channelId = `CA${channel}`;
    await h.fake.command({
      teamId: 'T1',
      userId: 'UDE',
      channelId,
      text: '<@UANA|ana> 30 Minuten nächste Woche „Planung“',
    });
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals message');
    const text = blockText(message.blocks);
    expect(text).toContain('Planung');
    expect(text).toContain('Ortszeit Berlin');
    const bs = buttons(message.blocks);
    expect(bs.some((b) => b.text === 'Weitere Zeiten')).toBe(true);
  });
});

describe('Slack: /meet team rename and list', () => {
  it('an admin renames a team; the list shows the new name to anyone; a member cannot rename', async () => {
    expect((await command('team create ops', 'UADM')).text).toContain('Team “ops” created');
    expect((await command('team rename ops helpdesk', 'UANA')).text).toContain('Only workspace admins');
    expect((await command('team rename ops helpdesk', 'UADM')).text).toContain(
      'Team “ops” is now “helpdesk”.',
    );
    const list = await command('team list', 'UANA');
    expect(list.text).toContain('helpdesk');
    expect(list.text).not.toContain('• ops');
    const audit = await h.store.audit.list(workspace.tenantId);
    expect(audit.map((e) => e.action).slice(0, 2)).toEqual(['team.rename', 'team.create']);
  });
});
