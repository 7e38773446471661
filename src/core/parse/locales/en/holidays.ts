/**
 * English fixed-date holidays (`except christmas`, `except new year's day`). Movable feasts (`easter`,
 * `thanksgiving`) are in no table: their words stay unread.
 */
import type { Holiday } from '../holidays.ts';

const S = "(?:['’]?s)?";

export const holidays: readonly Holiday[] = [
  { words: '(?:christmas|x-?mas)\\s+eve', month: 12, day: 24 },
  { words: '(?:christmas|x-?mas)(?:\\s+day)?', month: 12, day: 25 },
  { words: 'boxing\\s+day', month: 12, day: 26 },
  { words: `new\\s+years?${S}\\s+eve|nye`, month: 12, day: 31 },
  { words: `new\\s+year${S}(?:\\s+day)?`, month: 1, day: 1 },
];
