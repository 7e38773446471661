import { describe, expect, it } from 'vitest';
import { TEAM_WORDS } from '../../src/core/parse/locales/team.ts';
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
    expect(parseTeamCommand('team series support rotate')).toMatchObject({
      ok: true,
      locale: 'en',
      command: { op: 'series', team: 'support', rotation: 'rotate' },
    });
    expect(parseTeamCommand('team series support fixed')).toMatchObject({ command: { rotation: 'fixed' } });
    expect(parseTeamCommand('équipe série support tournant')).toMatchObject({
      locale: 'fr',
      command: { op: 'series', rotation: 'rotate' },
    });
    expect(parseTeamCommand('gruppe serie support reihum')).toMatchObject({
      locale: 'de',
      command: { op: 'series', rotation: 'rotate' },
    });
    for (const bad of [
      'team series support',
      'team series support weekly',
      'team series support fixed rotate',
    ])
      expect(parseTeamCommand(bad)).toMatchObject({ ok: false, problem: { code: 'usage', op: 'series' } });
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
      problem: { code: 'usage', op: 'grant' },
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
      problem: { code: 'usage', op: 'mode' },
    });
  });

  it('refuses malformed commands with a usage line', () => {
    expect(parseTeamCommand('team frobnicate x')).toEqual({
      ok: false,
      locale: 'en',
      problem: { code: 'unknown_command', word: 'frobnicate' },
    });
    expect(parseTeamCommand('team weight support <@U0ANA> -1')).toMatchObject({
      ok: false,
      problem: { code: 'usage', op: 'weight' },
    });
    expect(parseTeamCommand('team add support')).toEqual({
      ok: false,
      locale: 'en',
      problem: { code: 'no_members' },
    });
    expect(parseTeamCommand('team create')).toMatchObject({
      ok: false,
      problem: { code: 'no_team_name', word: 'create' },
    });
    expect(parseTeamCommand('team create sup!port')).toMatchObject({
      ok: false,
      problem: { code: 'bad_team_name', name: 'sup!port' },
    });
    expect(parseTeamCommand('team create sup port!')).toMatchObject({
      ok: false,
      problem: { code: 'usage' },
    });
    expect(parseTeamCommand('team pause support <@U0ANA> until tomorrow')).toMatchObject({
      ok: false,
      problem: { code: 'usage', op: 'pause' },
    });
  });

  it('reads every language of the word tables: the head word sets the language, verbs may mix', () => {
    for (const [locale, words] of Object.entries(TEAM_WORDS)) {
      for (const head of words.heads) {
        expect(parseTeamCommand(`${head} list`)).toMatchObject({ ok: true, locale });
        for (const [verb, op] of Object.entries(words.ops)) {
          const parsed = parseTeamCommand(`${head} ${verb}`);
          // Each verb is understood: either a command or a problem about that same command.
          expect(parsed).not.toBeNull();
          if (parsed && !parsed.ok) expect(parsed.problem).not.toMatchObject({ code: 'unknown_command' });
          if (parsed?.ok) expect(parsed.command.op).toBe(op);
        }
      }
    }
    // A French verb after the English head word is understood; the reply stays English.
    expect(parseTeamCommand('team créer support tournant semaine')).toEqual({
      ok: true,
      locale: 'en',
      command: { op: 'create', team: 'support', mode: 'round_robin', window: 'week' },
    });
    expect(parseTeamCommand('ÉQUIPES liste')).toMatchObject({
      ok: true,
      locale: 'fr',
      command: { op: 'list' },
    });
  });
});
