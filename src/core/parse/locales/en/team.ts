/** English words of `/meet team …` (folded: lower case, no accents). */
import type { TeamWords } from '../team.ts';

export const teamWords: TeamWords = {
  heads: ['team', 'teams'],
  ops: {
    help: 'help',
    list: 'list',
    standings: 'standings',
    create: 'create',
    rename: 'rename',
    delete: 'delete',
    add: 'add',
    remove: 'remove',
    weight: 'weight',
    priority: 'priority',
    mode: 'mode',
    window: 'window',
    series: 'series',
    pause: 'pause',
    resume: 'resume',
    bind: 'bind',
    unbind: 'unbind',
    admins: 'admins',
    grant: 'grant',
    revoke: 'revoke',
  },
  modes: {
    'round-robin': 'round_robin',
    round_robin: 'round_robin',
    roundrobin: 'round_robin',
    rr: 'round_robin',
    collective: 'collective',
  },
  windows: { day: 'day', week: 'week', month: 'month' },
  series: { fixed: 'fixed', rotate: 'rotate', rotating: 'rotate', turns: 'rotate' },
  until: ['until'],
};
