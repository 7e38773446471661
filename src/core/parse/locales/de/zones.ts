/**
 * Time zones in German: `meiner Zeit`/`Ortszeit` (the organiser's own), `Berliner Zeit`, `New Yorker Zeit`,
 * `deutscher Zeit`, `MEZ`/`MESZ` (capitals only: Central European Time, like `CET`).
 */
import { pattern, WB, WE, wordRegex } from '../../text.ts';
import type { ZoneRule } from '../types.ts';

/** City adjectives (`Berliner`) and country adjectives (`deutscher`) with `Zeit`. */
const PLACES: Readonly<Record<string, string>> = {
  berliner: 'Europe/Berlin',
  münchner: 'Europe/Berlin',
  hamburger: 'Europe/Berlin',
  frankfurter: 'Europe/Berlin',
  kölner: 'Europe/Berlin',
  wiener: 'Europe/Vienna',
  zürcher: 'Europe/Zurich',
  züricher: 'Europe/Zurich',
  genfer: 'Europe/Zurich',
  pariser: 'Europe/Paris',
  londoner: 'Europe/London',
  madrider: 'Europe/Madrid',
  römer: 'Europe/Rome',
  amsterdamer: 'Europe/Amsterdam',
  brüsseler: 'Europe/Brussels',
  lissabonner: 'Europe/Lisbon',
  'new yorker': 'America/New_York',
  bostoner: 'America/New_York',
  torontoer: 'America/Toronto',
  chicagoer: 'America/Chicago',
  tokioter: 'Asia/Tokyo',
  singapurer: 'Asia/Singapore',
  sydneyer: 'Australia/Sydney',
  deutscher: 'Europe/Berlin',
  deutsche: 'Europe/Berlin',
  österreichischer: 'Europe/Vienna',
  schweizer: 'Europe/Zurich',
  französischer: 'Europe/Paris',
  britischer: 'Europe/London',
  englischer: 'Europe/London',
  mitteleuropäischer: 'CET',
  mitteleuropäische: 'CET',
  pazifischer: 'America/Los_Angeles',
  'us-ostküsten': 'America/New_York',
  ostküsten: 'America/New_York',
  'us-westküsten': 'America/Los_Angeles',
  westküsten: 'America/Los_Angeles',
};
const PLACE_NAMES = Object.keys(PLACES)
  .sort((a, b) => b.length - a.length)
  .map((p) => p.replace(/\s/g, '\\s+'))
  .join('|');

export const zones: readonly ZoneRule[] = [
  {
    pattern: wordRegex(
      `${WB}(?:(?:nach|in)\\s+)?(?:meiner|unserer)\\s+(?:eigenen\\s+)?(?:zeit|zeitzone)${WE}|${WB}(?:in\\s+)?(?:ortszeit|lokaler\\s+zeit)${WE}`,
    ),
    read: () => ({ own: true }),
  },
  {
    // "Berliner Zeit", "New Yorker Zeit", "deutscher Zeit", "mitteleuropäischer Sommerzeit", "Ostküstenzeit"
    pattern: wordRegex(
      `${WB}(?:(?:nach|in)\\s+)?(${PLACE_NAMES})(?:\\s+|-)?(?:(?:sommer|winter|orts|uhr|normal)?zeit)${WE}`,
    ),
    read: (m) => {
      const zone = PLACES[(m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')];
      return zone ? { zone } : null;
    },
  },
  {
    // Capitals only, like the other abbreviations.
    pattern: pattern(String.raw`(?<![\p{L}\p{N}_])(MEZ|MESZ)(?![\p{L}\p{N}_+−-])`, 'gu'),
    read: () => ({ zone: 'CET' }),
  },
];
