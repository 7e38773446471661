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
};
