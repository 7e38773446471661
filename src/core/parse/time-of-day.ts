/** Parts of the day (`mornings only`, `en fin de journée`) and `HH:mm` arithmetic. */
import type { LocaleConfig } from './locales/types.ts';
import { mask, matchAll, type Span } from './text.ts';

export interface PartOfDayHit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly span: Span;
  /** `this afternoon`, `ce soir`: the phrase also names today. */
  readonly today: boolean;
}

/**
 * Parts of the day in reading order. One after an exclusion keyword (`except mornings`, `sauf le
 * matin`) is not returned, so that it stays in `unrecognised` instead of becoming a constraint.
 */
export function extractPartsOfDay(masked: string, config: LocaleConfig): PartOfDayHit[] {
  const hits: PartOfDayHit[] = [];
  const excepts = config.bounds
    .filter((b) => b.kind === 'except')
    .map((b) => new RegExp(`(?:${b.pattern.source})\\s*$`, 'iu'));
  let text = masked;
  for (const rule of config.partsOfDay) {
    const found = matchAll(rule.pattern, text).filter(
      ({ span }) => !excepts.some((re) => re.test(masked.slice(0, span.start))),
    );
    for (const { match, span } of found) {
      hits.push({
        start: toMinutes(rule.start),
        end: toMinutes(rule.end),
        text: match[0],
        span,
        today: rule.today?.(match) ?? false,
      });
    }
    text = mask(
      text,
      found.map((f) => f.span),
    );
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}

/** `'09:30'` → 570. */
export function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** 570 → `'09:30'`; 1440 → `'24:00'` (the end of the day). */
export function formatMinutes(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60, Math.round(minutes)));
  const h = Math.floor(clamped / 60);
  const m = clamped % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
