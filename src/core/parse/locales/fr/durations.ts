/**
 * French durations: `1 heure`, `une heure`, `45 minutes`, `1h30`, `une demi-heure`, `deux heures`,
 * `une heure et demie`, `un quart d'heure`, `une heure trente`, `1,5 h`.
 */

import { WB, WE, wordRegex } from '../../text.ts';
import { alternation, hoursAndMinutes, numberValue } from '../shared.ts';
import type { DurationRule } from '../types.ts';
import { numbers } from './numbers.ts';

const WORD = alternation(numbers.keys());
const DIGITS = '(?:(?<=^|\\s)-)?\\d+(?:[.,]\\d+)?';
const NUM = `(${DIGITS}|${WORD})`;
const HOURS = '(?:h|hr|heures?)\\.?';
const MINUTES = '(?:m|mn|mins?|minutes?)\\.?';
/** "trente" or "30" after an hour count: `une heure trente`. */
const EXTRA = `(\\d{1,2}|quinze|trente|quarante-cinq|quarante\\s+cinq)`;

const num = (raw: string | undefined) => numberValue(raw, numbers);
/** `1 1/2` hours in minutes; `null` for fractions other than 1/2, 1/4, 3/4. */
const fraction = (whole: string | undefined, a: string | undefined, b: string | undefined) =>
  a === '3' && b === '2' ? null : Math.round((Number(whole ?? 0) + Number(a) / Number(b)) * 60);
const extra = (raw: string | undefined) => {
  const value = num(raw);
  return value === null ? undefined : String(value);
};

export const durations: readonly DurationRule[] = [
  {
    // "1/2 heure", "3/4 d'heure", "1 1/2 h"
    pattern: wordRegex(`${WB}(?:(\\d{1,2})\\s+)?([13])\\s*/\\s*([24])\\s*(?:d['’]\\s*)?(?:h|heures?)${WE}`),
    minutes: (m) => fraction(m[1], m[2], m[3]),
  },
  {
    // "une heure et demie", "2h et demie", "deux heures et quart", "une heure moins le quart"
    pattern: wordRegex(`${WB}${NUM}\\s*${HOURS}\\s+(et\\s+demie?|et\\s+quart|moins\\s+le\\s+quart)${WE}`),
    minutes: (m) => {
      const hours = num(m[1]);
      if (hours === null) return null;
      const tail = (m[2] ?? '').toLowerCase();
      const delta = tail.includes('demi') ? 30 : tail.includes('moins') ? -15 : 15;
      return Math.round(hours * 60 + delta);
    },
    clockLike: true,
  },
  {
    pattern: wordRegex(`${WB}trois\\s+quarts?\\s+d['’]\\s*heure${WE}`),
    minutes: () => 45,
  },
  {
    pattern: wordRegex(`${WB}(?:un\\s+)?quart\\s+d['’]\\s*heure${WE}`),
    minutes: () => 15,
  },
  {
    pattern: wordRegex(`${WB}(?:une\\s+)?demi[\\s-]*heure${WE}`),
    minutes: () => 30,
  },
  {
    // "1h", "1h30", "1 h 30", "1,5 h", "2 heures 15", "1 heure 30 minutes"
    pattern: wordRegex(`${WB}(${DIGITS})\\s*${HOURS}(?:\\s*(\\d{1,2})(?:\\s*${MINUTES})?)?${WE}`),
    minutes: (m) => hoursAndMinutes(num(m[1]), m[2]),
    clockLike: true,
  },
  {
    // "une heure", "deux heures", "une heure trente"
    pattern: wordRegex(`${WB}(${WORD})\\s+heures?(?:\\s+${EXTRA}(?:\\s*${MINUTES})?)?${WE}`),
    minutes: (m) => hoursAndMinutes(num(m[1]), extra(m[2])),
    // "à quinze heures" is a time.
    clockLike: true,
  },
  {
    // "30 min", "45 minutes", "90mn", "quarante-cinq minutes"
    pattern: wordRegex(`${WB}(?:(${DIGITS})\\s*${MINUTES}|(${WORD})\\s+(?:mins?|minutes?))${WE}`),
    minutes: (m) => {
      const value = num(m[1] ?? m[2]);
      return value === null ? null : Math.round(value);
    },
  },
];

/** `à 15h`, `après 15h`, `entre 14h et 16h`: digits + hour unit after these words are clock times. */
export const timePreposition =
  /(?:(?<![\p{L}\p{N}_])(?:à|a|après|apres|avant|de|dès|des|vers|jusqu['’]\s*à|jusqu['’]\s*a|entre|et|au|pour\s+midi)|[-–])\s*$/iu;
