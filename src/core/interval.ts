/**
 * The one time type of the core: a half-open interval `[start, end)` of epoch milliseconds (UTC).
 * Lists of intervals are plain arrays; core functions never mutate the arrays or objects they receive.
 */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
