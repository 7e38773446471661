/** Time zones in French words: `heure locale`, `heure de Paris`, `heure du Pacifique`. */
import { WB, WE, wordRegex } from '../../text.ts';
import { CITY_NAMES, city, region } from '../../zone.ts';
import type { ZoneRule } from '../types.ts';

export const zones: readonly ZoneRule[] = [
  { pattern: wordRegex(`${WB}(?:à\\s+l['’])?heure\\s+locale${WE}`), read: () => ({ own: true }) },
  {
    pattern: wordRegex(`${WB}(?:[àa]\\s+l['’])?heure\\s+de\\s+(${CITY_NAMES})${WE}`),
    read: (m) => city(m[1]),
  },
  {
    pattern: wordRegex(
      `${WB}(?:[àa]\\s+l['’])?heure\\s+(?:du\\s+|de\\s+)?(l['’]est|pacifique|fran[çc]aise|anglaise|britannique|de\\s+france)${WE}`,
    ),
    read: (m) => region(m[1]),
  },
];
