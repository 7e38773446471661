/** Deutsch, Bereich `request`: die `/meet`-Anfrage, „weitere Zeiten“ und Antworten auf Rückfragen. */
import type { request as en } from '../en/request.ts';
import type { Messages } from '../types.ts';

export const request: Messages<typeof en> = {
  'request.unparseable': '{issues}',
  'request.question.pick': '{question} Wähle unten aus.',
  'request.question.rephrase':
    '{questions} Sag es noch einmal mit der gemeinten Zeitzone (zum Beispiel {example}).',
  'request.question.rephraseSeries':
    '{questions} Sag es noch einmal mit der gemeinten Serie (zum Beispiel {example}).',
  'request.unknownRequester':
    'Ich finde dich in diesem Workspace nicht: versuch es erneut aus dem Workspace, in dem Convene installiert ist.',
  'request.tooManyParticipants':
    'Diese Anfrage umfasst {count} Personen; ich kann höchstens {max} auf einmal einplanen, lade also weniger Personen oder ein kleineres Team ein.',
  'request.invalidSettings':
    'Die Einstellungen sind ungültig ({error}); korrigiere sie und versuch es erneut.',
  'request.invalidSettingsOf':
    'Die Einstellungen von {name} sind ungültig ({error}); korrigiere sie und versuch es erneut.',
  'request.unsupportedMention':
    'Ich kann noch keine Gruppe einladen ({mentions}): erwähne die Personen einzeln.',
  'request.unknownParticipants':
    'Ich kenne {names} nicht: prüfe die Schreibweise oder bitte sie, Convene einmal zu benutzen, damit ich sie finde.',
  'request.ambiguousParticipants':
    'Mehrere Personen passen zu {names}: erwähne sie mit einer Chat-Erwähnung (tippe @ und wähle aus der Liste).',
  'request.oneTeam': 'Ein Team pro Anfrage ({teams}): stelle eine Anfrage pro Team.',
  'request.teamEmpty':
    'Das Team {team} hat kein verfügbares Mitglied (pausiert oder leer): ein Admin kann mit /meet gruppe hinzufügen {team} @mitglied welche aufnehmen.',
  'request.unrecognised': 'Das habe ich nicht verstanden: {words}.',
  'request.quoted': '„{text}“',
  'request.defaultTitle': 'Besprechung',
  'request.roundRobinTeam': 'das Team {team} (reihum)',
  'request.noSlot': 'Kein Termin von {duration} passt ({when}): {why}',
  'request.noSlotWith': 'Kein Termin von {duration} passt mit {names} ({when}): {why}',
  'request.noSlot.noCommonTime':
    'die Arbeitszeiten aller und der gewünschte Zeitraum haben keine gemeinsame Zeit',
  'request.noSlot.busyAlways':
    '{names} {count, plural, one {ist} other {sind}} zu jeder passenden Zeit beschäftigt',
  'request.noSlot.busyAtTimes':
    '{names} {count, plural, one {ist} other {sind}} zu den passenden Zeiten beschäftigt',
  'request.noSlot.shorter': '{reason}. Am nächsten dran: ein Treffen von {duration} würde passen ({at}).',
  'request.noSlot.optional': '{reason}. Am nächsten dran: {name} optional zu machen ergäbe {at}.',
  'request.noSlot.week': '{reason}. Am nächsten dran: eine Woche mehr ergäbe {at}.',
  'request.noSlot.widen':
    '{reason}; versuch einen längeren Zeitraum, ein kürzeres Treffen oder weniger Personen.',
  'request.unlinked':
    '{names} {count, plural, one {hat} other {haben}} keinen Kalender verknüpft: {count, plural, one {die Person bekommt} other {sie bekommen}} einen Link per Direktnachricht.',
  'request.gap.notLinked':
    '{name} hat noch keinen Kalender verknüpft: die Vorschläge nehmen an, dass {name} frei ist.',
  'request.gap.reauthRequired':
    'Der Kalender von {name} muss neu verknüpft werden: die Vorschläge nehmen an, dass {name} frei ist.',
  'request.gap.unreadable':
    'Der Kalender von {name} konnte nicht gelesen werden: die Vorschläge nehmen an, dass {name} frei ist.',
  'request.headline':
    '{count, plural, one {# Vorschlag} other {# Vorschläge}} für „{title}“ ({duration}) mit {names}',
  'request.slot.free': '{total, plural, =1 {frei} =2 {beide frei} other {alle # frei}}',
  'request.slot.someFree': '{free} von {total} frei',
  'request.slot.outside': ', außerhalb der Kernzeiten für {names}',
  'request.slot.optionalBusy':
    '{count, plural, one {, {names} optional, beschäftigt} other {, {names} optional, beschäftigt}}',
  'request.understood.except': 'außer {days}',
  'request.understood.zone': 'Zeit in {city}',
  'request.answer.notFound': 'Diese Frage gibt es nicht mehr: stelle die Anfrage mit /meet erneut.',
  'request.answer.notRequester':
    'Nur die Person, die diese Anfrage gestellt hat, kann diese Frage beantworten.',
  'request.answer.expired': 'Diese Frage ist abgelaufen: stelle die Anfrage mit /meet erneut.',
  'request.answer.answered': 'Diese Frage wurde bereits beantwortet.',
  'request.answer.invalidChoice':
    'Diese Antwort gehört nicht zu den Auswahlmöglichkeiten: wähle einen der Knöpfe.',
  'request.more.unknownProposal': 'Diesen Vorschlag gibt es nicht mehr: stelle die Anfrage mit /meet erneut.',
  'request.more.notAllowed':
    'Nur die organisierende Person oder Teilnehmende dieses Treffens können weitere Zeiten anfragen.',
  'request.more.closed': 'Dieser Vorschlag ist abgeschlossen.',
  'request.more.organiserGone':
    'Die organisierende Person dieses Treffens ist nicht mehr da: stelle die Anfrage mit /meet erneut.',
  // Eine wiederkehrende Anfrage: jeder Vorschlag über die ganze Serie geprüft (src/app/series.ts).
  'request.series.allFree':
    '{total, plural, =1 {am einzigen Termin frei} other {an allen # {day, select, mon {Montagen} tue {Dienstagen} wed {Mittwochen} thu {Donnerstagen} fri {Freitagen} sat {Samstagen} sun {Sonntagen} other {Terminen}} frei}}',
  'request.series.someFree':
    'an {free} von {total} {day, select, mon {Montagen} tue {Dienstagen} wed {Mittwochen} thu {Donnerstagen} fri {Freitagen} sat {Samstagen} sun {Sonntagen} other {Terminen}} frei; {conflicts}',
  'request.series.busyOn':
    '{count, plural, one {{name} hat am {dates} keine Zeit} other {{name} hat am {dates} keine Zeit}}',
  'request.series.outsideOn':
    '{count, plural, one {{name} ist am {dates} außerhalb der Arbeitszeit} other {{name} ist am {dates} außerhalb der Arbeitszeit}}',
  'request.series.moreDates': '{count, plural, one {# weiteren Termin} other {# weiteren Terminen}}',
  'request.series.morePeople':
    '{count, plural, one {# weitere Person hat Konflikte} other {# weitere Personen haben Konflikte}}',
  'request.series.separator': '; ',
  'request.series.cut':
    'Diese Serie läuft über den {date} hinaus: geprüft habe ich nur die Termine bis dahin ({count, plural, one {# Termin} other {# Termine}}; eine Suche reicht höchstens {days} Tage voraus).',
  // Ein Team, das pro Termin reihum wechselt: ein Mitglied übernimmt die ganze Serie (und warum).
  'request.series.rotationTurns':
    'Team „{team}“ wechselt pro Termin reihum, in dieser Reihenfolge ab dem ersten Termin: {names}. Jedes Mitglied wird nur an seinen eigenen Terminen geprüft.',
  'request.series.rotationFixed':
    'Team „{team}“ wechselt pro Termin reihum, aber {reason, select, several_days_per_period {eine Serie an mehreren Tagen pro Zeitraum lässt sich nicht in Runden teilen} month_day_not_every_month {eine monatliche Serie am 29., 30. oder 31. lässt sich nicht in Runden teilen} days_left_out {eine Serie mit ausgenommenen Tagen lässt sich nicht in Runden teilen} other {weniger als zwei Mitglieder können sich abwechseln}}: das angezeigte Mitglied übernimmt alle Termine.',
};
