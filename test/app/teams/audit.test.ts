/** Auditing team commands: one record per applied change, with the actor, also when a later step failed. */
import { describe, expect, it } from 'vitest';
import { runTeamCommand, type TeamActor } from '../../../src/app/rotations.ts';
import { adminChange, auditChanges, teamChange } from '../../../src/app/teams/audit.ts';
import { fakeStore, person, team } from './fakes.ts';

const admin: TeamActor = { personId: 'p-admin', label: 'discord:42', isAdmin: true };

describe('auditChanges', () => {
  it('writes one record per change, in order, with the tenant and the actor', async () => {
    const fake = fakeStore({});
    await auditChanges(fake.store.audit, { tenantId: 'tenant-a', actor: admin }, [
      teamChange('create', { id: 't1', name: 'support' }, { mode: 'collective' }),
      teamChange('member.add', { id: 't1', name: 'support' }, { personId: 'p1' }),
      adminChange('grant', { id: 'p2', displayName: 'Bo' }),
    ]);
    expect(fake.audit).toEqual([
      {
        tenantId: 'tenant-a',
        actorId: 'p-admin',
        actor: 'discord:42',
        action: 'team.create',
        target: 't1',
        details: { team: 'support', mode: 'collective' },
      },
      {
        tenantId: 'tenant-a',
        actorId: 'p-admin',
        actor: 'discord:42',
        action: 'team.member.add',
        target: 't1',
        details: { team: 'support', personId: 'p1' },
      },
      {
        tenantId: 'tenant-a',
        actorId: 'p-admin',
        actor: 'discord:42',
        action: 'admin.grant',
        target: 'p2',
        details: { name: 'Bo' },
      },
    ]);
  });

  it('writes nothing when nothing changed', async () => {
    const fake = fakeStore({});
    await auditChanges(fake.store.audit, { tenantId: 'tenant-a', actor: admin }, []);
    expect(fake.audit).toEqual([]);
  });
});

describe('runTeamCommand audits what it applied', () => {
  const people = [person('U0ANA', 'tenant-a', 'Ana'), person('U0BO', 'tenant-a', 'Bo')];
  const run = (fake: ReturnType<typeof fakeStore>, text: string, actor: TeamActor = admin) =>
    runTeamCommand(
      { store: fake.store },
      { tenantId: 'tenant-a', workspaceId: 'ws-a', actor, text, now: 5, zone: 'UTC' },
    );

  it('one record per member added', async () => {
    const fake = fakeStore({ teams: [team('t1', 'tenant-a', 'support')], people });
    const result = await run(fake, 'team add support <@U0ANA> <@U0BO>');
    expect(result).toMatchObject({
      ok: true,
      op: 'add',
      locale: 'en',
      message: { key: 'teams.added', params: { names: 'Ana, Bo', team: 'support' } },
    });
    expect(fake.audit.map((r) => [r.action, r.details?.personId])).toEqual([
      ['team.member.add', 'U0ANA'],
      ['team.member.add', 'U0BO'],
    ]);
  });

  it('a change applied before a later step failed is still audited; the failure is the result', async () => {
    const fake = fakeStore({ teams: [team('t1', 'tenant-a', 'support')], people, failUpsertFor: ['U0BO'] });
    const result = await run(fake, 'team add support <@U0ANA> <@U0BO>');
    expect(result).toMatchObject({
      ok: false,
      code: 'unknown_member',
      message: { key: 'teams.unknownPerson' },
    });
    expect(fake.writes).toEqual(['upsert U0ANA']);
    expect(fake.audit.map((r) => [r.action, r.target, r.details?.personId])).toEqual([
      ['team.member.add', 't1', 'U0ANA'],
    ]);
  });

  it('reads and refusals are not audited', async () => {
    const fake = fakeStore({ teams: [team('t1', 'tenant-a', 'support')], people });
    await run(fake, 'team list');
    await run(fake, 'team help');
    await run(fake, 'team delete support', { personId: null, label: 'slack:U1', isAdmin: false });
    await run(fake, 'team frobnicate');
    expect(fake.audit).toEqual([]);
    expect(fake.writes).toEqual([]);
  });
});
