/** The English configuration of the request parser. */
// The locale's own entry point: `chrono-node` itself loads all sixteen locales (most of `convene parse`'s start-up).
import * as chronoen from 'chrono-node/en';
import { prefiltered } from '../chrono.ts';
import type { LocaleConfig } from '../types.ts';
import { durations, timePreposition } from './durations.ts';
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
  periods,
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
  },
  zones,
  recurrence,
};
