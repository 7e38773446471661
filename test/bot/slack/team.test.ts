/**
 * `/meet team …` over HTTP against the fake Slack: a non-admin is refused, an admin (users.info
 * is_admin) configures a team (audited), anyone reads the standings, and `/meet @support …` posts
 * proposals that say who each slot books and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/app/ports/store.ts';
import { blockText, type Harness, memoryCalendars, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10); // Wednesday 16 Jan 2030, 10:00 UTC
const cal = memoryCalendars();
let h: Harness;
let workspace: Workspace;
let channel = 0;

beforeAll(async () => {
  h = await startHarness({ deps: { busy: cal.busy, writer: cal.writer, clock: () => START } });
  const team = h.fake.addTeam({ id: 'T1', name: 'Acme' });
  workspace = await h.store.workspaces.install({
    platform: 'slack',
    externalId: 'T1',
    name: 'Acme',
    botToken: team.botToken,
  });
  h.fake.addUser('T1', { id: 'UADM', name: 'adele', real_name: 'Adele', tz: 'UTC', is_admin: true });
  h.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'UTC' });
  h.fake.addUser('T1', { id: 'UANA', name: 'ana', real_name: 'Ana', tz: 'UTC' });
  h.fake.addUser('T1', { id: 'ULI', name: 'li', real_name: 'Li', tz: 'UTC' });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** `/meet <text>`; the private reply's text. */
async function reply(text: string, userId: string): Promise<string> {
  channel += 1;
  const sent = await h.fake.command({ teamId: 'T1', userId, channelId: `CT${channel}`, text });
  expect(sent.status).toBe(200);
  const [response] = await until(
    () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
    `the reply to ${text}`,
  );
  expect(response?.body.response_type).toBe('ephemeral');
  return `${String(response?.body.text ?? '')} ${blockText((response?.body.blocks as unknown[]) ?? [])}`;
}

describe('/meet team on Slack', () => {
  it('refuses a non-admin and changes nothing', async () => {
    const text = await reply('team create support', 'UORG');
    expect(text).toContain('Only workspace admins can change teams');
    const fr = await reply('équipe créer support', 'UORG');
    expect(fr).toContain('Seuls les administrateurs');
    expect(await h.store.rotations.listTeams(workspace.tenantId)).toEqual([]);
  });

  it('lets an admin configure a team, audited', async () => {
    expect(await reply('team create support', 'UADM')).toContain('Team “support” created');
    expect(await reply('team add support <@UANA|ana> <@ULI|li>', 'UADM')).toContain(
      'Ana, Li added to “support”',
    );
    expect(await reply('team weight support <@ULI|li> 2', 'UADM')).toContain('Li now has weight 2');
    const team = await h.store.rotations.findTeam(workspace.tenantId, { name: 'support' });
    expect(team?.members.map((m) => m.weight).sort()).toEqual([1, 2]);
    const audit = await h.store.audit.list(workspace.tenantId);
    expect(audit.map((e) => e.action)).toEqual([
      'team.member.weight',
      'team.member.add',
      'team.member.add',
      'team.create',
    ]);
    expect(audit.every((e) => e.actor === 'slack:UADM')).toBe(true);
    expect(await reply('team weight support <@ULI|li> 5', 'UANA')).toContain('Only workspace admins');
  });

  it('reads admin rights live: an admin demoted in Slack is refused at once', async () => {
    h.fake.addUser('T1', { id: 'UDEM', name: 'dem', real_name: 'Dem', tz: 'UTC', is_admin: true });
    expect(await reply('team create ops', 'UDEM')).toContain('Team “ops” created');
    // No user_change event reaches Convene: the cached users.info answer must not keep the right.
    h.fake.addUser('T1', { id: 'UDEM', name: 'dem', real_name: 'Dem', tz: 'UTC', is_admin: false });
    expect(await reply('team create ops-2', 'UDEM')).toContain('Only workspace admins can change teams');
    expect(await h.store.rotations.findTeam(workspace.tenantId, { name: 'ops-2' })).toBeNull();
  });

  it('a workspace admin grants Convene admin rights to a member', async () => {
    expect(await reply('team grant <@UORG|olga>', 'UANA')).toContain(
      'Only workspace admins and owners can grant',
    );
    expect(await reply('team grant <@UORG|olga>', 'UADM')).toContain('Olga can now manage teams');
    expect(await reply('team create billing', 'UORG')).toContain('Team “billing” created');
    expect(await reply('team delete billing', 'UORG')).toContain('Team “billing” deleted');
    expect(await reply('team grant <@UANA|ana>', 'UORG')).toContain(
      'Only workspace admins and owners can grant',
    );
  });

  it('sets how a team books recurring meetings (fixed or turns); admins only', async () => {
    expect(await reply('team series support rotate', 'UANA')).toContain('Only workspace admins');
    expect(await reply('team series support rotate', 'UADM')).toContain(
      'Team “support” now books recurring meetings with members taking turns per occurrence.',
    );
    expect((await h.store.rotations.findTeam(workspace.tenantId, { name: 'support' }))?.seriesRotation).toBe(
      'rotate',
    );
    expect(await reply('équipe série support fixe', 'UADM')).toContain('un seul membre pour toute la série');
    expect((await h.store.rotations.findTeam(workspace.tenantId, { name: 'support' }))?.seriesRotation).toBe(
      'fixed',
    );
  });

  it('shows the standings to anyone', async () => {
    const text = await reply('team standings support', 'UORG');
    expect(text).toContain('Standings of “support” this month');
    expect(text).toContain('Li (weight 2, priority 0): 0 booked, target 0, on target');
  });

  it('/meet @support proposes slots naming the member and why, in the channel', async () => {
    channel += 1;
    const channelId = `CT${channel}`;
    await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId, text: '@support 30m tomorrow' });
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals message');
    const text = blockText(message.blocks);
    expect(text).toContain('support team (round-robin)');
    // Weights Ana 1, Li 2 and nobody booked yet: Li is furthest below target.
    expect(text).toContain('Li: 0.7 below target this month (0 booked, target 0.7)');
  });
});
