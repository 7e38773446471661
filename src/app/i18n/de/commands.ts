import type { commands as en } from '../en/commands.ts';
import type { Messages } from '../types.ts';

export const commands: Messages<typeof en> = {
  'commands.status.words': 'status zustand',
  'commands.settings.words': 'einstellungen',
  'commands.cancel.words': 'absagen',
  'commands.reschedule.words': 'verschieben',
  'commands.link.words': 'verknüpfen verknupfen',
  'commands.unlink.words': 'trennen',
  'commands.link.demoToo':
    'Sobald er verknüpft ist, kommen deine belegten Zeiten hier aus diesem Kalender und zusätzlich aus deiner Demo-Datei; /meet trennen entfernt ihn.',
  'commands.settings.usage':
    'Schreib die zu ändernden Einstellungen hinter /meet einstellungen, zum Beispiel: /meet einstellungen zone:Europe/Berlin hours:09:00-17:00 language:de tentative-free:ja',
  'commands.settings.unknownOption':
    'Es gibt keine Einstellung „{option}“: nutze zone:, language:, hours: oder tentative-free:.',
  'commands.settings.yesNo': 'tentative-free: nimmt ja oder nein, nicht „{value}“.',
  'commands.status.hours': 'Arbeitszeit: {hours}',
  'commands.status.hoursRule': '{days} {start}-{end}',
  'commands.status.demoCalendar': 'Kalender: die Demo-Datei {file} (nur lesen)',
};
