import { describe, expect, it } from 'vitest';
import { parseTeamCommand } from '../../src/core/rotation-command.ts';

describe('parseTeamCommand', () => {
  it('is null for text that is not a team command', () => {
    expect(parseTeamCommand('@ana 30m tomorrow')).toBeNull();
    expect(parseTeamCommand('teamwork 30m')).toBeNull();
  });

  it('parses every admin command in English', () => {
    expect(parseTeamCommand('team')).toEqual({ ok: true, locale: 'en', command: { op: 'help' } });
    expect(parseTeamCommand('team list')).toMatchObject({ command: { op: 'list' } });
    expect(parseTeamCommand('team standings @support')).toMatchObject({
      command: { op: 'standings', team: 'support' },
    });
    expect(parseTeamCommand('team standings')).toMatchObject({ command: { op: 'standings', team: null } });
    expect(parseTeamCommand('team create support collective week')).toEqual({
      ok: true,
      locale: 'en',
      command: { op: 'create', team: 'support', mode: 'collective', window: 'week' },
    });
    expect(parseTeamCommand('team rename support helpdesk')).toMatchObject({
      command: { op: 'rename', team: 'support', name: 'helpdesk' },
    });
    expect(parseTeamCommand('team add support <@U0ANA|ana> <@U0BO> weight 2 priority 1')).toEqual({
      ok: true,
      locale: 'en',
      command: {
        op: 'add',
        team: 'support',
        members: [
          { kind: 'slack_user', id: 'U0ANA', raw: '<@U0ANA|ana>' },
          { kind: 'slack_user', id: 'U0BO', raw: '<@U0BO>' },
        ],
        weight: 2,
        priority: 1,
      },
    });
    expect(parseTeamCommand('team remove support <@123456789012345678>')).toMatchObject({
      command: { op: 'remove', members: [{ kind: 'discord_user', id: '123456789012345678' }] },
    });
    expect(parseTeamCommand('team weight support @li 4')).toMatchObject({
      command: { op: 'weight', member: { kind: 'name', id: 'li' }, value: 4 },
    });
    expect(parseTeamCommand('team mode support round-robin')).toMatchObject({
      command: { mode: 'round_robin' },
    });
    expect(parseTeamCommand('team window support month')).toMatchObject({ command: { window: 'month' } });
    expect(parseTeamCommand('team pause support <@U0ANA> until 2026-12-24')).toMatchObject({
      command: { op: 'pause', until: '2026-12-24' },
    });
    expect(parseTeamCommand('team pause support <@U0ANA>')).toMatchObject({
      command: { op: 'pause', until: null },
    });
    expect(parseTeamCommand('team resume support <@U0ANA>')).toMatchObject({ command: { op: 'resume' } });
    expect(parseTeamCommand('team bind support <!subteam^S0SUP|@support>')).toMatchObject({
      command: { op: 'bind', group: { kind: 'slack_group', id: 'S0SUP' } },
    });
    expect(parseTeamCommand('team bind support <@&123456789012345678>')).toMatchObject({
      command: { group: { kind: 'discord_role', id: '123456789012345678' } },
    });
    expect(parseTeamCommand('team unbind support')).toMatchObject({ command: { op: 'unbind' } });
    expect(parseTeamCommand('team delete support')).toMatchObject({
      command: { op: 'delete', team: 'support' },
    });
  });

  it('parses Convene admin grants', () => {
    expect(parseTeamCommand('team admins')).toMatchObject({ ok: true, command: { op: 'admins' } });
    expect(parseTeamCommand('team grant <@U0ANA> <@U0BO>')).toMatchObject({
      ok: true,
      command: { op: 'grant', members: [{ id: 'U0ANA' }, { id: 'U0BO' }] },
    });
    expect(parseTeamCommand('équipe révoquer <@U0ANA>')).toMatchObject({
      ok: true,
      locale: 'fr',
      command: { op: 'revoke', members: [{ id: 'U0ANA' }] },
    });
    expect(parseTeamCommand('team grant support')).toMatchObject({
      ok: false,
      message: 'Usage: /meet team grant @person…',
    });
  });

  it('answers French commands in French', () => {
    expect(parseTeamCommand('équipe créer support collectif mois')).toEqual({
      ok: true,
      locale: 'fr',
      command: { op: 'create', team: 'support', mode: 'collective', window: 'month' },
    });
    expect(parseTeamCommand("équipe pause support <@U0ANA> jusqu'au 2026-12-24")).toMatchObject({
      locale: 'fr',
      command: { op: 'pause', until: '2026-12-24' },
    });
    expect(parseTeamCommand('equipe priorité support <@U0ANA> 3')).toMatchObject({
      command: { op: 'priority', value: 3 },
    });
    expect(parseTeamCommand('équipe mode support n-importe')).toEqual({
      ok: false,
      locale: 'fr',
      message: 'Syntaxe : /meet équipe mode <équipe> tournant|collectif',
    });
  });

  it('refuses malformed commands with a usage line', () => {
    expect(parseTeamCommand('team frobnicate x')).toEqual({
      ok: false,
      locale: 'en',
      message: 'Unknown team command “frobnicate”: try /meet team help.',
    });
    expect(parseTeamCommand('team weight support <@U0ANA> -1')).toMatchObject({ ok: false });
    expect(parseTeamCommand('team add support')).toEqual({
      ok: false,
      locale: 'en',
      message: 'Mention at least one member.',
    });
    expect(parseTeamCommand('team create')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Name the team'),
    });
    expect(parseTeamCommand('team create sup port!')).toMatchObject({ ok: false });
    expect(parseTeamCommand('team pause support <@U0ANA> until tomorrow')).toMatchObject({ ok: false });
  });
});
