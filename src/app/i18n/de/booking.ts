import type { booking as en } from '../en/booking.ts';
import type { Messages } from '../types.ts';

export const booking: Messages<typeof en> = {
  'booking.error.unknownProposal': 'Diesen Vorschlag gibt es nicht mehr: frag noch einmal mit /meet.',
  'booking.error.notAllowed':
    'Nur die organisierende Person oder Teilnehmende dieses Termins können die Zeit wählen.',
  'booking.error.unknownSlot':
    'Diese Zeit gehört nicht zu diesem Vorschlag: wähle einen der angezeigten Buttons.',
  'booking.error.proposalAccepted': 'Aus diesem Vorschlag wurde bereits eine andere Zeit gebucht.',
  'booking.error.proposalExpired':
    'Dieser Vorschlag ist abgelaufen: frag noch einmal mit /meet nach neuen Zeiten.',
  'booking.error.slotTaken': 'Diese Zeit wurde gerade vergeben: wähle eine der verbleibenden Zeiten.',
  'booking.error.slotTakenNoneLeft':
    'Diese Zeit wurde gerade vergeben und keine andere vorgeschlagene Zeit ist mehr frei: frag noch einmal mit /meet.',
  'booking.error.calendarRefused':
    'Nicht gebucht: ein Kalender hat den Termin abgelehnt, deshalb wurde das Treffen abgesagt und alle wurden benachrichtigt. Frag noch einmal mit /meet.',
  'booking.slot.stillFree': 'noch frei für alle {count}',
  'booking.headline.booked': 'Gebucht: „{title}“, {when}, mit {names}.',
  'booking.headline.alreadyBooked': 'Bereits gebucht: „{title}“, {when}, mit {names}.',
  // Eine Serie (./series.ts): „Gebucht: „1:1“, jeden zweiten Dienstag, 6-mal, ab …“
  'booking.headline.bookedSeries': 'Gebucht: „{title}“, {series}, ab {when}, mit {names}.',
  'booking.headline.alreadyBookedSeries': 'Bereits gebucht: „{title}“, {series}, ab {when}, mit {names}.',
  'booking.series.daily': '{interval, plural, =1 {jeden Tag} =2 {jeden zweiten Tag} other {alle # Tage}}',
  'booking.series.weekly':
    '{interval, plural, =1 {jeden {days}} =2 {jeden zweiten {days}} other {alle # Wochen am {days}}}',
  'booking.series.monthly':
    '{interval, plural, =1 {jeden Monat} =2 {jeden zweiten Monat} other {alle # Monate}}',
  'booking.series.monthlyOn':
    'am {rank, select, 1 {ersten} 2 {zweiten} 3 {dritten} 4 {vierten} other {letzten}} {days} {interval, plural, =1 {jedes Monats} =2 {jedes zweiten Monats} other {alle # Monate}}',
  'booking.series.everyWeeks':
    '{interval, plural, =1 {jede Woche} =2 {jede zweite Woche} other {alle # Wochen}}',
  // Mehrere Ränge oder einer, den monthlyOn nicht sagt: „am zweiten und am vierten Dienstag jedes Monats“.
  'booking.series.monthlyOnRanks':
    '{ranks} {days} {interval, plural, =1 {jedes Monats} =2 {jedes zweiten Monats} other {alle # Monate}}',
  // Ränge, die je Wochentag verschieden sind: „am ersten Montag und am dritten Mittwoch jedes Monats“.
  'booking.series.monthlyOnPairs':
    '{pairs} {interval, plural, =1 {jedes Monats} =2 {jedes zweiten Monats} other {alle # Monate}}',
  // Ein gezählter Wochentag von monthlyOnPairs: {rank} ist ein booking.series.rank („am ersten“), {day} ein Tag.
  'booking.series.rankedDay': '{rank} {day}',
  'booking.series.rank':
    '{rank, select, first {am ersten} second {am zweiten} third {am dritten} fourth {am vierten} fifth {am fünften} penultimate {am vorletzten} other {am letzten}}',
  'booking.series.withCount': '{pattern}, {count, plural, one {einmal} other {#-mal}}',
  'booking.series.withUntil': '{pattern}, bis {date}',
  'booking.series.withExcept': '{pattern}, außer {dates}{more, plural, =0 {} other { und # weitere}}',
  'booking.series.once': 'nur einmal',
  'booking.calendar.readOnly': 'schreibgeschützter Kalender: der Termin wird in Convene gespeichert',
  'booking.calendar.noWriteCalendar':
    'in Convene gespeichert, schreibgeschützter Kalender: keiner der verknüpften Kalender nimmt neue Termine an',
  'booking.calendar.notLinked': 'kein verknüpfter Kalender: der Termin wird in Convene gespeichert',
  'booking.calendar.willRetry': 'der Kalender konnte nicht aktualisiert werden: Convene versucht es erneut',
  'booking.calendar.addIcs': 'Zum Kalender hinzufügen (.ics)',
  'booking.error.unknownBooking': 'Diesen Termin gibt es nicht mehr.',
  'booking.error.notAllowedToChange':
    'Nur die organisierende Person oder Teilnehmende dieses Termins können ihn ändern.',
  'booking.error.alreadyCancelled': 'Dieser Termin wurde bereits abgesagt.',
  'booking.error.timeInPast': 'Die neue Zeit muss in der Zukunft liegen.',
  'booking.error.sameTime': 'Der Termin findet bereits zu dieser Zeit statt.',
  'booking.error.timeNotFree': 'Diese Zeit ist nicht für alle frei: wähle eine andere.',
  'booking.error.invalidTime': 'Diese Zeit ist ungültig.',
  // Eine Serie, deren erster Termin begonnen hat, wird nicht als Ganzes verschoben (rescheduleBooking, rescheduleOptions).
  'booking.error.seriesBegun':
    'Diese Serie hat schon begonnen: verschiebe einen Termin oder einen Termin und die folgenden.',
  // Eine Serie an festen Wochentagen als Ganzes auf einen anderen Tag verschoben (rescheduleBooking): ihre Tage blieben.
  'booking.error.seriesDay':
    'Eine Serie wird als Ganzes nur auf eine andere Uhrzeit ihres ersten Tages verschoben: um ihre Tage zu ändern, sag sie ab und buche eine neue, oder verschiebe, sobald sie begonnen hat, einen Termin und die folgenden.',
  'booking.error.noOtherTime':
    'In den nächsten zwei Wochen passt keine andere Zeit für alle: behalte diese oder sag den Termin ab.',
  'booking.cancelled.dm':
    '{who} hat „{title}“ ({when}) abgesagt. Der Termin wird aus deinem Kalender entfernt.',
  'booking.cancelled.thread': '{who} hat diesen Termin abgesagt ({when}).',
  'booking.cancelled.headline': 'Abgesagt: „{title}“, {when}.',
  'booking.moved.dm':
    '{who} hat „{title}“ auf {when} verschoben (vorher {was}). Dein Kalender wird aktualisiert.',
  'booking.moved.thread': '{who} hat diesen Termin auf {when} verschoben (vorher {was}).',
  'booking.moved.headline': 'Verschoben: „{title}“ auf {when}.',
  'booking.rescheduleOptions.headline': 'Neue Zeiten für „{title}“ (jetzt {now}):',
  'booking.outbox.staleEvent':
    '„{title}“ findet {when} statt, aber der Kalender von {name} konnte nicht aktualisiert werden und zeigt noch die alte Zeit.',
  'booking.outbox.notBooked':
    '„{title}“ ({when}) ist NICHT gebucht: der Kalender von {name} hat den Termin abgelehnt. Bereits eingetragene Termine werden entfernt; frag noch einmal mit /meet.',
  // Eine Serie mit Konflikten an späteren Terminen (die Nachprüfung beim Klick, src/app/book-meeting.ts).
  'booking.error.seriesConflict':
    'Seit dem Vorschlag hat die Serie {count, plural, one {einen Konflikt} other {Konflikte}}: {conflicts}. Trotzdem buchen oder eine andere Zeit wählen.',
  'booking.seriesConflicts':
    'Trotzdem gebucht, mit {count, plural, one {# Termin} other {# Terminen}} im Konflikt: {conflicts}.',
  // „Buchen und Konflikttermine verschieben“ (Slot `<n>-move`): die verschobenen Termine und die, die bleiben.
  'booking.seriesMoved':
    '{count, plural, one {# Termin mit Konflikt verschoben} other {# Termine mit Konflikt verschoben}}: {moves}.',
  'booking.seriesMove': '{was} auf {when}',
  'booking.seriesStayed':
    '{count, plural, one {# Termin bleibt} other {# Termine bleiben}} unverändert, ohne gemeinsame freie Zeit innerhalb von {days, plural, one {einem Tag} other {# Tagen}}: {conflicts}.',
  // Ein Team, das sich pro Termin abwechselt: wer welche Termine übernimmt (src/app/series-turns.ts).
  'booking.turns.line': 'Reihenfolge: {turns}.',
  'booking.turns.member': '{name} am {dates}',
  'booking.turns.separator': '; ',
  'booking.turns.moreDates': '{count, plural, one {# weiteren Termin} other {# weiteren Terminen}}',
  'booking.turns.onwards': 'so weiter',
};
