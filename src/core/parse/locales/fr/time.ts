/** French words for when: parts of the day, named periods, clock words, days of the month, bounds. */

import { WB, WE, wordRegex } from '../../text.ts';
import {
  alternation,
  comingWeekend,
  dayFromToday,
  dayRange,
  monthOf,
  namedMonth,
  nextDayNumbered,
  nextDays,
  nextWeeks,
  numberValue,
  type Part,
  partOfMonth,
  partOfWeek,
  restOfWeek,
  weekdayRange,
  weekOf,
} from '../shared.ts';
import type { BoundRule, ClockRule, PartOfDayRule, PeriodRule, TimeWordRule } from '../types.ts';
import { numbers } from './numbers.ts';

/**
 * `(uniquement|seulement) (le|les|en|dans la|l'|ce|cet|cette) <words> (uniquement|seulement)`: group 1 is
 * `ce/cet/cette`, which also names today.
 */
function partOfDay(words: string, start: string, end: string): PartOfDayRule {
  return {
    pattern: wordRegex(
      `${WB}(?:(?:uniquement|seulement)\\s+)?(?:(ce|cet|cette)\\s+|(?:dans\\s+la|dans\\s+l['’]|en|le|la|les|l['’])\\s*)?(?:${words})(?:\\s+(?:uniquement|seulement))?${WE}`,
    ),
    start,
    end,
    today: (m) => m[1] !== undefined,
  };
}

const AFTERNOON = 'apr[èe]s[\\s-]?midis?|aprem';

export const partsOfDay: readonly PartOfDayRule[] = [
  partOfDay('(?:t[ôo]t\\s+le\\s+matin)', '08:00', '10:00'),
  partOfDay("fin\\s+(?:de\\s+|d[’'])\\s*(?:" + AFTERNOON + ')', '15:00', '17:00'),
  partOfDay('fin\\s+de\\s+(?:la\\s+)?journ[ée]e', '16:00', '18:00'),
  partOfDay('(?:en\\s+)?d[ée]but\\s+de\\s+matin[ée]e', '08:00', '10:00'),
  partOfDay('(?:en\\s+)?fin\\s+de\\s+matin[ée]e', '10:00', '12:00'),
  partOfDay('(?:à\\s+la\\s+)?premi[èe]re\\s+heure', '08:00', '10:00'),
  partOfDay('apr[èe]s\\s+(?:le\\s+)?d[ée]jeuner', '14:00', '24:00'),
  partOfDay(
    '(?:entre\\s+)?midi[\\s-]deux|(?:entre\\s+)?midi\\s+(?:[àa]|et)\\s+deux(?:\\s+heures)?',
    '12:00',
    '14:00',
  ),
  partOfDay('matin[ée]es?|matins?', '09:00', '12:00'),
  partOfDay('d[ée]jeuner|pause\\s+d[ée]jeuner|heure\\s+du\\s+d[ée]jeuner', '12:00', '14:00'),
  partOfDay(AFTERNOON, '13:00', '17:00'),
  partOfDay('soir[ée]es?|soirs?', '17:00', '20:00'),
];

const COUNT = `(\\d{1,2}|${alternation(numbers.keys())})`;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['janvier', 1],
  ['janv', 1],
  ['février', 2],
  ['fevrier', 2],
  ['févr', 2],
  ['fevr', 2],
  ['mars', 3],
  ['avril', 4],
  ['avr', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7],
  ['juil', 7],
  ['août', 8],
  ['aout', 8],
  ['septembre', 9],
  ['sept', 9],
  ['octobre', 10],
  ['oct', 10],
  ['novembre', 11],
  ['nov', 11],
  ['décembre', 12],
  ['decembre', 12],
  ['déc', 12],
  ['dec', 12],
]);
const MONTH = `(${alternation(MONTHS.keys())})\\.?`;
const month = (raw: string | undefined) => MONTHS.get((raw ?? '').toLowerCase());
const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['lundi', 1],
  ['lun', 1],
  ['mardi', 2],
  ['mar', 2],
  ['mercredi', 3],
  ['mer', 3],
  ['jeudi', 4],
  ['jeu', 4],
  ['vendredi', 5],
  ['ven', 5],
  ['samedi', 6],
  ['sam', 6],
  ['dimanche', 7],
  ['dim', 7],
]);
const WEEKDAY = `(${alternation(WEEKDAYS.keys())})\\.?`;
const weekday = (raw: string | undefined) => WEEKDAYS.get((raw ?? '').toLowerCase()) ?? 1;
const PART =
  "(?:(?:en|au|à\\s+la|a\\s+la|vers\\s+la)\\s+)?(d[ée]but|mi-?|milieu|fin|premi[èe]re\\s+quinzaine|(?:deuxi[èe]me|seconde)\\s+quinzaine)(?:\\s+(?:de|du|d['’]))?";
const part = (raw: string | undefined): Part => {
  const t = (raw ?? '').toLowerCase();
  if (t.startsWith('premi')) return 'first-half';
  if (t.includes('quinzaine')) return 'second-half';
  return t.startsWith('d') ? 'early' : t.startsWith('mi') ? 'mid' : 'late';
};
const DAY = '(\\d{1,2})(?:er)?';

export const periods: readonly PeriodRule[] = [
  {
    // "avant la fin du mois", "d'ici la fin de la semaine": from today to that end
    pattern: wordRegex(
      `${WB}(?:avant|d['’]ici)\\s+la\\s+fin\\s+(?:du\\s+mois|de\\s+(?:la|cette)\\s+semaine)${WE}`,
    ),
    resolve: (m, now) =>
      /semaine/i.test(m[0])
        ? { start: now.startOf('day'), end: partOfWeek('late', now).end }
        : { start: now.startOf('day'), end: monthOf(now).end },
  },
  {
    // "du 13 au 18", "entre le 7 et le 11 décembre", "du 1er au 4"
    pattern: wordRegex(
      `${WB}(?:(?:du|de)\\s+${DAY}\\s+(?:au|à|a)|entre\\s+le\\s+${DAY}\\s+et(?:\\s+le)?)\\s+${DAY}(?:\\s+${MONTH})?${WE}(?!\\s*[h:])`,
    ),
    resolve: (m, now) => dayRange(Number(m[1] ?? m[2]), Number(m[3]), now, month(m[4])),
  },
  {
    // "du lundi au mercredi", "de lundi à mercredi", "lundi-mercredi"
    pattern: wordRegex(
      `${WB}(?:(?:du|de)\\s+${WEEKDAY}\\s+(?:au|à|a)\\s+|${WEEKDAY}\\s*-\\s*)${WEEKDAY}${WE}`,
    ),
    resolve: (m, now) => weekdayRange(weekday(m[1] ?? m[2]), weekday(m[3]), now),
  },
  {
    // "début décembre", "à la mi-janvier", "en fin de mois", "fin du mois prochain"
    pattern: wordRegex(
      `${WB}${PART}\\s*(?:${MONTH}|(?:le\\s+)?mois(?:\\s+(prochain))?|ce\\s+mois(?:-ci)?)${WE}`,
    ),
    resolve: (m, now) => {
      const named = month(m[2]);
      const start = named ? namedMonth(named, now) : now.plus({ months: m[3] ? 1 : 0 });
      return partOfMonth(part(m[1]), start);
    },
  },
  {
    // "en fin de semaine", "début de semaine prochaine", "en milieu de semaine prochaine"
    pattern: wordRegex(`${WB}${PART}\\s*(?:la\\s+)?semaine(?:\\s+(prochaine))?${WE}`),
    resolve: (m, now) => partOfWeek(part(m[1]), now.plus({ weeks: m[2] ? 1 : 0 })),
  },
  {
    // "la semaine du 7 décembre", "la semaine du 14"
    pattern: wordRegex(`${WB}(?:la\\s+)?semaine\\s+du\\s+${DAY}(?:\\s+${MONTH})?${WE}`),
    resolve: (m, now) => {
      const day = nextDayNumbered(Number(m[1]), now, month(m[2]));
      return day ? weekOf(day) : null;
    },
  },
  {
    // "en décembre", "au mois de janvier", "décembre" (not "le 3 décembre")
    pattern: wordRegex(`${WB}(?:(?:en|au\\s+mois\\s+de)\\s+)?(?<!\\d(?:er)?\\s*)${MONTH}${WE}(?!\\s*\\d)`),
    resolve: (m, now) => {
      const named = month(m[1]);
      return named ? monthOf(namedMonth(named, now)) : null;
    },
  },
  {
    pattern: wordRegex(`${WB}apr[èe]s[\\s-]?demain${WE}`),
    resolve: (_m, now) => dayFromToday(2, now),
  },
  {
    pattern: wordRegex(`${WB}(?:dem|dmain|demian)${WE}`),
    resolve: (_m, now) => dayFromToday(1, now),
  },
  {
    pattern: wordRegex(`${WB}aujourd['’]\\s?hui${WE}`),
    resolve: (_m, now) => dayFromToday(0, now),
  },
  {
    // "dans les 2 jours": from today
    pattern: wordRegex(`${WB}dans\\s+les\\s+${COUNT}\\s+jours${WE}`),
    resolve: (m, now) => nextDays(numberValue(m[1], numbers), now),
  },
  {
    // "(dans) les 3 prochains jours", "les deux prochaines semaines": from today
    pattern: wordRegex(`${WB}(?:dans\\s+)?les\\s+${COUNT}\\s+prochain(?:e)?s\\s+(jours|semaines)${WE}`),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return m[2]?.toLowerCase() === 'semaines' ? nextWeeks(n, now) : nextDays(n, now);
    },
  },
  {
    pattern: wordRegex(`${WB}cette\\s+semaine\\s+ou\\s+la\\s+(?:suivante|prochaine)${WE}`),
    resolve: (_m, now) => ({ start: now.startOf('day'), end: weekOf(now.plus({ weeks: 1 })).end }),
  },
  {
    pattern: wordRegex(`${WB}(?:la\\s+)?sem(?:aine|\\.)?\\s+(?:proch(?:aine|\\.)?|suivante)${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 1 })),
  },
  {
    pattern: wordRegex(`${WB}(?:cette\\s+semaine|dans\\s+la\\s+semaine|la\\s+semaine\\s+en\\s+cours)${WE}`),
    resolve: (_m, now) => restOfWeek(now),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:la|en)\\s+)?semaine\\s+prochaine${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 1 })),
  },
  {
    // "dans deux semaines" = the week (Monday to Monday) that contains today + 2 weeks
    pattern: wordRegex(`${WB}dans\\s+${COUNT}\\s+semaines?${WE}`),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return n === null || n < 1 || n > 52 ? null : weekOf(now.plus({ weeks: n }));
    },
  },
  {
    // "dans les 3 prochains jours", "d'ici 3 jours", "sous 3 jours": today and the N days after it
    pattern: wordRegex(
      `${WB}(?:dans\\s+les\\s+${COUNT}\\s+(?:prochains\\s+jours|jours\\s+(?:qui\\s+viennent|à\\s+venir))|(?:d['’]ici|sous)\\s+${COUNT}\\s+jours)${WE}`,
    ),
    resolve: (m, now) => nextDays(numberValue(m[1] ?? m[2], numbers), now),
  },
  {
    pattern: wordRegex(`${WB}dans\\s+(?:quinze|15)\\s+jours${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 2 })),
  },
  {
    pattern: wordRegex(`${WB}ce\\s+mois(?:[\\s-]ci)?${WE}`),
    resolve: (_m, now) => ({ ...monthOf(now), start: now.startOf('day') }),
  },
  {
    pattern: wordRegex(`${WB}(?:le\\s+)?mois\\s+prochain${WE}`),
    resolve: (_m, now) => monthOf(now, 1),
  },
  {
    pattern: wordRegex(`${WB}(?:le\\s+)?week[\\s-]?end\\s+prochain${WE}`),
    resolve: (_m, now) => comingWeekend(now, 1),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:ce|le)\\s+)?week[\\s-]?end${WE}`),
    resolve: (_m, now) => comingWeekend(now),
  },
];

export const timeWords: readonly TimeWordRule[] = [
  { pattern: wordRegex(`${WB}midi${WE}`), minutes: 12 * 60 },
  { pattern: wordRegex(`${WB}minuit${WE}`), minutes: 0 },
];

/** "le 12", "le 1er" (a day number not followed by a time or a month). */
export const dayOfMonth = wordRegex(
  `(?:${WB}(?<!['’]|partir\\s)(?:le|au|du)\\s+|(?<=(?:['’]au|partir\\s+du)\\s+))(\\d{1,2})(?:er)?${WE}(?!\\s*[h:.,]\\s*\\d)(?!\\s*h${WE})`,
);

export const bounds: readonly BoundRule[] = [
  { pattern: wordRegex(`${WB}pas\\s+avant${WE}`), kind: 'from' },
  { pattern: wordRegex(`${WB}pas\\s+apr[èe]s${WE}`), kind: 'until' },
  {
    pattern: wordRegex(
      `${WB}(?:jusqu['’]\\s*(?:à|a|au)|d['’]ici(?:\\s+(?:à|a|au))?|au\\s+plus\\s+tard)${WE}`,
    ),
    kind: 'until',
  },
  { pattern: wordRegex(`${WB}(?:après|apres|plus\\s+tard\\s+que)${WE}`), kind: 'after' },
  { pattern: wordRegex(`${WB}avant${WE}`), kind: 'before' },
  {
    pattern: wordRegex(`${WB}(?:à\\s+partir\\s+d(?:e|u|['’])|a\\s+partir\\s+d(?:e|u|['’])|dès|depuis)`),
    kind: 'from',
  },
  { pattern: wordRegex(`${WB}entre${WE}`), kind: 'between' },
  {
    pattern: wordRegex(
      `${WB}(?:sauf|hors|except[ée]|à\\s+part|[ée]viter|mais\\s+(?:pas|ni)|pas|ni)(?:\\s+(?:le(?!\\s+\\d)|la|les|l['’]|à|a|pendant(?:\\s+(?:le|la|les|l['’]))?))?${WE}`,
    ),
    kind: 'except',
  },
];

export const rangeJoiner = /^[\s,]*(?:et|&)?[\s,]*$/iu;

/** Clock hours in words: the number words un/une to douze, then thirteen to twenty-three. */
const HOUR_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...numbers].filter(([, n]) => n >= 1 && n <= 12),
  ['treize', 13],
  ['quatorze', 14],
  ['quinze', 15],
  ['seize', 16],
  ['dix-sept', 17],
  ['dix-huit', 18],
  ['dix-neuf', 19],
  ['vingt', 20],
  ['vingt et une', 21],
  ['vingt-et-une', 21],
  ['vingt-deux', 22],
  ['vingt-trois', 23],
]);
const FRH = `(\\d{1,2}|${alternation(HOUR_WORDS.keys())})`;
const frHour = (raw: string | undefined): number => {
  const t = (raw ?? '').toLowerCase().replace(/\s+/g, ' ');
  return /^\d+$/.test(t) ? Number(t) : (HOUR_WORDS.get(t) ?? Number.NaN);
};
const TAIL_MINUTES: Readonly<Record<string, number>> = {
  quinze: 15,
  trente: 30,
  'quarante-cinq': 45,
  'quarante cinq': 45,
  'et quart': 15,
  'et demie': 30,
  'et demi': 30,
  'moins le quart': -15,
  'moins quart': -15,
};
const TAIL =
  '(?:\\s*([0-5]\\d)|\\s+(quinze|trente|quarante[-\\s]cinq|et\\s+quart|et\\s+demie?|moins\\s+(?:le\\s+)?quart))?';
const tail = (digits: string | undefined, words: string | undefined) =>
  digits ? Number(digits) : (TAIL_MINUTES[(words ?? '').toLowerCase().replace(/\s+/g, ' ')] ?? 0);

export const clockTimes: readonly ClockRule[] = [
  {
    // "entre 14 et 16 heures", "de 9h à 11h", "14h-16h", "entre 14h et 16h30"
    pattern: wordRegex(
      `${WB}(?:(entre|de|dès)\\s+)?(\\d{1,2})(\\s*(?:h|heures?)\\s*([0-5]\\d)?)?\\s*(?:et|à|a|-|–)\\s*(\\d{1,2})\\s*(?:h|heures?)(?:\\s*([0-5]\\d))?${WE}`,
    ),
    read: (m) => {
      if (!m[1] && !m[3]) return null;
      const a = Number(m[2]);
      const b = Number(m[5]);
      if (a > 23 || b > 24) return null;
      return [{ start: a * 60 + Number(m[4] ?? 0), end: b * 60 + Number(m[6] ?? 0) }];
    },
  },
  {
    // "à 15 heures", "à quinze heures", "14 heures 30", "à 3h de l'après-midi", "à 8h du matin"
    pattern: wordRegex(
      `${WB}${FRH}\\s*(?:h|heures?)${TAIL}(?:\\s+(du\\s+mat(?:in)?|de\\s+l['’]\\s*apr[èe]s[-\\s]?midi|de\\s+l['’]\\s*aprem|du\\s+soir))?${WE}`,
    ),
    read: (m) => {
      let hour = frHour(m[1]);
      if (!Number.isFinite(hour) || hour > 23) return null;
      if (m[4] && !/mat/i.test(m[4]) && hour < 12) hour += 12;
      const start = hour * 60 + tail(m[2], m[3]);
      return start < 0 ? null : [{ start }];
    },
  },
  {
    // "midi et quart", "midi et demi", "midi moins le quart", "minuit"
    pattern: wordRegex(
      `${WB}(?<![-‑])(midi|minuit)(?:\\s+(et\\s+quart|et\\s+demie?|moins\\s+(?:le\\s+)?quart)|\\s*([0-5]\\d))?${WE}(?![\\s-]*(?:(?:et|à|a)\\s+)?(?:deux|14))`,
    ),
    read: (m) => {
      const base = m[1]?.toLowerCase() === 'midi' ? 12 * 60 : 0;
      const start = base + tail(m[3], m[2]);
      return start < 0 ? null : [{ start }];
    },
  },
];
