import type { discord as en } from '../en/discord.ts';
import type { Messages } from '../types.ts';

export const discord: Messages<typeof en> = {
  'discord.thinking': 'Ich sehe in die Kalender…',
  'discord.notInGuild':
    'Nutze /meet in einem Server, auf dem Convene installiert ist (nicht in Direktnachrichten).',
  'discord.guildNotAllowed':
    'Dieser Convene-Server bedient nur die Discord-Server, die seine Administration freigegeben hat, und dieser gehört nicht dazu. Es wurde nichts gespeichert. Wenn du Convene betreibst, füge die ID dieses Servers zu DISCORD_TENANT_GUILDS hinzu.',
  'discord.zoneQuestion':
    'Discord verrät mir deine Zeitzone nicht. Wähle sie unten aus (nur einmal; ändern mit `/meet settings zone:`), dann suche ich Zeiten.',
  'discord.zonePlaceholder': 'Deine Zeitzone',
  'discord.pendingTitle': 'Deine Anfrage',
  'discord.notYourPrompt': 'Diese Frage richtet sich an die Person, die die Anfrage gestellt hat.',
  'discord.unknownAction': 'Dieser Knopf wird nicht mehr verstanden: stelle die Anfrage mit /meet erneut.',
  'discord.otherGuild':
    'Dieser Vorschlag gehört zu einem anderen Server: stelle die Anfrage hier mit /meet erneut.',
  'discord.bookedElsewhere':
    'Gebucht. (Das Antwortfenster des Knopfs war abgelaufen, daher kommt die Bestätigung {where}.)',
  'discord.failed':
    'Bei uns ist etwas schiefgegangen; es wurde nichts gebucht. Versuche es in einer Minute erneut.',
  'discord.requestEmpty':
    'Sag mir, was geplant werden soll, z. B. `/meet new request: 30 Min. mit @Ana morgen Nachmittag`.',
  'discord.roleEmpty': 'Die Rolle {role} hat keine Mitglieder, die ich einladen kann.',
  'discord.roleTooBig': 'Die Rolle {role} hat {count} Mitglieder: lade höchstens 20 Personen auf einmal ein.',
  'discord.membersUnavailable':
    'Ich konnte die Mitglieder der Rolle nicht lesen (der Intent „Server Members“ muss für Convene aktiviert sein): erwähne die Personen stattdessen direkt.',
  'discord.dmNotice':
    '{who} möchte sich mit dir treffen. Verbinde mit `/meet link` im Server einen Kalender, damit Convene sieht, wann du frei bist.',
  'discord.reschedule': 'Verschieben',
  'discord.cancelMeeting': 'Termin absagen',
  'discord.confirmCancel':
    '„{title}“ absagen? Alle werden benachrichtigt und der Termin wird aus ihren Kalendern entfernt.',
  'discord.confirmYes': 'Ja, Termin absagen',
  'discord.cancelledBy': 'Abgesagt von {who}.',
  'discord.movedBy': 'Verschoben von {who}.',
  'discord.pickNewTime': 'Wähle eine neue Zeit:',
};
