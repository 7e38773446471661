/** The French configuration of the request parser. */
import * as chrono from 'chrono-node';
import type { LocaleConfig } from '../types.ts';
import { durations, timePreposition } from './durations.ts';
import { numbers } from './numbers.ts';
import { bounds, clockTimes, dayOfMonth, partsOfDay, periods, rangeJoiner, timeWords } from './time.ts';
import { fillers, lastModifier, markers, thisModifier, weekdayAbbreviation } from './words.ts';

export const fr: LocaleConfig = {
  locale: 'fr',
  chrono: chrono.fr.casual,
  numbers,
  durations,
  timePreposition,
  compactClockTimes: true,
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
};
