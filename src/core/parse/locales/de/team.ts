/** German words of `/meet team …` (folded: lower case, no accents or umlaut dots: `hinzufügen` → `hinzufugen`). */
import type { TeamWords } from '../team.ts';

export const teamWords: TeamWords = {
  heads: ['gruppe', 'gruppen'],
  ops: {
    hilfe: 'help',
    liste: 'list',
    auflisten: 'list',
    rangliste: 'standings',
    stand: 'standings',
    erstellen: 'create',
    anlegen: 'create',
    umbenennen: 'rename',
    loschen: 'delete',
    hinzufugen: 'add',
    entfernen: 'remove',
    gewicht: 'weight',
    prioritat: 'priority',
    modus: 'mode',
    zeitraum: 'window',
    serie: 'series',
    pausieren: 'pause',
    fortsetzen: 'resume',
    verknupfen: 'bind',
    trennen: 'unbind',
    admins: 'admins',
    gewahren: 'grant',
    entziehen: 'revoke',
  },
  modes: {
    reihum: 'round_robin',
    rotierend: 'round_robin',
    gemeinsam: 'collective',
  },
  windows: { tag: 'day', woche: 'week', monat: 'month' },
  series: { fest: 'fixed', reihum: 'rotate', wechselnd: 'rotate' },
  until: ['bis'],
};
