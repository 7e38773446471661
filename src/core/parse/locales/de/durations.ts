/**
 * German durations: `30 Min.`, `45 Minuten`, `eine Stunde`, `1 Std.`, `1,5 Std.`, `1h30`, `2 Stunden`,
 * `eine halbe Stunde`, `eine Viertelstunde`, `eine Dreiviertelstunde`, `anderthalb Stunden`,
 * `eineinhalb Stunden`, `zweieinhalb Stunden`, `1 Stunde 30 Minuten`, `1 Std. und 15 Min.`.
 */

import { WB, WE, wordRegex } from '../../text.ts';
import { alternation, hoursAndMinutes, numberValue } from '../shared.ts';
import type { DurationRule } from '../types.ts';
import { numbers } from './numbers.ts';

const WORD = alternation(numbers.keys());
const DIGITS = '(?:(?<=^|\\s)-)?\\d+(?:[.,]\\d+)?';
const _NUM = `(${DIGITS}|${WORD})`;
/** `Std.` ends with a dot that is part of the word: no word end is required after it. */
const HOURS = '(?:h|std\\.|std|stdn\\.?|stunden?)';
const MINUTES = '(?:m|min\\.|mins?|minuten?)';
const END = `(?:(?<=\\.)|${WE})`;

const num = (raw: string | undefined) => numberValue(raw, numbers);
/** `1 1/2` hours in minutes; `null` for fractions other than 1/2, 1/4, 3/4. */
const fraction = (whole: string | undefined, a: string | undefined, b: string | undefined) =>
  a === '3' && b === '2' ? null : Math.round((Number(whole ?? 0) + Number(a) / Number(b)) * 60);
const HALVES: Readonly<Record<string, number>> = {
  anderthalb: 90,
  eineinhalb: 90,
  einundhalb: 90,
  zweieinhalb: 150,
  dreieinhalb: 210,
};

export const durations: readonly DurationRule[] = [
  {
    // "1/2 Stunde", "3/4 Stunde", "1 1/2 Stunden"
    pattern: wordRegex(`${WB}(?:(\\d{1,2})\\s+)?([13])\\s*/\\s*([24])\\s*${HOURS}${END}`),
    minutes: (m) => fraction(m[1], m[2], m[3]),
  },
  {
    // "anderthalb Stunden", "eineinhalb Std.", "zweieinhalb Stunden"
    pattern: wordRegex(`${WB}(anderthalb|eineinhalb|einundhalb|zweieinhalb|dreieinhalb)\\s*${HOURS}${END}`),
    minutes: (m) => HALVES[(m[1] ?? '').toLowerCase()] ?? null,
  },
  {
    // "eine Dreiviertelstunde", "dreiviertel Stunde", "drei viertel Stunden"
    pattern: wordRegex(`${WB}(?:(?:eine|einer)\\s+)?drei[\\s-]*viertel[\\s-]*stunden?${WE}`),
    minutes: () => 45,
  },
  {
    // "eine Viertelstunde", "viertel Stunde"
    pattern: wordRegex(`${WB}(?:(?:eine|einer)\\s+)?viertel[\\s-]*stunden?${WE}`),
    minutes: () => 15,
  },
  {
    // "eine halbe Stunde", "in einer halben Stunde", "halbstündig"
    pattern: wordRegex(
      `${WB}(?:(?:eine|einer)\\s+)?(?:halbe[nr]?[\\s-]*stunde|halbst[üu]ndig(?:e[nrs]?)?)${WE}`,
    ),
    minutes: () => 30,
  },
  {
    // "1h", "1h30", "1 h 30", "1,5 Std.", "2 Stunden 15", "1 Std. 30 Min.", "1 Stunde und 15 Minuten"
    pattern: wordRegex(
      `${WB}(${DIGITS})\\s*${HOURS}(?:\\s*(?:und\\s+)?(\\d{1,2})(?:\\s*${MINUTES})?)?${END}`,
    ),
    minutes: (m) => hoursAndMinutes(num(m[1]), m[2]),
    clockLike: true,
  },
  {
    // "eine Stunde", "zwei Stunden", "einer Stunde", "eine Stunde und 30 Minuten"
    pattern: wordRegex(
      `${WB}(${WORD})\\s+(?:stunden?|std\\.?)(?:\\s+(?:und\\s+)?(\\d{1,2})\\s*${MINUTES})?${END}`,
    ),
    minutes: (m) => hoursAndMinutes(num(m[1]), m[2]),
  },
  {
    // "30m", "30 Min.", "45 Minuten", "90min", "fünfundvierzig Minuten"
    pattern: wordRegex(`${WB}(?:(${DIGITS})\\s*${MINUTES}|(${WORD})\\s+(?:min\\.|mins?|minuten?))${END}`),
    minutes: (m) => {
      const value = num(m[1] ?? m[2]);
      return value === null ? null : Math.round(value);
    },
  },
];

/** `um 15h`, `ab 15h`: digits + hour unit after these words are clock times. */
export const timePreposition =
  /(?:(?<![\p{L}\p{N}_])(?:um|ab|nach|vor|bis|gegen|von|zwischen|und|spätestens|frühestens)|[-–])\s*$/iu;
