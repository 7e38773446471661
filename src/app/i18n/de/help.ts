import type { help as en } from '../en/help.ts';
import type { Messages } from '../types.ts';

export const help: Messages<typeof en> = {
  'help.words': 'hilfe ?',
  'help.slack': [
    '*Convene findet eine Zeit und trägt sie in die Kalender aller ein.*',
    '• `/meet @ana @li 30m nächste Woche „Q3-Review“`: schlägt die besten Zeiten vor; klick auf eine, um sie zu buchen.',
    '• `/meet verknüpfen`: deinen Kalender verknüpfen (Google, Microsoft 365).',
    '• `/meet trennen [google|microsoft|alle]`: einen verknüpften Kalender entfernen.',
    '• `/meet status`: deine verknüpften Kalender, ihr Zustand und die letzte Synchronisierung.',
    '• `/meet kalender [belegt 1.1 1.3 | termine 1.2]`: deine Kalender nach Nummer, welche als belegt zählen und welcher neue Termine erhält; `/meet unlink 2` trennt Konto 2.',
    '• `/meet einstellungen`: Arbeitszeit, Zeitzone, Sprache.',
    '• `/meet gruppe liste`, `/meet gruppe rangliste <Team>`: Team-Rotationen (`/meet gruppe hilfe` für alle Befehle).',
    '• `/meet absagen` / `/meet verschieben`: deine bevorstehenden Termine, zum Absagen oder Verschieben (auch über die Buttons „Termin absagen“ und „Verschieben“ der Bestätigung).',
    'Dauern: `30m`, `1h30`, `45 Minuten`. Zeiträume: `morgen`, `nächsten Dienstag`, `nächste Woche`, `zwischen Dienstag und Donnerstag`, `nachmittags`.',
  ].join('\n'),
  'help.discord': [
    '**Convene** findet eine Zeit, die für alle passt, und trägt sie in alle Kalender ein.',
    '• `/meet new request: 30 min mit @Ana nächste Woche` — Vorschläge als Buttons; klick auf einen, um zu buchen.',
    '• Die Optionen `with`…`with5` nehmen Personen oder Rollen (Rollen laden ihre Mitglieder ein).',
    '• `/meet link provider:` — Google oder Microsoft 365 verbinden (per Direktnachricht).',
    '• `/meet unlink` — deine Kalender trennen. `/meet status` — was Convene über dich weiß.',
    '• `/meet calendars change:` — deine Kalender nach Nummer: welche als belegt zählen, welcher neue Termine erhält. `/meet unlink account:` — nur ein Konto.',
    '• `/meet settings zone: language: hours:` — deine Zeitzone, Sprache und Arbeitszeit.',
    '• `/meet cancel` / `/meet reschedule` — deine bevorstehenden Termine, zum Absagen oder Verschieben (auch über die Buttons „Termin absagen“ und „Verschieben“ der Bestätigung).',
  ].join('\n'),
  'help.playground': [
    'Convene findet eine Zeit, die für alle passt, und trägt sie in ihre Kalender ein.',
    '• /meet @ana @li 30m nächste Woche „Roadmap“: schlägt die besten Zeiten vor; klick auf eine, um sie zu buchen.',
    '• Nenne die Demo-Personen mit @ und ihrem Kurznamen (@ana, @li, @sam…); wähle links, wer du bist.',
    '• Dauern: 30m, 1h30, 45 Minuten. Zeiträume: morgen, nächsten Dienstag, nächste Woche, zwischen Dienstag und Donnerstag, nachmittags.',
    '• /meet status: deine Zeitzone, Sprache, Arbeitszeit und dein Demo-Kalender; /meet einstellungen zone:Europe/Berlin hours:09:00-17:00 language:de tentative-free:ja ändert sie.',
    '• /meet gruppe erstellen support, /meet gruppe hinzufügen support @ana @li, /meet gruppe rangliste support: Team-Rotationen (in der Demo darf jede Person Teams verwalten).',
    '• /meet absagen oder /meet verschieben: deine bevorstehenden Termine, jeder mit den Buttons „Verschieben“ und „Termin absagen“.',
    '• /meet verknüpfen: ein Link, um deinen eigenen Kalender zu verbinden (wenn dieser Server eine öffentliche Adresse hat); seine belegten Zeiten zählen dann zusammen mit deiner Demo-Datei. /meet trennen entfernt ihn.',
  ].join('\n'),
};
