/**
 * English durations: `30m`, `30 min`, `45 minutes`, `1h`, `1h30`, `1 h 30`, `1.5h`, `90min`, `an hour`,
 * `half an hour`, `an hour and a half`, `two hours`, `a quarter of an hour`.
 */

import { WB, WE, wordRegex } from '../../text.ts';
import { alternation, hoursAndMinutes, numberValue } from '../shared.ts';
import type { DurationRule } from '../types.ts';
import { numbers } from './numbers.ts';

const WORD = alternation(numbers.keys());
const DIGITS = '(?:(?<=^|\\s)-)?\\d+(?:[.,]\\d+)?';
const NUM = `(${DIGITS}|${WORD})`;
const HOURS = '(?:h|hrs?|hours?)\\.?';
const MINUTES = '(?:m|mins?|minutes?|mn)\\.?';

const num = (raw: string | undefined) => numberValue(raw, numbers);
/** `1 1/2` hours in minutes; `null` for fractions other than 1/2, 1/4, 3/4. */
const fraction = (whole: string | undefined, a: string | undefined, b: string | undefined) =>
  a === '3' && b === '2' ? null : Math.round((Number(whole ?? 0) + Number(a) / Number(b)) * 60);

export const durations: readonly DurationRule[] = [
  {
    // "1/2 hour", "3/4 hour", "1 1/2 hours"
    pattern: wordRegex(
      `${WB}(?:(\\d{1,2})\\s+)?([13])\\s*/\\s*([24])\\s*(?:(?:of\\s+)?an?\\s+)?(?:h|hrs?|hours?)${WE}`,
    ),
    minutes: (m) => fraction(m[1], m[2], m[3]),
  },
  {
    // "1 hour thirty", "an hour fifteen"
    pattern: wordRegex(
      `${WB}${NUM}\\s*(?:h|hrs?|hours?)\\s+(?:and\\s+)?(fifteen|thirty|forty[\\s-]five)${WE}`,
    ),
    minutes: (m) => hoursAndMinutes(num(m[1]), String(num(m[2]?.replace(/\s+/, '-')) ?? 0)),
  },
  {
    // "an hour and a half", "two and a half hours"
    pattern: wordRegex(`${WB}${NUM}\\s+(?:hours?\\s+and\\s+a\\s+half|and\\s+a\\s+half\\s+hours?)${WE}`),
    minutes: (m) => hoursAndMinutes(num(m[1]), '30'),
  },
  {
    pattern: wordRegex(`${WB}three[\\s-]quarters?(?:\\s+of)?(?:\\s+an)?[\\s-]+hour${WE}`),
    minutes: () => 45,
  },
  {
    pattern: wordRegex(`${WB}(?:(?:a|one)\\s+)?quarter(?:\\s+of)?(?:\\s+an)?[\\s-]+hour${WE}`),
    minutes: () => 15,
  },
  {
    // "half an hour", "a half hour", "half-hour"
    pattern: wordRegex(`${WB}(?:(?:a|one)\\s+)?half(?:\\s+an?)?[\\s-]+hour${WE}`),
    minutes: () => 30,
  },
  {
    // "1h", "1h30", "1 h 30", "1.5h", "1 hour 30 minutes", "2 hours and 15 minutes"
    pattern: wordRegex(`${WB}(${DIGITS})\\s*${HOURS}(?:\\s*(?:and\\s+)?(\\d{1,2})(?:\\s*${MINUTES})?)?${WE}`),
    minutes: (m) => hoursAndMinutes(num(m[1]), m[2]),
    clockLike: true,
  },
  {
    // "an hour", "two hours", "one hour 30 minutes"
    pattern: wordRegex(`${WB}(${WORD})\\s+hours?(?:\\s+(?:and\\s+)?(\\d{1,2})\\s*${MINUTES})?${WE}`),
    minutes: (m) => hoursAndMinutes(num(m[1]), m[2]),
  },
  {
    // "30m", "45 min", "90min", "forty-five minutes"
    pattern: wordRegex(`${WB}(?:(${DIGITS})\\s*${MINUTES}|(${WORD})\\s+(?:mins?|minutes?))${WE}`),
    minutes: (m) => {
      const value = num(m[1] ?? m[2]);
      return value === null ? null : Math.round(value);
    },
  },
];

/** `at 3h`, `after 15h`: digits + hour unit after these words are clock times. */
export const timePreposition =
  /(?:(?<![\p{L}\p{N}_])(?:at|after|before|from|until|till|by|to|between|and|around|about)|[-–])\s*$/iu;
