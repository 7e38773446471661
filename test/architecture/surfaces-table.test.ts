/**
 * docs/surfaces.md, the feature × surface table of #17, cannot rot: every cell names tests that exist
 * (the file, and an `it(…)` / `test(…)` with exactly that title) or says `missing:` with a reason, and the
 * features the issue lists keep their rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SURFACES = ['Slack', 'Discord', 'Playground'] as const;

/** The rows every surface must account for (the list). */
const REQUIRED = [
  'Request a meeting',
  'Proposals with buttons',
  'More times',
  'Cancel a request',
  'Book',
  'Cancel a booked meeting',
  'Reschedule a booked meeting',
  'Answer a clarifying question',
  'Link a calendar',
  'Unlink a calendar',
  'Status',
  'Settings: working hours, zone, language',
  'Settings: tentative events as free',
  'Team: create',
  'Team: rename, list, delete',
  'Team: standings',
  'Team: a request to a team',
  'Help',
  'French',
  'German',
  'Rate-limit refusal',
] as const;

interface Row {
  readonly feature: string;
  readonly cells: readonly string[];
  readonly line: number;
}

/** The table's rows (after the header and its separator). */
function tableRows(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => /^\|\s*Feature\s*\|/.test(l));
  if (header < 0) return [];
  const rows: Row[] = [];
  for (let i = header + 2; i < lines.length && lines[i]?.startsWith('|'); i++) {
    const cells = (lines[i] ?? '')
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/\s\|\s/)
      .map((c) => c.trim());
    rows.push({ feature: cells[0] ?? '', cells: cells.slice(1), line: i + 1 });
  }
  return rows;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What is wrong with the table: one line per problem (empty: honest). */
function tableProblems(markdown: string, read: (path: string) => string | null): string[] {
  const problems: string[] = [];
  const rows = tableRows(markdown);
  if (rows.length === 0) problems.push('no table with a "Feature" header');
  const header = markdown.split('\n').find((l) => /^\|\s*Feature\s*\|/.test(l)) ?? '';
  for (const surface of SURFACES)
    if (!header.includes(`| ${surface} `) && !header.includes(`| ${surface}|`))
      problems.push(`the header has no ${surface} column`);
  for (const required of REQUIRED)
    if (!rows.some((r) => r.feature.startsWith(required))) problems.push(`no row for "${required}"`);
  for (const row of rows) {
    if (row.cells.length !== SURFACES.length) {
      problems.push(`line ${row.line}: ${row.cells.length} cells, expected ${SURFACES.length}`);
      continue;
    }
    row.cells.forEach((cell, column) => {
      const where = `line ${row.line} (${row.feature} × ${SURFACES[column]})`;
      for (const part of cell.split('<br>').map((p) => p.trim())) {
        if (/^missing: \S.{10,}/.test(part)) continue;
        const ref = /^`([^`]+)` › (.+)$/.exec(part);
        if (!ref) {
          problems.push(`${where}: neither "\`file\` › title" nor "missing: <reason>": ${part}`);
          continue;
        }
        const [, file = '', title = ''] = ref;
        const source = read(file);
        if (source === null) {
          problems.push(`${where}: no file ${file}`);
          continue;
        }
        const call = new RegExp(`\\b(?:it|test)\\(\\s*(['"\`])${escapeRegExp(title)}\\1`);
        if (!call.test(source)) problems.push(`${where}: ${file} has no test titled "${title}"`);
      }
    });
  }
  return problems;
}

const readFromRepo = (path: string): string | null => {
  const full = join(ROOT, path);
  return existsSync(full) && path.endsWith('.test.ts') ? readFileSync(full, 'utf8') : null;
};

describe('docs/surfaces.md', () => {
  it('names, in every cell, tests that exist with exactly that title, or a reason why the cell is missing', () => {
    const markdown = readFileSync(join(ROOT, 'docs/surfaces.md'), 'utf8');
    expect(tableProblems(markdown, readFromRepo)).toEqual([]);
    expect(tableRows(markdown).length).toBeGreaterThanOrEqual(REQUIRED.length);
  });

  it('the check fails on a renamed test, a missing file, a bare "missing", a dropped row and a short row', () => {
    const source = 'it(\'books once\', async () => {});\ntest(\n  "asks the zone", () => {});';
    const read = (path: string) => (path === 'test/a.test.ts' ? source : null);
    const table = (rows: string[]) =>
      ['| Feature | Slack | Discord | Playground |', '| --- | --- | --- | --- |', ...rows].join('\n');
    const good =
      '| Book | `test/a.test.ts` › books once | `test/a.test.ts` › asks the zone | missing: not in the demo, on purpose |';
    expect(tableProblems(table([good]), read).filter((p) => !p.startsWith('no row'))).toEqual([]);
    const problems = tableProblems(
      table([
        '| Book | `test/a.test.ts` › books twice | `test/b.test.ts` › asks the zone | missing |',
        '| More times | `test/a.test.ts` › books once | missing: not yet, see the note |',
      ]),
      read,
    );
    expect(problems).toContain('line 3 (Book × Slack): test/a.test.ts has no test titled "books twice"');
    expect(problems).toContain('line 3 (Book × Discord): no file test/b.test.ts');
    expect(problems).toContain(
      'line 3 (Book × Playground): neither "`file` › title" nor "missing: <reason>": missing',
    );
    expect(problems).toContain('line 4: 2 cells, expected 3');
    expect(problems).toContain('no row for "Status"');
  });
});
