import type { commands as en } from '../en/commands.ts';
import type { Messages } from '../types.ts';

export const commands: Messages<typeof en> = {
  'commands.status.words': 'statut état etat',
  'commands.settings.words': 'réglages reglages paramètres parametres',
  'commands.cancel.words': 'annuler',
  'commands.reschedule.words': 'replanifier déplacer deplacer',
  'commands.link.words': 'lier relier',
  'commands.unlink.words': 'délier delier',
  'commands.link.demoToo':
    'Une fois relié, vos heures occupées ici viennent de cet agenda en plus de votre fichier de démo ; /meet délier le retire.',
  'commands.settings.usage':
    'Écrivez les réglages à changer après /meet réglages, par exemple : /meet réglages zone:Europe/Paris hours:09:00-17:00 language:fr tentative-free:oui',
  'commands.settings.unknownOption':
    'Il n’y a pas de réglage « {option} » : utilisez zone:, language:, hours: ou tentative-free:.',
  'commands.settings.yesNo': 'tentative-free: prend oui ou non, pas « {value} ».',
  'commands.status.hours': 'Heures de travail : {hours}',
  'commands.status.hoursRule': '{days} {start}-{end}',
  'commands.status.demoCalendar': 'Agenda : le fichier de démo {file} (lecture seule)',
};
