/** `/meet help`: what Convene understands, in the request's language. */
import type { Locale } from '../../../app/views.ts';

export function helpText(locale: Locale): string {
  if (locale === 'fr')
    return [
      '*Convene trouve un créneau et le réserve dans les agendas de tous.*',
      '• `/meet @ana @li 30m la semaine prochaine « Point Q3 »` : propose les meilleurs créneaux ; cliquez pour réserver.',
      '• `/meet lier` : relier votre agenda (Google, Microsoft 365).',
      '• `/meet délier [google|microsoft]` : retirer un agenda relié.',
      '• `/meet statut` : vos agendas reliés, leur état et la dernière synchronisation.',
      '• `/meet réglages` : heures de travail, fuseau horaire, langue.',
      '• `/meet annuler` / `/meet replanifier` : vos prochaines réunions, à annuler ou à déplacer (aussi par les boutons « Annuler la réunion » et « Replanifier » de la confirmation).',
      'Durées : `30m`, `1h30`, `45 minutes`. Périodes : `demain`, `mardi prochain`, `la semaine prochaine`, `entre mardi et jeudi`, `après-midi`.',
    ].join('\n');
  return [
    '*Convene finds a time and books it on everyone’s calendar.*',
    '• `/meet @ana @li 30m next week "Q3 review"`: proposes the best slots; click one to book it.',
    '• `/meet link`: link your calendar (Google, Microsoft 365).',
    '• `/meet unlink [google|microsoft]`: remove a linked calendar.',
    '• `/meet status`: your linked calendars, their health and last sync.',
    '• `/meet settings`: working hours, time zone, language.',
    '• `/meet cancel` / `/meet reschedule`: your upcoming meetings, to cancel or move (also from the confirmation’s “Cancel meeting” and “Reschedule” buttons).',
    'Durations: `30m`, `1h30`, `45 minutes`. Windows: `tomorrow`, `next tuesday`, `next week`, `between tuesday and thursday`, `afternoon`.',
  ].join('\n');
}
