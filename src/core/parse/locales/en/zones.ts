/** Time zones in English words: `my time`, `Paris time`, `eastern (standard) time`. */
import { WB, WE, wordRegex } from '../../text.ts';
import { CITY_NAMES, city, region } from '../../zone.ts';
import type { ZoneRule } from '../types.ts';

export const zones: readonly ZoneRule[] = [
  {
    pattern: wordRegex(`${WB}(?:in\\s+)?(?:my|our)\\s+(?:own\\s+)?time(?:\\s+zone)?${WE}`),
    read: () => ({ own: true }),
  },
  {
    pattern: wordRegex(`${WB}(${CITY_NAMES})\\s+time${WE}`),
    read: (m) => city(m[1]),
  },
  {
    pattern: wordRegex(
      `${WB}(eastern|central|mountain|pacific)(?:\\s+(?:standard\\s+|daylight\\s+)?time)?${WE}`,
    ),
    read: (m) => region(m[1]),
  },
];
