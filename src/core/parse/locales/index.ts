import type { Locale } from '../types.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';
import type { LocaleConfig } from './types.ts';

export const LOCALES: Readonly<Record<Locale, LocaleConfig>> = { en, fr };
