/** The English configuration of the request parser. */
// The locale's own entry point: `chrono-node` itself loads all sixteen locales (most of `convene parse`'s start-up).
import * as chronoen from 'chrono-node/en';
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

export const en: LocaleConfig = {
  locale: 'en',
  chrono: prefiltered(chronoen.casual),
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
      'except|excluding|but\\s+not|other\\s+than|apart\\s+from|not|no|without|skipping|skip',
      'on|the|during|at|for',
      'and|or|&|\\+',
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
  connectives: {
    alternative: ['or', 'either'],
    joiners: ['and', 'or', 'nor', '&'],
    articles: ['the', 'on', 'at'],
    at: ['at', 'around'],
    namedTimes: ['noon', 'midday', 'midnight'],
    offset: ['in'],
    lasting: ['for', 'lasting', 'duration:', 'duration', 'with a duration of', 'for a duration of'],
    lastingAfter: ['long'],
    about: ['about', 'around', 'roughly', 'approximately', 'approx.', 'approx', 'circa', 'ca.'],
  },
  zones,
  recurrence,
};
