import type { chat as en } from '../en/chat.ts';
import type { Messages } from '../types.ts';

export const chat: Messages<typeof en> = {
  'chat.cancelRequest.unknownProposal': 'Diesen Vorschlag gibt es nicht mehr.',
  'chat.cancelRequest.notRequester': 'Nur die organisierende Person kann diese Anfrage abbrechen.',
  'chat.cancelRequest.alreadyBooked':
    'Dieser Termin ist schon gebucht: nutze seinen Button „Termin absagen“ oder /meet cancel.',
  'chat.cancelRequest.alreadyClosed': 'Dieser Vorschlag ist bereits geschlossen.',
  'chat.cancelRequest.cancelledBy': 'Abgebrochen von {who}.',
  'chat.moreTimes.notAllowed':
    'Nur die organisierende Person oder Teilnehmende dieses Termins können nach weiteren Zeiten fragen.',
  'chat.button.moreTimes': 'Weitere Zeiten',
  'chat.button.cancelRequest': 'Abbrechen',
  'chat.button.reschedule': 'Verschieben',
  'chat.button.cancelMeeting': 'Termin absagen',
  'chat.slack.cannotUse': 'Dieses Slack-Konto kann Convene nicht nutzen.',
  'chat.slack.cannotBook': 'Dieses Slack-Konto kann nicht buchen.',
  'chat.slack.cannotManage': 'Dieses Slack-Konto kann keine Termine ändern.',
  'chat.slack.cannotSchedule': 'Für dieses Slack-Konto kann ich nichts planen (deaktiviert oder ein Bot).',
  'chat.slack.cannotInvite':
    '{names} kann nicht eingeladen werden (deaktiviertes Konto oder ein Bot): entferne die Erwähnung und versuch es erneut.',
  'chat.button.invalidAskAgain': 'Dieser Button ist ungültig: frag noch einmal mit /meet.',
  'chat.button.invalidCancel': 'Dieser Button ist ungültig: nutze /meet cancel.',
  'chat.button.invalidReschedule': 'Dieser Button ist ungültig: nutze /meet reschedule.',
  'chat.question.gone': 'Diese Frage gibt es nicht mehr: frag noch einmal mit /meet.',
  'chat.question.gotIt': 'Verstanden: {choice}.',
  'chat.linkDm.intro':
    'Verknüpfe deinen Kalender, damit Convene weiß, wann du frei bist (niemals, was deine Termine sind).',
  'chat.linkDm.introFrom':
    '{organiser} sucht einen Termin mit dir. Verknüpfe deinen Kalender, damit Convene weiß, wann du frei bist (niemals, was deine Termine sind).',
  'chat.linkDm.notConfigured':
    'Die Kalenderverknüpfung ist auf diesem Convene-Server nicht eingerichtet: sag der Administration Bescheid.',
  'chat.slack.viewer': 'deine Zeit',
  'chat.slack.book': 'Buchen',
  'chat.slack.remaining': 'Noch frei:',
  'chat.slack.written': 'in den Kalender eingetragen',
  'chat.slack.kept': 'in Convene gespeichert',
  'chat.slack.failed': 'Kalenderaktualisierung ausstehend',
  'chat.slack.bookedBy': 'Gewählt von {who}.',
  'chat.slack.movedBy': 'Verschoben von {who}.',
  'chat.slack.confirmTitle': 'Termin absagen?',
  'chat.slack.confirmText': 'Alle werden benachrichtigt und der Termin wird aus ihren Kalendern entfernt.',
  'chat.slack.confirmYes': 'Absagen',
  'chat.slack.confirmNo': 'Behalten',
  'chat.slack.moveTo': 'Verschieben auf',
  'chat.slack.joinCall': 'Am Videoanruf teilnehmen',
  'chat.discord.window': 'Zeitraum: {window}',
  'chat.discord.personTime': '{name}: {time}',
  'chat.discord.written': 'in ihren Kalender eingetragen',
  'chat.discord.notUpdated': 'Kalender nicht aktualisiert',
  'chat.discord.videoCall': 'Videoanruf: <{url}>',
  // Ein Serientermin mit Konflikten: sein Knopf bucht trotzdem.
  'chat.button.bookAnyway': 'Trotzdem buchen',
  // ... oder bucht ihn und verschiebt jeden Konflikttermin auf eine nahe Zeit, die allen passt.
  'chat.button.bookAndMove': 'Buchen, Konflikttermine verschieben',
};
