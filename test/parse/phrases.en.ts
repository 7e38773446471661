/**
 * English rows of the phrase table (see phrases.ts). Now: Wednesday 25 Nov 2026 10:00, Europe/Paris.
 * Days: Thu 26, Fri 27, Sat 28, Sun 29, Mon 30 Nov; Tue 1, Wed 2, Thu 3, Fri 4, Mon 7 … Dec.
 */
import type { PhraseClass, PhraseRow, Reading } from './phrases.ts';

const TODAY = '11-25 10:00/11-26';
const THIS_WEEK = '11-25 10:00/11-30';
const NEXT_WEEK = '11-30/12-07';
const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const NY_DEFAULT = '11-25 04:00/12-02 04:00';
const LA_DEFAULT = '11-25 01:00/12-02 01:00';
const UTC_DEFAULT = '11-25 09:00/12-02 09:00';

const rows: [string, PhraseClass, Reading][] = [];
const add = (cls: PhraseClass, list: [string, Reading][]) => {
  for (const [phrase, expect] of list) rows.push([phrase, cls, expect]);
};

add('relative', [
  ['tomorrow', { w: '11-26/11-27' }],
  ['today', { w: TODAY }],
  ['later today', { w: TODAY }],
  ['sometime tomorrow', { w: '11-26/11-27' }],
  ['the day after tomorrow', { w: '11-27/11-28' }],
  ['day after tomorrow', { w: '11-27/11-28' }],
  ['in two days', { w: '11-27/11-28' }],
  ['in 3 days', { w: '11-28/11-29' }],
  ['2 days from now', { w: '11-27/11-28' }],
  ['three days from now', { w: '11-28/11-29' }],
  ['a week from today', { w: '12-02/12-03' }],
  ['in one hour', { w: TODAY, t: '11:00-11:30' }],
  ['in an hour', { w: TODAY, t: '11:00-11:30' }],
  ['in 2 hours', { w: TODAY, t: '12:00-12:30' }],
  ['in two hours', { w: TODAY, t: '12:00-12:30' }],
  ['in 30 minutes', { w: TODAY, t: '10:30-11:00' }],
  ['in half an hour', { w: TODAY, t: '10:30-11:00' }],
  ['next 3 days', { w: '11-25 10:00/11-29' }],
  ['the next 3 days', { w: '11-25 10:00/11-29' }],
  ['over the next two days', { w: '11-25 10:00/11-28' }],
  ['next 3 weeks', { w: '11-25 10:00/12-16' }],
  ['the next two weeks', { w: '11-25 10:00/12-09' }],
  ['over the next 2 weeks', { w: '11-25 10:00/12-09' }],
  ['in a week', { w: NEXT_WEEK }],
  ['in two weeks', { w: '12-07/12-14' }],
  ["in 2 weeks' time", { w: '12-07/12-14' }],
  ['this week', { w: THIS_WEEK }],
  ['later this week', { w: THIS_WEEK }],
  ['next week', { w: NEXT_WEEK }],
  ['the week after next', { w: '12-07/12-14' }],
  ['monday', { w: '11-30/12-01' }],
  ['on tuesday', { w: '12-01/12-02' }],
  ['thursday', { w: '11-26/11-27' }],
  ['this friday', { w: '11-27/11-28' }],
  ['next monday', { w: '11-30/12-01' }],
  ['this coming monday', { w: '11-30/12-01' }],
  ['tuesday next week', { w: '12-01/12-02' }],
  ['friday next week', { w: '12-04/12-05' }],
  ['next week tuesday', { w: '12-01/12-02' }],
]);

add('clock', [
  ['at 3pm', { t: '15:00-15:30' }],
  ['3pm', { t: '15:00-15:30' }],
  ['at 3 pm', { t: '15:00-15:30' }],
  ['at 15:00', { t: '15:00-15:30' }],
  ['at 15h', { t: '15:00-15:30' }],
  ['at 17h30', { t: '17:30-18:00' }],
  ['at 9:30am', { t: '09:30-10:00' }],
  ['at 10', { t: '10:00-10:30' }],
  ['at 11 am', { t: '11:00-11:30' }],
  ['at 8am', { t: '08:00-08:30' }],
  ['at 2:30 pm', { t: '14:30-15:00' }],
  ['at 14:30', { t: '14:30-15:00' }],
  ['at 6:45pm', { t: '18:45-19:15' }],
  ['at 12pm', { t: '12:00-12:30' }],
  ['at 12:30', { t: '12:30-13:00' }],
  ['at noon', { t: '12:00-12:30' }],
  ['at midday', { t: '12:00-12:30' }],
  ['around 4pm', { t: '16:00-16:30' }],
  ["at 3 o'clock", { t: '15:00-15:30' }],
  ["3 o'clock in the afternoon", { t: '15:00-15:30' }],
  ['at half past two', { t: '14:30-15:00' }],
  ['at a quarter to noon', { t: '11:45-12:15' }],
  ['quarter past 10', { t: '10:15-10:45' }],
  ['at eleven', { t: '11:00-11:30' }],
  ['at ten thirty', { t: '10:30-11:00' }],
  ['after 3pm', { t: '15:00-24:00' }],
  ['before 11am', { t: '00:00-11:00' }],
  ['by 5pm', { t: '00:00-17:00' }],
  ['no later than 4pm', { t: '00:00-16:00' }],
  ['not before 10am', { t: '10:00-24:00' }],
  ['between 2 and 4pm', { t: '14:00-16:00' }],
  ['between 2pm and 4pm', { t: '14:00-16:00' }],
  ['from 9 to 11am', { t: '09:00-11:00' }],
  ['2-4pm', { t: '14:00-16:00' }],
  ['after 14:00', { t: '14:00-24:00' }],
]);

add('date_time', [
  ['tomorrow at 3pm', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['tomorrow 10am', { w: '11-26/11-27', t: '10:00-10:30' }],
  ['tomorrow at 11', { w: '11-26/11-27', t: '11:00-11:30' }],
  ['tomorrow at 15h', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['thursday at 2pm', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['thursday 8:00', { w: '11-26/11-27', t: '08:00-08:30' }],
  ['friday 9:30', { w: '11-27/11-28', t: '09:30-10:00' }],
  ['monday at noon', { w: '11-30/12-01', t: '12:00-12:30' }],
  ['today at 4pm', { w: TODAY, t: '16:00-16:30' }],
  ['this afternoon at 3:20', { w: TODAY, t: '15:20-15:50' }],
  ['this afternoon at 3', { w: TODAY, t: '15:00-15:30' }],
  ['tonight at 7pm', { w: TODAY, t: '19:00-19:30' }],
  ['tomorrow morning at 9', { w: '11-26/11-27', t: '09:00-09:30' }],
  ['on the 3rd at 2pm', { w: '12-03/12-04', t: '14:00-14:30' }],
  ['the 16th at 6pm', { w: '12-16/12-17', t: '18:00-18:30' }],
  ['on December 3 at 10am', { w: '12-03/12-04', t: '10:00-10:30' }],
  ['Dec 3 at 10am', { w: '12-03/12-04', t: '10:00-10:30' }],
  ['3 Dec 14:00', { w: '12-03/12-04', t: '14:00-14:30' }],
  ['december 10th at 4pm', { w: '12-10/12-11', t: '16:00-16:30' }],
  ['dec 1st at 9am', { w: '12-01/12-02', t: '09:00-09:30' }],
  ['tuesday 1 december at 3pm', { w: '12-01/12-02', t: '15:00-15:30' }],
  ['tomorrow after 2pm', { w: '11-26/11-27', t: '14:00-24:00' }],
  ['friday before noon', { w: '11-27/11-28', t: '00:00-12:00' }],
  ['monday between 10 and 12', { w: '11-30/12-01', t: '10:00-12:00' }],
  ['wednesday 2-3pm', { w: '12-02/12-03', t: '14:00-15:00' }],
  ['tomorrow from 9 to 11am', { w: '11-26/11-27', t: '09:00-11:00' }],
  ['3pm tomorrow', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['noon on friday', { w: '11-27/11-28', t: '12:00-12:30' }],
  ['next tuesday at 10am', { w: '12-01/12-02', t: '10:00-10:30' }],
  ['thursday at half past two', { w: '11-26/11-27', t: '14:30-15:00' }],
]);

add('range', [
  ['from monday to wednesday', { w: '11-30/12-03' }],
  ['monday to wednesday', { w: '11-30/12-03' }],
  ['mon-wed', { w: '11-30/12-03' }],
  ['between tuesday and thursday', { w: '12-01/12-04' }],
  ['thursday through monday', { w: '11-26/12-01' }],
  ['from the 7th to the 11th', { w: '12-07/12-12' }],
  ['dec 7-11', { w: '12-07/12-12' }],
  ['december 7 to 11', { w: '12-07/12-12' }],
  ['between dec 7 and dec 11', { w: '12-07/12-12' }],
  ['from the 14th to the 18th of december', { w: '12-14/12-19' }],
  ['december 14th-18th', { w: '12-14/12-19' }],
  ['between the 1st and the 4th', { w: '12-01/12-05' }],
  ['until friday', { w: '11-25 10:00/11-28' }],
  ['by thursday', { w: '11-25 10:00/11-27' }],
  ['before friday', { w: '11-25 10:00/11-27' }],
  ['after tuesday', { w: '12-02/12-09' }],
  ['from thursday', { w: '11-26/12-03' }],
  ['starting monday', { w: '11-30/12-07' }],
  ['sometime between now and friday', { w: '11-25 10:00/11-28' }],
  ['tomorrow until friday', { w: '11-26/11-28' }],
  ['today through friday', { w: '11-25 10:00/11-28' }],
  ['any day before the 10th', { w: '11-25 10:00/12-10' }],
  ['no later than dec 4', { w: '11-25 10:00/12-05' }],
  ['next week monday to wednesday', { w: '11-30/12-03' }],
  ['from dec 1 to dec 3', { w: '12-01/12-04' }],
  ['dec 1 - dec 3', { w: '12-01/12-04' }],
  ['1-3 december', { w: '12-01/12-04' }],
  ['between monday and friday next week', { w: '11-30/12-05' }],
]);

add('month', [
  ['in december', { w: '12-01/2027-01-01' }],
  ['in January', { w: '2027-01-01/2027-02-01' }],
  ['early december', { w: '12-01/12-11' }],
  ['beginning of december', { w: '12-01/12-11' }],
  ['mid december', { w: '12-11/12-21' }],
  ['mid-december', { w: '12-11/12-21' }],
  ['late december', { w: '12-21/2027-01-01' }],
  ['end of december', { w: '12-21/2027-01-01' }],
  ['early january', { w: '2027-01-01/2027-01-11' }],
  ['mid-january', { w: '2027-01-11/2027-01-21' }],
  ['end of the month', { w: '11-25 10:00/12-01' }],
  ['end of this month', { w: '11-25 10:00/12-01' }],
  ['this month', { w: '11-25 10:00/12-01' }],
  ['next month', { w: '12-01/2027-01-01' }],
  ['early next month', { w: '12-01/12-11' }],
  ['mid next month', { w: '12-11/12-21' }],
  ['end of next month', { w: '12-21/2027-01-01' }],
  ['end of the week', { w: '11-26/11-28' }],
  ['end of this week', { w: '11-26/11-28' }],
  ['early next week', { w: '11-30/12-02' }],
  ['beginning of next week', { w: '11-30/12-02' }],
  ['mid next week', { w: '12-02/12-04' }],
  ['middle of next week', { w: '12-02/12-04' }],
  ['end of next week', { w: '12-03/12-05' }],
  ['late next week', { w: '12-03/12-05' }],
  ['the week of december 7', { w: '12-07/12-14' }],
  ['week of the 14th', { w: '12-14/12-21' }],
  ['this weekend', { w: '11-28/11-30' }],
  ['next weekend', { w: '12-05/12-07' }],
]);

add('part_of_day', [
  ['tomorrow morning', { w: '11-26/11-27', t: '09:00-12:00' }],
  ['this afternoon', { w: TODAY, t: '13:00-17:00' }],
  ['this morning', { w: TODAY, t: '09:00-12:00' }],
  ['tonight', { w: TODAY, t: '17:00-20:00' }],
  ['this evening', { w: TODAY, t: '17:00-20:00' }],
  ['tomorrow evening', { w: '11-26/11-27', t: '17:00-20:00' }],
  ['monday morning', { w: '11-30/12-01', t: '09:00-12:00' }],
  ['friday afternoon', { w: '11-27/11-28', t: '13:00-17:00' }],
  ['thursday evening', { w: '11-26/11-27', t: '17:00-20:00' }],
  ['wednesday morning', { w: '12-02/12-03', t: '09:00-12:00' }],
  ['mornings', { t: '09:00-12:00' }],
  ['in the morning', { t: '09:00-12:00' }],
  ['afternoons next week', { w: NEXT_WEEK, t: '13:00-17:00' }],
  ['next week mornings only', { w: NEXT_WEEK, t: '09:00-12:00' }],
  ['early morning', { t: '08:00-10:00' }],
  ['late afternoon', { t: '15:00-17:00' }],
  ['late morning', { t: '10:00-12:00' }],
  ['at lunch', { t: '12:00-14:00' }],
  ['lunchtime tomorrow', { w: '11-26/11-27', t: '12:00-14:00' }],
  ['end of day', { t: '16:00-18:00' }],
  ['tomorrow end of day', { w: '11-26/11-27', t: '16:00-18:00' }],
  ['tomorrow midday', { w: '11-26/11-27', t: '12:00-12:30' }],
  ['first thing tomorrow', { w: '11-26/11-27', t: '08:00-10:00' }],
  ['in the afternoon on thursday', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['any afternoon this week', { w: THIS_WEEK, t: '13:00-17:00' }],
  ['tomorrow am', { w: '11-26/11-27', t: '09:00-12:00' }],
  ['tomorrow pm', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['thursday late afternoon', { w: '11-26/11-27', t: '15:00-17:00' }],
]);

add('abbreviation', [
  ['thu', { w: '11-26/11-27' }],
  ['thurs', { w: '11-26/11-27' }],
  ['fri', { w: '11-27/11-28' }],
  ['mon', { w: '11-30/12-01' }],
  ['tue', { w: '12-01/12-02' }],
  ['tues', { w: '12-01/12-02' }],
  ['wed', { w: '12-02/12-03' }],
  ['fri 3pm', { w: '11-27/11-28', t: '15:00-15:30' }],
  ['thu at 10am', { w: '11-26/11-27', t: '10:00-10:30' }],
  ['tmrw', { w: '11-26/11-27' }],
  ['tmrw 10am', { w: '11-26/11-27', t: '10:00-10:30' }],
  ['tmrw afternoon', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['next wk', { w: NEXT_WEEK }],
  ['dec 3', { w: '12-03/12-04' }],
  ['nov 30', { w: '11-30/12-01' }],
  ['1/2 hour tomorrow', { w: '11-26/11-27' }],
  ['1/2 hour', {}],
  ['1 hour thirty', { d: 90 }],
  ['an hour and a half', { d: 90 }],
  ['1.5 hours', { d: 90 }],
  ['1h30', { d: 90 }],
  ['1 1/2 hours', { d: 90 }],
  ['one and a half hours', { d: 90 }],
  ['90 mins', { d: 90 }],
  ['45 mins', { d: 45 }],
  ['2 hrs', { d: 120 }],
  ['1 hr', { d: 60 }],
  ['3/4 hour', { d: 45 }],
  ['quarter of an hour', { d: 15 }],
  ['15 min', { d: 15 }],
  ['25min', { d: 25 }],
  ['twenty minutes', { d: 20 }],
  ['an hour tomorrow', { d: 60, w: '11-26/11-27' }],
  ['half hour friday', { w: '11-27/11-28' }],
  ['1h fri', { d: 60, w: '11-27/11-28' }],
]);

add('zone', [
  ['thursday 8:00 GMT', { w: '11-26/11-27', t: '08:00-08:30', z: 'UTC' }],
  ['3pm UTC', { w: UTC_DEFAULT, t: '15:00-15:30', z: 'UTC' }],
  ['14:00 UTC tomorrow', { w: '11-26/11-27', t: '14:00-14:30', z: 'UTC' }],
  ['tomorrow 3pm CET', { w: '11-26/11-27', t: '15:00-15:30', z: 'CET' }],
  ['tomorrow 10:00 CEST', { w: '11-26/11-27', t: '10:00-10:30', z: 'CET' }],
  ['9am PT', { w: LA_DEFAULT, t: '09:00-09:30', z: LA }],
  ['9am PST', { w: LA_DEFAULT, t: '09:00-09:30', z: LA }],
  ['10am PDT', { w: LA_DEFAULT, t: '10:00-10:30', z: LA }],
  ['10am ET', { w: NY_DEFAULT, t: '10:00-10:30', z: NY }],
  ['10am EST', { w: NY_DEFAULT, t: '10:00-10:30', z: NY }],
  ['noon EDT', { w: NY_DEFAULT, t: '12:00-12:30', z: NY }],
  ['friday 2pm eastern', { w: '11-27/11-28', t: '14:00-14:30', z: NY }],
  ['friday 10am pacific time', { w: '11-27/11-28', t: '10:00-10:30', z: LA }],
  ['tomorrow 9am CT', { w: '11-26/11-27', t: '09:00-09:30', z: 'America/Chicago' }],
  ['9am MT', { w: '11-25 02:00/12-02 02:00', t: '09:00-09:30', z: 'America/Denver' }],
  ['5pm JST', { w: '11-25 18:00/12-02 18:00', t: '17:00-17:30', z: 'Asia/Tokyo' }],
  ['10am London time', { w: UTC_DEFAULT, t: '10:00-10:30', z: 'Europe/London' }],
  ['9am New York time', { w: NY_DEFAULT, t: '09:00-09:30', z: NY }],
  ['4pm Paris time', { t: '16:00-16:30', z: 'Europe/Paris' }],
  ['monday 4pm paris time', { w: '11-30/12-01', t: '16:00-16:30', z: 'Europe/Paris' }],
  ['11am Europe/Berlin', { t: '11:00-11:30', z: 'Europe/Berlin' }],
  ['10am America/Chicago', { w: '11-25 03:00/12-02 03:00', t: '10:00-10:30', z: 'America/Chicago' }],
  ['9am Asia/Tokyo', { w: '11-25 18:00/12-02 18:00', t: '09:00-09:30', z: 'Asia/Tokyo' }],
  ['between 9 and 11am ET', { w: NY_DEFAULT, t: '09:00-11:00', z: NY }],
  ['next week mornings ET', { w: NEXT_WEEK, t: '09:00-12:00', z: NY }],
  ['8:00 GMT+1', { t: '08:00-08:30', z: 'UTC+1' }],
  ['10am UTC+2', { w: '11-25 11:00/12-02 11:00', t: '10:00-10:30', z: 'UTC+2' }],
  ['3pm IST', { t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['friday at 3pm CST', { w: '11-27/11-28', t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['9am BST', { t: '09:00-09:30', q: ['ambiguous_zone'] }],
  ['9am my time', { t: '09:00-09:30' }],
]);

add('alternative', [
  ['10am or 2pm', { t: '10:00-10:30 | 14:00-14:30' }],
  ['9am or 4pm tomorrow', { w: '11-26/11-27', t: '09:00-09:30 | 16:00-16:30' }],
  ['2pm or 4pm on monday', { w: '11-30/12-01', t: '14:00-14:30 | 16:00-16:30' }],
  ['10 or 11am', { t: '10:00-10:30 | 11:00-11:30' }],
  ['morning or late afternoon', { t: '09:00-12:00 | 15:00-17:00' }],
  ['tuesday or thursday', { w: '11-26/12-02', ex: ['11-27/12-01'] }],
  ['thursday or friday', { w: '11-26/11-28' }],
  ['thu or fri', { w: '11-26/11-28' }],
  ['monday or wednesday', { w: '11-30/12-03', ex: ['12-01/12-02'] }],
  ['tomorrow or friday', { w: '11-26/11-28' }],
  ['tomorrow or monday', { w: '11-26/12-01', ex: ['11-27/11-30'] }],
  ['friday or next monday', { w: '11-27/12-01', ex: ['11-28/11-30'] }],
  ['either monday or tuesday', { w: '11-30/12-02' }],
  ['the 7th or the 9th', { w: '12-07/12-10', ex: ['12-08/12-09'] }],
  ['dec 3 or dec 10', { w: '12-03/12-11', ex: ['12-04/12-10'] }],
  ['monday, wednesday or friday', { w: '11-27/12-03', ex: ['11-28/11-30', '12-01/12-02'] }],
  ['tuesday or wednesday afternoon', { w: '12-01/12-03', t: '13:00-17:00' }],
  ['this week or next', { w: '11-25 10:00/12-07' }],
  ['tomorrow or the day after', { w: '11-26/11-28' }],
  ['monday or tuesday next week', { w: '11-30/12-02' }],
  ['at 11am or 3pm', { t: '11:00-11:30 | 15:00-15:30' }],
  ['thursday at 10 or 11am', { w: '11-26/11-27', t: '10:00-10:30 | 11:00-11:30' }],
  ['monday or thursday next week', { w: '11-30/12-04', ex: ['12-01/12-03'] }],
  ['9am or noon', { t: '09:00-09:30 | 12:00-12:30' }],
  ['dec 1 or 2', { w: '12-01/12-03' }],
  [
    'friday morning or monday afternoon',
    { w: '11-27/12-01', ex: ['11-28/11-30'], t: '09:00-12:00 | 13:00-17:00' },
  ],
  ['tue or thu', { w: '11-26/12-02', ex: ['11-27/12-01'] }],
  ['8am or 6pm', { t: '08:00-08:30 | 18:00-18:30' }],
]);

add('exclusion', [
  ['this week not friday', { w: THIS_WEEK, ex: ['11-27/11-28'] }],
  ['this week but not friday', { w: THIS_WEEK, ex: ['11-27/11-28'] }],
  ['next week except monday', { w: NEXT_WEEK, ex: ['11-30/12-01'] }],
  ['next week but not wednesday', { w: NEXT_WEEK, ex: ['12-02/12-03'] }],
  ['next week excluding friday', { w: NEXT_WEEK, ex: ['12-04/12-05'] }],
  ['next week, not on thursday', { w: NEXT_WEEK, ex: ['12-03/12-04'] }],
  ['next week except the 2nd', { w: NEXT_WEEK, ex: ['12-02/12-03'] }],
  ['next week except wednesday and friday', { w: NEXT_WEEK, ex: ['12-02/12-03', '12-04/12-05'] }],
  ['not monday', { ex: ['11-30/12-01'] }],
  ['any day except tuesday', { ex: ['12-01/12-02'] }],
  ['not tomorrow', { ex: ['11-26/11-27'] }],
  ['anytime but friday', { ex: ['11-27/11-28'] }],
  ['this week but not tomorrow', { w: THIS_WEEK, ex: ['11-26/11-27'] }],
  ['except friday afternoon', { ex: ['11-27 13:00/11-27 17:00'] }],
  ['next week except tuesday morning', { w: NEXT_WEEK, ex: ['12-01 09:00/12-01 12:00'] }],
  ['the next two weeks except monday', { w: '11-25 10:00/12-09', ex: ['11-30/12-01', '12-07/12-08'] }],
  ['mornings except monday', { t: '09:00-12:00', ex: ['11-30/12-01'] }],
  ['not in the morning', { t: '00:00-09:00 | 12:00-24:00' }],
  ['except mornings', { t: '00:00-09:00 | 12:00-24:00' }],
  ['no mornings', { t: '00:00-09:00 | 12:00-24:00' }],
  ['not at lunch', { t: '00:00-12:00 | 14:00-24:00' }],
  ['next week afternoons, not friday', { w: NEXT_WEEK, t: '13:00-17:00', ex: ['12-04/12-05'] }],
  ['not thursday', { ex: ['11-26/11-27'] }],
  ['except thu', { ex: ['11-26/11-27'] }],
  ['december except the 8th', { w: '12-01/2027-01-01', ex: ['12-08/12-09'] }],
  ['not on the weekend', { ex: ['11-28/11-30'] }],
  ['this week, except today', { w: THIS_WEEK, ex: ['11-25 10:00/11-26'] }],
  ['next week but not monday or tuesday', { w: NEXT_WEEK, ex: ['11-30/12-01', '12-01/12-02'] }],
]);

// Recurring requests (issue #22): the window is the first occurrence's search window.
add('recurrence', [
  ['every tuesday', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  ['every Tuesday', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  ['each monday', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' }],
  ['on tuesdays', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  ['weekly', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['every week', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['once a week', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['weekly on mondays', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' }],
  ['every other week', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'every other tuesday',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every second thursday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['biweekly', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['bi-weekly', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['fortnightly', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['every fortnight', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['every 2 weeks', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['every two weeks', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['every 3 weeks', { r: 'FREQ=WEEKLY;INTERVAL=3;UNTIL=2027-02-25 (default end)' }],
  [
    'every 2 weeks on Mon and Thu',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every tuesday and thursday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every mon, wed and fri',
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every weekday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['monthly', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['every month', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['every other month', { r: 'FREQ=MONTHLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'monthly on the first Monday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the first monday of every month',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the last friday of the month',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['daily', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['daily standup', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['every day', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['every tuesday for 6 weeks', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11' }],
  ['weekly for 3 months', { r: 'FREQ=WEEKLY;UNTIL=2027-02-24' }],
  ['every other week for 10 weeks', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-02' }],
  ['every tuesday 6 times', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' }],
  ['biweekly for 8 sessions', { r: 'FREQ=WEEKLY;INTERVAL=2;COUNT=8' }],
  ['weekly until March', { r: 'FREQ=WEEKLY;UNTIL=2027-03-31' }],
  ['every monday until the end of january', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-01-31' }],
  [
    'every other tuesday until april',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-04-30' },
  ],
  ['daily for 10 days', { r: 'FREQ=DAILY;UNTIL=2026-12-04' }],
  [
    'every tuesday at 10am',
    { w: '12-01/12-02', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every friday afternoon',
    { w: '11-27/11-28', t: '13:00-17:00', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25 (default end)' },
  ],
  // The class behind the examples of issue #22: ranked weekdays (several ranks, second to last), long
  // periods as month intervals, every N days, except <days>, a window said with the series bounding it,
  // ends on a day or a quarter; `twice a week`, `bimonthly`, `biannual` are asked.
  ['every 3rd wednesday', { w: '12-16/12-17', r: 'FREQ=MONTHLY;BYDAY=3WE;UNTIL=2027-02-25 (default end)' }],
  [
    'every 2nd and 4th tuesday',
    { w: '12-08/12-09', r: 'FREQ=MONTHLY;BYDAY=2TU,4TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every first and third monday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the second Tuesday of each month',
    { w: '12-08/12-09', r: 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the 2nd and 4th thursday of the month',
    { w: '11-26/11-27', r: 'FREQ=MONTHLY;BYDAY=2TH,4TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['every last friday', { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=2027-02-25 (default end)' }],
  [
    'the second to last friday of the month',
    { w: '12-18/12-19', r: 'FREQ=MONTHLY;BYDAY=-2FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['quarterly', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['every quarter', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['every 3 months', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['every six months', { r: 'FREQ=MONTHLY;INTERVAL=6;UNTIL=2027-06-25 (default end)' }],
  ['semiannually', { r: 'FREQ=MONTHLY;INTERVAL=6;UNTIL=2027-06-25 (default end)' }],
  ['yearly', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['annually', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['every year', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['every 3 days', { r: 'FREQ=DAILY;INTERVAL=3;UNTIL=2027-02-25 (default end)' }],
  ['every other day', { r: 'FREQ=DAILY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'every day except friday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,SA,SU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'daily except fridays',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,SA,SU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every day except weekends',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every weekday except wednesday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every monday and thursday except thursday',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' },
  ],
  ['twice a week', { q: ['ambiguous_recurrence'] }],
  ['three times a week', { q: ['ambiguous_recurrence'] }],
  [
    'twice a week on mon and thu',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['twice a month', { q: ['ambiguous_recurrence'] }],
  ['twice a month on tuesdays', { q: ['ambiguous_recurrence'] }],
  ['bimonthly', { q: ['ambiguous_recurrence'] }],
  ['biannual', { q: ['ambiguous_recurrence'] }],
  ['every tuesday next month', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2026-12-31' }],
  ['every tuesday in January', { w: '2027-01-05/2027-01-06', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31' }],
  ['every Monday this month', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2026-11-30' }],
  ['every day next week', { w: '11-30/12-01', r: 'FREQ=DAILY;UNTIL=2026-12-06' }],
  [
    'every other monday starting january 4',
    { w: '2027-01-04/2027-01-05', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every working day',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every business day',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['weekdays', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' }],
  ['on weekdays', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' }],
  [
    'mondays and thursdays',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'Mondays at 10',
    { w: '11-30/12-01', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' },
  ],
  ['every morning', { t: '09:00-12:00', r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['every tuesday for 8 sessions', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8' }],
  ['every tuesday until 15 March', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-15' }],
  ['every tuesday until March 15th', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-15' }],
  ['every tuesday through March', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-31' }],
  ['every tuesday till end of Q1', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-31' }],
  ['weekly until the end of the first quarter', { r: 'FREQ=WEEKLY;UNTIL=2027-03-31' }],
  [
    'every friday at 4pm for a month',
    { w: '11-27/11-28', t: '16:00-16:30', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2026-12-26' },
  ],
  // Left out of a series but holding for one date only (a time that day): left unread, not dropped. A date
  // left out is the series' exception (EXCEPT): no occurrence is searched or booked on it.
  [
    'every day except friday afternoon',
    {
      ex: ['11-27 13:00/11-27 17:00'],
      u: ['except', 'friday'],
      r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)',
    },
  ],
  [
    'every monday except december 28',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  ['weekly except friday', { ex: ['11-27/11-28'], r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  [
    'every day at 10 except friday',
    {
      w: '11-26/11-27',
      t: '10:00-10:30',
      r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,SA,SU;UNTIL=2027-02-25 (default end)',
    },
  ],
  ['weekdays only next week', { w: NEXT_WEEK, ex: ['12-05/12-07'] }],
]);

add('reject', [
  ['yesterday', { err: 'window_in_past' }],
  ['last friday', { err: 'window_in_past' }],
  ['last week', { err: 'window_in_past' }],
  ['after 5pm before 3pm', { err: 'contradictory_window' }],
  ['between 4pm and 2pm', { err: 'contradictory_window' }],
  ['tomorrow between 10 and 10:15', { err: 'contradictory_window' }],
  ['for 2 hours', { err: 'invalid_duration' }],
  ['at 3', { u: ['3'] }],
  ['at 25:00', { u: ['25:00'] }],
  ['on the 32nd', { u: ['32nd'] }],
  ['3pm AEST', { t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['10am CST tomorrow', { w: '11-26/11-27', t: '10:00-10:30', q: ['ambiguous_zone'] }],
  ['tomorrow at 4 IST', { w: '11-26/11-27', u: ['4'], q: ['ambiguous_zone'] }],
  ['whenever bob is back', { u: ['whenever', 'bob', 'is', 'back'] }],
  ['after the offsite', { u: ['after', 'offsite'] }],
  ['sometime soon-ish', { u: ['soon-ish'] }],
  ['yesterday at 3pm', { err: 'window_in_past' }],
  ['this morning before 8am', { err: 'contradictory_window' }],
  ['friday at 3pm XYZ', { w: '11-27/11-28', t: '15:00-15:30', u: ['XYZ'] }],
]);

// Written after the parser changes above, to measure how the work generalises (see the report).
add('relative', [
  ['sometime in the next 2 days', { w: '11-25 10:00/11-28' }],
  ['in 45 minutes', { w: TODAY, t: '10:45-11:15' }],
  ['in a few days', { u: ['few', 'days'] }],
  ['within 3 days', { w: '11-25 10:00/11-29' }],
]);
add('clock', [
  ['at 4:15pm', { t: '16:15-16:45' }],
  ['at 9 in the morning', { t: '09:00-09:30' }],
  ['around 2ish', { u: ['2ish'] }],
  ['at 10.30am', { t: '10:30-11:00' }],
]);
add('date_time', [
  ['thursday @ 2pm', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['fri at 4:30', { w: '11-27/11-28', t: '16:30-17:00' }],
  ['tomorrow 2:30pm-4pm', { w: '11-26/11-27', t: '14:30-16:00' }],
  ['first thing monday', { w: '11-30/12-01', t: '08:00-10:00' }],
]);
add('range', [
  ['wed through fri next week', { w: '12-02/12-05' }],
  ['anytime before the 5th', { w: '11-25 10:00/12-05' }],
  ['from tomorrow through next tuesday', { w: '11-26/12-02' }],
]);
add('month', [
  ['second half of december', { w: '12-16/2027-01-01' }],
  ['early in the new year', { w: '2027-01-01/2027-01-11' }],
  ['towards the end of next week', { w: '12-03/12-05' }],
]);
add('part_of_day', [
  ['mornings next week before 11', { w: NEXT_WEEK, t: '09:00-11:00' }],
  ['after lunch tomorrow', { w: '11-26/11-27', t: '14:00-24:00' }],
  ['over lunch friday', { w: '11-27/11-28', t: '12:00-14:00' }],
]);
add('abbreviation', [
  ['30 mins thu pm', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['1hr tmrw', { d: 60, w: '11-26/11-27' }],
  ['45m wed am', { d: 45, w: '12-02/12-03', t: '09:00-12:00' }],
]);
add('zone', [
  ['10am eastern time tomorrow', { w: '11-26/11-27', t: '10:00-10:30', z: NY }],
  ['2pm UK time', { w: UTC_DEFAULT, t: '14:00-14:30', z: 'Europe/London' }],
  ['9:30 PST thursday', { w: '11-26/11-27', t: '09:30-10:00', z: LA }],
]);
add('alternative', [
  ['mon or tue afternoon', { w: '11-30/12-02', t: '13:00-17:00' }],
  ['11am or 4pm thursday', { w: '11-26/11-27', t: '11:00-11:30 | 16:00-16:30' }],
]);
add('exclusion', [
  ['next week, avoid friday', { w: NEXT_WEEK, ex: ['12-04/12-05'] }],
  ['not before 9 and not after 5', { t: '09:00-17:00' }],
  ['this week except wed', { w: THIS_WEEK, ex: ['11-25 10:00/11-26'] }],
]);

// A second held-out batch, written and measured after all the parser work (not tuned on).
add('relative', [
  ['in the next hour', { w: '11-25 10:00/11-25 11:00' }],
  ['a week today', { w: '12-02/12-03' }],
  ['on the 30th', { w: '11-30/12-01' }],
]);
add('date_time', [
  ['tues 3pm', { w: '12-01/12-02', t: '15:00-15:30' }],
  ['12/3 at 10am', { w: '12-03/12-04', t: '10:00-10:30', q: ['ambiguous_date'] }],
  ['thursday the 26th at 11', { w: '11-26/11-27', t: '11:00-11:30' }],
  ['before lunch tomorrow', { w: '11-26/11-27', t: '00:00-12:00' }],
]);
add('range', [
  ['nov 30 - dec 2', { w: '11-30/12-03' }],
  ['after the 15th', { w: '12-16/12-23' }],
  ['by end of day friday', { w: '11-25 10:00/11-28' }],
]);
add('alternative', [
  ['this thursday or friday afternoon', { w: '11-26/11-28', t: '13:00-17:00' }],
  ['tomorrow morning or thursday afternoon', { w: '11-26/11-27', t: '09:00-12:00 | 13:00-17:00' }],
]);
add('exclusion', [
  ['next week, but not in the mornings', { w: NEXT_WEEK, t: '00:00-09:00 | 12:00-24:00' }],
  ['not on wednesday or friday', { ex: ['11-25 10:00/11-26', '11-27/11-28', '12-02/12-02 10:00'] }],
]);
add('zone', [
  ['between 9am PT and 11am PT', { w: '11-25 01:00/12-02 01:00', t: '09:00-11:00', z: LA }],
  ['next tuesday 2pm EST', { w: '12-01/12-02', t: '14:00-14:30', z: NY }],
]);
add('month', [
  ['the first week of december', { w: '11-30/12-07' }],
  ['before the end of the month', { w: '11-25 10:00/12-01' }],
]);

/** Misreadings kept on purpose, with the reading the parser gives today (asserted). */
add('recurrence', [
  // Classes of the last stop (wip/recurclass): ranked lists of several weekdays, a day said with a series on no
  // named day (its first occurrence, not its end), a series word of another language, lists with slashes; and
  // their neighbours that are NOT a series.
  ['on monday', { w: '11-30/12-01' }],
  ['on monday at 10', { w: '11-30/12-01', t: '10:00-10:30' }],
  ['on mondays', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' }],
  [
    'first monday and wednesday of the month',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the first monday and the first wednesday of the month',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every first monday and wednesday',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the last monday and friday of the month',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1MO,-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the 1st monday and the 3rd wednesday of the month',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  ['tuesday every week', { w: '12-01/12-02', r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['monthly on the 15th', { w: '12-15/12-16', r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['every month on the 15th', { w: '12-15/12-16', r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['hebdomadaire', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['mensuel', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['sync monatlich', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['every mon/wed/fri', { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=2027-02-25 (default end)' }],
  ['mondays/wednesdays', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=2027-02-25 (default end)' }],
  ['mon/wed', { w: '11-30/12-03' }],
  ['weekdays only', { u: ['weekdays'] }],
  [
    'every workday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every monday except dec 28 and jan 4',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28,2027-01-04 (default end)' },
  ],
  [
    'every monday except the 28th of december',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  ['weekly except december 28', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' }],
  [
    'every monday at 10 except december 28 for 8 weeks',
    { w: '11-30/12-01', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-01-24;EXCEPT=12-28' },
  ],
  [
    'every monday except the 28th',
    { w: '11-30/12-01', u: ['except', '28th'], r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every monday no meeting on dec 28',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  [
    'every tuesday in january except jan 5',
    { w: '2027-01-12/2027-01-13', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31;EXCEPT=2027-01-05' },
  ],
  [
    'every monday except nov 30',
    { w: '12-07/12-08', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=11-30 (default end)' },
  ],
  [
    'weekly 1:1 on thursdays',
    { w: '11-26/11-27', u: ['1:1'], r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'weekly sync on mondays and thursdays',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['every day except christmas', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  ['once a month on thursday', { q: ['ambiguous_recurrence'] }],
  ['monthly on thursdays', { q: ['ambiguous_recurrence'] }],
  [
    'monday to thursday every week',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every week from monday to thursday',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['monday to thursday', { w: '11-30/12-04' }],
  [
    'every monday for 2 weeks except dec 28',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2026-12-13' },
  ],
  [
    'every monday until dec 15 except dec 7 and dec 28',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2026-12-15;EXCEPT=12-07' },
  ],
]);

// wip/parser: a rank per weekday in a monthly series (1MO, 3WE), a duration said with `for`/`long`, and
// fixed-date holidays left out of a series or a window (movable feasts stay unread).
add('recurrence', [
  [
    'every first monday and third wednesday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'on the first monday and the third wednesday of every month',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'each 1st monday and 3rd wednesday of the month',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every third wednesday and first monday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every second tuesday and fourth thursday',
    { w: '11-26/11-27', r: 'FREQ=MONTHLY;BYDAY=2TU,4TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'the first monday and the last friday of the month',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=1MO,-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every 1st monday and 3rd wednesday for 3 months',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-03-06' },
  ],
  [
    "every friday except christmas and new year's day",
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25;EXCEPT=12-25,2027-01-01 (default end)' },
  ],
  [
    "every thursday except christmas eve and new year's eve",
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25;EXCEPT=12-24,12-31 (default end)' },
  ],
  [
    'every weekday except xmas',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' },
  ],
  [
    'daily standup except on new years day',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=2027-01-01 (default end)' },
  ],
  [
    "every day except boxing day and new year's eve",
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-26,12-31 (default end)' },
  ],
  [
    'monthly on the first monday and third wednesday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every month on the first monday and the third wednesday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    '1st Monday and 3rd Wednesday every month',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every first monday and every third wednesday',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  ['every day except for christmas', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  [
    'every day skipping christmas and new year',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25,2027-01-01 (default end)' },
  ],
  ['every day but not on christmas eve', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-24 (default end)' }],
  [
    'every day except december 24 and christmas',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-24,12-25 (default end)' },
  ],
  [
    'every day except the christmas holidays',
    { u: ['except', 'christmas', 'holidays'], r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every day except christmas week',
    { u: ['except', 'christmas', 'week'], r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every friday except easter',
    { w: '11-27/11-28', u: ['except', 'easter'], r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25 (default end)' },
  ],
]);
add('exclusion', [
  ['in december except christmas', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  [
    'in december except christmas eve and christmas day',
    { w: '12-01/2027-01-01', ex: ['12-24/12-25', '12-25/12-26'] },
  ],
  ["next month except new year's eve", { w: '12-01/2027-01-01', ex: ['12-31/2027-01-01'] }],
  ['between december 20 and december 31 except christmas', { w: '12-20/2027-01-01', ex: ['12-25/12-26'] }],
  ['in december except for christmas', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['in december but not on christmas eve', { w: '12-01/2027-01-01', ex: ['12-24/12-25'] }],
  [
    'in december except the christmas holidays',
    { w: '12-01/2027-01-01', u: ['except', 'christmas', 'holidays'] },
  ],
  ['in december except easter', { w: '12-01/2027-01-01', u: ['except', 'easter'] }],
]);
add('abbreviation', [
  ['for roughly 45 minutes', { d: 45 }],
  ['for about an hour', { d: 60 }],
  ['an hour-long meeting', { d: 60 }],
  ['duration: 1 hour', { d: 60 }],
  ['with a duration of 45 minutes', { d: 45 }],
  ['for 1.5 hours', { d: 90 }],
  ['for an hour', { d: 60 }],
  ['for 45 minutes', { d: 45 }],
  ['for half an hour', {}],
  ['an hour long', { d: 60 }],
  ['lasting 90 minutes', { d: 90 }],
  ['tomorrow for 2 hours', { w: '11-26/11-27', d: 120 }],
  [
    'for an hour every tuesday',
    { w: '12-01/12-02', d: 60, r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'every tuesday for an hour for 6 weeks',
    { w: '12-01/12-02', d: 60, r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11' },
  ],
]);

const KNOWN: Readonly<Record<string, NonNullable<PhraseRow['known']>>> = {
  'this afternoon at 3': {
    reason:
      'a bare "at 3" stays unread (asked about) even next to "afternoon"; only "3pm", "3:00" or words are read',
    got: { w: TODAY, t: '13:00-17:00', u: ['3'] },
  },
  'in a few days': {
    reason: 'chrono reads "a few days" as exactly 3 days: a vague span silently becomes one day',
    got: { w: '11-28/11-29' },
  },
  'early in the new year': {
    reason: '"the new year" is not read as next January; the words are reported, not guessed',
    got: { u: ['early', 'new', 'year'] },
  },
  'mornings next week before 11': {
    reason: 'a bare hour after "before" ("before 11") is not read; only "before 11am" / "before 11:00" are',
    got: { w: NEXT_WEEK, t: '09:00-12:00', u: ['before', '11'] },
  },
  'not before 9 and not after 5': {
    reason: 'bare hours 9 and 5 after bounds are not read (chrono needs am/pm or minutes); all is reported',
    got: { u: ['not', 'before', '9', 'not', 'after', '5'] },
  },
  'in the next hour': {
    reason: '"in the next hour" is read as an offset (a meeting at 11:00) instead of "any time before 11:00"',
    got: { w: TODAY, t: '11:00-11:30' },
  },
  '12/3 at 10am': {
    reason: 'chrono reads 12/3 as 3 December (US order) without asking; in Europe it is 12 March',
    got: { w: '12-03/12-04', t: '10:00-10:30' },
  },
  'before lunch tomorrow': {
    reason: '"before" does not bind to a part of the day: lunchtime itself is used, "before" is reported',
    got: { w: '11-26/11-27', t: '12:00-14:00', u: ['before'] },
  },
  'by end of day friday': {
    reason: '"by end of day friday" is read as Friday 16:00-18:00 instead of a deadline; "by" is reported',
    got: { w: '11-27/11-28', t: '16:00-18:00', u: ['by'] },
  },
  'the first week of december': {
    reason: '"first week of" is not a period rule: the whole of December is used and the words are reported',
    got: { w: '12-01/2027-01-01', u: ['first', 'week'] },
  },
  'weekdays only next week': {
    reason: 'a one-off window kept to weekdays is not read: `weekdays` is reported (not taken for a series)',
    got: { w: NEXT_WEEK, u: ['weekdays'] },
  },
  'dec 1 or 2': {
    reason:
      'chrono reads "dec 1" and leaves the bare "2": the second day of an elided month is reported, not read',
    got: { w: '12-01/12-02', u: ['2'] },
  },
};

export const english: PhraseRow[] = rows.map(([phrase, cls, expect]) =>
  KNOWN[phrase] ? { phrase, cls, expect, known: KNOWN[phrase] } : { phrase, cls, expect },
);
