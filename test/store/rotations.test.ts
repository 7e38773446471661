import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/app/ports/store.ts';
import type { Store } from '../../src/store/database.ts';
import { sqlState } from '../../src/store/errors.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1, 8, 0);

describe.each(BACKENDS)('rotation teams on %s', (backend) => {
  let store: Store;
  let slack: Workspace;
  let other: Workspace;

  beforeAll(async () => {
    store = await openTestStore(backend);
    slack = await store.workspaces.install({ platform: 'slack', externalId: 'T-rot', name: 'Acme' });
    other = await store.workspaces.install({ platform: 'slack', externalId: 'T-rot-2', name: 'Other' });
  });
  afterAll(async () => {
    await store?.close();
  });

  const personIn = async (ws: Workspace, userId: string) =>
    (await store.people.upsertByIdentity({
      workspaceId: ws.id,
      externalUserId: userId,
      displayName: userId,
    }))!;

  it('creates, finds (id, name case-insensitively, chat group), lists, renames and deletes teams per tenant', async () => {
    const created = await store.rotations.createTeam({
      tenantId: slack.tenantId,
      name: 'Support',
      fairnessWindow: 'week',
      timeZone: 'Europe/Paris',
      groupRef: 'S0SUPPORT',
    });
    expect(created).toMatchObject({
      ok: true,
      team: {
        name: 'Support',
        mode: 'round_robin',
        fairnessWindow: 'week',
        timeZone: 'Europe/Paris',
        groupRef: 'S0SUPPORT',
        members: [],
      },
    });
    if (!created.ok) return;
    const id = created.team.id;
    expect(await store.rotations.createTeam({ tenantId: slack.tenantId, name: 'Support' })).toEqual({
      ok: false,
      reason: 'name_taken',
    });
    expect(
      await store.rotations.createTeam({ tenantId: slack.tenantId, name: 'Other', groupRef: 'S0SUPPORT' }),
    ).toEqual({ ok: false, reason: 'group_taken' });
    expect((await store.rotations.findTeam(slack.tenantId, { name: 'support' }))?.id).toBe(id);
    expect((await store.rotations.findTeam(slack.tenantId, { groupRef: 'S0SUPPORT' }))?.id).toBe(id);
    expect((await store.rotations.findTeam(slack.tenantId, { id }))?.name).toBe('Support');
    expect(await store.rotations.findTeam(other.tenantId, { id })).toBeNull();
    expect(await store.rotations.findTeam(other.tenantId, { name: 'Support' })).toBeNull();
    expect(await store.rotations.findTeam(slack.tenantId, { id: 'not-a-uuid' })).toBeNull();

    await store.rotations.createTeam({ tenantId: slack.tenantId, name: 'Billing', mode: 'collective' });
    expect((await store.rotations.listTeams(slack.tenantId)).map((t) => [t.name, t.mode])).toEqual([
      ['Billing', 'collective'],
      ['Support', 'round_robin'],
    ]);
    expect(await store.rotations.listTeams(other.tenantId)).toEqual([]);

    expect(await store.rotations.renameTeam(slack.tenantId, id, 'Billing')).toEqual({
      ok: false,
      reason: 'name_taken',
    });
    const renamed = await store.rotations.renameTeam(slack.tenantId, id, 'Helpdesk');
    expect(renamed.ok && renamed.team.name).toBe('Helpdesk');
    expect(await store.rotations.renameTeam(other.tenantId, id, 'Stolen')).toEqual({
      ok: false,
      reason: 'not_found',
    });

    const configured = await store.rotations.configureTeam(slack.tenantId, id, {
      mode: 'collective',
      fairnessWindow: 'day',
      groupRef: null,
    });
    expect(configured).toMatchObject({
      ok: true,
      team: { mode: 'collective', fairnessWindow: 'day', groupRef: null },
    });
    // Recurring requests: one member for the whole series by default; turns per occurrence when set.
    expect(configured.ok && configured.team.seriesRotation).toBe('fixed');
    const rotating = await store.rotations.configureTeam(slack.tenantId, id, { seriesRotation: 'rotate' });
    expect(rotating).toMatchObject({ ok: true, team: { seriesRotation: 'rotate', mode: 'collective' } });
    expect((await store.rotations.findTeam(slack.tenantId, { id }))?.seriesRotation).toBe('rotate');

    expect(await store.rotations.deleteTeam(other.tenantId, id)).toBe(false);
    expect(await store.rotations.deleteTeam(slack.tenantId, id)).toBe(true);
    expect(await store.rotations.findTeam(slack.tenantId, { id })).toBeNull();
    expect(await store.rotations.deleteTeam(slack.tenantId, id)).toBe(false);
  });

  it('rejects an unknown mode or fairness window at the database', async () => {
    const rows = await store.query<{ id: string }>('SELECT id FROM rotation WHERE tenant_id = $1 LIMIT 1', [
      slack.tenantId,
    ]);
    const error = await store
      .query('UPDATE rotation SET mode = $1 WHERE id = $2', ['weighted', rows[0]!.id])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(sqlState(error)).toBe('23514');
    const series = await store
      .query('UPDATE rotation SET series_rotation = $1 WHERE id = $2', ['sometimes', rows[0]!.id])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(sqlState(series)).toBe('23514');
  });

  it('members: join date, weight/priority updates, pause/resume, removal; tenant-scoped', async () => {
    const created = await store.rotations.createTeam({ tenantId: slack.tenantId, name: 'Oncall' });
    if (!created.ok) throw new Error('create failed');
    const id = created.team.id;
    const [ana, bo] = [await personIn(slack, 'U-ana'), await personIn(slack, 'U-bo')];
    const foreign = await personIn(other, 'U-foreign');
    await store.rotations.upsertMember(slack.tenantId, id, ana.id, { weight: 2 }, T0);
    const added = await store.rotations.upsertMember(slack.tenantId, id, bo.id, { priority: 5 }, T0 + DAY);
    expect(added.ok && added.team.members).toEqual([
      {
        personId: bo.id,
        weight: 1,
        priority: 5,
        assignedCount: 0,
        lastAssignedAt: null,
        active: true,
        joinedAt: T0 + DAY,
        pausedFrom: null,
        pausedUntil: null,
      },
      expect.objectContaining({ personId: ana.id, weight: 2, priority: 0, joinedAt: T0 }),
    ]);
    const updated = await store.rotations.upsertMember(
      slack.tenantId,
      id,
      ana.id,
      { weight: 4 },
      T0 + 9 * DAY,
    );
    expect(updated.ok && updated.team.members.find((m) => m.personId === ana.id)).toMatchObject({
      weight: 4,
      joinedAt: T0,
    });
    expect(await store.rotations.upsertMember(slack.tenantId, id, foreign.id, {}, T0)).toEqual({
      ok: false,
      reason: 'unknown_person',
      people: [foreign.id],
    });
    expect(await store.rotations.upsertMember(other.tenantId, id, foreign.id, {}, T0)).toEqual({
      ok: false,
      reason: 'not_found',
    });

    const paused = await store.rotations.pauseMember(slack.tenantId, id, ana.id, T0 + 2 * DAY, T0 + 9 * DAY);
    expect(paused.ok && paused.team.members.find((m) => m.personId === ana.id)).toMatchObject({
      pausedFrom: T0 + 2 * DAY,
      pausedUntil: T0 + 9 * DAY,
    });
    const open = await store.rotations.pauseMember(slack.tenantId, id, bo.id, T0 + 2 * DAY, null);
    expect(open.ok && open.team.members.find((m) => m.personId === bo.id)?.pausedUntil).toBeNull();
    const resumed = await store.rotations.resumeMember(slack.tenantId, id, bo.id, T0 + 4 * DAY);
    expect(resumed.ok && resumed.team.members.find((m) => m.personId === bo.id)).toMatchObject({
      pausedFrom: T0 + 2 * DAY,
      pausedUntil: T0 + 4 * DAY,
    });
    const withdrawn = await store.rotations.resumeMember(slack.tenantId, id, ana.id, T0 + DAY);
    expect(withdrawn.ok && withdrawn.team.members.find((m) => m.personId === ana.id)).toMatchObject({
      pausedFrom: null,
      pausedUntil: null,
    });
    expect(await store.rotations.pauseMember(slack.tenantId, id, foreign.id, T0, null)).toEqual({
      ok: false,
      reason: 'not_member',
    });

    const removed = await store.rotations.removeMember(slack.tenantId, id, bo.id);
    expect(removed.ok && removed.team.members.map((m) => m.personId)).toEqual([ana.id]);
    expect(await store.rotations.removeMember(slack.tenantId, id, bo.id)).toEqual({
      ok: false,
      reason: 'not_member',
    });
  });

  it('assignment history: recorded with counters, queried by range, scoped to the tenant', async () => {
    const created = await store.rotations.createTeam({ tenantId: slack.tenantId, name: 'History' });
    if (!created.ok) throw new Error('create failed');
    const id = created.team.id;
    const [x, y] = [await personIn(slack, 'U-hx'), await personIn(slack, 'U-hy')];
    await store.rotations.upsertMember(slack.tenantId, id, x.id, {}, T0);
    await store.rotations.upsertMember(slack.tenantId, id, y.id, {}, T0);
    expect(await store.rotations.recordAssignment(slack.tenantId, id, x.id, T0 + DAY)).toBe(true);
    expect(await store.rotations.recordAssignment(slack.tenantId, id, y.id, T0 + 2 * DAY)).toBe(true);
    expect(await store.rotations.recordAssignment(slack.tenantId, id, x.id, T0 + 3 * DAY)).toBe(true);
    expect(await store.rotations.recordAssignment(other.tenantId, id, x.id, T0 + 3 * DAY)).toBe(false);
    const stranger = await personIn(slack, 'U-hz');
    expect(await store.rotations.recordAssignment(slack.tenantId, id, stranger.id, T0 + 3 * DAY)).toBe(false);

    const history = await store.rotations.assignments(slack.tenantId, id, {
      since: T0 + DAY,
      until: T0 + 3 * DAY,
    });
    expect(history).toEqual([
      { rotationId: id, personId: x.id, bookingId: null, at: T0 + DAY },
      { rotationId: id, personId: y.id, bookingId: null, at: T0 + 2 * DAY },
    ]);
    expect(await store.rotations.assignments(other.tenantId, id, { since: 0, until: T0 * 2 })).toEqual([]);
    const team = await store.rotations.findTeam(slack.tenantId, { id });
    expect(team?.members.find((m) => m.personId === x.id)).toMatchObject({
      assignedCount: 2,
      lastAssignedAt: T0 + 3 * DAY,
    });
    await store.rotations.deleteTeam(slack.tenantId, id);
    const left = await store.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rotation_assignment WHERE rotation_id = $1',
      [id],
    );
    expect(left[0]!.n).toBe(0);
  });

  it('round-robin picks per proposal slot: saved, read back, tenant-scoped, replaced on save', async () => {
    const created = await store.rotations.createTeam({ tenantId: slack.tenantId, name: 'Picks' });
    if (!created.ok) throw new Error('create failed');
    const id = created.team.id;
    const [asker, li] = [await personIn(slack, 'U-pick-asker'), await personIn(slack, 'U-pick-li')];
    const request = (await store.requests.create({
      tenantId: slack.tenantId,
      workspaceId: slack.id,
      requesterId: asker.id,
      title: 'Support call',
      durationMinutes: 30,
      window: { start: T0, end: T0 + DAY },
      participants: [{ personId: li.id }],
      message: { channelId: 'C1', messageId: null },
    }))!;
    const proposal = (await store.requests.propose(slack.tenantId, request.id, {
      slots: [{ start: T0 + 3_600_000, end: T0 + 5_400_000, score: 1 }],
    }))!;
    const pick = {
      slotRank: 1,
      rotationId: id,
      personId: li.id,
      code: 'shortfall',
      explanation: { en: 'Li: 2 below target this month', fr: "Li : 2 sous l'objectif ce mois-ci" },
    };
    expect(await store.rotations.savePicks(other.tenantId, proposal.id, [pick])).toBe(false);
    expect(await store.rotations.savePicks(slack.tenantId, proposal.id, [pick])).toBe(true);
    expect(await store.rotations.pickFor(slack.tenantId, proposal.id, 1)).toEqual({
      proposalId: proposal.id,
      ...pick,
    });
    expect(await store.rotations.pickFor(other.tenantId, proposal.id, 1)).toBeNull();
    expect(await store.rotations.pickFor(slack.tenantId, proposal.id, 2)).toBeNull();
    expect(
      await store.rotations.savePicks(slack.tenantId, proposal.id, [{ ...pick, code: 'priority' }]),
    ).toBe(true);
    expect((await store.rotations.pickFor(slack.tenantId, proposal.id, 1))?.code).toBe('priority');
    // Today's picks store the code and parameters; the worded ones above are from earlier versions.
    const coded = {
      ...pick,
      explanation: {
        code: 'below' as const,
        params: { name: 'Li', period: 'month' as const, count: 0, target: '2', gap: '2', priority: 0 },
      },
    };
    expect(await store.rotations.savePicks(slack.tenantId, proposal.id, [coded])).toBe(true);
    expect(await store.rotations.pickFor(slack.tenantId, proposal.id, 1)).toEqual({
      proposalId: proposal.id,
      ...coded,
    });
    // A team taking turns per occurrence: the members in turn order come back; malformed ids are refused.
    const turns = { ...coded, turns: [li.id, asker.id] };
    expect(await store.rotations.savePicks(slack.tenantId, proposal.id, [turns])).toBe(true);
    expect(await store.rotations.pickFor(slack.tenantId, proposal.id, 1)).toEqual({
      proposalId: proposal.id,
      ...turns,
    });
    expect(await store.rotations.savePicks(slack.tenantId, proposal.id, [{ ...coded, turns: ['x'] }])).toBe(
      false,
    );
    const foreignTeam = await store.rotations.createTeam({ tenantId: other.tenantId, name: 'Foreign' });
    if (!foreignTeam.ok) throw new Error('create failed');
    expect(
      await store.rotations.savePicks(slack.tenantId, proposal.id, [
        { ...pick, rotationId: foreignTeam.team.id },
      ]),
    ).toBe(false);
  });

  it('Convene admins: granted, listed, checked and revoked per tenant', async () => {
    const [granter, helper] = [await personIn(slack, 'U-adm-granter'), await personIn(slack, 'U-adm-helper')];
    const foreign = await personIn(other, 'U-adm-foreign');
    expect(await store.rotations.isConveneAdmin(slack.tenantId, helper.id)).toBe(false);
    expect(await store.rotations.grantAdmin(slack.tenantId, helper.id, granter.id)).toBe(true);
    expect(await store.rotations.grantAdmin(slack.tenantId, helper.id, granter.id)).toBe(true);
    expect(await store.rotations.grantAdmin(slack.tenantId, foreign.id, granter.id)).toBe(false);
    expect(await store.rotations.isConveneAdmin(slack.tenantId, helper.id)).toBe(true);
    expect(await store.rotations.isConveneAdmin(other.tenantId, helper.id)).toBe(false);
    expect(await store.rotations.listAdmins(slack.tenantId)).toEqual([helper.id]);
    expect(await store.rotations.listAdmins(other.tenantId)).toEqual([]);
    expect(await store.rotations.revokeAdmin(other.tenantId, helper.id)).toBe(false);
    expect(await store.rotations.revokeAdmin(slack.tenantId, helper.id)).toBe(true);
    expect(await store.rotations.revokeAdmin(slack.tenantId, helper.id)).toBe(false);
    expect(await store.rotations.isConveneAdmin(slack.tenantId, helper.id)).toBe(false);
  });
});
