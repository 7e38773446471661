/**
 * `convene expand <file.ics> --from <ISO instant> --to <ISO instant> [--tz <zone>] [--tentative busy|free] [--json]`: the busy time an
 * iCalendar file blocks in a range (recurrences expanded, free/cancelled events left out, no titles).
 * `--json` gives `busy` (merged), `intervals` (the same time with its free/busy type) and `warnings`
 * (components that could not be read, each naming its UID and line; the rest of the file is still read).
 * `--tentative free` leaves tentative events out of `busy` (they stay in `intervals` as BUSY-TENTATIVE).
 * Exit 0 on success (warnings included), 2 with one line on stderr for bad input.
 */
import { expandIcs } from '../../connectors/ics/expand.ts';
import { resolveZone } from '../../connectors/time-zones.ts';
import { parseCliArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { usage } from '../usage.ts';

const USAGE = usage('expand');

/** An instant must say where it is: `2030-03-04T09:00Z`, `2030-03-04T10:00:00+01:00`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined || !ISO_INSTANT.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2030-02-31 over to 3 March; refuse dates that do not exist.
  const [year, month, day] = value.trim().slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? ms : undefined;
}

const iso = (t: number) => new Date(t).toISOString();

export async function run(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`convene expand: ${message}`);
    return 2;
  };
  const args = parseCliArgs(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    tz: { type: 'string' },
    tentative: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!args.ok) return fail(`${args.error} (${USAGE})`);
  const [path, extra] = args.positionals;
  if (!path) return fail(`missing <file.ics> (${USAGE})`);
  if (extra !== undefined) return fail(`unexpected argument "${extra}" (${USAGE})`);
  const { from, to, tz } = args.values;
  if (from === undefined) return fail(`missing --from <ISO instant> (${USAGE})`);
  if (to === undefined) return fail(`missing --to <ISO instant> (${USAGE})`);
  const start = parseInstant(from);
  if (start === undefined) return fail(`--from is not an ISO instant: "${from}" (e.g. 2030-03-04T00:00:00Z)`);
  const end = parseInstant(to);
  if (end === undefined) return fail(`--to is not an ISO instant: "${to}" (e.g. 2030-03-11T00:00:00Z)`);
  if (end <= start) return fail('--to must be after --from');
  const zone = tz === undefined ? 'UTC' : resolveZone(tz);
  if (!zone) return fail(`--tz is not a known time zone: "${tz}" (e.g. Europe/Paris)`);
  const tentative = args.values.tentative ?? 'busy';
  if (tentative !== 'busy' && tentative !== 'free')
    return fail(`--tentative must be "busy" or "free", not "${tentative}"`);

  let text: string;
  try {
    text = await io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? String(e).split('\n')[0]);
    return fail(`cannot read "${path}": ${why}`);
  }

  let result: ReturnType<typeof expandIcs>;
  try {
    result = expandIcs(text, { start, end }, { defaultZone: zone, tentative });
  } catch (e) {
    // expandIcs reports bad input as values; anything thrown is a bug, still worth one line, not a trace.
    return fail(`${path}: cannot be read: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`);
  }
  if (!result.ok) {
    if (result.error.code === 'not_icalendar')
      return fail(`${path} is not an iCalendar file (no BEGIN:VCALENDAR)`);
    return fail(`${path}: ${result.error.message}`);
  }

  const busy = result.busy.map((b) => ({ start: iso(b.start), end: iso(b.end) }));
  // `intervals`: the same time by free/busy type (BUSY, BUSY-TENTATIVE, BUSY-UNAVAILABLE; RFC 5545 FBTYPE).
  const intervals = result.intervals.map((b) => ({ start: iso(b.start), end: iso(b.end), type: b.type }));
  if (args.values.json) {
    io.out(JSON.stringify({ busy, intervals, warnings: result.warnings }, null, 2));
  } else {
    io.out(
      busy.length === 0 ? 'no busy time in this range' : busy.map((b) => `${b.start}  ${b.end}`).join('\n'),
    );
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
  }
  return 0;
}
