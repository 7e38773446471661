/**
 * French rows of the phrase table (see phrases.ts). Maintenant : mercredi 25 nov. 2026 10:00, Europe/Paris.
 * Jours : jeu 26, ven 27, sam 28, dim 29, lun 30 nov. ; mar 1er, mer 2, jeu 3, ven 4, lun 7 … déc.
 */
import type { PhraseClass, PhraseRow, Reading } from './phrases.ts';

const TODAY = '11-25 10:00/11-26';
const THIS_WEEK = '11-25 10:00/11-30';
const NEXT_WEEK = '11-30/12-07';
const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const NY_DEFAULT = '11-25 04:00/12-02 04:00';
const UTC_DEFAULT = '11-25 09:00/12-02 09:00';

const rows: [string, PhraseClass, Reading][] = [];
const add = (cls: PhraseClass, list: [string, Reading][]) => {
  for (const [phrase, expect] of list) rows.push([phrase, cls, expect]);
};

add('relative', [
  ['demain', { w: '11-26/11-27' }],
  ["aujourd'hui", { w: TODAY }],
  ['aujourd’hui', { w: TODAY }],
  ["plus tard aujourd'hui", { w: TODAY }],
  ['après-demain', { w: '11-27/11-28' }],
  ['apres demain', { w: '11-27/11-28' }],
  ['après demain', { w: '11-27/11-28' }],
  ['dans deux jours', { w: '11-27/11-28' }],
  ['dans 3 jours', { w: '11-28/11-29' }],
  ['dans une semaine', { w: NEXT_WEEK }],
  ['dans deux semaines', { w: '12-07/12-14' }],
  ['dans 15 jours', { w: '12-07/12-14' }],
  ['dans une heure', { w: TODAY, t: '11:00-11:30' }],
  ['dans 1 heure', { w: TODAY, t: '11:00-11:30' }],
  ['dans deux heures', { w: TODAY, t: '12:00-12:30' }],
  ['dans 2h', { w: TODAY, t: '12:00-12:30' }],
  ['dans 30 minutes', { w: TODAY, t: '10:30-11:00' }],
  ['dans une demi-heure', { w: TODAY, t: '10:30-11:00' }],
  ['dans les 3 prochains jours', { w: '11-25 10:00/11-29' }],
  ['les 3 prochains jours', { w: '11-25 10:00/11-29' }],
  ["d'ici 3 jours", { w: '11-25 10:00/11-29' }],
  ['dans les deux prochaines semaines', { w: '11-25 10:00/12-09' }],
  ['les 3 prochaines semaines', { w: '11-25 10:00/12-16' }],
  ['cette semaine', { w: THIS_WEEK }],
  ['dans la semaine', { w: THIS_WEEK }],
  ['la semaine prochaine', { w: NEXT_WEEK }],
  ['semaine prochaine', { w: NEXT_WEEK }],
  ['lundi', { w: '11-30/12-01' }],
  ['mardi', { w: '12-01/12-02' }],
  ['jeudi', { w: '11-26/11-27' }],
  ['ce vendredi', { w: '11-27/11-28' }],
  ['lundi prochain', { w: '11-30/12-01' }],
  ['mardi de la semaine prochaine', { w: '12-01/12-02' }],
  ['vendredi semaine prochaine', { w: '12-04/12-05' }],
  ['demain ou après-demain', { w: '11-26/11-28' }],
  ["d'ici demain", { w: '11-25 10:00/11-27' }],
]);

add('clock', [
  ['à 15h', { t: '15:00-15:30' }],
  ['à 15 h', { t: '15:00-15:30' }],
  ['à 15 heures', { t: '15:00-15:30' }],
  ['à 15h00', { t: '15:00-15:30' }],
  ['à 15h30', { t: '15:30-16:00' }],
  ['à 9h', { t: '09:00-09:30' }],
  ['à 9h15', { t: '09:15-09:45' }],
  ['à 10:30', { t: '10:30-11:00' }],
  ['à 17h45', { t: '17:45-18:15' }],
  ['à 14 heures 30', { t: '14:30-15:00' }],
  ['à quinze heures', { t: '15:00-15:30' }],
  ['à dix heures', { t: '10:00-10:30' }],
  ['à onze heures', { t: '11:00-11:30' }],
  ['à quatorze heures trente', { t: '14:30-15:00' }],
  ['à midi', { t: '12:00-12:30' }],
  ['midi', { t: '12:00-12:30' }],
  ['à midi et quart', { t: '12:15-12:45' }],
  ['midi et quart', { t: '12:15-12:45' }],
  ['à midi et demi', { t: '12:30-13:00' }],
  ['à midi moins le quart', { t: '11:45-12:15' }],
  ['à 3 heures de l’après-midi', { t: '15:00-15:30' }],
  ['à 3h de l’après-midi', { t: '15:00-15:30' }],
  ['vers 16h', { t: '16:00-16:30' }],
  ['vers 16 heures', { t: '16:00-16:30' }],
  ['après 15h', { t: '15:00-24:00' }],
  ['avant 11h', { t: '00:00-11:00' }],
  ['pas avant 10h', { t: '10:00-24:00' }],
  ['au plus tard à 17h', { t: '00:00-17:00' }],
  ['entre 14h et 16h', { t: '14:00-16:00' }],
  ['de 14h à 16h', { t: '14:00-16:00' }],
  ['entre 14 et 16 heures', { t: '14:00-16:00' }],
  ['14h-16h', { t: '14:00-16:00' }],
  ['à partir de 14h', { t: '14:00-24:00' }],
  ['15h', { t: '15:00-15:30' }],
  ['à 8h du matin', { t: '08:00-08:30' }],
]);

add('date_time', [
  ['demain à 15h', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['demain 15h', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['demain à 11 heures', { w: '11-26/11-27', t: '11:00-11:30' }],
  ['demain à onze heures', { w: '11-26/11-27', t: '11:00-11:30' }],
  ['demain midi', { w: '11-26/11-27', t: '12:00-12:30' }],
  ['demain à midi', { w: '11-26/11-27', t: '12:00-12:30' }],
  ['jeudi à 14h', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['jeudi 8h', { w: '11-26/11-27', t: '08:00-08:30' }],
  ['vendredi 9h30', { w: '11-27/11-28', t: '09:30-10:00' }],
  ['lundi à midi', { w: '11-30/12-01', t: '12:00-12:30' }],
  ["aujourd'hui à 16h", { w: TODAY, t: '16:00-16:30' }],
  ['cet après-midi à 15h20', { w: TODAY, t: '15:20-15:50' }],
  ['ce soir à 19h', { w: TODAY, t: '19:00-19:30' }],
  ['demain matin à 9h', { w: '11-26/11-27', t: '09:00-09:30' }],
  ['le 16 à 18h', { w: '12-16/12-17', t: '18:00-18:30' }],
  ['le 3 à 14h', { w: '12-03/12-04', t: '14:00-14:30' }],
  ['le 3 décembre à 10h', { w: '12-03/12-04', t: '10:00-10:30' }],
  ['3 déc. 14h', { w: '12-03/12-04', t: '14:00-14:30' }],
  ['le 10 décembre à 16 heures', { w: '12-10/12-11', t: '16:00-16:30' }],
  ['le 1er décembre à 9h', { w: '12-01/12-02', t: '09:00-09:30' }],
  ['mardi 1er décembre à 15h', { w: '12-01/12-02', t: '15:00-15:30' }],
  ['demain après 14h', { w: '11-26/11-27', t: '14:00-24:00' }],
  ['vendredi avant midi', { w: '11-27/11-28', t: '00:00-12:00' }],
  ['lundi entre 10h et 12h', { w: '11-30/12-01', t: '10:00-12:00' }],
  ['mercredi de 14h à 15h', { w: '12-02/12-03', t: '14:00-15:00' }],
  ['demain de 9h à 11h', { w: '11-26/11-27', t: '09:00-11:00' }],
  ['15h demain', { w: '11-26/11-27', t: '15:00-15:30' }],
  ['à 11h demain', { w: '11-26/11-27', t: '11:00-11:30' }],
  ['mardi prochain à 10h', { w: '12-01/12-02', t: '10:00-10:30' }],
  ['jeudi à 14h30', { w: '11-26/11-27', t: '14:30-15:00' }],
  ['demain à 15 heures', { w: '11-26/11-27', t: '15:00-15:30' }],
]);

add('range', [
  ['du 13 au 18', { w: '12-13/12-19' }],
  ['du 7 au 11 décembre', { w: '12-07/12-12' }],
  ['du lundi au mercredi', { w: '11-30/12-03' }],
  ['de lundi à mercredi', { w: '11-30/12-03' }],
  ['lundi-mercredi', { w: '11-30/12-03' }],
  ['entre mardi et jeudi', { w: '12-01/12-04' }],
  ['de jeudi à lundi', { w: '11-26/12-01' }],
  ['entre le 7 et le 11', { w: '12-07/12-12' }],
  ['entre le 7 et le 11 décembre', { w: '12-07/12-12' }],
  ['du 14 au 18 décembre', { w: '12-14/12-19' }],
  ['du 1er au 4', { w: '12-01/12-05' }],
  ["jusqu'à vendredi", { w: '11-25 10:00/11-28' }],
  ["d'ici vendredi", { w: '11-25 10:00/11-28' }],
  ['avant vendredi', { w: '11-25 10:00/11-27' }],
  ['après mardi', { w: '12-02/12-09' }],
  ['à partir de jeudi', { w: '11-26/12-03' }],
  ['dès lundi', { w: '11-30/12-07' }],
  ["entre aujourd'hui et vendredi", { w: '11-25 10:00/11-28' }],
  ["demain jusqu'à vendredi", { w: '11-26/11-28' }],
  ["d'aujourd'hui à vendredi", { w: '11-25 10:00/11-28' }],
  ['avant le 10', { w: '11-25 10:00/12-10' }],
  ['au plus tard le 4 décembre', { w: '11-25 10:00/12-05' }],
  ['semaine prochaine du lundi au mercredi', { w: '11-30/12-03' }],
  ['du 1er au 3 décembre', { w: '12-01/12-04' }],
  ['1-3 décembre', { w: '12-01/12-04' }],
  ['entre lundi et vendredi de la semaine prochaine', { w: '11-30/12-05' }],
  ["jusqu'au 4", { w: '11-25 10:00/12-05' }],
  ['à partir du 7', { w: '12-07/12-14' }],
]);

add('month', [
  ['en décembre', { w: '12-01/2027-01-01' }],
  ['en janvier', { w: '2027-01-01/2027-02-01' }],
  ['début décembre', { w: '12-01/12-11' }],
  ['au début de décembre', { w: '12-01/12-11' }],
  ['mi-décembre', { w: '12-11/12-21' }],
  ['à la mi-décembre', { w: '12-11/12-21' }],
  ['fin décembre', { w: '12-21/2027-01-01' }],
  ['fin de décembre', { w: '12-21/2027-01-01' }],
  ['début janvier', { w: '2027-01-01/2027-01-11' }],
  ['mi-janvier', { w: '2027-01-11/2027-01-21' }],
  ['en fin de mois', { w: '11-25 10:00/12-01' }],
  ['fin du mois', { w: '11-25 10:00/12-01' }],
  ['ce mois-ci', { w: '11-25 10:00/12-01' }],
  ['le mois prochain', { w: '12-01/2027-01-01' }],
  ['début du mois prochain', { w: '12-01/12-11' }],
  ['mi-mois prochain', { w: '12-11/12-21' }],
  ['fin du mois prochain', { w: '12-21/2027-01-01' }],
  ['en fin de semaine', { w: '11-26/11-28' }],
  ['fin de semaine', { w: '11-26/11-28' }],
  ['en début de semaine prochaine', { w: '11-30/12-02' }],
  ['début de semaine prochaine', { w: '11-30/12-02' }],
  ['en milieu de semaine prochaine', { w: '12-02/12-04' }],
  ['milieu de semaine prochaine', { w: '12-02/12-04' }],
  ['fin de semaine prochaine', { w: '12-03/12-05' }],
  ['en fin de semaine prochaine', { w: '12-03/12-05' }],
  ['la semaine du 7 décembre', { w: '12-07/12-14' }],
  ['la semaine du 14', { w: '12-14/12-21' }],
  ['ce week-end', { w: '11-28/11-30' }],
  ['le week-end prochain', { w: '12-05/12-07' }],
]);

add('part_of_day', [
  ['demain matin', { w: '11-26/11-27', t: '09:00-12:00' }],
  ['cet après-midi', { w: TODAY, t: '13:00-17:00' }],
  ['ce matin', { w: TODAY, t: '09:00-12:00' }],
  ['ce soir', { w: TODAY, t: '17:00-20:00' }],
  ['demain soir', { w: '11-26/11-27', t: '17:00-20:00' }],
  ['demain après-midi', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['lundi matin', { w: '11-30/12-01', t: '09:00-12:00' }],
  ['vendredi après-midi', { w: '11-27/11-28', t: '13:00-17:00' }],
  ['jeudi soir', { w: '11-26/11-27', t: '17:00-20:00' }],
  ['mercredi matin', { w: '12-02/12-03', t: '09:00-12:00' }],
  ['le matin', { t: '09:00-12:00' }],
  ['les matins', { t: '09:00-12:00' }],
  ["l'après-midi la semaine prochaine", { w: NEXT_WEEK, t: '13:00-17:00' }],
  ['semaine prochaine le matin uniquement', { w: NEXT_WEEK, t: '09:00-12:00' }],
  ['tôt le matin', { t: '08:00-10:00' }],
  ["en fin d'après-midi", { t: '15:00-17:00' }],
  ['en fin de matinée', { t: '10:00-12:00' }],
  ['à la pause déjeuner', { t: '12:00-14:00' }],
  ['demain midi-deux', { w: '11-26/11-27', t: '12:00-14:00' }],
  ['en fin de journée', { t: '16:00-18:00' }],
  ['demain en fin de journée', { w: '11-26/11-27', t: '16:00-18:00' }],
  ['demain en début de matinée', { w: '11-26/11-27', t: '08:00-10:00' }],
  ['dans la matinée de jeudi', { w: '11-26/11-27', t: '09:00-12:00' }],
  ["n'importe quel après-midi cette semaine", { w: THIS_WEEK, t: '13:00-17:00' }],
  ['jeudi en fin d’après-midi', { w: '11-26/11-27', t: '15:00-17:00' }],
  ['demain aprem', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['mardi en matinée', { w: '12-01/12-02', t: '09:00-12:00' }],
  ['vendredi en soirée', { w: '11-27/11-28', t: '17:00-20:00' }],
]);

add('abbreviation', [
  ['jeu', { w: '11-26/11-27' }],
  ['jeu.', { w: '11-26/11-27' }],
  ['ven', { w: '11-27/11-28' }],
  ['lun', { w: '11-30/12-01' }],
  ['mar.', { w: '12-01/12-02' }],
  ['ven 15h', { w: '11-27/11-28', t: '15:00-15:30' }],
  ['jeu à 10h', { w: '11-26/11-27', t: '10:00-10:30' }],
  ['dem 10h', { w: '11-26/11-27', t: '10:00-10:30' }],
  ['aprem', { t: '13:00-17:00' }],
  ['sem. prochaine', { w: NEXT_WEEK }],
  ['3 déc.', { w: '12-03/12-04' }],
  ['30 nov', { w: '11-30/12-01' }],
  ['1/2 heure demain', { w: '11-26/11-27' }],
  ['1/2 h', {}],
  ['une heure et demie', { d: 90 }],
  ['une heure et demi', { d: 90 }],
  ['1 heure et demie', { d: 90 }],
  ['1h et demie', { d: 90 }],
  ['1h30', { d: 90 }],
  ['1 h 30', { d: 90 }],
  ['une heure trente', { d: 90 }],
  ['1,5 heure', { d: 90 }],
  ['90 min', { d: 90 }],
  ['45 min', { d: 45 }],
  ['2h', { d: 120 }],
  ['2 heures', { d: 120 }],
  ['deux heures', { d: 120 }],
  ['1 h', { d: 60 }],
  ['un quart d’heure', { d: 15 }],
  ["trois quarts d'heure", { d: 45 }],
  ['3/4 d’heure', { d: 45 }],
  ['15 min', { d: 15 }],
  ['20 mn', { d: 20 }],
  ['vingt minutes', { d: 20 }],
  ['une heure demain', { d: 60, w: '11-26/11-27' }],
  ['une demi-heure vendredi', { w: '11-27/11-28' }],
  ['1h ven', { d: 60, w: '11-27/11-28' }],
]);

add('zone', [
  ['jeudi 8h GMT', { w: '11-26/11-27', t: '08:00-08:30', z: 'UTC' }],
  ['15h UTC', { w: UTC_DEFAULT, t: '15:00-15:30', z: 'UTC' }],
  ['demain 14h UTC', { w: '11-26/11-27', t: '14:00-14:30', z: 'UTC' }],
  ['demain 15h CET', { w: '11-26/11-27', t: '15:00-15:30', z: 'CET' }],
  ['demain à 10h CEST', { w: '11-26/11-27', t: '10:00-10:30', z: 'CET' }],
  ['14h heure de Paris', { t: '14:00-14:30', z: 'Europe/Paris' }],
  ['lundi 16h heure de Paris', { w: '11-30/12-01', t: '16:00-16:30', z: 'Europe/Paris' }],
  ['à 14h heure française', { t: '14:00-14:30', z: 'Europe/Paris' }],
  ['10h heure de Londres', { w: UTC_DEFAULT, t: '10:00-10:30', z: 'Europe/London' }],
  ['9h heure de New York', { w: NY_DEFAULT, t: '09:00-09:30', z: NY }],
  ['9h heure de Montréal', { w: NY_DEFAULT, t: '09:00-09:30', z: 'America/Toronto' }],
  ['à 9h PT', { w: '11-25 01:00/12-02 01:00', t: '09:00-09:30', z: LA }],
  ['à 10h ET', { w: NY_DEFAULT, t: '10:00-10:30', z: NY }],
  ['10h EST', { w: NY_DEFAULT, t: '10:00-10:30', z: NY }],
  ['midi EDT', { w: NY_DEFAULT, t: '12:00-12:30', z: NY }],
  ['vendredi 10h heure du Pacifique', { w: '11-27/11-28', t: '10:00-10:30', z: LA }],
  ["vendredi 14h heure de l'Est", { w: '11-27/11-28', t: '14:00-14:30', z: NY }],
  ['11h Europe/Berlin', { t: '11:00-11:30', z: 'Europe/Berlin' }],
  ['10h America/Chicago', { w: '11-25 03:00/12-02 03:00', t: '10:00-10:30', z: 'America/Chicago' }],
  ['9h Asia/Tokyo', { w: '11-25 18:00/12-02 18:00', t: '09:00-09:30', z: 'Asia/Tokyo' }],
  ['entre 9h et 11h ET', { w: NY_DEFAULT, t: '09:00-11:00', z: NY }],
  ['semaine prochaine le matin ET', { w: NEXT_WEEK, t: '09:00-12:00', z: NY }],
  ['8h GMT+1', { t: '08:00-08:30', z: 'UTC+1' }],
  ['10h UTC+2', { w: '11-25 11:00/12-02 11:00', t: '10:00-10:30', z: 'UTC+2' }],
  ['15h IST', { t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['vendredi 15h CST', { w: '11-27/11-28', t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['9h BST', { t: '09:00-09:30', q: ['ambiguous_zone'] }],
  ['17h JST', { w: '11-25 18:00/12-02 18:00', t: '17:00-17:30', z: 'Asia/Tokyo' }],
  ['demain 9h CT', { w: '11-26/11-27', t: '09:00-09:30', z: 'America/Chicago' }],
  ['à 9h heure de Paris', { t: '09:00-09:30', z: 'Europe/Paris' }],
  ['à 15h heure locale', { t: '15:00-15:30' }],
]);

add('alternative', [
  ['10h ou 14h', { t: '10:00-10:30 | 14:00-14:30' }],
  ['à 10h ou à 14h', { t: '10:00-10:30 | 14:00-14:30' }],
  ['demain 9h ou 16h', { w: '11-26/11-27', t: '09:00-09:30 | 16:00-16:30' }],
  ['lundi à 14h ou 16h', { w: '11-30/12-01', t: '14:00-14:30 | 16:00-16:30' }],
  ['le matin ou en fin d’après-midi', { t: '09:00-12:00 | 15:00-17:00' }],
  ['mardi ou jeudi', { w: '11-26/12-02', ex: ['11-27/12-01'] }],
  ['jeudi ou vendredi', { w: '11-26/11-28' }],
  ['jeu ou ven', { w: '11-26/11-28' }],
  ['lundi ou mercredi', { w: '11-30/12-03', ex: ['12-01/12-02'] }],
  ['demain ou vendredi', { w: '11-26/11-28' }],
  ['demain ou lundi', { w: '11-26/12-01', ex: ['11-27/11-30'] }],
  ['vendredi ou lundi prochain', { w: '11-27/12-01', ex: ['11-28/11-30'] }],
  ['soit lundi soit mardi', { w: '11-30/12-02' }],
  ['le 7 ou le 9', { w: '12-07/12-10', ex: ['12-08/12-09'] }],
  ['le 3 ou le 10 décembre', { w: '12-03/12-11', ex: ['12-04/12-10'] }],
  ['lundi, mercredi ou vendredi', { w: '11-27/12-03', ex: ['11-28/11-30', '12-01/12-02'] }],
  ['mardi ou mercredi après-midi', { w: '12-01/12-03', t: '13:00-17:00' }],
  ['cette semaine ou la suivante', { w: '11-25 10:00/12-07' }],
  ['lundi ou mardi de la semaine prochaine', { w: '11-30/12-02' }],
  ['à 11h ou 15h', { t: '11:00-11:30 | 15:00-15:30' }],
  ['jeudi à 10h ou 11h', { w: '11-26/11-27', t: '10:00-10:30 | 11:00-11:30' }],
  ['9h ou midi', { t: '09:00-09:30 | 12:00-12:30' }],
  ['le 1er ou le 2', { w: '12-01/12-03' }],
  ['mar ou jeu', { w: '11-26/12-02', ex: ['11-27/12-01'] }],
  ['8h ou 18h', { t: '08:00-08:30 | 18:00-18:30' }],
  [
    'vendredi matin ou lundi après-midi',
    { w: '11-27/12-01', ex: ['11-28/11-30'], t: '09:00-12:00 | 13:00-17:00' },
  ],
]);

add('exclusion', [
  ['cette semaine sauf vendredi', { w: THIS_WEEK, ex: ['11-27/11-28'] }],
  ['cette semaine pas le vendredi', { w: THIS_WEEK, ex: ['11-27/11-28'] }],
  ['semaine prochaine sauf lundi', { w: NEXT_WEEK, ex: ['11-30/12-01'] }],
  ['la semaine prochaine sauf le mercredi', { w: NEXT_WEEK, ex: ['12-02/12-03'] }],
  ['semaine prochaine hors vendredi', { w: NEXT_WEEK, ex: ['12-04/12-05'] }],
  ['la semaine prochaine, pas jeudi', { w: NEXT_WEEK, ex: ['12-03/12-04'] }],
  ['semaine prochaine sauf le 2', { w: NEXT_WEEK, ex: ['12-02/12-03'] }],
  ['semaine prochaine sauf mercredi et vendredi', { w: NEXT_WEEK, ex: ['12-02/12-03', '12-04/12-05'] }],
  ['pas le lundi', { ex: ['11-30/12-01'] }],
  ['pas le mercredi', { ex: ['11-25 10:00/11-26', '12-02/12-02 10:00'] }],
  ["n'importe quel jour sauf mardi", { ex: ['12-01/12-02'] }],
  ['pas demain', { ex: ['11-26/11-27'] }],
  ['sauf vendredi', { ex: ['11-27/11-28'] }],
  ['cette semaine mais pas demain', { w: THIS_WEEK, ex: ['11-26/11-27'] }],
  ['sauf vendredi après-midi', { ex: ['11-27 13:00/11-27 17:00'] }],
  ['semaine prochaine sauf mardi matin', { w: NEXT_WEEK, ex: ['12-01 09:00/12-01 12:00'] }],
  [
    'les deux prochaines semaines sauf le lundi',
    { w: '11-25 10:00/12-09', ex: ['11-30/12-01', '12-07/12-08'] },
  ],
  ['le matin sauf lundi', { t: '09:00-12:00', ex: ['11-30/12-01'] }],
  ['pas le matin', { t: '00:00-09:00 | 12:00-24:00' }],
  ['sauf le matin', { t: '00:00-09:00 | 12:00-24:00' }],
  ['pas à midi', { t: '00:00-12:00 | 12:30-24:00' }],
  ['pas pendant le déjeuner', { t: '00:00-12:00 | 14:00-24:00' }],
  ["semaine prochaine l'après-midi, pas vendredi", { w: NEXT_WEEK, t: '13:00-17:00', ex: ['12-04/12-05'] }],
  ['pas jeudi', { ex: ['11-26/11-27'] }],
  ['sauf jeu', { ex: ['11-26/11-27'] }],
  ['décembre sauf le 8', { w: '12-01/2027-01-01', ex: ['12-08/12-09'] }],
  ['à part lundi', { ex: ['11-30/12-01'] }],
  ["cette semaine, sauf aujourd'hui", { w: THIS_WEEK, ex: ['11-25 10:00/11-26'] }],
  ['semaine prochaine mais ni lundi ni mardi', { w: NEXT_WEEK, ex: ['11-30/12-01', '12-01/12-02'] }],
]);

// Recurring requests (issue #22): the window is the first occurrence's search window.
add('recurrence', [
  ['tous les mardis', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  [
    'tous les lundis et jeudis',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['chaque lundi', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)' }],
  ['chaque semaine', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['toutes les semaines', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['hebdomadaire', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['point hebdo le jeudi', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25 (default end)' }],
  ['une fois par semaine', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['toutes les deux semaines', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['toutes les 2 semaines', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['toutes les trois semaines', { r: 'FREQ=WEEKLY;INTERVAL=3;UNTIL=2027-02-25 (default end)' }],
  ['tous les quinze jours', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'un mardi sur deux',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'toutes les deux semaines le lundi',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=2027-02-25 (default end)' },
  ],
  ['tous les jours', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['chaque jour', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['point quotidien', { r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  [
    'tous les jours ouvrés',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['tous les mois', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['chaque mois', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['mensuel', { r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  [
    'le premier lundi du mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le dernier vendredi du mois',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['tous les mardis pendant 6 semaines', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11' }],
  ['chaque semaine pendant 3 mois', { r: 'FREQ=WEEKLY;UNTIL=2027-02-24' }],
  ["chaque lundi jusqu'en mars", { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-03-31' }],
  ["tous les mardis jusqu'à fin janvier", { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31' }],
  ['tous les jeudis 6 fois', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;COUNT=6' }],
  [
    'tous les mardis à 10h',
    { w: '12-01/12-02', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque vendredi après-midi',
    { w: '11-27/11-28', t: '13:00-17:00', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25 (default end)' },
  ],
  // La classe derrière les exemples de l'issue #22 : idiomes (15 jours, 8 jours, une semaine sur deux),
  // rangs multiples, trimestriel/annuel, sauf <jours>, fenêtre qui borne la série ; `bimensuel`,
  // `deux fois par semaine` sont demandés.
  ['tous les 15 jours', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'tous les quinze jours le mardi',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  ['tous les 8 jours', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['tous les huit jours', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  ['tous les 3 jours', { r: 'FREQ=DAILY;INTERVAL=3;UNTIL=2027-02-25 (default end)' }],
  ['un jour sur deux', { r: 'FREQ=DAILY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['une semaine sur deux', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'une semaine sur deux le lundi',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=2027-02-25 (default end)' },
  ],
  ['toutes les 2 semaines', { r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['tous les 3 mois', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['un mois sur deux', { r: 'FREQ=MONTHLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  ['tous les trimestres', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['chaque trimestre', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['trimestriel', { r: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-03-25 (default end)' }],
  ['semestriel', { r: 'FREQ=MONTHLY;INTERVAL=6;UNTIL=2027-06-25 (default end)' }],
  ['tous les ans', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['chaque année', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['annuel', { r: 'FREQ=MONTHLY;INTERVAL=12;UNTIL=2027-12-25 (default end)' }],
  ['bimestriel', { r: 'FREQ=MONTHLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' }],
  [
    'le 2e et le 4e mardi',
    { w: '12-08/12-09', r: 'FREQ=MONTHLY;BYDAY=2TU,4TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le deuxième et le quatrième mardi du mois',
    { w: '12-08/12-09', r: 'FREQ=MONTHLY;BYDAY=2TU,4TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les premiers lundis du mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque troisième mercredi',
    { w: '12-16/12-17', r: 'FREQ=MONTHLY;BYDAY=3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    "l'avant-dernier vendredi du mois",
    { w: '12-18/12-19', r: 'FREQ=MONTHLY;BYDAY=-2FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les jours sauf le vendredi',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,SA,SU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les jours sauf le week-end',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les jours ouvrés sauf le mercredi',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les jours en semaine',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' },
  ],
  ['les mardis', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' }],
  ['les lundis et jeudis', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' }],
  ['deux fois par semaine', { q: ['ambiguous_recurrence'] }],
  [
    'deux fois par semaine, le lundi et le jeudi',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['deux fois par mois', { q: ['ambiguous_recurrence'] }],
  ['bimensuel', { q: ['ambiguous_recurrence'] }],
  ['biannuel', { q: ['ambiguous_recurrence'] }],
  ['tous les mardis de janvier', { w: '2027-01-05/2027-01-06', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31' }],
  ['tous les mardis du mois prochain', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2026-12-31' }],
  ['tous les lundis ce mois-ci', { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2026-11-30' }],
  ['tous les jours la semaine prochaine', { w: '11-30/12-01', r: 'FREQ=DAILY;UNTIL=2026-12-06' }],
  ['tous les matins', { t: '09:00-12:00', r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
  ['tous les mardis 8 fois', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8' }],
  ['tous les mardis pendant 8 séances', { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8' }],
  ["tous les mardis jusqu'au 15 mars", { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-15' }],
  [
    "tous les mardis jusqu'à la fin du premier trimestre",
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-03-31' },
  ],
  // Exclu d'une série mais valable pour une seule date (une heure ce jour-là) : laissé non lu. Une date exclue
  // est une exception de la série (EXCEPT) : aucune occurrence n'y est cherchée ni réservée.
  [
    'tous les jours sauf le vendredi après-midi',
    {
      ex: ['11-27 13:00/11-27 17:00'],
      u: ['sauf', 'vendredi'],
      r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)',
    },
  ],
  [
    'tous les lundis sauf le 28 décembre',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
]);

add('reject', [
  ['hier', { err: 'window_in_past' }],
  ['vendredi dernier', { err: 'window_in_past' }],
  ['la semaine dernière', { err: 'window_in_past' }],
  ['après 17h avant 15h', { err: 'contradictory_window' }],
  ['entre 16h et 14h', { err: 'contradictory_window' }],
  ['demain entre 10h et 10h15', { err: 'contradictory_window' }],
  ['pendant 2 heures', { err: 'invalid_duration' }],
  ['à 3', { u: ['3'] }],
  ['à 25h', { u: ['25h'] }],
  ['le 32', { u: ['32'] }],
  ['15h AEST', { t: '15:00-15:30', q: ['ambiguous_zone'] }],
  ['demain 10h CST', { w: '11-26/11-27', t: '10:00-10:30', q: ['ambiguous_zone'] }],
  ['quand Bob sera rentré', { u: ['quand', 'Bob', 'sera', 'rentré'] }],
  ['après le séminaire', { u: ['après', 'séminaire'] }],
  ['hier à 15h', { err: 'window_in_past' }],
  ['ce matin avant 8h', { err: 'contradictory_window' }],
  ['vendredi 15h XYZ', { w: '11-27/11-28', t: '15:00-15:30', u: ['XYZ'] }],
]);

// Written after the parser changes above, to measure how the work generalises (see the report).
add('relative', [
  ['dans les 2 jours', { w: '11-25 10:00/11-28' }],
  ['dans 45 minutes', { w: TODAY, t: '10:45-11:15' }],
  ['dans quelques jours', { u: ['quelques', 'jours'] }],
  ['sous 48h', { w: '11-25 10:00/11-28' }],
]);
add('clock', [
  ['à 16h15', { t: '16:15-16:45' }],
  ['à 9h du mat', { t: '09:00-09:30' }],
  ['vers 14h30', { t: '14:30-15:00' }],
  ['à 10 h 30', { t: '10:30-11:00' }],
]);
add('date_time', [
  ['jeudi vers 14h', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['ven à 16h30', { w: '11-27/11-28', t: '16:30-17:00' }],
  ['demain 14h30-16h', { w: '11-26/11-27', t: '14:30-16:00' }],
  ['lundi à la première heure', { w: '11-30/12-01', t: '08:00-10:00' }],
]);
add('range', [
  ['de mercredi à vendredi la semaine prochaine', { w: '12-02/12-05' }],
  ['avant le 5', { w: '11-25 10:00/12-05' }],
  ["de demain jusqu'à mardi prochain", { w: '11-26/12-02' }],
]);
add('month', [
  ['deuxième quinzaine de décembre', { w: '12-16/2027-01-01' }],
  ["début d'année prochaine", { w: '2027-01-01/2027-01-11' }],
  ['vers la fin de la semaine prochaine', { w: '12-03/12-05' }],
]);
add('part_of_day', [
  ['les matins la semaine prochaine avant 11h', { w: NEXT_WEEK, t: '09:00-11:00' }],
  ['demain après le déjeuner', { w: '11-26/11-27', t: '14:00-24:00' }],
  ['vendredi entre midi et deux', { w: '11-27/11-28', t: '12:00-14:00' }],
]);
add('abbreviation', [
  ['30 min jeu aprem', { w: '11-26/11-27', t: '13:00-17:00' }],
  ['1h dem', { d: 60, w: '11-26/11-27' }],
  ['45 min mer matin', { d: 45, w: '12-02/12-03', t: '09:00-12:00' }],
]);
add('zone', [
  ['demain 10h heure de New York', { w: '11-26/11-27', t: '10:00-10:30', z: NY }],
  ['14h heure anglaise', { w: UTC_DEFAULT, t: '14:00-14:30', z: 'Europe/London' }],
  ['jeudi 9h30 PST', { w: '11-26/11-27', t: '09:30-10:00', z: LA }],
]);
add('alternative', [
  ['lun ou mar après-midi', { w: '11-30/12-02', t: '13:00-17:00' }],
  ['11h ou 16h jeudi', { w: '11-26/11-27', t: '11:00-11:30 | 16:00-16:30' }],
]);
add('exclusion', [
  ['semaine prochaine, éviter vendredi', { w: NEXT_WEEK, ex: ['12-04/12-05'] }],
  ['pas avant 9h et pas après 17h', { t: '09:00-17:00' }],
  ['cette semaine sauf mer', { w: THIS_WEEK, ex: ['11-25 10:00/11-26'] }],
]);

// A second held-out batch, written and measured after all the parser work (not tuned on).
add('date_time', [
  ['jeudi 26 à 14h', { w: '11-26/11-27', t: '14:00-14:30' }],
  ['le 30 nov. à 9h30', { w: '11-30/12-01', t: '09:30-10:00' }],
  ['après-demain matin', { w: '11-27/11-28', t: '09:00-12:00' }],
  ['à 10h pile', { t: '10:00-10:30' }],
  ['mer. 2 déc. à 11h', { w: '12-02/12-03', t: '11:00-11:30' }],
]);
add('part_of_day', [
  ['lundi prochain en fin de matinée', { w: '11-30/12-01', t: '10:00-12:00' }],
  ["dans l'après-midi de demain", { w: '11-26/11-27', t: '13:00-17:00' }],
  ['demain dans la matinée', { w: '11-26/11-27', t: '09:00-12:00' }],
]);
add('range', [
  ["d'ici la fin de la semaine", { w: '11-25 10:00/11-28' }],
  ['avant la fin du mois', { w: '11-25 10:00/12-01' }],
  ['du 30 novembre au 2 décembre', { w: '11-30/12-03' }],
]);
add('alternative', [
  ['mardi ou mercredi matin', { w: '12-01/12-03', t: '09:00-12:00' }],
  ['jeudi ou vendredi à 14h', { w: '11-26/11-28', t: '14:00-14:30' }],
  ['le 2 ou le 3 décembre à 10h', { w: '12-02/12-04', t: '10:00-10:30' }],
]);
add('exclusion', [
  ['sauf le week-end', { ex: ['11-28/11-30'] }],
  ['la semaine prochaine mais pas le matin', { w: NEXT_WEEK, t: '00:00-09:00 | 12:00-24:00' }],
]);
add('zone', [
  ['14h30 heure de Montréal', { w: NY_DEFAULT, t: '14:30-15:00', z: 'America/Toronto' }],
  ['mardi prochain 14h EST', { w: '12-01/12-02', t: '14:00-14:30', z: NY }],
]);
add('month', [
  ['la première semaine de décembre', { w: '11-30/12-07' }],
  ['mercredi prochain', { w: '12-02/12-03' }],
]);

/** Misreadings kept on purpose, with the reading the parser gives today (asserted). */
add('recurrence', [
  // Classes de l'arrêt précédent (wip/recurclass) : `le lundi` seul (l'habitude ou le prochain ? demandé), `en
  // semaine`, rangs de plusieurs jours, un jour dit avec une série sans jour (sa première occurrence, pas sa fin),
  // un mot de série d'une autre langue ; et leurs voisins qui ne sont PAS une série.
  ['le lundi', { q: ['ambiguous_recurrence'] }],
  ['le lundi à 10h', { t: '10:00-10:30', q: ['ambiguous_recurrence'] }],
  ['le lundi matin', { t: '09:00-12:00', q: ['ambiguous_recurrence'] }],
  ['le lundi et le jeudi', { q: ['ambiguous_recurrence'] }],
  ['réunion le lundi', { q: ['ambiguous_recurrence'] }],
  ['le lundi 30 novembre', { w: '11-30/12-01' }],
  ['le lundi 7 décembre à 10h', { w: '12-07/12-08', t: '10:00-10:30' }],
  ['le lundi prochain', { w: '11-30/12-01' }],
  ['le lundi de la semaine prochaine', { w: '11-30/12-01' }],
  ['la semaine prochaine, le lundi', { w: '11-30/12-01' }],
  ['sauf le lundi', { ex: ['11-30/12-01'] }],
  ['le lundi ou le mardi', { w: '11-30/12-02' }],
  ['avant le lundi', { w: '11-25 10:00/11-30' }],
  ['en semaine', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)' }],
  [
    'en semaine à 9h',
    {
      w: '11-26/11-27',
      t: '09:00-09:30',
      r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=2027-02-25 (default end)',
    },
  ],
  ['en semaine uniquement', { u: ['semaine'] }],
  [
    'toutes les semaines le lundi et le jeudi',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le premier lundi et mercredi du mois',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le premier lundi et le premier mercredi du mois',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque premier lundi et mercredi',
    { w: '12-02/12-03', r: 'FREQ=MONTHLY;BYDAY=1MO,1WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le dernier lundi et vendredi du mois',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1MO,-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le premier lundi et le troisième mercredi du mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le mardi toutes les deux semaines',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=2027-02-25 (default end)' },
  ],
  ['le 15 de chaque mois', { w: '12-15/12-16', r: 'FREQ=MONTHLY;UNTIL=2027-02-25 (default end)' }],
  ['réunion weekly', { r: 'FREQ=WEEKLY;UNTIL=2027-02-25 (default end)' }],
  [
    'mensuel le premier lundi',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les mois, le dernier vendredi',
    { w: '11-27/11-28', r: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque mois le 2e et le 4e mardi',
    { w: '12-08/12-09', r: 'FREQ=MONTHLY;BYDAY=2TU,4TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'un vendredi sur trois',
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=FR;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les deux mardis',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les 2 mardis',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  ['chaque lundi/jeudi', { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=2027-02-25 (default end)' }],
  [
    'tous les lundis sauf le 28 décembre et le 4 janvier',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28,2027-01-04 (default end)' },
  ],
  [
    'chaque lundi hormis le 28 décembre',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  [
    'tous les lundis à 10h sauf le 28 décembre pendant 8 semaines',
    { w: '11-30/12-01', t: '10:00-10:30', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-01-24;EXCEPT=12-28' },
  ],
  [
    'tous les lundis, pas de réunion le 28 décembre',
    { w: '11-30/12-01', r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25;EXCEPT=12-28 (default end)' },
  ],
  [
    'tous les mardis de janvier sauf le 5 janvier',
    { w: '2027-01-12/2027-01-13', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-31;EXCEPT=2027-01-05' },
  ],
  [
    "point hebdo avec l'équipe les jeudis",
    { w: '11-26/11-27', u: ["l'équipe"], r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'toutes les semaines, réunion les mardis',
    { w: '12-01/12-02', r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les lundis sauf les jours fériés',
    {
      w: '11-30/12-01',
      u: ['sauf', 'jours', 'fériés'],
      r: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-02-25 (default end)',
    },
  ],
  ['une fois par mois le jeudi', { q: ['ambiguous_recurrence'] }],
  ['mensuel le jeudi', { q: ['ambiguous_recurrence'] }],
  [
    'du lundi au jeudi chaque semaine',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'toutes les semaines du lundi au jeudi',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=2027-02-25 (default end)' },
  ],
  ['du lundi au jeudi', { w: '11-30/12-04' }],
]);

// wip/parser : un rang par jour dans une série mensuelle (1MO, 3WE), une durée dite avec `pendant`/`durant`,
// et les fêtes à date fixe ôtées d'une série ou d'une fenêtre (les fêtes mobiles restent non lues).
add('recurrence', [
  [
    'le premier lundi et le troisième mercredi de chaque mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque premier lundi et troisième mercredi',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les premiers lundis et troisièmes mercredis du mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le 1er lundi et le 3e mercredi du mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le deuxième mardi et le dernier jeudi de chaque mois',
    { w: '11-26/11-27', r: 'FREQ=MONTHLY;BYDAY=2TU,-1TH;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque vendredi sauf Noël',
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' },
  ],
  [
    "tous les vendredis sauf le jour de l'an",
    { w: '11-27/11-28', r: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=2027-02-25;EXCEPT=2027-01-01 (default end)' },
  ],
  [
    "tous les jours sauf Noël et le jour de l'an",
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25,2027-01-01 (default end)' },
  ],
  [
    'chaque jeudi sauf la Saint-Sylvestre',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25;EXCEPT=12-31 (default end)' },
  ],
  [
    'tous les jeudis sauf la veille de Noël',
    { w: '11-26/11-27', r: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=2027-02-25;EXCEPT=12-24 (default end)' },
  ],
  ['tous les jours sauf le nouvel an', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=2027-01-01 (default end)' }],
  [
    'chaque mois, le premier lundi et le troisième mercredi',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'tous les mois le 1er lundi et le 3ème mercredi',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'chaque premier lundi et chaque troisième mercredi du mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  [
    'le premier lundi et le troisième mercredi chaque mois',
    { w: '12-07/12-08', r: 'FREQ=MONTHLY;BYDAY=1MO,3WE;UNTIL=2027-02-25 (default end)' },
  ],
  ['tous les jours hors Noël', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  ['tous les jours excepté Noël', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  ['tous les jours sauf pendant Noël', { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-25 (default end)' }],
  [
    'tous les jours sauf le 24 décembre et Noël',
    { r: 'FREQ=DAILY;UNTIL=2027-02-25;EXCEPT=12-24,12-25 (default end)' },
  ],
  [
    'tous les jours sauf les vacances de Noël',
    { u: ['sauf', 'vacances', 'Noël'], r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' },
  ],
  ['tous les jours sauf Pâques', { u: ['sauf', 'Pâques'], r: 'FREQ=DAILY;UNTIL=2027-02-25 (default end)' }],
]);
add('exclusion', [
  ['en décembre sauf Noël', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['en décembre sauf le jour de Noël', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['en décembre sauf la Saint-Sylvestre', { w: '12-01/2027-01-01', ex: ['12-31/2027-01-01'] }],
  ['le mois prochain sauf le réveillon de Noël', { w: '12-01/2027-01-01', ex: ['12-24/12-25'] }],
  ['en décembre hors Noël', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['en décembre sauf à Noël', { w: '12-01/2027-01-01', ex: ['12-25/12-26'] }],
  ['en décembre sauf Pâques', { w: '12-01/2027-01-01', u: ['sauf', 'Pâques'] }],
]);
add('abbreviation', [
  ['pendant environ une heure', { d: 60 }],
  ['environ une heure', { d: 60 }],
  ["d'une durée d'une heure", { d: 60 }],
  ['pour une durée de 45 minutes', { d: 45 }],
  ['durée : 1h', { d: 60 }],
  ['pendant une heure et demie', { d: 90 }],
  ['pendant une heure', { d: 60 }],
  ['pendant 45 minutes', { d: 45 }],
  ['pendant une demi-heure', {}],
  ['durant 1h30', { d: 90 }],
  ['demain pendant une heure', { w: '11-26/11-27', d: 60 }],
  ['pendant deux heures jeudi', { w: '11-26/11-27', d: 120 }],
  [
    'chaque mardi pendant une heure pendant 6 semaines',
    { w: '12-01/12-02', d: 60, r: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11' },
  ],
]);

const KNOWN: Readonly<Record<string, NonNullable<PhraseRow['known']>>> = {
  'dans quelques jours': {
    reason: 'chrono lit « quelques jours » comme exactement 3 jours : une durée vague devient un seul jour',
    got: { w: '11-28/11-29' },
  },
  'sous 48h': {
    reason: '« sous 48h » est lu comme une durée de 48 h (refusée) au lieu d’un délai de deux jours',
    got: { err: 'invalid_duration' },
  },
  "début d'année prochaine": {
    reason: '« l’année prochaine » n’est pas lue ; les mots sont signalés plutôt que devinés',
    got: { u: ['début', "d'année", 'prochaine'] },
  },
  'jeudi 26 à 14h': {
    reason: 'le numéro du jour après le nom du jour (« jeudi 26 ») sans « le » reste non lu (signalé)',
    got: { w: '11-26/11-27', t: '14:00-14:30', u: ['26'] },
  },
  'à 10h pile': {
    reason: '« pile » n’est pas un mot connu : il est signalé alors qu’il ne change rien',
    got: { t: '10:00-10:30', u: ['pile'] },
  },
  'mer. 2 déc. à 11h': {
    reason: '« mer. » reste non lu même devant une date (la date suffit ; le mot est signalé)',
    got: { w: '12-02/12-03', t: '11:00-11:30', u: ['mer'] },
  },
  'la première semaine de décembre': {
    reason: '« première semaine de » n’est pas lue : tout décembre est pris et les mots sont signalés',
    got: { w: '12-01/2027-01-01', u: ['première', 'semaine'] },
  },
  '45 min mer matin': {
    reason: '« mer » (mercredi) reste non lu : trop souvent le nom commun ; le matin est lu sans le jour',
    got: { t: '09:00-12:00', d: 45, u: ['mer'] },
  },
  'cette semaine sauf mer': {
    reason:
      '« mer » (mercredi) reste non lu : trop souvent le nom commun ; l’exclusion est signalée, pas appliquée',
    got: { w: THIS_WEEK, u: ['sauf', 'mer'] },
  },
};

export const french: PhraseRow[] = rows.map(([phrase, cls, expect]) =>
  KNOWN[phrase] ? { phrase, cls, expect, known: KNOWN[phrase] } : { phrase, cls, expect },
);
