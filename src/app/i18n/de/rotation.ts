/** Deutsch, Bereich `rotation`: warum ein Mitglied eines Teams (reihum) für einen Termin gewählt wird. */
import type { rotation as en } from '../en/rotation.ts';
import type { Messages } from '../types.ts';

export const rotation: Messages<typeof en> = {
  'rotation.alone':
    '{name}: das einzige freie Teammitglied ({count} gebucht, Ziel {target} {period, select, day {heute} week {diese Woche} other {diesen Monat}})',
  'rotation.below':
    '{name}: {gap} unter dem Ziel {period, select, day {heute} week {diese Woche} other {diesen Monat}} ({count} gebucht, Ziel {target})',
  'rotation.closest':
    '{name}: unter den Freien am nächsten am Ziel {period, select, day {heute} week {diese Woche} other {diesen Monat}} ({count} gebucht, Ziel {target})',
  'rotation.sticky': '{name}: behält den Termin, für den die Person gebucht war (verschoben)',
  'rotation.priority':
    '{name}: gleich fair {period, select, day {heute} week {diese Woche} other {diesen Monat}}, höhere Priorität ({priority})',
  'rotation.leastRecent': '{name}: gleich fair und gleiche Priorität, am längsten nicht gebucht',
  'rotation.nobody': 'Kein aktives Teammitglied ist für diesen Termin frei.',
};
