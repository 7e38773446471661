import type { account as en } from '../en/account.ts';
import type { Messages } from '../types.ts';

export const account: Messages<typeof en> = {
  'account.label.intlTag': 'de-DE',
  'account.label.slot': '{day}, {range} (Ortszeit {city})',
  'account.label.possessive': '{name}{sibilant, select, yes {’} other {s}} {thing}',
  'account.duration.minutes': '{minutes} Min.',
  'account.duration.hours': '{hours} Std.',
  'account.duration.hoursMinutes': '{hours} Std. {minutes} Min.',
  'account.week.working': 'Arbeitszeit, {when}',
  'account.week.busy': 'Beschäftigt, {when}',

  'account.rateLimited':
    '{scope, select, user {Du hast viele Anfragen auf einmal gesendet: versuch es in {wait} s erneut.} other {Dieser Workspace hat viele Anfragen auf einmal gesendet: versuch es in {wait} s erneut.}}',
  'account.notInstalled':
    'Convene ist in diesem Workspace nicht installiert (oder wurde deinstalliert): bitte eine Administratorin oder einen Administrator, es erneut zu installieren.',
  'account.noLongerInstalled': 'Convene ist hier nicht mehr installiert.',
  'account.unknownAccount': 'Unbekanntes Konto.',
  'account.slackAccountRefused': 'Dieses Slack-Konto kann Convene nicht nutzen.',
  'account.dmUnknownAction': 'Dieser Button wird leider nicht mehr unterstützt: es wurde nichts getan.',
  'account.dmNotYours':
    'Convene kann für diese Nachricht nicht erkennen, wer du bist: nutze stattdessen /meet in deinem Server.',
  'account.slack.subcommands':
    'hilfe kalender verknüpfen verknupfen trennen einstellungen gruppe gruppen absagen verschieben',

  'account.preferences.invalidZone':
    '„{zone}“ ist keine Zeitzone, die ich kenne: verwende einen IANA-Namen wie Europe/Berlin oder America/New_York.',
  'account.preferences.invalidHours': '„{hours}“ ist kein Stundenbereich: schreib ihn wie 09:00-17:00.',
  'account.preferences.invalidTime': 'Erwartet wird eine Uhrzeit wie {example}.',
  'account.preferences.endBeforeStart': 'Das Ende muss nach dem Beginn liegen.',
  'account.preferences.noDays': 'Wähle mindestens einen Tag.',
  'account.preferences.invalidLanguage': '„{language}“ ist keine Sprache, die Convene spricht ({languages}).',
  'account.preferences.nothing':
    'Nichts zu ändern: gib `zone`, `language`, `hours` (z. B. `09:00-17:00`) oder `tentative-free` an.',
  'account.preferences.notAdmin':
    'Um die Einstellungen einer anderen Person zu ändern, brauchst du die Berechtigung „Server verwalten“.',
  'account.preferences.unknownPerson': 'Diese Person hat Convene noch nicht benutzt.',
  'account.preferences.saved': 'Gespeichert: {parts}.',
  'account.preferences.tentative':
    '{free, select, yes {vorläufige Termine zählen als frei} other {vorläufige Termine zählen als beschäftigt}}',
  'account.preferences.zoneSaved': 'Zeitzone gespeichert: **{zone}**.',

  'account.settings.title': 'Convene-Einstellungen',
  'account.settings.save': 'Speichern',
  'account.settings.cancel': 'Abbrechen',
  'account.settings.days': 'Arbeitstage',
  'account.settings.start': 'Arbeitsbeginn',
  'account.settings.end': 'Arbeitsende',
  'account.settings.zone': 'Zeitzone (IANA)',
  'account.settings.zoneHint': 'Zum Beispiel Europe/Berlin. Ersetzt deine Slack-Zeitzone.',
  'account.settings.language': 'Sprache',
  'account.settings.tentative': 'Vorläufige Termine',
  'account.settings.tentativeFree': 'Vorläufige Termine als frei behandeln',
  'account.settings.tentativeHint': 'Sonst macht dich ein vorläufiger („vielleicht“) Termin beschäftigt.',
  'account.settings.openFailed':
    'Slack hat das Einstellungsfenster nicht rechtzeitig geöffnet: klick auf den Button, um es zu öffnen.',
  'account.settings.open': 'Einstellungen öffnen',

  'account.status.slack.none':
    'Kein Kalender verknüpft: gib `/meet link` ein, um einen zu verknüpfen. Bis dahin geht Convene davon aus, dass du während deiner Arbeitszeit frei bist.',
  'account.status.slack.head': '*Deine verknüpften Kalender*',
  'account.status.health':
    '{status, select, ok {OK} reauth_required {muss neu verknüpft werden (`/meet link`)} other {fehlerhaft}}',
  'account.status.zone': 'Zeitzone: {zone}',
  'account.status.zoneUnset': 'Zeitzone: nicht festgelegt (nutze `/meet settings zone:`)',
  'account.status.language': 'Sprache: {language}',
  'account.status.none': 'Kalender: keiner verknüpft (nutze `/meet link`).',
  'account.status.calendar': '• {label} ({account}): {status}',
  'account.status.tentative':
    'Vorläufige Termine: {free, select, yes {frei} other {beschäftigt}} (ändern mit `/meet settings tentative-free:`)',

  'account.link.pick': 'Wähle deinen Kalender (der Link ist persönlich und läuft in 15 Minuten ab):',
  'account.link.sentByDm': 'Ich habe dir die Links per Direktnachricht geschickt.',
  'account.link.dm':
    'Ich habe dir eine Direktnachricht mit einem Link zum Verbinden deines {provider} geschickt.',
  'account.link.fallback':
    'Ich kann dir keine Direktnachrichten schicken (deine Datenschutzeinstellungen blockieren sie), deshalb hier dein Link zum Verbinden deines {provider}. Nur du siehst diese Nachricht; der Link funktioniert einmal, 15 Minuten lang.',
  'account.link.dmText':
    'Verbinde deinen {provider} mit Convene: der Link funktioniert einmal, 15 Minuten lang. Convene liest nur Frei/Beschäftigt-Zeiten und trägt die Termine ein, die du buchst.',
  'account.link.button': 'Kalender verbinden',
  'account.unlink.none': 'Du hast keinen verknüpften Kalender.',
  'account.unlink.which':
    'Sag, welchen Kalender du trennen willst: `/meet unlink <{choices}|all>` (verknüpft: {linked}).',
  'account.unlink.done': 'Getrennt: {calendars}.',
  'account.unlink.count':
    '{count, plural, =0 {Du hast keinen verknüpften Kalender.} one {# Kalender getrennt.} other {# Kalender getrennt.}}',
  'account.unlink.allWords': 'alle alles',

  'account.upcoming.none': 'Du hast keine bevorstehenden Termine, die über Convene gebucht wurden.',
  'account.upcoming.cancel': 'Deine bevorstehenden Termine: welchen möchtest du absagen?',
  'account.upcoming.reschedule': 'Deine bevorstehenden Termine: welchen möchtest du verschieben?',

  'account.home.calendars': 'Deine Kalender',
  'account.home.noCalendar': 'Kein Kalender verknüpft. Gib `/meet link` ein, um einen zu verknüpfen.',
  'account.home.hours': 'Arbeitszeit',
  'account.home.defaultHours': 'Mo–Fr 09:00–17:00 (Standard)',
  'account.home.tentative':
    '{free, select, yes {Vorläufige Termine: zählen als frei} other {Vorläufige Termine: zählen als beschäftigt}}',
  'account.home.editSettings': 'Einstellungen bearbeiten',
  'account.home.upcoming': 'Bevorstehende Termine',
  'account.home.noUpcoming': 'Kein über Convene gebuchter Termin in den nächsten 30 Tagen.',
  'account.home.rotations': 'Rotationen (Admin)',
  'account.home.noRotation': 'Keine Rotation.',
  'account.home.activeMembers': '{count} aktive Mitglieder',
};
