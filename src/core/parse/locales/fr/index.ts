/** The French configuration of the request parser. */
// The locale's own entry point: `chrono-node` itself loads all sixteen locales (most of `convene parse`'s start-up).
import * as chronofr from 'chrono-node/fr';
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

export const fr: LocaleConfig = {
  locale: 'fr',
  chrono: prefiltered(chronofr.casual),
  numbers,
  durations,
  timePreposition,
  compactClockTimes: true,
  partsOfDay,
  // A fixed-date holiday left out (`except christmas`): that day, excluded by the bound keyword before it.
  periods: [
    ...periods,
    holidayPeriod(
      holidays,
      'sauf|hors|hormis|except[ée]|[àa]\\s+part|mais\\s+pas|pas|ni',
      'le|la|les|[àa]|pendant',
      'et|ou|ni|&|\\+',
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
  letters: /[àâçéèêëîïôûùüÿœ]/giu,
  connectives: {
    alternative: ['ou', 'soit'],
    joiners: ['et', 'ou', 'ni'],
    articles: ['le', 'la', 'les', "l'", 'l’', 'à', 'a'],
    at: ['à', 'a', 'vers'],
    namedTimes: ['midi', 'minuit'],
    offset: ['dans'],
    lasting: [
      'pendant',
      'durant',
      'pour',
      "d'une durée de",
      'd’une durée de',
      "d'une durée d'",
      'd’une durée d’',
      'pour une durée de',
      "pour une durée d'",
      'pour une durée d’',
      'durée :',
      'durée:',
      'durée de',
      "durée d'",
      'durée d’',
      'durée',
    ],
    lastingAfter: [],
    about: ['environ', 'à peu près', 'approximativement', 'env.'],
  },
  zones,
  recurrence,
};
