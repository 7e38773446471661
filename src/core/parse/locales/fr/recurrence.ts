/** French recurring requests: `tous les mardis`, `toutes les deux semaines`, `le premier lundi du mois`, `pendant 6 semaines`. */
import { alternation, byPrefix, dayList, numberValue, phrase, readDays, small } from '../recurrence-kit.ts';
import type { RecurrenceRule } from '../types.ts';
import { numbers } from './numbers.ts';

const DAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?';
const weekdayOf = byPrefix([
  ['lu', 0],
  ['ma', 1],
  ['me', 2],
  ['je', 3],
  ['ve', 4],
  ['sa', 5],
  ['di', 6],
]);
const DAYS = dayList(DAY, 'et|&|\\+|ou');
const N = `(\\d{1,2}|${alternation(numbers.keys())})`;
const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['premier', 1],
  ['1er', 1],
  ['deuxieme', 2],
  ['deuxième', 2],
  ['2e', 2],
  ['second', 2],
  ['troisieme', 3],
  ['troisième', 3],
  ['3e', 3],
  ['quatrieme', 4],
  ['quatrième', 4],
  ['4e', 4],
  ['dernier', -1],
]);
const ORD = `(${alternation(ORDINALS.keys())})s?`;
const MONTHS = [
  'janv(?:ier)?',
  'f[ée]vr?(?:ier)?',
  'mars',
  'avr(?:il)?',
  'mai',
  'juin',
  'juil(?:let)?',
  'ao[uû]t',
  'sept(?:embre)?',
  'oct(?:obre)?',
  'nov(?:embre)?',
  'd[ée]c(?:embre)?',
];
const MONTH = `(${MONTHS.join('|')})`;
const monthOf = (raw: string) =>
  MONTHS.findIndex((m) => new RegExp(`^(?:${m})$`, 'iu').test(raw)) + 1 || undefined;
const count = (raw: string | undefined) => small(numberValue(raw, numbers));
const days = (text: string | undefined, n = 0) => readDays(text, DAY, weekdayOf, n);
const ON_DAYS = `(?:\\s+(?:le|les)\\s+(${DAYS}))?`;

const frequencies: RecurrenceRule[] = [
  {
    // le premier lundi du mois · chaque dernier vendredi du mois · tous les premiers lundis du mois
    pattern: phrase(
      `(?:(?:le|chaque|tous\\s+les)\\s+)?${ORD}\\s+(${DAY})\\s+(?:du\\s+mois|de\\s+chaque\\s+mois|de\\s+tous\\s+les\\s+mois)`,
    ),
    read: (m) => {
      const n = ORDINALS.get(m[1]!.toLowerCase());
      const byDay = days(m[2], n);
      return n === undefined || byDay.length === 0 ? null : { freq: 'MONTHLY', interval: 1, byDay };
    },
  },
  {
    // toutes les deux semaines · toutes les 3 semaines le mardi · tous les quinze jours
    pattern: phrase(`(?:toutes\\s+les\\s+${N}\\s+semaines|tous\\s+les\\s+(quinze)\\s+jours)${ON_DAYS}`),
    read: (m) => {
      const interval = m[2] ? 2 : count(m[1]);
      return interval === null ? null : { freq: 'WEEKLY', interval, byDay: days(m[3]) };
    },
  },
  {
    // tous les deux mois
    pattern: phrase(`tous\\s+les\\s+${N}\\s+mois`),
    read: (m) => {
      const interval = count(m[1]);
      return interval === null ? null : { freq: 'MONTHLY', interval };
    },
  },
  {
    // un mardi sur deux
    pattern: phrase(`un\\s+(${DAY})\\s+sur\\s+(deux|2)`),
    read: (m) => ({ freq: 'WEEKLY', interval: 2, byDay: days(m[1]) }),
  },
  {
    // tous les jours ouvrés · chaque jour de la semaine
    pattern: phrase(
      'tous\\s+les\\s+jours\\s+(?:ouvr[ée]s|de\\s+la\\s+semaine)|en\\s+semaine\\s+tous\\s+les\\s+jours',
    ),
    read: () => ({
      freq: 'WEEKLY',
      interval: 1,
      byDay: [0, 1, 2, 3, 4].map((weekday) => ({ n: 0, weekday })),
    }),
  },
  {
    // tous les mardis · chaque lundi · tous les lundis et jeudis
    pattern: phrase(`(?:tous\\s+les|chaque)\\s+(${DAYS})`),
    read: (m) => {
      const byDay = days(m[1]);
      return byDay.length === 0 ? null : { freq: 'WEEKLY', interval: 1, byDay };
    },
  },
  {
    // toutes les semaines · chaque semaine · hebdomadaire · une fois par semaine
    pattern: phrase(
      `(?:toutes\\s+les\\s+semaines|chaque\\s+semaine|(?:de\\s+mani[èe]re\\s+)?hebdomadaire(?:ment)?|une\\s+fois\\s+par\\s+semaine)${ON_DAYS}`,
    ),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
  {
    // tous les jours · chaque jour · point quotidien · quotidiennement
    pattern: phrase(
      '(?:(?:stand-?up|point|réunion|reunion)\\s+)?quotidien(?:ne)?(?:ment)?|tous\\s+les\\s+jours|chaque\\s+jour',
    ),
    read: () => ({ freq: 'DAILY', interval: 1 }),
  },
  {
    // tous les mois · chaque mois · mensuel · une fois par mois
    pattern: phrase('tous\\s+les\\s+mois|chaque\\s+mois|mensuel(?:le)?(?:ment)?|une\\s+fois\\s+par\\s+mois'),
    read: () => ({ freq: 'MONTHLY', interval: 1 }),
  },
  {
    // le mardi (de chaque semaine)
    pattern: phrase(`le\\s+(${DAY})\\s+de\\s+chaque\\s+semaine`),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
];

const ends: RecurrenceRule[] = [
  {
    // pendant 6 semaines · pendant trois mois · sur 6 semaines
    pattern: phrase(
      `(?:pendant|sur|durant)\\s+(?:les\\s+)?${N}\\s+(?:(?:prochaines?|prochains?)\\s+)?(semaines?|mois|jours?)`,
    ),
    read: (m) => {
      const n = count(m[1]);
      const w = m[2]!.toLowerCase();
      const unit = w.startsWith('semaine') ? 'week' : w === 'mois' ? 'month' : 'day';
      return n === null ? null : { length: { n, unit } };
    },
  },
  {
    // 6 fois · 8 séances
    pattern: phrase(`${N}\\s+(?:fois|s[ée]ances|occurrences|r[ée]unions)`),
    read: (m) => {
      const n = small(numberValue(m[1], numbers), 200);
      return n === null ? null : { count: n };
    },
  },
  {
    // jusqu'en mars · jusqu'à fin mars · jusqu'au mois de mars
    pattern: phrase(
      `jusqu['’]\\s*(?:en|au\\s+mois\\s+de|[àa](?:\\s+la)?\\s+fin(?:\\s+de)?|[àa])\\s+${MONTH}`,
    ),
    read: (m) => {
      const month = monthOf(m[1]!);
      return month === undefined ? null : { untilMonth: month };
    },
  },
];

export const recurrence = { frequencies, ends };
