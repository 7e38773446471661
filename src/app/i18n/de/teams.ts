/** Deutsch, Bereich `teams`: `/meet gruppe …` (Teams reihum). Gleiche Schlüssel und Parameter wie Englisch. */
import type { teams as en } from '../en/teams.ts';
import type { Messages } from '../types.ts';

export const teams: Messages<typeof en> = {
  'teams.notTeamCommand': 'Das ist kein Team-Befehl: beginne mit /meet gruppe.',
  'teams.unavailable':
    'Teams sind auf diesem Convene-Server nicht verfügbar: sag der Administration Bescheid.',
  'teams.accountRefused': 'Dieses Slack-Konto kann Convene nicht benutzen.',
  'teams.help': [
    'Teams (Änderungen nur durch Admins):',
    '• /meet gruppe liste · /meet gruppe rangliste <team>',
    '• /meet gruppe erstellen <team> [reihum|gemeinsam] [tag|woche|monat]',
    '• /meet gruppe umbenennen <team> <name> · /meet gruppe löschen <team>',
    '• /meet gruppe hinzufügen|entfernen <team> @mitglied… [gewicht N] [priorität N]',
    '• /meet gruppe gewicht|priorität <team> @mitglied N',
    '• /meet gruppe modus <team> reihum|gemeinsam · /meet gruppe zeitraum <team> tag|woche|monat',
    '• /meet gruppe serie <team> fest|reihum (ein Serientermin: ein Mitglied, oder reihum pro Termin)',
    '• /meet gruppe pausieren <team> @mitglied [bis JJJJ-MM-TT] · /meet gruppe fortsetzen <team> @mitglied',
    '• /meet gruppe verknüpfen <team> @benutzergruppe-oder-rolle · /meet gruppe trennen <team>',
    '• /meet gruppe admins · /meet gruppe gewähren|entziehen @person',
    'Dann: /meet @<team> 30 Min. morgen',
  ].join('\n'),

  'teams.parse.unknownCommand': 'Unbekannter Team-Befehl „{word}“: versuch /meet gruppe hilfe.',
  'teams.parse.unknown': 'Unbekannter Team-Befehl: versuch /meet gruppe hilfe.',
  'teams.parse.noTeamName': 'Nenne das Team: /meet gruppe {word} <team> …',
  'teams.parse.badTeamName':
    '„{name}“ ist kein gültiger Teamname: Buchstaben, Ziffern, - _ . (höchstens 40), keine Leerzeichen.',
  'teams.parse.noMembers': 'Erwähne mindestens ein Mitglied.',
  'teams.usage.grant': 'Aufruf: /meet gruppe gewähren @person…',
  'teams.usage.revoke': 'Aufruf: /meet gruppe entziehen @person…',
  'teams.usage.create': 'Aufruf: /meet gruppe erstellen <team> [reihum|gemeinsam] [tag|woche|monat]',
  'teams.usage.rename': 'Aufruf: /meet gruppe umbenennen <team> <neuer name>',
  'teams.usage.delete': 'Aufruf: /meet gruppe löschen <team>',
  'teams.usage.unbind': 'Aufruf: /meet gruppe trennen <team>',
  'teams.usage.add': 'Aufruf: /meet gruppe hinzufügen <team> @mitglied… [gewicht N] [priorität N]',
  'teams.usage.remove': 'Aufruf: /meet gruppe entfernen <team> @mitglied…',
  'teams.usage.weight': 'Aufruf: /meet gruppe gewicht <team> @mitglied N (N ≥ 0)',
  'teams.usage.priority': 'Aufruf: /meet gruppe priorität <team> @mitglied N',
  'teams.usage.mode': 'Aufruf: /meet gruppe modus <team> reihum|gemeinsam',
  'teams.usage.window': 'Aufruf: /meet gruppe zeitraum <team> tag|woche|monat',
  'teams.usage.series': 'Aufruf: /meet gruppe serie <team> fest|reihum',
  'teams.usage.pause': 'Aufruf: /meet gruppe pausieren <team> @mitglied [bis JJJJ-MM-TT]',
  'teams.usage.resume': 'Aufruf: /meet gruppe fortsetzen <team> @mitglied',
  'teams.usage.bind': 'Aufruf: /meet gruppe verknüpfen <team> @benutzergruppe (Slack) oder @rolle (Discord)',

  'teams.forbidden.grant':
    'Nur Admins und Inhaber des Workspace können Convene-Adminrechte gewähren oder entziehen.',
  'teams.forbidden.change':
    'Nur Admins des Workspace können Teams ändern (Slack: Admins und Inhaber; Discord: Server verwalten). /meet gruppe rangliste kannst du trotzdem benutzen.',
  'teams.notFound': 'Es gibt kein Team „{team}“: siehe /meet gruppe liste.',
  'teams.unknownMembers':
    'Ich kenne {names} nicht: erwähne sie mit einer Chat-Erwähnung (tippe @ und wähle aus der Liste).',

  'teams.nameTaken': 'Ein Team heißt bereits „{name}“: wähle einen anderen Namen.',
  'teams.groupTaken': 'Diese Gruppe ist schon mit einem anderen Team verknüpft: trenne sie dort zuerst.',
  'teams.notMember': 'Diese Person ist kein Mitglied des Teams.',
  'teams.unknownPerson': 'Diese Person gehört nicht zu diesem Workspace.',
  'teams.badDate': '„{date}“ ist kein gültiges Datum.',
  'teams.pastDate': 'Dieses Datum ist schon vorbei.',
  'teams.mode': '{mode, select, collective {gemeinsam (alle)} other {reihum (ein Mitglied pro Treffen)}}',
  'teams.period': '{period, select, day {pro Tag} week {pro Woche} other {pro Monat}}',
  'teams.admins.none': 'Keine Convene-Admins ernannt: Admins und Inhaber des Workspace verwalten die Teams.',
  'teams.admins.list': 'Convene-Admins (neben den Admins des Workspace): {names}.',
  'teams.granted': 'Teams verwalten dürfen jetzt auch: {names}.',
  'teams.grantedNone': 'Nichts hat sich geändert.',
  'teams.revoked': 'Teams verwalten dürfen nicht mehr: {names}.',
  'teams.revokedNone': 'Sie waren keine Convene-Admins.',
  'teams.list.title': 'Teams:',
  'teams.list.row': '• {team} — {mode}, {count, plural, one {# Mitglied} other {# Mitglieder}}',
  'teams.list.empty': 'Noch kein Team: ein Admin kann eines mit /meet gruppe erstellen <name> anlegen.',
  'teams.created':
    'Team „{team}“ erstellt ({mode}, Ausgleich {period}). Füge Mitglieder mit /meet gruppe hinzufügen {team} @jemand hinzu.',
  'teams.renamed': 'Team „{from}“ heißt jetzt „{to}“.',
  'teams.deleted': 'Team „{team}“ gelöscht.',
  'teams.modeSet': 'Team „{team}“ ist jetzt {mode}.',
  'teams.windowSet': 'Team „{team}“ verteilt Buchungen jetzt {period}.',
  'teams.seriesSet': 'Team „{team}“ bucht Serientermine jetzt mit {rotation}.',
  'teams.seriesRotation':
    '{rotation, select, rotate {Mitgliedern reihum, Termin für Termin} other {einem Mitglied für die ganze Serie}}',
  'teams.bound': '{group} in /meet zu erwähnen bedeutet jetzt Team „{team}“.',
  'teams.unbound': 'Team „{team}“ ist mit keiner Chat-Gruppe mehr verknüpft.',
  'teams.added':
    '{names} zu „{team}“ hinzugefügt. Neue starten gleichauf mit dem Team: sie werden nicht mit nachzuholenden Buchungen überhäuft.',
  'teams.removed': '{names} aus „{team}“ entfernt.',
  'teams.weightSet': '{name} hat jetzt das Gewicht {value} in „{team}“.',
  'teams.prioritySet': '{name} hat jetzt die Priorität {value} in „{team}“.',
  'teams.paused': '{name} ist in „{team}“ pausiert, bis fortgesetzt (/meet gruppe fortsetzen {team} @…).',
  'teams.pausedUntil':
    '{name} ist in „{team}“ bis einschließlich {date} pausiert; danach ein Neustart ohne Rückstand.',
  'teams.resumed': '{name} ist zurück in „{team}“.',

  'teams.standings.nameTheTeam': 'Nenne das Team: /meet gruppe rangliste <team>.',
  'teams.standings.title':
    'Rangliste von „{team}“ {period, select, day {heute} week {diese Woche} other {diesen Monat}}:',
  'teams.standings.empty':
    'Rangliste von „{team}“ {period, select, day {heute} week {diese Woche} other {diesen Monat}}: keine Mitglieder.',
  'teams.standings.row':
    '• {name} (Gewicht {weight}, Priorität {priority}): {count} gebucht, Ziel {target}, {status}{paused, select, yes { — pausiert} other {}}',
  'teams.standings.onTarget': 'im Ziel',
  'teams.standings.below': '{gap} unter dem Ziel',
  'teams.standings.above': '{gap} über dem Ziel',
};
