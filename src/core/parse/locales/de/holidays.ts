/**
 * Deutsche Feiertage mit festem Datum (`außer Weihnachten`, `außer Neujahr`, `außer Heiligabend`,
 * `außer Silvester`). Bewegliche Feste (`Ostern`, `Pfingsten`) stehen in keiner Tabelle: ihre Wörter
 * bleiben ungelesen.
 */
import type { Holiday } from '../holidays.ts';

const DAY = '(?:weihnachts(?:feier)?tag(?:e?s)?)';

export const holidays: readonly Holiday[] = [
  { words: 'heilig(?:en)?\\s*abend|weihnachtsabend', month: 12, day: 24 },
  { words: `weihnachten|(?:(?:de[nmr]\\s+)?(?:erste[nmr]?|1\\.)\\s*)${DAY}`, month: 12, day: 25 },
  { words: `(?:(?:de[nmr]\\s+)?(?:zweite[nmr]?|2\\.)\\s*)${DAY}|stephanstag`, month: 12, day: 26 },
  { words: 'silvester(?:abend|tag)?|sylvester', month: 12, day: 31 },
  { words: 'neujahr(?:s(?:tag)?)?', month: 1, day: 1 },
];
