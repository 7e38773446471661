/** The German configuration of the request parser. */
// The locale's own entry point: `chrono-node` itself loads all sixteen locales (most of `convene parse`'s start-up).
import * as chronode from 'chrono-node/de';
import { prefiltered } from '../chrono.ts';
import { holidayPeriod } from '../holidays.ts';
import type { LocaleConfig } from '../types.ts';
import { durations, timePreposition } from './durations.ts';
import { holidays } from './holidays.ts';
import { numbers } from './numbers.ts';
import { recurrence } from './recurrence.ts';
import { bounds, clockTimes, dayOfMonth, partsOfDay, periods, rangeJoiner, timeWords } from './time.ts';
import { fillers, lastModifier, markers, thisModifier, weekdayAbbreviation } from './words.ts';
import { zones } from './zones.ts';

export const de: LocaleConfig = {
  locale: 'de',
  chrono: prefiltered(chronode.casual),
  numbers,
  durations,
  timePreposition,
  compactClockTimes: false,
  partsOfDay,
  // A fixed-date holiday left out (`except christmas`): that day, excluded by the bound keyword before it.
  periods: [
    ...periods,
    holidayPeriod(
      holidays,
      'au(?:ß|ss)er|ausgenommen|ohne|nicht|kein(?:e[nr]?)?|weder',
      'am|an|den|dem|der|die|zu|über|während',
      'und|oder|noch|sowie|&|\\+',
    ),
  ],
  timeWords,
  clockTimes,
  dayOfMonth,
  bounds,
  rangeJoiner,
  thisModifier,
  lastModifier,
  weekdayAbbreviation,
  fillers,
  markers,
  letters: /[äöüß]/giu,
  connectives: {
    alternative: ['oder', 'entweder'],
    joiners: ['und', 'oder', 'noch', 'sowie'],
    articles: ['dem', 'den', 'der', 'am', 'um', 'zum'],
    at: ['um', 'gegen'],
    namedTimes: ['mitternacht'],
    offset: ['in'],
    lasting: ['für', 'während', 'mit einer dauer von', 'dauer:', 'dauer von', 'dauer'],
    lastingAfter: ['lang'],
    about: ['etwa', 'ca.', 'circa', 'zirka', 'ungefähr', 'rund'],
  },
  zones,
  recurrence,
};
