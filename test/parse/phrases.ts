/**
 * The phrase table of issue #19: everyday English, French and German ways to say *when* (and how long) in a
 * `/meet` request, each with the reading it must give. Rows are written by hand from what people type in
 * chat. Each phrase is read as `/meet @ana 30m <phrase>` (or `/meet @ana <phrase>` for the duration
 * class) with a pinned clock and zone; the reading compares in full, so a row also fails when the parser
 * reads more than it should (an extra constraint, a leftover word, a silent zone).
 *
 * A row the parser still misreads carries `known`: the reason and the reading it gives today, which the
 * test asserts, so the table fails as soon as that outcome changes (better or worse).
 */
import { DateTime } from 'luxon';
import type { ParseResult } from '../../src/core/parse/index.ts';

/** Wednesday 25 November 2026, 10:00 in Paris. */
export const NOW = DateTime.fromISO('2026-11-25T10:00:00', { zone: 'Europe/Paris' });
export const ZONE = 'Europe/Paris';

export type PhraseClass =
  | 'relative'
  | 'clock'
  | 'date_time'
  | 'range'
  | 'month'
  | 'part_of_day'
  | 'abbreviation'
  | 'zone'
  | 'alternative'
  | 'exclusion'
  | 'recurrence'
  | 'reject';

/**
 * What a request means, in the compact form of the table. Absent fields take their default:
 * - `w`: the window, `start/end` in the window's zone: `MM-DD` (local midnight, 2026) or `MM-DD HH:mm`,
 *   `YYYY-MM-DD…` outside 2026; default: the implied week from now, `11-25 10:00/12-02 10:00`;
 * - `t`: the daily time range every constraint leaves, `HH:mm-HH:mm`; alternatives joined by ` | `;
 * - `d`: minutes (default 30); `z`: a time zone the request named; `ex`: excluded windows;
 * - `q`: question codes the bot must ask; `err`: the error code; `u`: words left unread;
 * - `r`: the recurrence, as its RRULE with UNTIL as the last local day (`FREQ=WEEKLY;BYDAY=TU;UNTIL=2027-01-11`),
 *   then `;EXCEPT=12-28,2027-01-04` for dates left out of it,
 *   followed by ` (default end)` when the end was not said (the default horizon, 3 months: 2027-02-25).
 */
export interface Reading {
  readonly w?: string;
  readonly t?: string;
  readonly d?: number;
  readonly z?: string;
  readonly ex?: readonly string[];
  readonly q?: readonly string[];
  readonly err?: string;
  readonly u?: readonly string[];
  readonly r?: string;
}

export interface PhraseRow {
  readonly phrase: string;
  readonly cls: PhraseClass;
  readonly expect: Reading;
  /** A misreading kept on purpose: why, and what the parser reads today (asserted). */
  readonly known?: { readonly reason: string; readonly got: Reading };
}

export const DEFAULT_WINDOW = '11-25 10:00/12-02 10:00';

/** The full request a row is read from. */
export function requestText(row: PhraseRow): string {
  return row.cls === 'abbreviation' && (row.expect.d !== undefined || /\/|half|demi/iu.test(row.phrase))
    ? `/meet @ana ${row.phrase}`
    : `/meet @ana 30m ${row.phrase}`;
}

function stamp(ms: number, zone: string): string {
  const d = DateTime.fromMillis(ms, { zone });
  const day = d.year === 2026 ? d.toFormat('MM-dd') : d.toFormat('yyyy-MM-dd');
  return d.hour === 0 && d.minute === 0 ? day : `${day} ${d.toFormat('HH:mm')}`;
}

const toMin = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const fmt = (n: number) =>
  `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;

/** The reading of a parse result, with defaults left out (so it compares to a row's `expect`). */
export function reading(result: ParseResult): Reading {
  const r = result.ok ? result.request : result.partial;
  const out: Record<string, unknown> = {};
  // A refused request is read as its error alone: what else was read does not reach anyone.
  if (!result.ok) return { err: result.errors[0]?.code } as Reading;
  if (r.window) {
    const w = `${stamp(r.window.start, r.window.zone)}/${stamp(r.window.end, r.window.zone)}`;
    if (r.window.source === 'said' || w !== DEFAULT_WINDOW) out.w = w;
  }
  const constraints = r.constraints ?? [];
  if (constraints.length > 0) {
    const plain = constraints.filter((c) => !('anyOf' in c) || !c.anyOf);
    const start = Math.max(0, ...plain.map((c) => toMin(c.start)));
    const end = Math.min(24 * 60, ...plain.map((c) => toMin(c.end)));
    const alternatives = constraints.flatMap((c) => ('anyOf' in c && c.anyOf ? [c.anyOf] : []));
    if (alternatives.length > 0) {
      out.t = alternatives[0]!
        .map((a) => `${fmt(Math.max(start, toMin(a.start)))}-${fmt(Math.min(end, toMin(a.end)))}`)
        .join(' | ');
    } else out.t = `${fmt(start)}-${fmt(end)}`;
  }
  if (r.duration && r.duration.minutes !== 30) out.d = r.duration.minutes;
  const extra = r as {
    timeZone?: { value: string };
    excluded?: readonly { start: number; end: number }[];
    questions?: readonly { code: string }[];
  };
  if (extra.timeZone) out.z = extra.timeZone.value;
  const zone = r.window?.zone ?? ZONE;
  if (extra.excluded && extra.excluded.length > 0)
    out.ex = extra.excluded.map((e) => `${stamp(e.start, zone)}/${stamp(e.end, zone)}`);
  if (extra.questions && extra.questions.length > 0) out.q = extra.questions.map((q) => q.code);
  if (r.unrecognised && r.unrecognised.length > 0) out.u = [...r.unrecognised];
  if (r.recurrence) {
    const c = r.recurrence;
    const parts = [`FREQ=${c.freq}`];
    if (c.interval !== 1) parts.push(`INTERVAL=${c.interval}`);
    const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    if (c.byDay) parts.push(`BYDAY=${c.byDay.map((d) => `${d.n || ''}${days[d.weekday]}`).join(',')}`);
    if (c.count !== undefined) parts.push(`COUNT=${c.count}`);
    if (c.until !== undefined) parts.push(`UNTIL=${c.until}`);
    // Dates left out (`except december 28`): `EXCEPT=` and the local days, `MM-DD` (`YYYY-MM-DD` outside 2026).
    if (c.except)
      parts.push(`EXCEPT=${c.except.map((d) => (d.startsWith('2026-') ? d.slice(5) : d)).join(',')}`);
    out.r = parts.join(';') + (c.end.source === 'implied' ? ' (default end)' : '');
  }
  return out as Reading;
}

/** `expect` with the implied window filled in, in the same shape as `reading`. */
export function normalise(expect: Reading): Reading {
  return Object.fromEntries(Object.entries(expect).filter(([, v]) => v !== undefined)) as Reading;
}
