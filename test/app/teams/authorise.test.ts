/**
 * Authorising team commands: who may change teams (chat admins, people granted Convene admin rights),
 * who may grant (chat admins only), and tenant isolation (another tenant's teams and people are invisible).
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/app/i18n/index.ts';
import { runTeamCommand, type TeamActor } from '../../../src/app/rotations.ts';
import { authorise, resolveMembers, visibleTeam } from '../../../src/app/teams/authorise.ts';
import type { TeamScope } from '../../../src/app/teams/types.ts';
import { fakeStore, person, team } from './fakes.ts';

const member: TeamActor = { personId: 'p-member', label: 'slack:UMEMBER', isAdmin: false };
const chatAdmin: TeamActor = { personId: 'p-admin', label: 'slack:UADMIN', isAdmin: true };
const granted: TeamActor = { personId: 'p-granted', label: 'slack:UGRANTED', isAdmin: false };

function scopeOf(fake: ReturnType<typeof fakeStore>, actor: TeamActor, tenantId = 'tenant-a'): TeamScope {
  return { store: fake.store, tenantId, workspaceId: `ws-${tenantId}`, actor, now: 0, zone: 'UTC' };
}

describe('authorise', () => {
  it('refuses a non-admin any change with the code forbidden and a worded reason', async () => {
    const fake = fakeStore({});
    for (const op of ['create', 'rename', 'delete', 'add', 'remove', 'weight', 'pause', 'bind'] as const) {
      const refused = await authorise(scopeOf(fake, member), op);
      expect(refused).toEqual({ ok: false, code: 'forbidden', message: { key: 'teams.forbidden.change' } });
    }
    const refused = await authorise(scopeOf(fake, member), 'grant');
    expect(refused).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: { key: 'teams.forbidden.grant' },
    });
    expect(render('fr', refused!.message)).toContain('Seuls les administrateurs et propriétaires');
  });

  it('lets anyone read, and a chat admin change and grant', async () => {
    const fake = fakeStore({});
    for (const op of ['help', 'list', 'standings', 'admins'] as const)
      expect(await authorise(scopeOf(fake, member), op)).toBeNull();
    // Reading never asks the store who is a Convene admin.
    expect(fake.isAdminCalls).toEqual([]);
    for (const op of ['create', 'delete', 'grant', 'revoke'] as const)
      expect(await authorise(scopeOf(fake, chatAdmin), op)).toBeNull();
  });

  it('a granted Convene admin changes teams in their tenant only, and cannot grant', async () => {
    const fake = fakeStore({ admins: { 'tenant-a': ['p-granted'] } });
    expect(await authorise(scopeOf(fake, granted), 'create')).toBeNull();
    expect(await authorise(scopeOf(fake, granted), 'grant')).toMatchObject({ code: 'forbidden' });
    expect(await authorise(scopeOf(fake, granted, 'tenant-b'), 'create')).toMatchObject({
      code: 'forbidden',
    });
  });

  it('another tenant’s team is invisible: not found, nothing written, nothing audited', async () => {
    const fake = fakeStore({ teams: [team('t-a', 'tenant-a', 'support')] });
    expect(await visibleTeam(scopeOf(fake, chatAdmin, 'tenant-b'), 'support')).toBeNull();
    expect(await visibleTeam(scopeOf(fake, chatAdmin, 'tenant-a'), 'support')).toMatchObject({ id: 't-a' });
    fake.findTeamCalls.length = 0;
    for (const text of ['team rename support pwned', 'team delete support', 'team standings support']) {
      const result = await runTeamCommand(
        { store: fake.store },
        { tenantId: 'tenant-b', workspaceId: 'ws-b', actor: chatAdmin, text, now: 0, zone: 'UTC' },
      );
      expect(result).toMatchObject({ ok: false, code: 'not_found', message: { key: 'teams.notFound' } });
    }
    const listed = await runTeamCommand(
      { store: fake.store },
      { tenantId: 'tenant-b', workspaceId: 'ws-b', actor: member, text: 'team list', now: 0, zone: 'UTC' },
    );
    expect(listed).toMatchObject({ ok: true, message: { key: 'teams.list.empty' } });
    expect(fake.findTeamCalls.length).toBeGreaterThan(0);
    expect(fake.findTeamCalls.every((c) => c.tenantId === 'tenant-b')).toBe(true);
    expect(fake.writes).toEqual([]);
    expect(fake.audit).toEqual([]);
    expect(fake.teams).toEqual([team('t-a', 'tenant-a', 'support')]);
  });

  it('a mention that resolves to a person of another tenant is an unknown member', async () => {
    const fake = fakeStore({});
    const outsider = person('p-out', 'tenant-b', 'Mallory');
    const scope: TeamScope = { ...scopeOf(fake, chatAdmin), resolveMember: async () => outsider };
    const resolved = await resolveMembers(scope, [{ kind: 'slack_user', id: 'UOUT', raw: '<@UOUT>' }]);
    expect(resolved).toEqual({
      ok: false,
      outcome: {
        ok: false,
        code: 'unknown_member',
        message: { key: 'teams.unknownMembers', params: { names: '<@UOUT>' } },
      },
    });
    const insider = person('p-in', 'tenant-a', 'Ana');
    expect(
      await resolveMembers({ ...scope, resolveMember: async () => insider }, [
        { kind: 'slack_user', id: 'UIN', raw: '<@UIN>' },
      ]),
    ).toEqual({ ok: true, people: [insider] });
  });
});
