/**
 * German rows of the phrase table (see phrases.ts). Jetzt: Mittwoch, 25. Nov. 2026, 10:00, Europe/Paris.
 * Tage: Do 26., Fr 27., Sa 28., So 29., Mo 30. Nov.; Di 1., Mi 2., Do 3., Fr 4., Mo 7. … Dez.
 */
import type { PhraseClass, PhraseRow, Reading } from './phrases.ts';

const TODAY = '11-25 10:00/11-26';
const THIS_WEEK = '11-25 10:00/11-30';
const NEXT_WEEK = '11-30/12-07';
const NY = 'America/New_York';
const NY_DEFAULT = '11-25 04:00/12-02 04:00';
const UTC_DEFAULT = '11-25 09:00/12-02 09:00';

const rows: [string, PhraseClass, Reading][] = [];
const add = (cls: PhraseClass, list: [string, Reading][]) => {
  for (const [phrase, expect] of list) rows.push([phrase, cls, expect]);
};

add('relative', [
  ['morgen', { w: '11-26/11-27' }],
  ['heute', { w: TODAY }],
  ['übermorgen', { w: '11-27/11-28' }],
  ['in 3 Tagen', { w: '11-28/11-29' }],
  ['in zwei Tagen', { w: '11-27/11-28' }],
  ['in einer Woche', { w: NEXT_WEEK }],
  ['in zwei Wochen', { w: '12-07/12-14' }],
  ['in einer Stunde', { w: TODAY, t: '11:00-11:30' }],
  ['in 2 Stunden', { w: TODAY, t: '12:00-12:30' }],
  ['in 30 Minuten', { w: TODAY, t: '10:30-11:00' }],
  ['in einer halben Stunde', { w: TODAY, t: '10:30-11:00' }],
  ['in den nächsten 3 Tagen', { w: '11-25 10:00/11-29' }],
  ['die nächsten zwei Wochen', { w: '11-25 10:00/12-09' }],
  ['innerhalb von 3 Tagen', { w: '11-25 10:00/11-29' }],
  ['diese Woche', { w: THIS_WEEK }],
  ['in dieser Woche', { w: THIS_WEEK }],
  ['nächste Woche', { w: NEXT_WEEK }],
  ['kommende Woche', { w: NEXT_WEEK }],
  ['in der nächsten Woche', { w: NEXT_WEEK }],
  ['übernächste Woche', { w: '12-07/12-14' }],
  ['am Montag', { w: '11-30/12-01' }],
  ['Dienstag', { w: '12-01/12-02' }],
  ['am Dienstag', { w: '12-01/12-02' }],
  ['Donnerstag', { w: '11-26/11-27' }],
  ['diesen Freitag', { w: '11-27/11-28' }],
  ['nächsten Dienstag', { w: '12-01/12-02' }],
  ['nächsten Mittwoch', { w: '12-02/12-03' }],
  ['Dienstag nächste Woche', { w: '12-01/12-02' }],
  ['Freitag nächster Woche', { w: '12-04/12-05' }],
  ['morgen oder übermorgen', { w: '11-26/11-28' }],
  ['bis morgen', { w: '11-25 10:00/11-27' }],
  ['diese oder nächste Woche', { w: '11-25 10:00/12-07' }],
]);

add('clock', [
  ['um 15 Uhr', { t: '15:00-15:30' }],
  ['15 Uhr', { t: '15:00-15:30' }],
  ['um 15:30', { t: '15:30-16:00' }],
  ['um 15:30 Uhr', { t: '15:30-16:00' }],
  ['um 9 Uhr', { t: '09:00-09:30' }],
  ['um 9:15 Uhr', { t: '09:15-09:45' }],
  ['um 14 Uhr 30', { t: '14:30-15:00' }],
  ['um 17.45 Uhr', { t: '17:45-18:15' }],
  ['um drei', { t: '15:00-15:30' }],
  ['um zehn', { t: '10:00-10:30' }],
  ['um elf Uhr', { t: '11:00-11:30' }],
  ['um drei Uhr nachmittags', { t: '15:00-15:30' }],
  ['um 8 Uhr morgens', { t: '08:00-08:30' }],
  ['um 12 Uhr mittags', { t: '12:00-12:30' }],
  ['um halb drei', { t: '14:30-15:00' }],
  ['halb zehn', { t: '09:30-10:00' }],
  ['Viertel nach drei', { t: '15:15-15:45' }],
  ['Viertel vor vier', { t: '15:45-16:15' }],
  ['gegen 16 Uhr', { t: '16:00-16:30' }],
  ['ab 14 Uhr', { t: '14:00-24:00' }],
  ['nach 10 Uhr', { t: '10:00-24:00' }],
  ['nach 15 Uhr', { t: '15:00-24:00' }],
  ['vor 12', { t: '00:00-12:00' }],
  ['vor 11 Uhr', { t: '00:00-11:00' }],
  ['bis 17 Uhr', { t: '00:00-17:00' }],
  ['nicht vor 10 Uhr', { t: '10:00-24:00' }],
  ['spätestens um 17 Uhr', { t: '00:00-17:00' }],
  ['zwischen 14 und 16 Uhr', { t: '14:00-16:00' }],
  ['von 9 bis 11 Uhr', { t: '09:00-11:00' }],
  ['14-16 Uhr', { t: '14:00-16:00' }],
  ['zwischen 14:00 und 16:30', { t: '14:00-16:30' }],
  ['ab 9', { t: '09:00-24:00' }],
]);

add('date_time', [
  ['morgen um 15 Uhr', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['morgen 15 Uhr', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['morgen um elf', { w: '11-26/11-27', t: '11:00-11:30' }],
  ['Donnerstag um 14 Uhr', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['Freitag 9:30', { w: '11-27/11-28', t: '09:30-10:00' }],
  ['Montag um 12 Uhr', { w: '11-30/12-01', t: '12:00-12:30' }],
  ['heute um 16 Uhr', { w: TODAY, t: '16:00-16:30' }],
  ['heute Abend um 19 Uhr', { w: TODAY, t: '19:00-19:30' }],
  ['morgen früh um 9', { w: '11-26/11-27', t: '09:00-09:30' }],
  ['am 3. Dezember um 10 Uhr', { w: '12-03/12-04', t: '10:00-10:30' }],
  ['am 3.12. um 14 Uhr', { w: '12-03/12-04', t: '14:00-14:30' }],
  ['am 1. Dezember', { w: '12-01/12-02' }],
  ['Dienstag, 1. Dezember um 15 Uhr', { w: '12-01/12-02', t: '15:00-15:30' }],
  ['morgen nach 14 Uhr', { w: '11-26/11-27', t: '14:00-24:00' }],
  ['Freitag vor 12 Uhr', { w: '11-27/11-28', t: '00:00-12:00' }],
  ['Montag zwischen 10 und 12 Uhr', { w: '11-30/12-01', t: '10:00-12:00' }],
  ['morgen von 9 bis 11 Uhr', { w: '11-26/11-27', t: '09:00-11:00' }],
  ['nächsten Dienstag um 10 Uhr', { w: '12-01/12-02', t: '10:00-10:30' }],
  ['am 10. um 16 Uhr', { w: '12-10/12-11', t: '16:00-16:30' }],
]);

add('range', [
  ['zwischen dem 3. und 5. Dezember', { w: '12-03/12-06' }],
  ['vom 7. bis 11. Dezember', { w: '12-07/12-12' }],
  ['vom 7. bis zum 11.', { w: '12-07/12-12' }],
  ['3.-5. Dezember', { w: '12-03/12-06' }],
  ['von Montag bis Mittwoch', { w: '11-30/12-03' }],
  ['Montag bis Mittwoch', { w: '11-30/12-03' }],
  ['Mo-Mi', { w: '11-30/12-03' }],
  ['zwischen Dienstag und Donnerstag', { w: '12-01/12-04' }],
  ['bis Freitag', { w: '11-25 10:00/11-28' }],
  ['vor Freitag', { w: '11-25 10:00/11-27' }],
  ['nach Dienstag', { w: '12-02/12-09' }],
  ['ab Donnerstag', { w: '11-26/12-03' }],
  ['ab Montag', { w: '11-30/12-07' }],
  ['zwischen heute und Freitag', { w: '11-25 10:00/11-28' }],
  ['von morgen bis Freitag', { w: '11-26/11-28' }],
  ['vor dem 10.', { w: '11-25 10:00/12-10' }],
  ['bis zum 4. Dezember', { w: '11-25 10:00/12-05' }],
  ['bis Ende des Monats', { w: '11-25 10:00/12-01' }],
  ['bis Ende der Woche', { w: '11-25 10:00/11-28' }],
  ['ab dem 7.', { w: '12-07/12-14' }],
]);

add('month', [
  ['im Dezember', { w: '12-01/2027-01-01' }],
  ['Dezember', { w: '12-01/2027-01-01' }],
  ['im Januar', { w: '2027-01-01/2027-02-01' }],
  ['Anfang Dezember', { w: '12-01/12-11' }],
  ['Mitte Dezember', { w: '12-11/12-21' }],
  ['Ende Dezember', { w: '12-21/2027-01-01' }],
  ['Anfang Januar', { w: '2027-01-01/2027-01-11' }],
  ['Ende des Monats', { w: '11-25 10:00/12-01' }],
  ['diesen Monat', { w: '11-25 10:00/12-01' }],
  ['nächsten Monat', { w: '12-01/2027-01-01' }],
  ['im nächsten Monat', { w: '12-01/2027-01-01' }],
  ['Anfang nächsten Monats', { w: '12-01/12-11' }],
  ['Mitte des nächsten Monats', { w: '12-11/12-21' }],
  ['Ende der Woche', { w: '11-26/11-28' }],
  ['Anfang nächster Woche', { w: '11-30/12-02' }],
  ['Mitte nächster Woche', { w: '12-02/12-04' }],
  ['Ende nächster Woche', { w: '12-03/12-05' }],
  ['die Woche vom 7. Dezember', { w: '12-07/12-14' }],
  ['am Wochenende', { w: '11-28/11-30' }],
  ['nächstes Wochenende', { w: '12-05/12-07' }],
]);

add('part_of_day', [
  ['morgen Vormittag', { w: '11-26/11-27', t: '09:00-12:00' }],
  ['morgen früh', { w: '11-26/11-27', t: '09:00-12:00' }],
  ['heute Nachmittag', { w: TODAY, t: '13:00-17:00' }],
  ['heute Abend', { w: TODAY, t: '17:00-20:00' }],
  ['morgen Abend', { w: '11-26/11-27', t: '17:00-20:00' }],
  ['morgen Nachmittag', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['Montagmorgen', { w: '11-30/12-01', t: '09:00-12:00' }],
  ['Montag Morgen', { w: '11-30/12-01', t: '09:00-12:00' }],
  ['Dienstagnachmittag', { w: '12-01/12-02', t: '13:00-17:00' }],
  ['Freitagvormittag', { w: '11-27/11-28', t: '09:00-12:00' }],
  ['Donnerstagabend', { w: '11-26/11-27', t: '17:00-20:00' }],
  ['nächsten Dienstag nachmittags', { w: '12-01/12-02', t: '13:00-17:00' }],
  ['vormittags', { t: '09:00-12:00' }],
  ['nachmittags', { t: '13:00-17:00' }],
  ['abends', { t: '17:00-20:00' }],
  ['am Vormittag', { t: '09:00-12:00' }],
  ['mittags', { t: '12:00-14:00' }],
  ['in der Mittagspause', { t: '12:00-14:00' }],
  ['nächste Woche nur vormittags', { w: NEXT_WEEK, t: '09:00-12:00' }],
  ['nachmittags nächste Woche', { w: NEXT_WEEK, t: '13:00-17:00' }],
  ['früh morgens', { t: '08:00-10:00' }],
  ['am späten Nachmittag', { t: '15:00-17:00' }],
  ['morgen nach dem Mittagessen', { w: '11-26/11-27', t: '14:00-24:00' }],
  ['gegen Ende des Tages', { t: '16:00-18:00' }],
]);

add('abbreviation', [
  ['Do', { w: '11-26/11-27' }],
  ['Fr.', { w: '11-27/11-28' }],
  ['Mo', { w: '11-30/12-01' }],
  ['Di 15 Uhr', { w: '12-01/12-02', t: '15:00-15:30' }],
  ['nächste Wo.', { w: NEXT_WEEK }],
  ['3. Dez.', { w: '12-03/12-04' }],
  ['30 Min', {}],
  ['45 Min.', { d: 45 }],
  ['45 Minuten', { d: 45 }],
  ['eine Stunde', { d: 60 }],
  ['1 Std.', { d: 60 }],
  ['1 Std', { d: 60 }],
  ['1,5 Std.', { d: 90 }],
  ['1,5h', { d: 90 }],
  ['1h30', { d: 90 }],
  ['anderthalb Stunden', { d: 90 }],
  ['eineinhalb Stunden', { d: 90 }],
  ['2 Stunden', { d: 120 }],
  ['zwei Stunden', { d: 120 }],
  ['eine Viertelstunde', { d: 15 }],
  ['eine Dreiviertelstunde', { d: 45 }],
  ['eine halbe Stunde', {}],
  ['1 Std. 30 Min.', { d: 90 }],
  ['1 Stunde und 15 Minuten', { d: 75 }],
  ['zwanzig Minuten', { d: 20 }],
  ['eine Stunde morgen', { d: 60, w: '11-26/11-27' }],
]);

add('zone', [
  ['morgen 15 Uhr MEZ', { w: '11-26/11-27', t: '15:00-15:30', z: 'CET' }],
  ['um 10 Uhr MESZ', { t: '10:00-10:30', z: 'CET' }],
  ['14 Uhr Berliner Zeit', { t: '14:00-14:30', z: 'Europe/Berlin' }],
  ['um 9 Uhr New Yorker Zeit', { w: NY_DEFAULT, t: '09:00-09:30', z: NY }],
  ['10 Uhr Londoner Zeit', { w: UTC_DEFAULT, t: '10:00-10:30', z: 'Europe/London' }],
  ['15 Uhr deutscher Zeit', { t: '15:00-15:30', z: 'Europe/Berlin' }],
  ['um 15 Uhr UTC', { w: UTC_DEFAULT, t: '15:00-15:30', z: 'UTC' }],
  ['11 Uhr Europe/Berlin', { t: '11:00-11:30', z: 'Europe/Berlin' }],
  ['um 15 Uhr Ortszeit', { t: '15:00-15:30' }],
  ['15 Uhr IST', { t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['um 10 Uhr ET', { w: NY_DEFAULT, t: '10:00-10:30', z: NY }],
]);

add('alternative', [
  ['10 oder 14 Uhr', { t: '10:00-10:30 | 14:00-14:30' }],
  ['um 10 Uhr oder um 14 Uhr', { t: '10:00-10:30 | 14:00-14:30' }],
  ['Dienstag oder Donnerstag', { w: '11-26/12-02', ex: ['11-27/12-01'] }],
  ['Donnerstag oder Freitag', { w: '11-26/11-28' }],
  ['morgen oder Montag', { w: '11-26/12-01', ex: ['11-27/11-30'] }],
  ['Montag, Mittwoch oder Freitag', { w: '11-27/12-03', ex: ['11-28/11-30', '12-01/12-02'] }],
  ['vormittags oder am späten Nachmittag', { t: '09:00-12:00 | 15:00-17:00' }],
  ['entweder Montag oder Dienstag', { w: '11-30/12-02' }],
]);

add('exclusion', [
  ['außer Montag', { ex: ['11-30/12-01'] }],
  ['ausser Montag', { ex: ['11-30/12-01'] }],
  ['nächste Woche außer Montag', { w: NEXT_WEEK, ex: ['11-30/12-01'] }],
  ['diese Woche außer Freitag', { w: THIS_WEEK, ex: ['11-27/11-28'] }],
  ['nächste Woche, aber nicht am Donnerstag', { w: NEXT_WEEK, ex: ['12-03/12-04'] }],
  ['nicht am Freitag', { ex: ['11-27/11-28'] }],
  ['nicht morgen', { ex: ['11-26/11-27'] }],
  ['nächste Woche außer Mittwoch und Freitag', { w: NEXT_WEEK, ex: ['12-02/12-03', '12-04/12-05'] }],
  ['nicht vormittags', { t: '00:00-09:00 | 12:00-24:00' }],
  ['außer Freitagnachmittag', { ex: ['11-27 13:00/11-27 17:00'] }],
  ['vormittags außer Montag', { t: '09:00-12:00', ex: ['11-30/12-01'] }],
]);

// Recurring requests (issue #22): the window is the first occurrence's search window.
add('recurrence', [
  ['jeden Dienstag', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden Montag und Donnerstag',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['dienstags', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  ['wöchentlich', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['jede Woche', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['einmal pro Woche', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['alle zwei Wochen', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['alle 2 Wochen', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['alle drei Wochen', { r: 'FREQ=WEEKLY;INTERVAL=3;UNTIL=2027-02-25 (default end)' }],
  ['zweiwöchentlich', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['alle 14 Tage', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden zweiten Dienstag',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  ['täglich', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['jeden Tag', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['tägliches Standup', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden Werktag',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['monatlich', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['jeden Monat', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden ersten Montag im Monat',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'am letzten Freitag im Monat',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['jeden Dienstag 6 Wochen lang', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11' }],
  ['wöchentlich für 3 Monate', { r: 'FREQ=WEEKLY;UNTIL=2027-02-24' }],
  ['wöchentlich bis März', { r: 'FREQ=WEEKLY;UNTIL=2027-03-31' }],
  ['jeden Montag bis Ende Januar', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-01-31' }],
  ['jeden Donnerstag 6 Mal', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;COUNT=6' }],
  [
    'jeden Dienstag um 10 Uhr',
    { w: '12-01/12-02', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  // Die Klasse hinter den Beispielen aus Issue #22: mehrere Ränge, vorletzter, Quartal/Jahr, alle N Tage,
  // außer <Tage>, ein Zeitraum begrenzt die Serie; `zweimal pro Woche`, `halbmonatlich` werden gefragt.
  [
    'jeden ersten Montag im Monat',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden zweiten und vierten Dienstag im Monat',
    { w: '12-08/12-09', r: 'FREQ=MONTHLY;BYDAY=2TU,4TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden dritten Mittwoch',
    { w: '12-16/12-17', r: 'FREQ=MONTHLY;BYDAY=3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'am vorletzten Freitag im Monat',
    { w: '12-18/12-19', r: 'FREQ=MONTHLY;BYDAY=-2FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['vierteljährlich', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['jedes Quartal', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['alle drei Monate', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['halbjährlich', { r: 'FREQ=MONTHLY;INTERVAL=6;UNTIL=2027-06-25 (default end)' }],
  ['jährlich', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['jedes Jahr', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['zweimonatlich', { r: 'FREQ=MONTHLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['alle acht Tage', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['alle 3 Tage', { r: 'FREQ=DAILY;INTERVAL=3;UNTIL=2027-02-25 (default end)' }],
  ['jeden zweiten Tag', { r: 'FREQ=DAILY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden Tag außer Freitag',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,SA,SU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'täglich außer am Wochenende',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden Werktag außer Mittwoch',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'an Werktagen',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'montags und donnerstags',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'montags, mittwochs und freitags',
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['zweimal pro Woche', { q: ['ambiguous_recurrence'] }],
  [
    'zweimal pro Woche, montags und donnerstags',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['zweimal im Monat', { q: ['ambiguous_recurrence'] }],
  ['halbmonatlich', { q: ['ambiguous_recurrence'] }],
  ['jeden Dienstag im Januar', { w: '2027-01-05/2027-01-06', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31' }],
  ['jeden Dienstag nächsten Monat', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2026-12-31' }],
  ['jeden Morgen', { t: '09:00-12:00', r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['jeden Dienstag 8-mal', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8' }],
  ['jeden Dienstag achtmal', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8' }],
  ['jeden Dienstag bis 15. März', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-15' }],
  ['jeden Dienstag bis zum 15. März', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-15' }],
  ['jeden Dienstag bis Ende Q1', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-31' }],
  // Aus einer Serie ausgenommen, aber nur für ein Datum gültig (eine Uhrzeit, ein Datum): ungelesen gelassen.
  [
    'jeden Tag außer Freitag nachmittags',
    {
      ex: ['11-27 13:00/11-27 17:00'],
      u: ['außer', 'Freitag'],
      r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)',
    },
  ],
]);

add('reject', [
  ['gestern', { err: 'window_in_past' }],
  ['letzten Freitag', { err: 'window_in_past' }],
  ['nach 17 Uhr vor 15 Uhr', { err: 'contradictory_window' }],
  ['zwischen 16 und 14 Uhr', { err: 'contradictory_window' }],
  ['für 2 Stunden', { err: 'invalid_duration' }],
  ['um 3', { u: ['3'] }],
  ['um 25 Uhr', { u: ['25', 'Uhr'] }],
  ['zwischen dem 3. und 5. März', { err: 'window_too_far' }],
  ['wenn Bob zurück ist', { u: ['wenn', 'Bob', 'zurück', 'ist'] }],
  ['Freitag 15 Uhr XYZ', { w: '11-27/11-28', t: '15:00-15:30', u: ['XYZ'] }],
]);

// A held-out batch, written after the parser work above: 28 of 33 read right when measured (two of my expectations were corrected, not the parser); then `kein Termin am` was read.
add('relative', [
  ['im Laufe der Woche', { w: THIS_WEEK }],
  ['in drei Wochen', { w: '12-14/12-21' }],
  ['in 45 Minuten', { w: TODAY, t: '10:45-11:15' }],
  ['irgendwann nächste Woche', { w: NEXT_WEEK }],
  ['in ein paar Tagen', { u: ['paar', 'Tagen'] }],
]);
add('clock', [
  ['um 16:15', { t: '16:15-16:45' }],
  ['gegen halb vier', { t: '15:30-16:00' }],
  ['um 10.30 Uhr', { t: '10:30-11:00' }],
  ['frühestens um 9 Uhr', { t: '09:00-24:00' }],
]);
add('date_time', [
  ['Do um 14:30', { w: '11-26/11-27', t: '14:30-15:00' }],
  ['morgen gegen 15 Uhr', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['übermorgen Vormittag', { w: '11-27/11-28', t: '09:00-12:00' }],
  ['Donnerstag, den 26. um 14 Uhr', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['am Freitag um 10 Uhr', { w: '11-27/11-28', t: '10:00-10:30' }],
]);
add('range', [
  ['von Mittwoch bis Freitag nächste Woche', { w: '12-02/12-05' }],
  ['bis spätestens Freitag', { w: '11-25 10:00/11-28' }],
  ['vom 30. November bis 2. Dezember', { w: '11-30/12-03' }],
]);
add('month', [
  ['in der zweiten Dezemberhälfte', { w: '12-16/2027-01-01' }],
  ['Anfang nächsten Jahres', { w: '2027-01-01/2027-01-11' }],
  ['die erste Dezemberwoche', { w: '11-30/12-07' }],
]);
add('part_of_day', [
  ['nächsten Montag am Vormittag', { w: '11-30/12-01', t: '09:00-12:00' }],
  ['Mittwochnachmittag', { w: '12-02/12-03', t: '13:00-17:00' }],
  ['morgen zur Mittagszeit', { w: '11-26/11-27', t: '12:00-14:00' }],
]);
add('abbreviation', [
  ['30 Min. Do nachmittags', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['2 Std. Fr', { d: 120, w: '11-27/11-28' }],
  ['90 Min', { d: 90 }],
]);
add('zone', [
  ['Dienstag 14 Uhr Wiener Zeit', { w: '12-01/12-02', t: '14:00-14:30', z: 'Europe/Vienna' }],
  ['um 9 Uhr PST', { w: '11-25 01:00/12-02 01:00', t: '09:00-09:30', z: 'America/Los_Angeles' }],
]);
add('alternative', [
  // A bare weekday is the next such day after today (Wednesday): Thursday 26th or Wednesday 2nd.
  ['Mittwoch oder Donnerstag nachmittags', { w: '11-26/12-03', t: '13:00-17:00', ex: ['11-27/12-02'] }],
  ['um 11 oder um 15 Uhr', { t: '11:00-11:30 | 15:00-15:30' }],
]);
add('exclusion', [
  ['am Wochenende nicht', { ex: ['11-28/11-30'] }],
  ['nächste Woche, nur nicht Freitag', { w: NEXT_WEEK, ex: ['12-04/12-05'] }],
  ['kein Termin am Montag', { ex: ['11-30/12-01'] }],
]);

// A second held-out batch: 11 of 15 read right when measured; then `kommenden`, `Punkt`, `gegen` became filler words and `Mittag` a part of the day.
add('relative', [
  ['heute noch', { w: TODAY }],
  ['kommenden Montag', { w: '11-30/12-01' }],
  ['in den kommenden zwei Wochen', { w: '11-25 10:00/12-09' }],
]);
add('clock', [
  ['Punkt 12 Uhr', { t: '12:00-12:30' }],
  ['um viertel vor elf', { t: '10:45-11:15' }],
  ['zwischen 9 und 10:30 Uhr', { t: '09:00-10:30' }],
]);
add('date_time', [
  ['Freitag gegen 11', { w: '11-27/11-28', t: '11:00-11:30' }],
  ['am Mittwoch, 2.12., um 9 Uhr', { w: '12-02/12-03', t: '09:00-09:30' }],
  ['morgen Mittag', { w: '11-26/11-27', t: '12:00-14:00' }],
]);
add('range', [
  ['ab nächster Woche', { w: '11-30/12-07' }],
  ['Dienstag bis Donnerstag', { w: '12-01/12-04' }],
]);
add('exclusion', [
  ['diese Woche, aber nicht heute', { w: THIS_WEEK, ex: ['11-25 10:00/11-26'] }],
  ['nicht über Mittag', { t: '00:00-12:00 | 14:00-24:00' }],
]);
add('zone', [['17 Uhr MESZ am Freitag', { w: '11-27/11-28', t: '17:00-17:30', z: 'CET' }]]);
add('abbreviation', [['3/4 Stunde', { d: 45 }]]);

/** Misreadings kept on purpose, with the reading the parser gives today (asserted). */
add('recurrence', [
  // Klassen des letzten Stopps (wip/recurclass): gezählte Listen mehrerer Wochentage, `monatlich am ersten
  // Montag`, ein Tag mit einer Serie ohne Wochentag (ihr erster Termin, nicht ihr Ende), `wochentags`, `14-tägig`,
  // `immer am Montag`, ein Serienwort einer anderen Sprache; und Nachbarn, die KEINE Serie sind.
  ['am Montag um 10 Uhr', { w: '11-30/12-01', t: '10:00-10:30' }],
  [
    'jeden ersten Montag und Mittwoch im Monat',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'am ersten Montag und ersten Mittwoch im Monat',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden ersten Montag und Mittwoch',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'monatlich am ersten Montag',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden Monat am letzten Freitag',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['Dienstag jede Woche', { w: '12-01/12-02', r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['jeden Monat am 15.', { w: '12-15/12-16', r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['wochentags', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden Wochentag',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['14-tägig', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['immer am Montag', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' }],
  ['immer montags', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' }],
  ['montags/mittwochs', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=2027-02-25 (default end)' }],
  ['weekly', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['hebdomadaire', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  [
    'jeden Montag außer am 28. Dezember',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  [
    'jeden Montag außer 28.12.',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  [
    'jeden Montag außer am 28.12. und 4.1.',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28,2027-01-04 (default end)' },
  ],
  [
    'jeden Montag um 10 Uhr außer am 28. Dezember, 8 Wochen lang',
    { w: '11-30/12-01', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-01-24;EXCEPT=12-28' },
  ],
  [
    'jeden Montag, kein Termin am 28. Dezember',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  [
    'jeden Dienstag im Januar außer am 5. Januar',
    { w: '2027-01-12/2027-01-13', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31;EXCEPT=2027-01-05' },
  ],
  [
    'wöchentliches Meeting donnerstags',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden Dienstag außer an Feiertagen',
    {
      w: '12-01/12-02',
      u: ['außer', 'Feiertagen'],
      r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)',
    },
  ],
  ['einmal im Monat am Donnerstag', { q: ['ambiguous_recurrence'] }],
  ['monatlich donnerstags', { q: ['ambiguous_recurrence'] }],
  [
    'montags bis donnerstags',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jede Woche von Montag bis Donnerstag',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['am Montag und Mittwoch um 9 Uhr', { w: '11-30/12-03', t: '09:00-09:30' }],
  ['14-täglich', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['monatliches Meeting', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
]);

// wip/parser: ein Rang je Wochentag in einer monatlichen Serie (1MO, 3WE), eine Dauer mit `lang`/`für`, und
// Feiertage mit festem Datum, aus einer Serie oder einem Zeitraum ausgenommen (bewegliche bleiben ungelesen).
add('recurrence', [
  [
    'jeden ersten Montag und dritten Mittwoch',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'am ersten Montag und am dritten Mittwoch im Monat',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden 1. Montag und 3. Mittwoch',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden ersten Montag und dritten Mittwoch des Monats',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'am zweiten Dienstag und letzten Donnerstag jedes Monats',
    { w: '11-26/11-27', r: 'FREQ=MONTHLY;BYDAY=2TU,-1TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden Freitag außer Weihnachten',
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' },
  ],
  [
    'jeden Freitag außer Neujahr',
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25;EXCEPT=2027-01-01 (default end)' },
  ],
  [
    'jeden Tag außer Heiligabend und Silvester',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-24,12-31 (default end)' },
  ],
  [
    'jeden Donnerstag außer an Heiligabend',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25;EXCEPT=12-24 (default end)' },
  ],
  [
    'täglich außer Weihnachten und Neujahr',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25,2027-01-01 (default end)' },
  ],
  [
    'jeden Tag außer am zweiten Weihnachtstag',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-26 (default end)' },
  ],
  [
    'jeden Monat am ersten Montag und dritten Mittwoch',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'monatlich am ersten Montag und am dritten Mittwoch',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'jeden ersten Montag und jeden dritten Mittwoch',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'am ersten Montag und dritten Mittwoch jeden Monat',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  ['jeden Tag außer zu Silvester', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-31 (default end)' }],
  ['jeden Tag nicht an Heiligabend', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-24 (default end)' }],
  ['jeden Tag ausgenommen Weihnachten', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  ['jeden Tag ohne Weihnachten', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  [
    'jeden Tag außer am 24.12. und an Silvester',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-24,12-31 (default end)' },
  ],
  ['jeden Tag außer Ostern', { u: ['außer', 'Ostern'], r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
]);
add('exclusion', [
  ['im Dezember außer Weihnachten', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['im Dezember außer an Heiligabend', { w: '12-01/2027-01-01', ex: ['12-24/12-25'] }],
  ['im Dezember außer Silvester', { w: '12-01/2027-01-01', ex: ['12-31/2027-01-01'] }],
  ['nächsten Monat außer am zweiten Weihnachtstag', { w: '12-01/2027-01-01', ex: ['12-26/12-27'] }],
  ['im Dezember nicht an Heiligabend', { w: '12-01/2027-01-01', ex: ['12-24/12-25'] }],
  ['im Dezember ohne Weihnachten', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['im Dezember außer Ostern', { w: '12-01/2027-01-01', u: ['außer', 'Ostern'] }],
]);
add('abbreviation', [
  ['für etwa eine Stunde', { d: 60 }],
  ['ca. eine Stunde lang', { d: 60 }],
  ['mit einer Dauer von einer Stunde', { d: 60 }],
  ['Dauer: 1 Stunde', { d: 60 }],
  ['anderthalb Stunden lang', { d: 90 }],
  ['1 Std. lang', { d: 60 }],
  ['eine Stunde lang', { d: 60 }],
  ['für eine Stunde', { d: 60 }],
  ['45 Minuten lang', { d: 45 }],
  ['für 90 Minuten', { d: 90 }],
  ['eine halbe Stunde lang', {}],
  ['morgen eine Stunde lang', { w: '11-26/11-27', d: 60 }],
  ['zwei Stunden lang am Freitag', { w: '11-27/11-28', d: 120 }],
  [
    'jeden Dienstag eine Stunde lang für 6 Wochen',
    { w: '12-01/12-02', d: 60, r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11' },
  ],
]);

const KNOWN: Readonly<Record<string, NonNullable<PhraseRow['known']>>> = {
  'in der zweiten Dezemberhälfte': {
    reason:
      'die Zusammensetzung „Dezemberhälfte“ wird nicht gelesen: die Wörter werden gemeldet statt geraten',
    got: { u: ['zweiten', 'Dezemberhälfte'] },
  },
  'Anfang nächsten Jahres': {
    reason: '„nächstes Jahr“ wird nicht gelesen (wie im Französischen): die Wörter werden gemeldet',
    got: { u: ['Anfang', 'nächsten', 'Jahres'] },
  },
  'die erste Dezemberwoche': {
    reason: '„Dezemberwoche“ (eine Woche eines Monats) wird nicht gelesen: die Wörter werden gemeldet',
    got: { u: ['erste', 'Dezemberwoche'] },
  },
  'am Wochenende nicht': {
    reason:
      'ein nachgestelltes „nicht“ schließt nicht aus: das Wochenende wird zum Zeitraum, „nicht“ wird gemeldet',
    got: { w: '11-28/11-30', u: ['nicht'] },
  },
};

export const german: PhraseRow[] = rows.map(([phrase, cls, expect]) =>
  KNOWN[phrase] ? { phrase, cls, expect, known: KNOWN[phrase] } : { phrase, cls, expect },
);
