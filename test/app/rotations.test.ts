import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, Workspace } from '../../src/app/ports/store.ts';
import {
  bookingPeople,
  pickForSlots,
  recordRotationBooking,
  renderTeamResult,
  runTeamCommand,
  type TeamActor,
  teamContext,
} from '../../src/app/rotations.ts';
import { explanationText } from '../../src/app/teams/explanation.ts';
import { openDatabase, type Store } from '../../src/store/database.ts';
import { TEST_KEYS } from '../store/backends.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 10, 9); // Tue 10 Nov 2026

describe('team rotations use case', () => {
  let store: Store;
  let ws: Workspace;
  let ana: Person;
  let bo: Person;
  let li: Person;
  const admin: TeamActor = { personId: null, label: 'slack:UADMIN', isAdmin: true };
  const member: TeamActor = { personId: null, label: 'slack:UMEMBER', isAdmin: false };

  beforeAll(async () => {
    store = await openDatabase({ dataDir: 'memory://', encryptionKeys: TEST_KEYS, log: () => undefined });
    ws = await store.workspaces.install({ platform: 'slack', externalId: 'T-app-rot', name: 'Acme' });
    const person = async (id: string, name: string) =>
      (await store.people.upsertByIdentity({ workspaceId: ws.id, externalUserId: id, displayName: name }))!;
    [ana, bo, li] = [await person('U0ANA', 'Ana'), await person('U0BO', 'Bo'), await person('U0LI', 'Li')];
  });
  afterAll(async () => {
    await store?.close();
  });

  const run = (text: string, actor: TeamActor = admin, now = NOW) =>
    runTeamCommand(
      { store },
      { tenantId: ws.tenantId, workspaceId: ws.id, actor, text, now, zone: 'Europe/Paris' },
    );

  it('refuses changes from a non-admin, in their language, and writes nothing', async () => {
    const refused = await run('team create support', member);
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', locale: 'en' });
    expect(renderTeamResult(refused)).toContain('Only workspace admins');
    const refusedFr = await run('équipe créer support', member);
    expect(refusedFr).toMatchObject({ ok: false, code: 'forbidden', locale: 'fr' });
    expect(renderTeamResult(refusedFr)).toContain('Seuls les administrateurs');
    expect(await store.rotations.listTeams(ws.tenantId)).toEqual([]);
    expect(await store.audit.list(ws.tenantId)).toEqual([]);
  });

  it('runs the admin flow and audits every change', async () => {
    expect(await run('team create support week')).toMatchObject({
      ok: true,
      team: { fairnessWindow: 'week' },
    });
    const added = await run('team add support <@U0ANA> <@U0BO>');
    expect(added).toMatchObject({ ok: true });
    expect(added.ok && added.team?.members.map((m) => m.personId).sort()).toEqual([ana.id, bo.id].sort());
    expect(await run('team add support <@U0LI> weight 2 priority 1', admin, NOW + DAY)).toMatchObject({
      ok: true,
    });
    expect(await run('team weight support <@U0ANA> 3')).toMatchObject({ ok: true });
    expect(await run('team priority support <@U0BO> 5')).toMatchObject({ ok: true });
    expect(await run('team window support month')).toMatchObject({
      ok: true,
      team: { fairnessWindow: 'month' },
    });
    expect(await run('team mode support collective')).toMatchObject({
      ok: true,
      team: { mode: 'collective' },
    });
    expect(await run('team mode support round-robin')).toMatchObject({
      ok: true,
      team: { mode: 'round_robin' },
    });
    const paused = await run('team pause support <@U0BO> until 2026-11-20');
    expect(paused.ok && paused.team?.members.find((m) => m.personId === bo.id)).toMatchObject({
      pausedFrom: NOW,
      pausedUntil: Date.UTC(2026, 10, 20, 23), // midnight after the 20th, Paris time
    });
    expect(await run('team resume support <@U0BO>', admin, NOW + DAY)).toMatchObject({ ok: true });
    expect(await run('team bind support <!subteam^S0SUP|@support>')).toMatchObject({
      ok: true,
      team: { groupRef: 'S0SUP' },
    });
    expect(await run('team rename support helpdesk')).toMatchObject({ ok: true, team: { name: 'helpdesk' } });
    const team = (await store.rotations.findTeam(ws.tenantId, { name: 'helpdesk' }))!;
    expect(team.members.find((m) => m.personId === li.id)).toMatchObject({
      weight: 2,
      priority: 1,
      joinedAt: NOW + DAY,
    });
    expect(team.members.find((m) => m.personId === ana.id)).toMatchObject({ weight: 3 });

    const actions = (await store.audit.list(ws.tenantId, { limit: 50 })).map((e) => e.action).reverse();
    expect(actions).toEqual([
      'team.create',
      'team.member.add',
      'team.member.add',
      'team.member.add',
      'team.member.weight',
      'team.member.priority',
      'team.window',
      'team.mode',
      'team.mode',
      'team.member.pause',
      'team.member.resume',
      'team.bind',
      'team.rename',
    ]);
    const entry = (await store.audit.list(ws.tenantId, { limit: 1 }))[0]!;
    expect(entry).toMatchObject({
      actor: 'slack:UADMIN',
      target: team.id,
      details: { from: 'support', to: 'helpdesk' },
    });
  });

  it('explains expected failures as values', async () => {
    expect(await run('team create helpdesk')).toMatchObject({ ok: false, code: 'name_taken' });
    const nowhere = await run('team add nowhere <@U0ANA>');
    expect(nowhere).toMatchObject({ ok: false, code: 'not_found' });
    expect(renderTeamResult(nowhere)).toBe('There is no team “nowhere”: see /meet team list.');
    expect(await run('team add helpdesk <@U0GHOST>')).toMatchObject({ ok: false, code: 'unknown_member' });
    const ghost = await run('équipe poids helpdesk <@U0GHOST> 2');
    expect(ghost).toMatchObject({ ok: false, locale: 'fr', code: 'unknown_member' });
    expect(renderTeamResult(ghost)).toContain('Je ne connais pas <@U0GHOST>');
    expect(await run('team pause helpdesk <@U0ANA> until 2020-01-01')).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await run('team frobnicate')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run('@ana 30m')).toMatchObject({ ok: false, code: 'not_a_team_command' });
  });

  it('words malformed commands in the language of the command, or the one the surface asks for', async () => {
    const words = async (text: string, locale?: 'en' | 'fr') =>
      renderTeamResult(
        await runTeamCommand(
          { store },
          {
            tenantId: ws.tenantId,
            workspaceId: ws.id,
            actor: member,
            text,
            now: NOW,
            zone: 'UTC',
            ...(locale ? { locale } : {}),
          },
        ),
      );
    expect(await words('team frobnicate x')).toBe('Unknown team command “frobnicate”: try /meet team help.');
    expect(await words('team grant support')).toBe('Usage: /meet team grant @person…');
    expect(await words('équipe mode support n-importe')).toBe(
      'Syntaxe : /meet équipe mode <équipe> tournant|collectif',
    );
    expect(await words('team add support')).toBe('Mention at least one member.');
    expect(await words('équipe')).toContain('• /meet équipe liste · /meet équipe classement <équipe>');
    // Discord sends English command words and the user's language separately.
    expect(await words('team create support', 'fr')).toContain('Seuls les administrateurs');
    expect(await words('équipe liste', 'en')).not.toContain('Équipes');
  });

  it('lets anyone see the list and the standings, with counts, targets and shortfalls', async () => {
    const team = (await store.rotations.findTeam(ws.tenantId, { name: 'helpdesk' }))!;
    await store.rotations.recordAssignment(ws.tenantId, team.id, ana.id, NOW + 2 * DAY);
    await store.rotations.recordAssignment(ws.tenantId, team.id, ana.id, NOW + 2 * DAY + 1000);
    const list = await run('team list', member);
    expect(list).toMatchObject({ ok: true });
    expect(renderTeamResult(list)).toContain('• helpdesk — round-robin (one member per meeting), 3 members');
    const result = await run('team standings helpdesk', member, NOW + 3 * DAY);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = result.standings!.rows.map((r) => [r.name, r.count, Math.round(r.target * 100) / 100]);
    // Weights Ana 3, Bo 1, Li 2: both bookings shared 3:1:2 among the three active members.
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Ana', 2, 1],
        ['Bo', 0, 0.33],
        ['Li', 0, 0.67],
      ]),
    );
    const text = renderTeamResult(result);
    expect(text).toContain('Standings of “helpdesk” this month:\n');
    expect(text).toContain('• Ana (weight 3, priority 0): 2 booked, target 1, 1 above target');
    const fr = renderTeamResult(await run('équipe classement helpdesk', member, NOW + 3 * DAY));
    expect(fr).toContain('Classement de « helpdesk » ce mois-ci :\n');
    expect(fr).toContain("• Li (poids 2, priorité 1) : 0 réservé, objectif 0.7, 0.7 sous l'objectif");
    expect(fr).toContain('• Ana (poids 3, priorité 0) : 2 réservés, objectif 1, 1 au-dessus');
  });

  it('picks a member per slot, and the booking side books and counts only that member', async () => {
    const team = (await store.rotations.findTeam(ws.tenantId, { name: 'helpdesk' }))!;
    const now = NOW + 3 * DAY;
    const context = await teamContext(store, ws.tenantId, team, now);
    const picks = pickForSlots(context, now, [
      { available: [ana.id, li.id] },
      { available: [ana.id] },
      { available: [] },
    ]);
    expect(picks[0]).toMatchObject({ ok: true, memberId: li.id, reason: { code: 'shortfall' } });
    const why = picks[0]!.ok ? picks[0]!.explanation : null;
    expect(why && explanationText('en', why)).toBe('Li: 1 below target this month (0 booked, target 1)');
    expect(why && explanationText('fr', why)).toBe(
      "Li : 1 sous l'objectif ce mois-ci (0 réservé, objectif 1)",
    );
    expect(why && explanationText('de', why)).toBe('Li: 1 unter dem Ziel diesen Monat (0 gebucht, Ziel 1)');
    expect(picks[1]).toMatchObject({ ok: true, memberId: ana.id });
    expect(picks[2]).toMatchObject({ ok: false, reason: 'nobody_available' });
    expect(pickForSlots(context, now, [{ available: [ana.id, li.id] }], ana.id)[0]).toMatchObject({
      memberId: ana.id,
      reason: { code: 'sticky' },
    });

    const request = (await store.requests.create({
      tenantId: ws.tenantId,
      workspaceId: ws.id,
      requesterId: bo.id,
      title: 'Support call',
      durationMinutes: 30,
      window: { start: now, end: now + DAY },
      participants: [{ personId: ana.id }, { personId: li.id }],
      message: { channelId: 'C1', messageId: null },
    }))!;
    const proposal = (await store.requests.propose(ws.tenantId, request.id, {
      slots: [{ start: now + 3_600_000, end: now + 5_400_000, score: 1 }],
    }))!;
    const first = picks[0]!;
    if (!first.ok) throw new Error('no pick');
    await store.rotations.savePicks(ws.tenantId, proposal.id, [
      {
        slotRank: 1,
        rotationId: team.id,
        personId: first.memberId,
        code: first.reason.code,
        explanation: first.explanation,
      },
    ]);
    const people = await bookingPeople(store, ws.tenantId, proposal.id, 1, [bo.id, ana.id, li.id]);
    expect(people.people).toEqual([li.id]);
    expect(people.pick?.explanation).toEqual(first.explanation);
    expect(await bookingPeople(store, ws.tenantId, proposal.id, 2, [bo.id, ana.id])).toEqual({
      people: [bo.id, ana.id],
      pick: null,
      turns: [],
    });
    expect(
      await recordRotationBooking(store, {
        tenantId: ws.tenantId,
        proposalId: proposal.id,
        slotRank: 1,
        bookingId: '00000000-0000-4000-8000-000000000001',
        at: now,
      }),
    ).toBe(true);
    const history = await store.rotations.assignments(ws.tenantId, team.id, { since: 0, until: now + 1 });
    expect(history.at(-1)).toMatchObject({
      personId: li.id,
      bookingId: '00000000-0000-4000-8000-000000000001',
    });
  });

  it('a chat admin grants Convene admin rights; the grantee manages teams but cannot grant', async () => {
    const grantee: TeamActor = { personId: bo.id, label: 'slack:U0BO', isAdmin: false };
    expect(await run('team create ops', grantee)).toMatchObject({ ok: false, code: 'forbidden' });
    const notChatAdmin = await run('team grant <@U0BO>', member);
    expect(notChatAdmin).toMatchObject({ ok: false, code: 'forbidden' });
    expect(renderTeamResult(notChatAdmin)).toBe(
      'Only workspace admins and owners can grant or revoke Convene admin rights.',
    );
    expect(renderTeamResult(await run('team grant <@U0BO>'))).toBe('Bo can now manage teams.');
    const admins = await run('team admins', member);
    expect(admins).toMatchObject({ ok: true });
    expect(renderTeamResult(admins)).toBe('Convene admins (besides workspace admins): Bo.');
    expect(await run('team create ops', grantee)).toMatchObject({ ok: true });
    expect(await run('team grant <@U0LI>', grantee)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await run('team revoke <@U0BO>')).toMatchObject({ ok: true });
    expect(await run('team delete ops', grantee)).toMatchObject({ ok: false, code: 'forbidden' });
    const actions = (await store.audit.list(ws.tenantId, { limit: 3 })).map((e) => e.action);
    expect(actions).toEqual(['admin.revoke', 'team.create', 'admin.grant']);
    await run('team delete ops');
  });

  it('deletes a team (admin), audited', async () => {
    const team = (await store.rotations.findTeam(ws.tenantId, { name: 'helpdesk' }))!;
    expect(await run('team delete helpdesk', member)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await run('team delete helpdesk')).toMatchObject({ ok: true });
    expect(await store.rotations.findTeam(ws.tenantId, { id: team.id })).toBeNull();
    expect((await store.audit.list(ws.tenantId, { limit: 1 }))[0]).toMatchObject({
      action: 'team.delete',
      target: team.id,
    });
  });

  it('sets how a team books recurring requests (fixed or turns), admins only, audited, in en/fr/de', async () => {
    expect(await run('team create nightly')).toMatchObject({ ok: true, team: { seriesRotation: 'fixed' } });
    const refused = await run('team series nightly rotate', member);
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const set = await run('team series nightly rotate');
    expect(set).toMatchObject({ ok: true, op: 'series', team: { seriesRotation: 'rotate' } });
    expect(renderTeamResult(set)).toBe(
      'Team “nightly” now books recurring meetings with members taking turns per occurrence.',
    );
    expect((await store.rotations.findTeam(ws.tenantId, { name: 'nightly' }))?.seriesRotation).toBe('rotate');
    const fr = await run('équipe série nightly fixe');
    expect(renderTeamResult(fr)).toBe(
      "L'équipe « nightly » réserve maintenant les réunions récurrentes avec un seul membre pour toute la série.",
    );
    const de = await run('gruppe serie nightly reihum');
    expect(renderTeamResult(de)).toBe(
      'Team „nightly“ bucht Serientermine jetzt mit Mitgliedern reihum, Termin für Termin.',
    );
    expect(renderTeamResult(await run('team series nightly sometimes'))).toBe(
      'Usage: /meet team series <team> fixed|rotate',
    );
    const audit = (await store.audit.list(ws.tenantId, { limit: 5 })).filter(
      (e) => e.action === 'team.series',
    );
    expect(audit.map((e) => e.details)).toEqual([
      { team: 'nightly', seriesRotation: 'rotate' },
      { team: 'nightly', seriesRotation: 'fixed' },
      { team: 'nightly', seriesRotation: 'rotate' },
    ]);
  });
});
