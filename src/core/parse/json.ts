/**
 * The stable JSON form of a `ParseResult` (the `convene parse --json` contract): fixed key order,
 * instants as ISO 8601 strings with the organiser's UTC offset, durations in minutes.
 */
import { DateTime } from 'luxon';
import { toRRule } from './recurrence.ts';
import type {
  MeetingRequest,
  ParsedWindow,
  ParseIssue,
  ParseQuestion,
  ParseResult,
  PartialRequest,
} from './types.ts';

/**
 * Words an issue or a question in its own `locale` (the app's `parse` catalogue domain: the core holds
 * codes and parameters, never sentences).
 */
export type ParseWording = (item: ParseIssue | ParseQuestion) => string;

export function toParseJson(result: ParseResult, word: ParseWording): unknown {
  const issueJson = (i: ParseIssue) => withText({ code: i.code, message: word(i) }, i.text);
  if (result.ok) {
    return { ok: true, request: requestJson(result.request, word), warnings: result.warnings.map(issueJson) };
  }
  return {
    ok: false,
    errors: result.errors.map(issueJson),
    partial: requestJson(result.partial, word),
    warnings: result.warnings.map(issueJson),
  };
}

/** `JSON.stringify` with 2-space indentation of `toParseJson`. */
export function formatParseJson(result: ParseResult, word: ParseWording): string {
  return JSON.stringify(toParseJson(result, word), null, 2);
}

function requestJson(r: MeetingRequest | PartialRequest, word: ParseWording): Record<string, unknown> {
  const out: Record<string, unknown> = { locale: r.locale };
  if (r.participants)
    out.participants = r.participants.map((p) => ({
      kind: p.kind,
      id: p.id,
      raw: p.raw,
      ...(p.optional ? { optional: true } : {}),
    }));
  if (r.duration)
    out.duration = withText({ minutes: r.duration.minutes, source: r.duration.source }, r.duration.text);
  if (r.window) out.window = windowJson(r.window);
  if (r.constraints) {
    out.constraints = r.constraints.map((c) => ({
      kind: c.kind,
      start: c.start,
      end: c.end,
      text: c.text,
      ...(c.anyOf ? { anyOf: c.anyOf.map((a) => ({ start: a.start, end: a.end })) } : {}),
    }));
  }
  if (r.title) out.title = withText({ value: r.title.value, source: r.title.source }, r.title.text);
  if (r.unrecognised) out.unrecognised = [...r.unrecognised];
  if (r.timeZone)
    out.timeZone = { value: r.timeZone.value, source: r.timeZone.source, text: r.timeZone.text };
  if (r.excluded && r.excluded.length > 0) {
    const zone = r.window?.zone ?? 'UTC';
    const iso = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO();
    out.excluded = r.excluded.map((e) => ({ start: iso(e.start), end: iso(e.end), text: e.text }));
  }
  if (r.questions && r.questions.length > 0) {
    out.questions = r.questions.map((q) => ({
      code: q.code,
      message: word(q),
      text: q.text,
      options: [...q.options],
    }));
  }
  if (r.recurrence) {
    const c = r.recurrence;
    out.recurrence = {
      freq: c.freq,
      interval: c.interval,
      ...(c.byDay ? { byDay: c.byDay.map((d) => ({ n: d.n, weekday: d.weekday })) } : {}),
      ...(c.count !== undefined ? { count: c.count } : {}),
      ...(c.until !== undefined ? { until: c.until } : {}),
      ...(c.except ? { except: [...c.except] } : {}),
      rrule: toRRule(c, r.window?.zone ?? 'UTC'),
      source: c.source,
      text: c.text,
      end: withText({ source: c.end.source }, c.end.text),
    };
  }
  return out;
}

function windowJson(w: ParsedWindow): Record<string, unknown> {
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: w.zone }).toISO();
  return withText({ start: iso(w.start), end: iso(w.end), zone: w.zone, source: w.source }, w.text);
}

function withText(o: Record<string, unknown>, text: string | undefined): Record<string, unknown> {
  return text === undefined ? o : { ...o, text };
}
