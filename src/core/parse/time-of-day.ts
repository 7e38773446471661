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
  /** Said after an exclusion keyword (`except mornings`, `pas le matin`): a time of day to avoid. */
  readonly excluded?: true;
}

/**
 * Parts of the day in reading order. One after an exclusion keyword (`except mornings`, `sauf le
 * matin`) is marked `excluded`, with the keyword's span, so it becomes a time to avoid.
 */
export function extractPartsOfDay(masked: string, config: LocaleConfig): PartOfDayHit[] {
  const hits: PartOfDayHit[] = [];
  const excepts = config.bounds
    .filter((b) => b.kind === 'except')
    .map((b) => new RegExp(`(?:${b.pattern.source})\\s*$`, 'iu'));
  let text = masked;
  for (const rule of config.partsOfDay) {
    const found = matchAll(rule.pattern, text);
    for (const { match, span } of found) {
      const before = masked.slice(0, span.start);
      const except = excepts.map((re) => re.exec(before)).find((m) => m !== null);
      hits.push({
        start: toMinutes(rule.start),
        end: toMinutes(rule.end),
        text: except ? masked.slice(except.index, span.end) : match[0],
        span: except ? { start: except.index, end: span.end } : span,
        today: rule.today?.(match) ?? false,
        ...(except ? { excluded: true as const } : {}),
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
