/**
 * English fixed-date holidays (`except christmas`, `except new year's day`). Movable feasts (`easter`,
 * `thanksgiving`) are in no table: their words stay unread.
 */
import type { Holiday } from '../holidays.ts';

const S = "(?:['’]?s)?";
/** `christmas holidays`, `new year break`: a stretch of days, not the holiday itself (left unread). */
const ALONE = '(?!\\s+(?:eve|holidays?|break|vacations?|weeks?|period|season|time|shutdown|part(?:y|ies)))';

export const holidays: readonly Holiday[] = [
  { words: `(?:(?:christmas|x-?mas)\\s+eve)${ALONE}`, month: 12, day: 24 },
  { words: `(?:(?:christmas|x-?mas)(?:\\s+day)?)${ALONE}`, month: 12, day: 25 },
  { words: `(?:boxing\\s+day)${ALONE}`, month: 12, day: 26 },
  { words: `(?:new\\s+years?${S}\\s+eve|nye)${ALONE}`, month: 12, day: 31 },
  { words: `(?:new\\s+year${S}(?:\\s+day)?)${ALONE}`, month: 1, day: 1 },
];
