/**
 * `convene parse "<request text>" --now <ISO instant> --tz <IANA zone> [--locale en|fr|de] [--json]`
 *
 * Prints what the parser read from a `/meet` request. Exit codes: 0 when the request was understood,
 * 1 when the parser returned an error value (the output still describes it: codes, messages and what
 * could be read), 2 on bad usage (one line on stderr).
 */
import { DateTime, IANAZone } from 'luxon';
import { isLocale, LOCALES } from '../../core/locale.ts';
import {
  formatParseJson,
  type ParseResult,
  type ParseWording,
  parseRequest,
} from '../../core/parse/index.ts';
import { type Reading, remembered } from '../../core/parse/prefilter.ts';
import { WORD_CHAR } from '../../core/parse/text.ts';
import { parseCliArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { useProcessZone } from '../process-zone.ts';
import { usage } from '../usage.ts';

const USAGE = usage('parse');
/** An instant is a date, a time and an offset: `2026-11-23T10:00:00Z` or `2026-11-23T11:00+01:00`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const fail = (msg: string) => {
    io.err(`convene parse: ${msg}`);
    return 2;
  };
  const args = parseCliArgs(argv, {
    now: { type: 'string' },
    tz: { type: 'string' },
    locale: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (!args.ok) return fail(`${args.error} (${USAGE})`);
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length === 0) return fail(`missing the request text (${USAGE})`);
  if (positionals.length > 1) {
    return fail(
      `expected one request text but got ${positionals.length} arguments; put the request in quotes`,
    );
  }
  if (values.now === undefined) return fail('missing --now <ISO instant>, e.g. --now 2026-11-23T10:00:00Z');
  // Before luxon's first use: the zone's offsets then come from the process's local time, not Intl.
  if (io.ownsProcess && values.tz !== undefined) useProcessZone(values.tz);
  const now = DateTime.fromISO(values.now, { setZone: true });
  if (!now.isValid || !INSTANT.test(values.now.trim())) {
    return fail(
      `--now "${values.now}" is not an ISO 8601 instant with a UTC offset, e.g. 2026-11-23T10:00:00Z`,
    );
  }
  if (values.tz === undefined) return fail('missing --tz <IANA zone>, e.g. --tz Europe/Paris');
  if (!IANAZone.isValidZone(values.tz)) return fail(`--tz "${values.tz}" is not a valid IANA time zone`);
  if (values.locale !== undefined && !isLocale(values.locale)) {
    return fail(`--locale "${values.locale}" is not supported; use ${LOCALES.join(', ')}`);
  }

  rememberPrefilter();
  const result = parseRequest(positionals[0]!, {
    now: now.toMillis(),
    zone: values.tz,
    ...(values.locale !== undefined && isLocale(values.locale) ? { locale: values.locale } : {}),
  });
  const word = await wording(result);
  io.out(values.json ? formatParseJson(result, word) : describe(result, word));
  return result.ok ? 0 : 1;
}

/**
 * The prefilter's readings saved by the build next to the bundle (scripts/build-cli.mjs), which spare this
 * process reading them; from the sources there are none (nor need: they are read as they come).
 */
function rememberPrefilter(): void {
  // node:fs through process.getBuiltinModule, as src/cli/io.ts reads files.
  const { readFileSync } = process.getBuiltinModule('node:fs');
  let list: Reading[];
  try {
    list = JSON.parse(readFileSync(new URL('./prefilter.json', import.meta.url), 'utf8')) as Reading[];
  } catch {
    return; // none (the sources), or unreadable: the prefilter reads as it goes
  }
  // The build saves the word-character class (core/parse/text.ts) of each source as a NUL.
  remembered(list.map(([flags, source, clauses]) => [flags, source.replaceAll('\0', WORD_CHAR), clauses]));
}

/**
 * The wording of the result's issues and questions (`parseText`: the catalogues of every language and ICU
 * MessageFormat, a quarter of the command's start), loaded only when the result has one: most have none.
 */
async function wording(result: ParseResult): Promise<ParseWording> {
  const r = result.ok ? result.request : result.partial;
  const items = (result.ok ? 0 : result.errors.length) + result.warnings.length + (r.questions?.length ?? 0);
  if (items > 0) return (await import('../../app/request/parse.ts')).parseText;
  return (item) => {
    throw new Error(`convene parse: no wording loaded for ${item.code}`);
  };
}

/** A short human-readable summary, for use without `--json`. */
function describe(result: ParseResult, parseText: ParseWording): string {
  const lines: string[] = [];
  const r = result.ok ? result.request : result.partial;
  if (!result.ok) for (const e of result.errors) lines.push(`error ${e.code}: ${parseText(e)}`);
  const said = (source: string, text?: string) => (text === undefined ? source : `${source}: ${text}`);
  if (r.participants)
    lines.push(`participants: ${r.participants.map((p) => `${p.raw} (${p.kind})`).join(', ')}`);
  if (r.duration)
    lines.push(`duration: ${r.duration.minutes} min (${said(r.duration.source, r.duration.text)})`);
  if (r.window) {
    const iso = (ms: number) => DateTime.fromMillis(ms, { zone: r.window!.zone }).toISO();
    lines.push(
      `window: ${iso(r.window.start)} → ${iso(r.window.end)} ${r.window.zone} (${said(r.window.source, r.window.text)})`,
    );
  }
  for (const c of r.constraints ?? []) {
    const ranges = c.anyOf ? c.anyOf.map((a) => `${a.start}–${a.end}`).join(' or ') : `${c.start}–${c.end}`;
    lines.push(`time of day: ${ranges} (${c.text})`);
  }
  if (r.timeZone) lines.push(`time zone: ${r.timeZone.value} (said: ${r.timeZone.text})`);
  if (r.window) {
    const zone = r.window.zone;
    const iso = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO();
    for (const e of r.excluded ?? []) lines.push(`excluded: ${iso(e.start)} → ${iso(e.end)} (${e.text})`);
  }
  for (const q of r.questions ?? []) lines.push(`question ${q.code}: ${parseText(q)}`);
  if (r.title) lines.push(`title: ${r.title.value ?? '-'} (${said(r.title.source, r.title.text)})`);
  if (r.unrecognised && r.unrecognised.length > 0) lines.push(`unrecognised: ${r.unrecognised.join(' ')}`);
  for (const w of result.warnings) lines.push(`warning ${w.code}: ${parseText(w)}`);
  lines.push(`locale: ${r.locale}`);
  return lines.join('\n');
}
