/**
 * French recurring requests: `tous les mardis`, `toutes les deux semaines`, `tous les 15 jours`, `une semaine
 * sur deux`, `le 2e et le 4e mardi du mois`, `trimestriel`, `tous les jours sauf le vendredi`, `pendant 6
 * semaines`, `jusqu'au 15 mars`; `deux fois par semaine` and `bimensuel` are asked.
 */

import { exceptList, holidayWords } from '../holidays.ts';
import {
  alternation,
  byPrefix,
  dayList,
  dayRange,
  exceptOf,
  monthlyOn,
  monthlyOnPairs,
  monthlyWhich,
  numberValue,
  ONCE,
  ordinalList,
  phrase,
  readDays,
  readOrdinals,
  readPairs,
  small,
  WORKING_DAYS,
} from '../recurrence-kit.ts';
import type { RecurrencePiece, RecurrenceRule } from '../types.ts';
import { holidays } from './holidays.ts';
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
const DAYS = dayList(DAY, 'et|&|\\+|ou|/');
/** One weekday, singular (`le lundi`: the plural `les lundis` says the habit by itself). */
const DAY_ALONE = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
/** A list of weekdays where each may take its article: `le lundi et le jeudi`. */
const DAYS_ART = dayList(DAY, '(?:et|&|\\+|ou)(?:\\s+(?:le|les))?');
const N = `(\\d{1,2}|${alternation(numbers.keys())})`;
const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['premier', 1],
  ['première', 1],
  ['premiere', 1],
  ['1er', 1],
  ['1re', 1],
  ['deuxieme', 2],
  ['deuxième', 2],
  ['2e', 2],
  ['2ème', 2],
  ['2eme', 2],
  ['second', 2],
  ['seconde', 2],
  ['troisieme', 3],
  ['troisième', 3],
  ['3e', 3],
  ['3ème', 3],
  ['3eme', 3],
  ['quatrieme', 4],
  ['quatrième', 4],
  ['4e', 4],
  ['4ème', 4],
  ['4eme', 4],
  ['cinquième', 5],
  ['cinquieme', 5],
  ['5e', 5],
  ['5ème', 5],
  ['dernier', -1],
  ['dernière', -1],
  ['derniere', -1],
  ['avant dernier', -2],
  ['avant dernière', -2],
  ['avant derniere', -2],
]);
const ORD = `(?:${alternation(ORDINALS.keys())})s?`;
const ORDS = `(${ordinalList(ORD, 'et|&|\\+|ou', "les?|la|l['’]")})`;
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
const ranks = (text: string | undefined) => readOrdinals(text, ORDINALS, 's?');
const ON_DAYS = `(?:\\s+(?:le|les)\\s+(${DAYS_ART}))?`;
const OF_MONTH = '(?:du\\s+mois|de\\s+chaque\\s+mois|de\\s+tous\\s+les\\s+mois|par\\s+mois)';
const RFC = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** `deux fois par semaine`: quels jours ? Quelques paires courantes au choix (ou la demande est reformulée). */
const TWICE_A_WEEK = [
  'FREQ=WEEKLY;BYDAY=MO,TH',
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=WEEKLY;BYDAY=MO,WE',
  'FREQ=WEEKLY;BYDAY=TU,FR',
];
const THRICE_A_WEEK = ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;BYDAY=TU,WE,TH'];
/** `bimensuel` (deux fois par mois, souvent pris pour tous les deux mois) : demandé. */
const BIMONTHLY = ['FREQ=MONTHLY;INTERVAL=2', 'FREQ=WEEKLY;INTERVAL=2'];
/** `biannuel` (deux fois par an, souvent pris pour tous les deux ans) : demandé. */
const BIANNUAL = ['FREQ=MONTHLY;INTERVAL=6', 'FREQ=MONTHLY;INTERVAL=24'];
const twiceAMonth = (weekday = 'MO') => [
  `FREQ=WEEKLY;INTERVAL=2${weekday === 'MO' ? '' : `;BYDAY=${weekday}`}`,
  `FREQ=MONTHLY;BYDAY=1${weekday},3${weekday}`,
  `FREQ=MONTHLY;BYDAY=2${weekday},4${weekday}`,
];
const monthly = (interval: number): RecurrencePiece => ({ freq: 'MONTHLY', interval });
/** `tous les N jours`: `15 jours` is a fortnight and `8 jours` a week in French; other counts are days. */
const everyNDays = (n: number | null): RecurrencePiece | null =>
  n === null
    ? null
    : n === 15 || n === 14
      ? { freq: 'WEEKLY', interval: 2 }
      : n === 8 || n === 7
        ? { freq: 'WEEKLY', interval: 1 }
        : { freq: 'DAILY', interval: n };

/** Un jour rangé après une liste (`lundi et [le premier mercredi]`) : une paire d'une liste de paires. */
const AFTER_PAIR = `(?<!${DAY}\\s*(?:,|et|&|\\+)\\s*(?:(?:le|la|l['’])\\s*)?)`;
const PAIR = `${ORD}\\s+${DAY}`;
const PAIRS = `(${PAIR}(?:\\s*(?:,|et|&|\\+)\\s*(?:(?:le|la|l['’]|chaque|tous\\s+les|toutes\\s+les)\\s*)?${PAIR})+)`;
const MONTHLY = '(?:mensuel(?:le)?(?:ment)?|tous\\s+les\\s+mois|chaque\\s+mois|une\\s+fois\\s+par\\s+mois)';

const frequencies: RecurrenceRule[] = [
  {
    // le premier lundi et le premier mercredi du mois · chaque premier lundi et premier mercredi · le premier
    // lundi et le troisième mercredi (du mois) : un rang par jour, 1MO, 3WE
    pattern: phrase(
      `(?:(?:le|la|l['’])\\s*)?${PAIRS}\\s*,?\\s+(?:${OF_MONTH}|${MONTHLY})|(?:chaque|tous\\s+les|toutes\\s+les)\\s+${PAIRS}(?:\\s*,?\\s+(?:${OF_MONTH}|${MONTHLY}))?|${MONTHLY}\\s*,?\\s+(?:(?:le|la|l['’])\\s*)?${PAIRS}`,
    ),
    read: (m) =>
      monthlyOnPairs(readPairs(m[1] ?? m[2] ?? m[3], ORDINALS, DAY, weekdayOf, 's?')) ?? { unread: true },
  },
  {
    // le premier lundi du mois · chaque dernier vendredi du mois · le 2e et le 4e mardi du mois
    pattern: phrase(
      `${AFTER_PAIR}(?:(?:le|la|l['’]|chaque|tous\\s+les|toutes\\s+les)\\s*)?${ORDS}\\s+(${DAYS})\\s+${OF_MONTH}`,
    ),
    read: (m) => monthlyOn(ranks(m[1]), days(m[2])),
  },
  {
    // une fois par mois le jeudi · mensuel le jeudi : quel jeudi du mois ? Demandé.
    pattern: phrase(
      `(?:mensuel(?:le)?(?:ment)?|tous\\s+les\\s+mois|chaque\\s+mois|une\\s+fois\\s+par\\s+mois)\\s*,?\\s+(?:le|les)\\s+(${DAY_ALONE})s?(?!\\s*\\d)`,
    ),
    read: (m) => ({ ask: monthlyWhich(days(m[1])) }),
  },
  {
    // du lundi au jeudi chaque semaine · toutes les semaines du lundi au jeudi : chacun de ces jours
    pattern: phrase(
      `(?:(?:chaque\\s+semaine|toutes\\s+les\\s+semaines|hebdomadaire)\\s*,?\\s+du\\s+(${DAY_ALONE})\\s+au\\s+(${DAY_ALONE})|du\\s+(${DAY_ALONE})\\s+au\\s+(${DAY_ALONE})\\s*,?\\s+(?:chaque\\s+semaine|toutes\\s+les\\s+semaines))`,
    ),
    read: (m) => dayRange(days(m[1] ?? m[3]), days(m[2] ?? m[4])),
  },
  {
    // mensuel le premier lundi · tous les mois, le dernier vendredi · chaque mois le 2e et le 4e mardi
    pattern: phrase(
      `(?:mensuel(?:le)?(?:ment)?|tous\\s+les\\s+mois|chaque\\s+mois|une\\s+fois\\s+par\\s+mois)\\s*,?\\s+(?:le|la|l['’])\\s*${ORDS}\\s+(${DAYS})`,
    ),
    read: (m) => monthlyOn(ranks(m[1]), days(m[2])),
  },
  {
    // le 2e et le 4e mardi · tous les premiers lundis · chaque dernier vendredi (rangés dans le mois)
    pattern: phrase(`(le|la|l['’]|les|chaque|tous\\s+les|toutes\\s+les)\\s*${ORDS}\\s+(${DAYS})`),
    read: (m) => {
      const r = ranks(m[2]);
      // `le deuxième mardi` alone may be one Tuesday: only several ranks, `tous les` or `chaque` say a series.
      return r.length > 1 || !/^l/iu.test(m[1]!) ? monthlyOn(r, days(m[3])) : null;
    },
  },
  {
    // toutes les deux semaines · toutes les 3 semaines le mardi · une semaine sur deux
    pattern: phrase(`(?:toutes\\s+les\\s+${N}\\s+semaines|une\\s+semaine\\s+sur\\s+${N})${ON_DAYS}`),
    read: (m) => {
      const interval = count(m[1] ?? m[2]);
      return interval === null ? null : { freq: 'WEEKLY', interval, byDay: days(m[3]) };
    },
  },
  {
    // tous les quinze jours (toutes les deux semaines) · tous les 8 jours (chaque semaine) · tous les 3 jours
    pattern: phrase(`tous\\s+les\\s+${N}\\s+jours${ON_DAYS}`),
    read: (m) => {
      const piece = everyNDays(count(m[1]));
      return piece && piece.freq === 'WEEKLY' ? { ...piece, byDay: days(m[2]) } : piece;
    },
  },
  {
    // un jour sur deux
    pattern: phrase(`un\\s+jour\\s+sur\\s+${N}`),
    read: (m) => {
      const interval = count(m[1]);
      return interval === null ? null : { freq: 'DAILY', interval };
    },
  },
  {
    // tous les deux mois · un mois sur deux · tous les 6 mois
    pattern: phrase(`tous\\s+les\\s+${N}\\s+mois|un\\s+mois\\s+sur\\s+${N}`),
    read: (m) => {
      const interval = count(m[1] ?? m[2]);
      return interval === null ? null : monthly(interval);
    },
  },
  {
    // tous les trimestres · chaque trimestre · trimestriel · une fois par trimestre
    pattern: phrase(
      'tous\\s+les\\s+trimestres|chaque\\s+trimestre|trimestriel(?:le)?(?:ment)?|une\\s+fois\\s+par\\s+trimestre',
    ),
    read: () => monthly(3),
  },
  {
    // semestriel · tous les semestres · deux fois par an
    pattern: phrase(
      'semestriel(?:le)?(?:ment)?|tous\\s+les\\s+semestres|chaque\\s+semestre|deux\\s+fois\\s+par\\s+an',
    ),
    read: () => monthly(6),
  },
  {
    // tous les deux ans · bisannuel
    pattern: phrase('tous\\s+les\\s+(?:deux|2)\\s+ans|bisannuel(?:le)?(?:ment)?'),
    read: () => monthly(24),
  },
  {
    // tous les ans · chaque année · annuel · une fois par an (tous les 12 mois : les mêmes dates que YEARLY)
    pattern: phrase(
      'tous\\s+les\\s+ans|chaque\\s+ann[ée]e|toutes\\s+les\\s+ann[ée]es|annuel(?:le)?(?:ment)?|une\\s+fois\\s+par\\s+an',
    ),
    read: () => monthly(12),
  },
  {
    // biannuel : deux fois par an ou tous les deux ans ? Demandé.
    pattern: phrase('biannuel(?:le)?(?:ment)?'),
    read: () => ({ ask: BIANNUAL }),
  },
  {
    // bimestriel : tous les deux mois
    pattern: phrase('bimestriel(?:le)?(?:ment)?'),
    read: () => monthly(2),
  },
  {
    // bimensuel : deux fois par mois, ou tous les deux mois ? Demandé.
    pattern: phrase('bimensuel(?:le)?(?:ment)?'),
    read: () => ({ ask: BIMONTHLY }),
  },
  {
    // deux fois par mois (le mardi) : une semaine sur deux, ou deux jours rangés ? Demandé.
    pattern: phrase(`deux\\s+fois\\s+par\\s+mois(?:\\s+le\\s+(${DAY}))?`),
    read: (m) => ({ ask: twiceAMonth(RFC[days(m[1])[0]?.weekday ?? 0]) }),
  },
  {
    // deux fois par semaine, le lundi et le jeudi (les jours le disent) · deux fois par semaine (demandé)
    pattern: phrase(`(deux|trois)\\s+fois\\s+par\\s+semaine(?:\\s*,?\\s*(?:le|les)\\s+(${DAYS_ART}))?`),
    read: (m) => {
      const byDay = days(m[2]);
      if (byDay.length > 1) return { freq: 'WEEKLY', interval: 1, byDay };
      return { ask: /^deux/iu.test(m[1]!) ? TWICE_A_WEEK : THRICE_A_WEEK };
    },
  },
  {
    // un mardi sur deux · un vendredi sur trois · tous les deux mardis (un mardi sur deux)
    pattern: phrase(`un\\s+(${DAY})\\s+sur\\s+${N}|tous\\s+les\\s+${N}\\s+(${DAY})`),
    read: (m) => {
      const interval = count(m[2] ?? m[3]);
      return interval === null || interval < 2
        ? null
        : { freq: 'WEEKLY', interval, byDay: days(m[1] ?? m[4]) };
    },
  },
  {
    // tous les jours ouvrés · chaque jour de la semaine · tous les jours en semaine · du lundi au vendredi
    pattern: phrase(
      '(?:tous\\s+les|les)\\s+jours\\s+(?:ouvr[ée]s|ouvrables|de\\s+la\\s+semaine|en\\s+semaine|du\\s+lundi\\s+au\\s+vendredi)|chaque\\s+jour\\s+(?:ouvr[ée]|ouvrable|de\\s+la\\s+semaine)|en\\s+semaine\\s+tous\\s+les\\s+jours|tous\\s+les\\s+jours\\s+sauf\\s+(?:le\\s+)?week-?end',
    ),
    read: () => ({ freq: 'WEEKLY', interval: 1, byDay: WORKING_DAYS }),
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
    // toutes les semaines · chaque semaine · hebdomadaire (familier : hebdo) · une fois par semaine
    pattern: phrase(
      `(?:toutes\\s+les\\s+semaines|chaque\\s+semaine|(?:de\\s+mani[èe]re\\s+)?hebdomadaire(?:ment)?|hebdo|une\\s+fois\\s+par\\s+semaine)${ON_DAYS}`,
    ),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
  {
    // tous les jours · chaque jour · point quotidien · quotidiennement · tous les matins
    pattern: phrase(
      '(?:(?:stand-?up|point|réunion|reunion)\\s+)?quotidien(?:ne)?(?:ment)?|tous\\s+les\\s+jours|chaque\\s+jour|(?:tous\\s+les|chaque)(?=\\s+(?:matins?|après-midis?|apres-midis?|soirs?)(?:$|\\s))',
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
  {
    // en semaine (chaque jour ouvré) ; pas `en semaine uniquement` (une seule réunion, un jour de semaine)
    pattern: phrase('en\\s+semaine(?!\\s+(?:uniquement|seulement))'),
    read: () => ({ freq: 'WEEKLY', interval: 1, byDay: WORKING_DAYS }),
  },
  {
    // les mardis · les lundis et jeudis (le pluriel dit l'habitude ; `le mardi` seul peut être un seul mardi)
    pattern: phrase(
      `les\\s+((?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s(?:\\s*(?:,|et|&|\\+)\\s*(?:les\\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?)*)`,
    ),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
  {
    // le lundi (à 10h) · le lundi et le jeudi : l'habitude (chaque lundi) ou le prochain ? Demandé. Pas une date
    // (`le lundi 30 novembre`, `le lundi 7`), ni `le lundi prochain`, `le lundi de la semaine prochaine`,
    // ni une exclusion ou une borne (`sauf le lundi`, `jusqu'au lundi`), ni une alternative (`le lundi ou le mardi`).
    pattern: phrase(
      `(?<!(?:sauf|pas|hormis|except[ée]|part|jusqu['’]au|avant|apr[èe]s|d[èe]s|depuis|partir\\s+du|du|au|ou|entre|et|ni)\\s+)(?<!semaine(?:\\s+prochaine)?\\s*,?\\s*)le\\s+(${DAY_ALONE}(?:\\s+et\\s+le\\s+${DAY_ALONE})*)(?!\\s*(?:\\d|1er|premier|prochain|suivant|d['’]apr[èe]s|de\\s+(?:la|cette)|qui\\s+vient|en\\s+huit|dernier|ou(?![\\p{L}])|soir\\s+ou))`,
    ),
    read: (m) => {
      const byDay = days(m[1]);
      const rfc = byDay.map((d) => RFC[d.weekday]).join(',');
      return byDay.length === 0 ? null : { ask: [`FREQ=WEEKLY;BYDAY=${rfc}`, ONCE] };
    },
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
    // 6 fois · 8 séances · pendant 8 séances · sur 10 réunions
    pattern: phrase(
      `(?:(?:pendant|sur|durant|en)\\s+)?${N}\\s+(?:fois|s[ée]ances|occurrences|r[ée]unions|sessions)`,
    ),
    read: (m) => {
      const n = small(numberValue(m[1], numbers), 200);
      return n === null ? null : { count: n };
    },
  },
  {
    // jusqu'au 15 mars · jusqu'au mardi 15 mars · jusqu'au 1er avril
    pattern: phrase(`jusqu['’]\\s*(?:au|à|a)\\s+(?:(?:${DAY})\\s+)?(\\d{1,2})(?:er)?\\s+${MONTH}`),
    read: (m) => {
      const month = monthOf(m[2]!);
      const day = small(Number(m[1]), 31);
      return month === undefined || day === null ? null : { untilDay: { month, day } };
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
  {
    // jusqu'à la fin du premier trimestre · jusqu'à fin T1
    pattern: phrase(
      `jusqu['’]\\s*(?:[àa]|au)\\s+(?:la\\s+)?fin\\s+(?:du\\s+)?(?:t([1-4])|(premier|deuxi[èe]me|troisi[èe]me|quatri[èe]me)\\s+trimestre)`,
    ),
    read: (m) => {
      const q = m[1] ? Number(m[1]) : ['pr', 'de', 'tr', 'qu'].indexOf(m[2]!.slice(0, 2).toLowerCase()) + 1;
      return q >= 1 && q <= 4 ? { untilQuarter: q } : null;
    },
  },
];

/** Une date d'une liste d'exceptions : `28 décembre`, `1er janvier`. */
const EX_DATE = `\\d{1,2}(?:er)?\\s+(?:${MONTH.slice(1, -1)})`;
const EX_DATE_PARTS = new RegExp(`(\\d{1,2})(?:er)?\\s+${MONTH}`, 'giu');
/** Une date ou une fête à date fixe (`Noël`, `le jour de l'an`) dans une liste d'exceptions. */
const EX_ITEM = `(?:${EX_DATE}|${holidayWords(holidays)})`;
const readExDate = (d: RegExpExecArray) => {
  const month = monthOf(d[2]!);
  const day = small(Number(d[1]), 31);
  return month === undefined || day === null ? null : { month, day };
};

const excepts: RecurrenceRule[] = [
  {
    // sauf le 28 décembre · sauf les 24 et 31 décembre (non : chaque date a son mois) · hormis le 28 décembre et le 4 janvier
    // · sauf Noël et le jour de l'an · sauf à la Saint-Sylvestre (fêtes à date fixe : `./holidays.ts`)
    pattern: phrase(
      `(?:sauf|hormis|hors|except[ée]|[àa]\\s+part|mais\\s+pas|pas(?:\\s+de\\s+(?:r[ée]union|point|s[ée]ance))?)\\s+(?:(?:le|les|[àa]|pendant)\\s+)?(${EX_ITEM}(?:\\s*(?:,|et|&|\\+|ni)\\s*(?:(?:le|[àa])\\s+)?${EX_ITEM})*)`,
    ),
    read: (m) => {
      const exceptDates = exceptList(m[1]!, { pattern: EX_DATE_PARTS, read: readExDate }, holidays);
      return exceptDates.length > 0 ? { exceptDates } : null;
    },
  },
  {
    // sauf le vendredi · sauf les mercredis · hormis le lundi · sauf le week-end ; pas `sauf le vendredi
    // après-midi` (une heure ce jour-là seulement : lue comme une exclusion de la fenêtre)
    pattern: phrase(
      `(?:sauf|hormis|except[ée]|[àa]\\s+part|mais\\s+pas)\\s+(?:le\\s+|les\\s+)?(?:(${DAYS})|(week-?ends?))(?!\\s*,?\\s*(?:matin|apr[èe]s-midi|soir|midi|[àa]|de|avant|apr[èe]s|entre|\\d)(?![\\p{L}]))`,
    ),
    read: (m) =>
      exceptOf(
        m[2]
          ? [
              { n: 0, weekday: 5 },
              { n: 0, weekday: 6 },
            ]
          : days(m[1]),
      ),
  },
];

export const recurrence = { frequencies, ends, excepts };
