/**
 * RFC 5545 recurrence rules (RRULE, §3.3.10), expanded on the wall clock: pure, bounded, no zones.
 *
 * A time here is a "wall" number: the local date-time written as if it were UTC, in epoch ms
 * (`Date.UTC(y, m-1, d, h, mi, s)`). The caller maps wall times to instants in DTSTART's zone.
 *
 * The algorithm is the period-set one (as in python-dateutil and libical): for each period of the
 * rule's FREQ (year, month, week, day, hour, minute, second, stepped by INTERVAL) build the set of
 * candidate days that pass every day-level BYxxx part, cross it with the times the time-level parts
 * allow, apply BYSETPOS to that sorted set, then keep the candidates after DTSTART. Expand-or-limit
 * (the table in §3.3.10) reduces to "a day/time is kept when it matches every part", with the
 * n-th-weekday of BYDAY counted in the month (MONTHLY, or YEARLY with BYMONTH) or the year.
 *
 * Conventions (RFC 5545): DTSTART is always the first instance and counts towards COUNT, even when
 * the rule would not produce it; parts missing from the rule are taken from DTSTART (a YEARLY rule
 * from 29 February therefore only recurs in leap years); invalid dates (30 February) are skipped.
 * With BYWEEKNO and no BYDAY the weekday is DTSTART's (as libical does).
 *
 * Bounded: every period examined and every candidate counts as one step against `maxSteps`, and
 * `shouldStop()` (a time budget supplied by the caller) is polled every 4,096 steps (well under a
 * millisecond), never before: an ordinary series is not cut short because its thread was preempted.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10
 */

export type Frequency = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

const FREQ_ORDER: Record<Frequency, number> = {
  SECONDLY: 0,
  MINUTELY: 1,
  HOURLY: 2,
  DAILY: 3,
  WEEKLY: 4,
  MONTHLY: 5,
  YEARLY: 6,
};

/** Weekday 0 = Monday … 6 = Sunday; `n` is the ordinal (+1 first, -1 last) or 0 for every one. */
export interface ByDay {
  readonly n: number;
  readonly weekday: number;
}

/** UNTIL as written: a wall time, and whether it was in UTC (`Z`) or a DATE. */
export interface Until {
  readonly wall: number;
  readonly utc: boolean;
  readonly isDate: boolean;
}

export interface RecurrenceRule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly count?: number;
  readonly until?: Until;
  readonly wkst: number;
  readonly bySecond?: readonly number[];
  readonly byMinute?: readonly number[];
  readonly byHour?: readonly number[];
  readonly byDay?: readonly ByDay[];
  readonly byMonthDay?: readonly number[];
  readonly byYearDay?: readonly number[];
  readonly byWeekNo?: readonly number[];
  readonly byMonth?: readonly number[];
  readonly bySetPos?: readonly number[];
}

export type ParseRuleResult =
  | { readonly ok: true; readonly rule: RecurrenceRule; readonly warnings: string[] }
  | { readonly ok: false; readonly error: string };

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Reads an RRULE value (`FREQ=WEEKLY;BYDAY=MO`). Liberal in what it accepts: any case, spaces,
 * a trailing or doubled `;` (Google), unknown and X- parts (ignored with a warning), a leap second.
 */
export function parseRule(text: string): ParseRuleResult {
  const parts = new Map<string, string>();
  const warnings: string[] = [];
  for (const raw of text.replace(/^RRULE:/i, '').split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, error: `"${part}" is not NAME=VALUE` };
    parts.set(part.slice(0, eq).trim().toUpperCase(), part.slice(eq + 1).trim());
  }
  const freq = parts.get('FREQ')?.toUpperCase();
  if (!freq) return { ok: false, error: 'no FREQ' };
  if (!(freq in FREQ_ORDER)) return { ok: false, error: `unknown FREQ "${freq}"` };

  const ints = (name: string, min: number, max: number, signed: boolean): number[] | string | undefined => {
    const value = parts.get(name);
    if (value === undefined) return undefined;
    const out: number[] = [];
    for (const item of value.split(',')) {
      if (item.trim() === '') continue;
      if (!/^[+-]?\d{1,4}$/.test(item.trim())) return `${name} value "${item}" is not a number`;
      const n = Number(item);
      const abs = Math.abs(n);
      if ((!signed && n < 0) || abs < min || abs > max || (signed && n === 0))
        return `${name} value ${item} is out of range`;
      if (!out.includes(n)) out.push(n);
    }
    return out.length > 0 ? out : undefined;
  };
  const rule: {
    -readonly [K in keyof RecurrenceRule]: RecurrenceRule[K];
  } = { freq: freq as Frequency, interval: 1, wkst: 0 };
  for (const [name, value] of parts) {
    switch (name) {
      case 'FREQ':
        break;
      case 'INTERVAL': {
        if (!/^\+?\d{1,9}$/.test(value) || Number(value) < 1)
          return { ok: false, error: `INTERVAL "${value}" is not a positive number` };
        rule.interval = Number(value);
        break;
      }
      case 'COUNT': {
        if (!/^\+?\d{1,9}$/.test(value)) return { ok: false, error: `COUNT "${value}" is not a number` };
        rule.count = Number(value);
        break;
      }
      case 'UNTIL': {
        const until = parseDateValue(value);
        if (!until) return { ok: false, error: `UNTIL "${value}" is not a date or date-time` };
        rule.until = until;
        break;
      }
      case 'WKST': {
        const index = WEEKDAYS.indexOf(value.toUpperCase());
        if (index < 0) return { ok: false, error: `WKST "${value}" is not a weekday` };
        rule.wkst = index;
        break;
      }
      case 'BYDAY': {
        const days: ByDay[] = [];
        for (const item of value.split(',')) {
          if (item.trim() === '') continue;
          const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(item.trim());
          const n = match?.[1] ? Number(match[1]) : 0;
          if (!match || Math.abs(n) > 53)
            return { ok: false, error: `BYDAY value "${item}" is not a weekday` };
          const day = { n, weekday: WEEKDAYS.indexOf(match[2]!.toUpperCase()) };
          if (!days.some((d) => d.n === day.n && d.weekday === day.weekday)) days.push(day);
        }
        if (days.length > 0) rule.byDay = days;
        break;
      }
      case 'BYSETPOS':
      case 'BYMONTHDAY':
      case 'BYYEARDAY':
      case 'BYWEEKNO':
      case 'BYMONTH':
      case 'BYHOUR':
      case 'BYMINUTE':
      case 'BYSECOND': {
        const [min, max, signed] = LIMITS[name];
        const list = ints(name, min, max, signed);
        if (typeof list === 'string') return { ok: false, error: list };
        const key = KEYS[name];
        if (list) {
          // A leap second (60) is read as 59, as most calendars do.
          rule[key] = name === 'BYSECOND' ? [...new Set(list.map((s) => Math.min(s, 59)))] : list;
        }
        break;
      }
      case 'RSCALE':
        if (value.toUpperCase() !== 'GREGORIAN')
          return { ok: false, error: `RSCALE "${value}" is not supported` };
        break;
      default:
        warnings.push(`ignored unknown RRULE part ${name}`);
    }
  }
  return { ok: true, rule, warnings };
}

const LIMITS = {
  BYSETPOS: [1, 366, true],
  BYMONTHDAY: [1, 31, true],
  BYYEARDAY: [1, 366, true],
  BYWEEKNO: [1, 53, true],
  BYMONTH: [1, 12, false],
  BYHOUR: [0, 23, false],
  BYMINUTE: [0, 59, false],
  BYSECOND: [0, 60, false],
} as const satisfies Record<string, readonly [number, number, boolean]>;

const KEYS = {
  BYSETPOS: 'bySetPos',
  BYMONTHDAY: 'byMonthDay',
  BYYEARDAY: 'byYearDay',
  BYWEEKNO: 'byWeekNo',
  BYMONTH: 'byMonth',
  BYHOUR: 'byHour',
  BYMINUTE: 'byMinute',
  BYSECOND: 'bySecond',
} as const;

/** `20240229`, `20240229T120000`, `20240229T120000Z` → wall ms; undefined if not a real date-time. */
export function parseDateValue(value: string): Until | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, z] = match;
  const isDate = h === undefined;
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59 ||
    Number(s ?? 0) > 60
  )
    return undefined;
  return { wall, utc: z !== undefined, isDate };
}

export interface ExpandRuleOptions {
  /** DTSTART as a wall time (ms). */
  readonly start: number;
  /** DTSTART is a DATE: time parts are ignored, every instance is a midnight. */
  readonly isDate?: boolean;
  /** Last wall time UNTIL allows (inclusive), already converted to DTSTART's zone by the caller. */
  readonly untilWall?: number;
  /** Instances before this wall time are not returned (they still count towards COUNT). */
  readonly fromWall?: number;
  /** Stop once the rule's periods pass this wall time. */
  readonly toWall: number;
  /** Stop after this many instances are returned. */
  readonly maxInstances?: number;
  /** Steps (periods + candidates) allowed. */
  readonly maxSteps: number;
  /** Polled every 4,096 steps; true stops the expansion (a time budget). */
  readonly shouldStop?: () => boolean;
}

export interface ExpandRuleResult {
  /** Wall times, ascending, DTSTART first when it is in the window. */
  readonly instances: number[];
  /** Why it stopped early, when it did: the series may have more instances than returned. */
  readonly exhausted?: 'steps' | 'time';
  /** Steps used. */
  readonly steps: number;
}

const DAY_MS = 86_400_000;
const MAX_YEAR = 9999;
const POLL_STEPS = 4096;

/** Days since 1970-01-01 → weekday, 0 = Monday. */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;
const dayOfYmd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

interface Civil {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}
function civilOf(day: number): Civil {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** First day of week 1 of `year` for week start `wkst`: the week holding 4 January (≥ 4 days in the year). */
function week1Start(year: number, wkst: number): number {
  const jan4 = dayOfYmd(year, 1, 4);
  return jan4 - ((weekdayOf(jan4) - wkst + 7) % 7);
}

/** Precomputed per rule: the normalised parts, with DTSTART's defaults filled in. */
interface Plan {
  readonly freq: number;
  readonly interval: number;
  readonly wkst: number;
  readonly hours: readonly number[];
  readonly minutes: readonly number[];
  readonly seconds: readonly number[];
  readonly byHour?: ReadonlySet<number>;
  readonly byMinute?: ReadonlySet<number>;
  readonly bySecond?: ReadonlySet<number>;
  readonly byMonth?: ReadonlySet<number>;
  readonly byMonthDay?: readonly number[];
  readonly byYearDay?: readonly number[];
  readonly byWeekNo?: readonly number[];
  readonly byWeekday?: ReadonlySet<number>;
  readonly byNthWeekday?: readonly ByDay[];
  readonly bySetPos?: readonly number[];
}

function plan(rule: RecurrenceRule, start: number, isDate: boolean): Plan {
  const startDay = Math.floor(start / DAY_MS);
  const sod = Math.floor((start - startDay * DAY_MS) / 1000);
  const civil = civilOf(startDay);
  const freq = FREQ_ORDER[rule.freq];
  let byMonth = rule.byMonth;
  let byMonthDay = rule.byMonthDay;
  let byDay = rule.byDay;
  const noDayParts = !rule.byWeekNo && !rule.byYearDay && !rule.byMonthDay && !rule.byDay;
  if (freq === FREQ_ORDER.YEARLY && noDayParts) {
    byMonth ??= [civil.m];
    byMonthDay = [civil.d];
  } else if (
    freq === FREQ_ORDER.YEARLY &&
    rule.byWeekNo &&
    !rule.byYearDay &&
    !rule.byMonthDay &&
    !rule.byDay
  ) {
    byDay = [{ n: 0, weekday: weekdayOf(startDay) }];
  } else if (freq === FREQ_ORDER.MONTHLY && noDayParts) {
    byMonthDay = [civil.d];
  } else if (freq === FREQ_ORDER.WEEKLY && noDayParts) {
    byDay = [{ n: 0, weekday: weekdayOf(startDay) }];
  }
  const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);
  const h = Math.floor(sod / 3600);
  const mi = Math.floor((sod % 3600) / 60);
  const s = sod % 60;
  // Time parts are meaningless for a DATE start: every instance is at midnight.
  const timeParts = !isDate;
  const hours = timeParts && rule.byHour ? sorted(rule.byHour) : [isDate ? 0 : h];
  const minutes = timeParts && rule.byMinute ? sorted(rule.byMinute) : [isDate ? 0 : mi];
  const seconds = timeParts && rule.bySecond ? sorted(rule.bySecond) : [isDate ? 0 : s];
  // Ordinals only mean something in a month or a year; in a week or finer they are plain weekdays.
  const ordinalsMeaningful = freq === FREQ_ORDER.MONTHLY || (freq === FREQ_ORDER.YEARLY && !rule.byWeekNo);
  const plain = byDay?.filter((d) => d.n === 0 || !ordinalsMeaningful).map((d) => d.weekday);
  const nth = ordinalsMeaningful ? byDay?.filter((d) => d.n !== 0) : undefined;
  return {
    freq,
    interval: rule.interval,
    wkst: rule.wkst,
    hours,
    minutes,
    seconds,
    byHour: timeParts && rule.byHour ? new Set(rule.byHour) : undefined,
    byMinute: timeParts && rule.byMinute ? new Set(rule.byMinute) : undefined,
    bySecond: timeParts && rule.bySecond ? new Set(rule.bySecond) : undefined,
    byMonth: byMonth ? new Set(byMonth) : undefined,
    byMonthDay,
    byYearDay: rule.byYearDay,
    byWeekNo: rule.byWeekNo,
    byWeekday: plain && plain.length > 0 ? new Set(plain) : undefined,
    byNthWeekday: nth && nth.length > 0 ? nth : undefined,
    bySetPos: rule.bySetPos,
  };
}

/** Does this day pass every day-level part? `nthInMonth` says where BYDAY ordinals count. */
function dayMatches(p: Plan, day: number, nthInMonth: boolean): boolean {
  const { y, m, d } = civilOf(day);
  if (p.byMonth && !p.byMonth.has(m)) return false;
  const wd = weekdayOf(day);
  if (p.byWeekday || p.byNthWeekday) {
    let ok = p.byWeekday?.has(wd) ?? false;
    if (!ok && p.byNthWeekday) {
      const index = nthInMonth ? d : day - dayOfYmd(y, 1, 1) + 1;
      const length = nthInMonth ? daysInMonth(y, m) : isLeap(y) ? 366 : 365;
      const fromStart = Math.floor((index - 1) / 7) + 1;
      const fromEnd = -(Math.floor((length - index) / 7) + 1);
      ok = p.byNthWeekday.some((b) => b.weekday === wd && (b.n === fromStart || b.n === fromEnd));
    }
    if (!ok) return false;
  }
  if (p.byMonthDay) {
    const dim = daysInMonth(y, m);
    if (!p.byMonthDay.some((n) => (n > 0 ? n : dim + n + 1) === d)) return false;
  }
  if (p.byYearDay) {
    const doy = day - dayOfYmd(y, 1, 1) + 1;
    const diy = isLeap(y) ? 366 : 365;
    if (!p.byYearDay.some((n) => (n > 0 ? n : diy + n + 1) === doy)) return false;
  }
  if (p.byWeekNo) {
    let wy = y;
    if (day >= week1Start(y + 1, p.wkst)) wy = y + 1;
    else if (day < week1Start(y, p.wkst)) wy = y - 1;
    const first = week1Start(wy, p.wkst);
    const weekNo = Math.floor((day - first) / 7) + 1;
    const total = (week1Start(wy + 1, p.wkst) - first) / 7;
    if (!p.byWeekNo.some((n) => (n > 0 ? n : total + n + 1) === weekNo)) return false;
  }
  return true;
}

/**
 * Expands a rule from DTSTART into wall times. Never throws and never runs past its step budget.
 */
export function expandRule(rule: RecurrenceRule, options: ExpandRuleOptions): ExpandRuleResult {
  const isDate = options.isDate ?? false;
  const start = options.start;
  const p = plan(rule, start, isDate);
  const instances: number[] = [];
  const fromWall = options.fromWall ?? Number.NEGATIVE_INFINITY;
  const untilWall = options.untilWall ?? Number.POSITIVE_INFINITY;
  const maxInstances = options.maxInstances ?? Number.POSITIVE_INFINITY;
  let steps = 0;
  let produced = 0;
  let exhausted: 'steps' | 'time' | undefined;
  let done = false;
  let nextPoll = POLL_STEPS;

  const step = (n = 1): boolean => {
    steps += n;
    if (steps > options.maxSteps) {
      exhausted = 'steps';
      return false;
    }
    if (steps >= nextPoll) {
      nextPoll = steps + POLL_STEPS;
      if (options.shouldStop?.()) {
        exhausted = 'time';
        return false;
      }
    }
    return true;
  };
  let last = Number.NEGATIVE_INFINITY;
  const emit = (wall: number): boolean => {
    if (wall > untilWall || wall > options.toWall) return false;
    produced++;
    last = wall;
    if (wall >= fromWall) instances.push(wall);
    if (rule.count !== undefined && produced >= rule.count) return false;
    return instances.length < maxInstances;
  };

  // DTSTART is the first instance (RFC 5545 §3.8.5.3), counted by COUNT.
  if (rule.count === 0 || !emit(start)) return { instances, steps };

  const startDay = Math.floor(start / DAY_MS);
  const startCivil = civilOf(startDay);
  const sod = (start - startDay * DAY_MS) / 1000;
  const times: number[] = [];
  for (const h of p.hours)
    for (const mi of p.minutes) for (const s of p.seconds) times.push((h * 3600 + mi * 60 + s) * 1000);

  /** Sorted candidates of one period → BYSETPOS → emitted after DTSTART. Returns false to stop. */
  const flush = (candidates: number[]): boolean => {
    let list = candidates;
    if (p.bySetPos && list.length > 0) {
      const picked = new Set<number>();
      for (const pos of p.bySetPos) {
        const index = pos > 0 ? pos - 1 : list.length + pos;
        if (index >= 0 && index < list.length) picked.add(list[index]!);
      }
      list = [...picked].sort((a, b) => a - b);
    }
    for (const wall of list) {
      // Strictly after the previous instance (a DATE start with a sub-daily FREQ repeats its day).
      if (wall <= start || wall <= last) continue;
      if (!emit(wall)) return false;
    }
    return true;
  };

  if (p.freq >= FREQ_ORDER.DAILY) {
    // Periods of whole days: a year, a month, a week (from WKST) or a day.
    let periodIndex = 0;
    const nthInMonth =
      p.freq === FREQ_ORDER.MONTHLY || (p.freq === FREQ_ORDER.YEARLY && p.byMonth !== undefined);
    let firstDay: number;
    let stride = 0;
    if (p.freq === FREQ_ORDER.WEEKLY) {
      firstDay = startDay - ((weekdayOf(startDay) - p.wkst + 7) % 7);
      stride = 7 * p.interval;
    } else if (p.freq === FREQ_ORDER.DAILY) {
      firstDay = startDay;
      stride = p.interval;
    } else firstDay = startDay;
    // Skip periods wholly before the window when nothing has to be counted.
    if (stride > 0 && rule.count === undefined && Number.isFinite(fromWall)) {
      const skip = Math.floor((Math.floor(fromWall / DAY_MS) - 7 - firstDay) / stride);
      if (skip > 0) firstDay += skip * stride;
    }
    while (!done) {
      let dayFrom: number;
      let dayTo: number; // exclusive
      if (p.freq === FREQ_ORDER.YEARLY) {
        const y = startCivil.y + periodIndex * p.interval;
        if (y > MAX_YEAR) break;
        dayFrom = dayOfYmd(y, 1, 1);
        dayTo = dayOfYmd(y + 1, 1, 1);
      } else if (p.freq === FREQ_ORDER.MONTHLY) {
        const months = startCivil.m - 1 + periodIndex * p.interval;
        const y = startCivil.y + Math.floor(months / 12);
        if (y > MAX_YEAR) break;
        const m = (months % 12) + 1;
        dayFrom = dayOfYmd(y, m, 1);
        dayTo = dayFrom + daysInMonth(y, m);
      } else {
        dayFrom = firstDay + periodIndex * stride;
        dayTo = dayFrom + (p.freq === FREQ_ORDER.WEEKLY ? 7 : 1);
        if (dayFrom * DAY_MS > Date.UTC(MAX_YEAR, 11, 31)) break;
      }
      periodIndex++;
      if (!step()) break;
      if (dayFrom * DAY_MS > options.toWall || dayFrom * DAY_MS > untilWall) break;
      if (dayTo * DAY_MS + DAY_MS < fromWall && rule.count === undefined) continue;
      const candidates: number[] = [];
      // In a year limited by BYMONTH only those months are looked at.
      const ranges: Array<[number, number]> = [];
      if (p.freq === FREQ_ORDER.YEARLY && p.byMonth) {
        const y = civilOf(dayFrom).y;
        for (const m of [...p.byMonth].sort((a, b) => a - b)) {
          const first = dayOfYmd(y, m, 1);
          ranges.push([first, first + daysInMonth(y, m)]);
        }
      } else ranges.push([dayFrom, dayTo]);
      for (const [from, to] of ranges) {
        for (let day = from; day < to && !done; day++) {
          if (!step()) {
            done = true;
            break;
          }
          if (!dayMatches(p, day, nthInMonth)) continue;
          // Counted before they are built: BYHOUR×BYMINUTE×BYSECOND can be 86,400 times a day.
          if (!step(times.length)) {
            done = true;
            break;
          }
          for (const t of times) candidates.push(day * DAY_MS + t);
        }
      }
      if (done) break;
      if (!flush(candidates)) break;
    }
    return exhausted ? { instances, exhausted, steps } : { instances, steps };
  }

  // Sub-daily periods: an hour, a minute or a second, stepped by INTERVAL units of that size.
  const unit = p.freq === FREQ_ORDER.HOURLY ? 3_600_000 : p.freq === FREQ_ORDER.MINUTELY ? 60_000 : 1000;
  const strideMs = unit * p.interval;
  let periodStart = startDay * DAY_MS + Math.floor((sod * 1000) / unit) * unit;
  if (rule.count === undefined && Number.isFinite(fromWall)) {
    const skip = Math.floor((fromWall - DAY_MS - periodStart) / strideMs);
    if (skip > 0) periodStart += skip * strideMs;
  }
  const inner: number[] =
    p.freq === FREQ_ORDER.HOURLY
      ? p.minutes.flatMap((mi) => p.seconds.map((s) => (mi * 60 + s) * 1000))
      : p.freq === FREQ_ORDER.MINUTELY
        ? p.seconds.map((s) => s * 1000)
        : [0];
  let checkedDay = Number.NaN;
  let dayOk = false;
  const endWall = Math.min(options.toWall, untilWall, Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59));
  while (periodStart <= endWall) {
    if (!step()) break;
    const day = Math.floor(periodStart / DAY_MS);
    if (day !== checkedDay) {
      checkedDay = day;
      dayOk = dayMatches(p, day, false);
    }
    if (!dayOk) {
      // Jump to the first period of the next day that keeps INTERVAL's alignment.
      const nextDay = (day + 1) * DAY_MS;
      periodStart += Math.max(1, Math.ceil((nextDay - periodStart) / strideMs)) * strideMs;
      continue;
    }
    const rest = periodStart - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    const mi = Math.floor((rest % 3_600_000) / 60_000);
    const s = Math.floor((rest % 60_000) / 1000);
    const timeOk =
      (!p.byHour || p.byHour.has(h)) &&
      (p.freq === FREQ_ORDER.HOURLY || !p.byMinute || p.byMinute.has(mi)) &&
      (p.freq !== FREQ_ORDER.SECONDLY || !p.bySecond || p.bySecond.has(s));
    if (timeOk) {
      const candidates = inner.map((t) => periodStart + t);
      if (!step(candidates.length)) break;
      if (isDate) {
        // A DATE start with a sub-daily FREQ: one instance per day at most.
        const days = [...new Set(candidates.map((c) => Math.floor(c / DAY_MS) * DAY_MS))];
        if (!flush(days)) break;
      } else if (!flush(candidates)) break;
    }
    periodStart += strideMs;
  }
  return exhausted ? { instances, exhausted, steps } : { instances, steps };
}
