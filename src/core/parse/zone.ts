/**
 * Time zones named in a request: IANA names (`Europe/Berlin`), UTC offsets (`GMT+1`, `UTC-5`), common
 * abbreviations written in capitals (`CET`, `ET`, `PST`…), regions (`eastern`, `heure du Pacifique`) and
 * cities (`Paris time`, `heure de Londres`). An abbreviation that names several zones (`IST`, `CST`,
 * `BST`, `AEST`) is never guessed: it comes back with its candidates, so the bot can ask.
 * `my time` / `heure locale` name the organiser's own zone: consumed, nothing changes.
 */
import { IANAZone } from 'luxon';
import type { LocaleConfig, ZoneRule } from './locales/types.ts';
import { mask, matchAll, pattern, type Span } from './text.ts';

export interface ZoneHit {
  readonly span: Span;
  readonly text: string;
  /** The IANA zone, when the words name exactly one. */
  readonly zone?: string;
  /** The candidates, when the words name several (`IST`). */
  readonly candidates?: readonly string[];
  /** `my time`, `heure locale`: the organiser's zone. */
  readonly own?: true;
}

const NEW_YORK = 'America/New_York';
const CHICAGO = 'America/Chicago';
const DENVER = 'America/Denver';
const LOS_ANGELES = 'America/Los_Angeles';

/** Capital-letter abbreviations; several candidates means ambiguous. */
const ABBREVIATIONS: Readonly<Record<string, string | readonly string[]>> = {
  UTC: 'UTC',
  GMT: 'UTC',
  CET: 'CET',
  CEST: 'CET',
  WET: 'WET',
  WEST: 'WET',
  EET: 'EET',
  EEST: 'EET',
  ET: NEW_YORK,
  EST: NEW_YORK,
  EDT: NEW_YORK,
  CT: CHICAGO,
  CDT: CHICAGO,
  MT: DENVER,
  MST: DENVER,
  MDT: DENVER,
  PT: LOS_ANGELES,
  PST: LOS_ANGELES,
  PDT: LOS_ANGELES,
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  SGT: 'Asia/Singapore',
  HKT: 'Asia/Hong_Kong',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  IST: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  CST: [CHICAGO, 'Asia/Shanghai', 'America/Havana'],
  BST: ['Europe/London', 'Asia/Dhaka'],
  AEST: ['Australia/Sydney', 'Australia/Brisbane'],
  AST: ['America/Halifax', 'Asia/Riyadh'],
};

const CITIES: Readonly<Record<string, string>> = {
  paris: 'Europe/Paris',
  uk: 'Europe/London',
  british: 'Europe/London',
  london: 'Europe/London',
  londres: 'Europe/London',
  berlin: 'Europe/Berlin',
  madrid: 'Europe/Madrid',
  rome: 'Europe/Rome',
  amsterdam: 'Europe/Amsterdam',
  brussels: 'Europe/Brussels',
  bruxelles: 'Europe/Brussels',
  lisbon: 'Europe/Lisbon',
  lisbonne: 'Europe/Lisbon',
  dublin: 'Europe/Dublin',
  geneva: 'Europe/Zurich',
  genève: 'Europe/Zurich',
  zurich: 'Europe/Zurich',
  'new york': NEW_YORK,
  boston: NEW_YORK,
  montreal: 'America/Toronto',
  montréal: 'America/Toronto',
  toronto: 'America/Toronto',
  chicago: CHICAGO,
  denver: DENVER,
  'san francisco': LOS_ANGELES,
  'los angeles': LOS_ANGELES,
  seattle: LOS_ANGELES,
  tokyo: 'Asia/Tokyo',
  singapore: 'Asia/Singapore',
  singapour: 'Asia/Singapore',
  dubai: 'Asia/Dubai',
  mumbai: 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  sydney: 'Australia/Sydney',
};

const REGIONS: Readonly<Record<string, string>> = {
  eastern: NEW_YORK,
  central: CHICAGO,
  mountain: DENVER,
  pacific: LOS_ANGELES,
  "l'est": NEW_YORK,
  'l’est': NEW_YORK,
  pacifique: LOS_ANGELES,
  anglaise: 'Europe/London',
  britannique: 'Europe/London',
  française: 'Europe/Paris',
  francaise: 'Europe/Paris',
  'de france': 'Europe/Paris',
};

/** The cities' names as a regex alternation, longest first, for the languages' rules. */
export const CITY_NAMES = Object.keys(CITIES)
  .sort((a, b) => b.length - a.length)
  .map((c) => c.replace(/\s/g, '\\s+'))
  .join('|');

type Rule = ZoneRule;

const COMMON: readonly Rule[] = [
  {
    // IANA names: Europe/Berlin, America/Argentina/Buenos_Aires
    pattern: pattern(
      String.raw`(?<![\p{L}\p{N}_/])([A-Z][A-Za-z_-]+\/[A-Za-z_-]+(?:\/[A-Za-z_-]+)?)(?![\p{L}\p{N}_/])`,
      'gu',
    ),
    read: (m) => (IANAZone.isValidZone(m[1]!) ? { zone: m[1]! } : null),
  },
  {
    // GMT+1, UTC-05:00, UTC+5:30
    pattern: pattern(
      String.raw`(?<![\p{L}\p{N}_])(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?([0-5]\d))?(?![\p{L}\p{N}_])`,
      'giu',
    ),
    read: (m) => {
      const hours = Number(m[2]);
      if (hours > 14) return null;
      const sign = m[1] === '+' ? '+' : '-';
      const zone = `UTC${sign}${hours}${m[3] && m[3] !== '00' ? `:${m[3]}` : ''}`;
      return IANAZone.isValidZone(zone) || /^UTC[+-]\d+(?::\d\d)?$/.test(zone) ? { zone } : null;
    },
  },
  {
    // Capitals only: `et` is French for "and", `est` for "is".
    pattern: pattern(
      `(?<![\\p{L}\\p{N}_])(${Object.keys(ABBREVIATIONS).join('|')})(?![\\p{L}\\p{N}_+−-])`,
      'gu',
    ),
    read: (m) => {
      const value = ABBREVIATIONS[m[1]!];
      if (value === undefined) return null;
      return typeof value === 'string' ? { zone: value } : { candidates: value };
    },
  },
];

export function city(name: string | undefined): { zone: string } | null {
  const zone = CITIES[(name ?? '').toLowerCase().replace(/\s+/g, ' ')];
  return zone ? { zone } : null;
}

export function region(name: string | undefined): { zone: string } | null {
  const zone = REGIONS[(name ?? '').toLowerCase().replace(/\s+/g, ' ')];
  return zone ? { zone } : null;
}

/** Every zone named in the text, in reading order. */
export function extractZones(masked: string, config: LocaleConfig): ZoneHit[] {
  const hits: ZoneHit[] = [];
  let text = masked;
  for (const rule of [...config.zones, ...COMMON]) {
    const spans: Span[] = [];
    for (const { match, span } of matchAll(rule.pattern, text)) {
      const read = rule.read(match);
      if (!read) continue;
      hits.push({ span, text: match[0], ...read });
      spans.push(span);
    }
    text = mask(text, spans);
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}
