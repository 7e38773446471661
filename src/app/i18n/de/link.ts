/** Deutsch, Domäne `link`: Fehler beim Verknüpfen eines CalDAV-Servers oder ICS-Feeds. Dieselben Schlüssel und Parameter wie Englisch. */
import type { link as en } from '../en/link.ts';
import type { Messages } from '../types.ts';

export const link: Messages<typeof en> = {
  'link.caldav.unauthorized':
    '{host} hat diesen Benutzernamen und dieses Passwort abgelehnt. Kalenderserver brauchen meist ein app-spezifisches Passwort, nicht das Passwort deines Kontos: {service, select, icloud {erstelle eines für iCloud unter https://support.apple.com/de-de/102654} fastmail {erstelle eines für Fastmail (mit CalDAV-Zugriff) unter https://www.fastmail.help/hc/en-us/articles/360058752854} other {erstelle eines in den Sicherheitseinstellungen deines Anbieters}} und versuche es erneut.',
  'link.caldav.notCaldav':
    '{host} antwortet nicht wie ein CalDAV-Kalenderserver. Prüfe die Adresse (bei Nextcloud endet sie auf /remote.php/dav) oder gib einfach deine E-Mail-Adresse ein.',
  'link.caldav.certificate':
    'Das Sicherheitszertifikat von {host} ist ungültig (abgelaufen, selbst signiert oder für einen anderen Namen), daher sendet Convene dein Passwort nicht dorthin. Bitte die Administration des Servers, das Zertifikat zu korrigieren.',
  'link.caldav.timeout':
    '{host} hat nicht rechtzeitig geantwortet. Versuche es gleich noch einmal oder prüfe die Adresse.',
  'link.caldav.unreachable':
    'Convene konnte {host} nicht erreichen. Prüfe die Adresse; ein Server in deinem Heim- oder Büronetz ist aus dem Internet nicht erreichbar.',
  'link.caldav.forbiddenAddress':
    '{host} liegt in einem privaten oder lokalen Netz, mit dem sich dieser Convene-Server nicht verbindet. Die Administration kann dieses Netz freigeben.',
  'link.caldav.invalidAddress': '„{host}“ ist weder eine Serveradresse (https://…) noch eine E-Mail-Adresse.',
  'link.ics.notCalendar':
    'Der Link auf {host} führt nicht zu einem Kalender-Feed (iCalendar). Kopiere die „geheime Adresse im iCal-Format“ oder den Abonnieren-Link deines Kalenders.',
  'link.ics.unreachable':
    'Convene konnte den Feed von {host} nicht abrufen. Prüfe den Link und versuche es erneut.',
  'link.ics.timeout': '{host} hat den Feed nicht rechtzeitig gesendet. Versuche es gleich noch einmal.',
  'link.ics.forbiddenAddress':
    'Der Feed auf {host} liegt in einem privaten oder lokalen Netz, mit dem sich dieser Convene-Server nicht verbindet. Die Administration kann dieses Netz freigeben.',
  'link.ics.invalidAddress': '„{host}“ ist kein Link zu einem Kalender-Feed (https:// oder webcal://).',
  'link.ics.tooLarge': 'Der Feed auf {host} ist größer als {megabytes} MB, mehr als Convene liest.',
  'link.ics.notFound':
    '{host} meldet, dass es diesen Feed nicht gibt. Der Link wurde vielleicht zurückgesetzt: kopiere ihn erneut.',
  'link.ics.refused':
    '{host} hat die Herausgabe dieses Feeds abgelehnt. Der geheime Link wurde vielleicht zurückgesetzt: kopiere ihn erneut.',
  'link.ics.certificate':
    'Das Sicherheitszertifikat von {host} ist ungültig, daher liest Convene den Feed dort nicht.',
  'link.page.title': 'Einen Kalender für {who} verbinden',
  'link.page.intro':
    'Diese Seite verbindet einen Kalender mit dem Chat-Konto {who} in {workspace}. Fahre nur fort, wenn du das bist: Hat dir jemand seinen Link weitergeleitet, schließe diese Seite — dein Kalender würde sonst mit seinem Konto verbunden.',
  'link.page.unknownWorkspace': 'diesem Arbeitsbereich',
  'link.page.kind.google': 'Google Kalender',
  'link.page.kind.microsoft': 'Microsoft 365',
  'link.page.kind.icloud': 'Apple iCloud',
  'link.page.kind.caldav': 'CalDAV-Server (Fastmail, Nextcloud, Radicale…)',
  'link.page.kind.ics': 'Kalender-Feed (ICS-Link, nur lesen)',
  'link.page.oauthButton': 'Meinen {provider} verbinden',
  'link.page.icloud.help':
    'Verwende deine Apple-ID und ein app-spezifisches Passwort, nicht das Passwort deiner Apple-ID: Erstelle eines unter https://support.apple.com/de-de/102654.',
  'link.page.caldav.help':
    'Deine Serveradresse (bei Nextcloud endet sie auf /remote.php/dav) oder einfach deine E-Mail-Adresse, dein Benutzername und ein app-spezifisches Passwort (Fastmail: https://www.fastmail.help/hc/en-us/articles/360058752854). Das Passwort wird nur über diese Seite gesendet, nie im Chat.',
  'link.page.ics.help':
    'Füge die geheime iCal-Adresse deines Kalenders ein (https:// oder webcal://). Convene liest sie nur: Gebuchte Termine werden in Convene aufbewahrt, nicht in den Feed eingetragen.',
  'link.page.field.address': 'Serveradresse oder E-Mail-Adresse',
  'link.page.field.appleId': 'Apple-ID (E-Mail-Adresse)',
  'link.page.field.username': 'Benutzername',
  'link.page.field.password': 'App-spezifisches Passwort',
  'link.page.field.url': 'Feed-Link',
  'link.page.submit': 'Diesen Kalender verbinden',
  'link.page.failed': 'Nichts wurde verbunden',
  'link.page.done.title': 'Kalender verbunden',
  'link.page.done.caldav':
    '{account} ist verbunden. Convene liest deine freien und belegten Zeiten aus {count, plural, one {# Kalender} other {# Kalendern}}{write, select, none {.} other { und trägt gebuchte Termine in „{write}“ ein.}}',
  'link.page.done.ics':
    'Der Feed „{name}“ ist verbunden, nur lesend: Convene liest daraus deine belegten Zeiten; gebuchte Termine werden in Convene aufbewahrt.',
  'link.page.calendars': 'Gefundene Kalender',
  'link.page.writable': 'beschreibbar',
  'link.page.readOnly': 'nur lesen',
  'link.page.busy': 'zählt als belegt',
  'link.page.writeTarget': 'erhält neue Termine',
  'link.page.close': 'Du kannst diesen Tab schließen und zum Chat zurückkehren.',
  'link.page.invalid':
    'Dieser Link ist ungültig (er wurde verändert oder stammt nicht von diesem Convene-Server). Nichts wurde verbunden. Fordere mit `/meet link` einen neuen Link an.',
  'link.page.expired':
    'Dieser Link ist abgelaufen (Links gelten 15 Minuten). Nichts wurde verbunden. Fordere mit `/meet link` einen neuen Link an.',
  'link.page.used':
    'Dieser Link wurde bereits verwendet. Fordere mit `/meet link` einen neuen Link an, um einen weiteren Kalender zu verbinden.',
  'link.page.otherUser':
    'Dieser Link wurde für eine andere Person erstellt. Nichts wurde verbunden. Fordere mit `/meet link` deinen eigenen Link an.',
  'link.page.unconfirmed':
    'Dieses Formular muss von seiner eigenen Seite gesendet werden, im Browser, der den Link geöffnet hat. Nichts wurde verbunden. Öffne den Link erneut.',
  'link.page.disabled':
    'Diese Kalenderart ist auf diesem Convene-Server abgeschaltet. Nichts wurde verbunden.',
  'link.page.missingField': 'Fülle alle Felder aus und versuche es erneut.',
  'link.page.noCalendars':
    '{host} hat für dieses Konto keinen Kalender mit Terminen. Nichts wurde verbunden.',
  'link.dm.caldav':
    'Dein Kalender auf {account} ist verbunden. Convene liest deine freien und belegten Zeiten aus {count, plural, one {# Kalender} other {# Kalendern}}{writes, select, yes { und trägt gebuchte Termine in „{calendar}“ ein.} other {; keiner davon kann Termine aufnehmen.}}',
  'link.dm.ics':
    'Dein Kalender-Feed „{name}“ ist verbunden, nur lesend: Convene liest daraus deine belegten Zeiten. Gebuchte Termine werden in Convene aufbewahrt, mit einer .ics-Datei zum selbst Eintragen.',
  'link.chat.dm':
    'Öffne diesen Link, um einen Kalender zu verbinden: Google, Microsoft 365, Apple iCloud, einen CalDAV-Server oder einen Kalender-Feed. Er funktioniert einmal, 15 Minuten lang, und nur für dich.',
  'link.chat.sent':
    'Ich habe dir eine Direktnachricht mit einem Link zum Verbinden eines Kalenders geschickt.',
  'link.chat.fallback':
    'Ich kann dir keine Direktnachrichten senden, daher hier dein Link zum Verbinden eines Kalenders. Nur du siehst diese Nachricht; der Link funktioniert einmal, 15 Minuten lang.',
  'link.chat.button': 'Kalender verbinden',
  'link.relink.calendar':
    '{provider, select, google {Google-Kalender} microsoft {Microsoft-365-Kalender} caldav {CalDAV-Kalender} other {Kalender-Feed}}',
  'link.relink.passwordRejected':
    'Convene kann deinen {calendar} ({account}) nicht mehr lesen: Der Server akzeptiert das gespeicherte Passwort nicht mehr. Vielleicht wurde ein app-spezifisches Passwort widerrufen: Erstelle ein neues und verbinde den Kalender erneut, damit deine Verfügbarkeit stimmt.',
  'link.relink.consentRemoved':
    'Convene kann deinen {calendar} ({account}) nicht mehr lesen: Berechtigungen wurden entzogen. Verbinde ihn erneut, damit deine Verfügbarkeit stimmt.',
  'link.relink.accessRevoked':
    'Convene kann deinen {calendar} ({account}) nicht mehr lesen: Der Zugriff wurde widerrufen oder ist abgelaufen. Verbinde ihn erneut, damit deine Verfügbarkeit stimmt.',
  'link.relink.button': '{calendar} erneut verbinden',
};
