/**
 * `convene slots --input <file.json> [--json] [--count N]`: available slots and ranked proposals for a
 * `calbench-slots/v1` case. Exit 0 on success, 2 with one line on stderr for bad input.
 */
import type { ParticipantId } from '../../core/availability.ts';
import { readBenchCase } from '../../core/bench-format.ts';
import type { Proposal } from '../../core/ranking.ts';
import { schedule } from '../../core/schedule.ts';
import { parseCliArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { usage } from '../usage.ts';

const USAGE = usage('slots');

const iso = (t: number) => new Date(t).toISOString();

/** Proposal as printed: fixed key order, ISO UTC instants. */
function proposalJson(p: Proposal) {
  return {
    rank: p.rank,
    start: iso(p.start),
    end: iso(p.end),
    available: p.available,
    reason: p.reason,
    summary: p.summary,
    outsideCoreHours: p.outsideCoreHours,
    score: p.score,
  };
}

function ids(list: readonly ParticipantId[]): string {
  return list.map(String).join(',');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`convene slots: ${message}`);
    return 2;
  };
  const args = parseCliArgs(argv, {
    input: { type: 'string' },
    json: { type: 'boolean' },
    count: { type: 'string' },
  });
  if (!args.ok) return fail(`${args.error} (${USAGE})`);
  if (args.positionals.length > 0) return fail(`unexpected argument "${args.positionals[0]}" (${USAGE})`);
  const path = args.values.input;
  if (!path) return fail(`missing --input <file.json> (${USAGE})`);
  let count = 5;
  if (args.values.count !== undefined) {
    count = Number(args.values.count);
    if (!/^\d+$/.test(args.values.count) || count > 1000)
      return fail(`--count must be a whole number between 0 and 1000, got "${args.values.count}"`);
  }

  let text: string;
  try {
    text = await io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
    return fail(`cannot read input file "${path}": ${why}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(`"${path}" is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const request = readBenchCase(doc);
  if (!request.ok) return fail(request.error.message);
  const result = schedule(request.value, { count });
  if (!result.ok) return fail(`${result.error.path}: ${result.error.message}`);
  const { slots, proposals } = result.value;

  if (args.values.json) {
    io.out(
      JSON.stringify({
        slots: slots.map((s) => ({ start: iso(s.start), end: iso(s.end), available: s.available })),
        proposals: proposals.map(proposalJson),
      }),
    );
    return 0;
  }
  const lines = [`${slots.length} available slot${slots.length === 1 ? '' : 's'}; best ${proposals.length}:`];
  for (const p of proposals)
    lines.push(
      `  ${p.rank}. ${iso(p.start)} – ${iso(p.end)}  ${p.summary}  [available: ${ids(p.available)}]`,
    );
  io.out(lines.join('\n'));
  return 0;
}
