/**
 * Measures recurrence libraries against the vectors of test/fixtures/recurrence (RFC 5545 §3.8.5.3,
 * libical, python-dateutil) and prints the comparison table of issue #15.
 *
 *   npm i --no-save rrule@2.8.1 rrule-temporal@2.2.8 temporal-polyfill@1.0.8 rrule-rust@3.1.1
 *   node bench/recurrence-compare.ts
 *
 * Each library runs in a worker thread; a vector that does not answer within 3 s is a timeout (the
 * worker is ended and a new one goes on with the next vector), so a hanging library cannot stop the run.
 * A vector passes when the library gives exactly the instances RFC 5545 requires (DTSTART first) or
 * exactly those the suite prints (libical and dateutil leave an unsynchronised DTSTART out).
 * Libraries that are not installed are reported as such.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DateTime } from 'luxon';
import {
  formatLike,
  loadVectors,
  type Suite,
  type Vector,
  wallOf,
} from '../test/support/recurrence-vectors.ts';

const SUITES: Suite[] = ['rfc5545', 'libical', 'dateutil'];
const LIBRARIES = ['convene', 'ical.js', 'rrule', 'rrule-temporal', 'rrule-rust'] as const;
type Library = (typeof LIBRARIES)[number];
const TIMEOUT_MS = 3_000;
const MAX = 5_000;

/** America/New_York as real feeds carry it (both US rule sets), so zone-aware libraries can use it. */
const NEW_YORK = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'DTSTART:19870405T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'DTSTART:19671029T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * The vector's lines as strict RFC 5545, so each library gets its best input: a DATE DTSTART/EXDATE
 * written without VALUE=DATE (libical's test format) gets it, and for libraries that refuse floating
 * times (`utcForFloating`) a floating DTSTART is given in UTC, which yields the same wall-clock instances.
 */
function strictLines(v: Vector, utcForFloating = false): string[] {
  return v.lines.map((line) => {
    const m = /^(DTSTART|EXDATE)(;[^:]*)?:(\d{8}(T\d{6}Z?)?)$/i.exec(line);
    if (!m) return line;
    if (m[3]!.length === 8) return `${m[1]};VALUE=DATE${m[2] ?? ''}:${m[3]}`;
    if (utcForFloating && !m[2] && !m[3]!.endsWith('Z')) return `${m[1]}:${m[3]}Z`;
    return line;
  });
}

const icsOf = (v: Vector, strict = false) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Convene//recurrence-compare//EN',
    ...(v.tzid ? NEW_YORK : []),
    'BEGIN:VEVENT',
    'UID:vector@convene.test',
    'DTSTAMP:20000101T000000Z',
    ...(strict ? strictLines(v) : v.lines),
    'DURATION:PT1S',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

const limitOf = (v: Vector) => (v.complete ? MAX : v.expected.length);
const pad = (n: number) => String(n).padStart(2, '0');
const fields = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  `${y}${pad(mo)}${pad(d)}T${pad(h)}${pad(mi)}${pad(s)}`;

type Adapter = (v: Vector) => Promise<string[]>;
type Loose = Record<string, unknown>;
/** Candidate libraries are not dependencies of Convene: loaded by a computed name, untyped. */
const optional = (name: string): Promise<Loose> => import(name) as Promise<Loose>;

async function adapter(library: Library): Promise<Adapter> {
  switch (library) {
    case 'convene': {
      const { expandIcsInstances } = await import('../src/connectors/ics/expand.ts');
      return async (v) => {
        const zone = v.tzid ?? 'UTC';
        const instant = (w: string) =>
          DateTime.fromMillis(wallOf(w), { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toMillis();
        const start = instant(v.dtstart) - 2 * 86_400_000;
        const end = v.complete ? Date.UTC(2300, 0, 1) : instant(v.expected.at(-1)!) + 1000;
        // The other libraries have no time budget: give ours a generous one too (the default 100 ms per
        // series cuts libical's 2^16-candidates-a-month vector on a loaded machine, as intended).
        const r = expandIcsInstances(
          icsOf(v),
          { start, end },
          { maxIterationsPerSeries: 10_000_000, timeBudgetPerSeriesMs: 60_000 },
        );
        if (!r.ok) throw new Error(r.error.message);
        return r.intervals.map((i) => {
          const local = DateTime.fromMillis(i.start, { zone });
          return formatLike(local.toMillis() + local.offset * 60_000, v.dtstart);
        });
      };
    }
    case 'ical.js': {
      const ICAL = (await import('ical.js')).default;
      return async (v) => {
        const root = new ICAL.Component(ICAL.parse(icsOf(v, true)) as never);
        for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
        const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
        const it = event.iterator();
        const out: string[] = [];
        for (let next = it.next(); next && out.length < limitOf(v); next = it.next()) {
          // An RDATE PERIOD comes back as a period.
          const t = 'start' in next ? (next as unknown as { start: typeof next }).start : next;
          out.push(formatLike(wallOf(fields(t.year, t.month, t.day, t.hour, t.minute, t.second)), v.dtstart));
        }
        return out;
      };
    }
    case 'rrule': {
      const mod = await optional('rrule');
      const rrulestr = (mod.rrulestr ?? (mod.default as Loose).rrulestr) as (
        text: string,
        options: { forceset: boolean },
      ) => { all(iterator: (d: Date, i: number) => boolean): Date[] };
      return async (v) => {
        const set = rrulestr(strictLines(v).join('\n'), { forceset: true });
        // With a TZID the dates are instants; without, "UTC" values whose fields are the wall clock.
        return set
          .all((_d, i) => i < limitOf(v))
          .map((d) => {
            if (!v.tzid) return formatLike(d.getTime(), v.dtstart);
            const local = DateTime.fromMillis(d.getTime(), { zone: v.tzid });
            return formatLike(local.toMillis() + local.offset * 60_000, v.dtstart);
          });
      };
    }
    case 'rrule-temporal': {
      await optional('temporal-polyfill/global');
      const RRuleTemporal = (await optional('rrule-temporal')).RRuleTemporal as new (options: {
        rruleString: string;
      }) => {
        all(
          iterator: (d: unknown, i: number) => boolean,
        ): Array<{ toPlainDateTime(): { toString(): string } }>;
      };
      return async (v) => {
        const rule = new RRuleTemporal({ rruleString: strictLines(v).join('\n') });
        return rule
          .all((_d: unknown, i: number) => i < limitOf(v))
          .map((z: { toPlainDateTime(): { toString(): string } }) => {
            const p = z.toPlainDateTime().toString(); // 1997-09-02T09:00:00
            return formatLike(Date.parse(`${p.slice(0, 19)}Z`), v.dtstart);
          });
      };
    }
    case 'rrule-rust': {
      const RRuleSet = (await optional('rrule-rust')).RRuleSet as {
        fromString(text: string): { all(limit: number): Array<{ toString(): string }> };
      };
      return async (v) => {
        const set = RRuleSet.fromString(strictLines(v, true).join('\n'));
        return set
          .all(limitOf(v))
          .map((d: { toString(): string }) =>
            formatLike(wallOf(d.toString().replace(/^(\d{8})$/, '$1T000000')), v.dtstart),
          );
      };
    }
  }
}

interface Job {
  readonly library: Library;
  readonly from: number;
}
type Message = { index: number; got?: string[]; error?: string } | { unavailable: string };

async function worker(): Promise<void> {
  const { library, from } = workerData as Job;
  const vectors = SUITES.flatMap((s) => loadVectors(s));
  let run: Adapter;
  try {
    run = await adapter(library);
  } catch (error) {
    parentPort!.postMessage({ unavailable: String(error).split('\n')[0] ?? 'unavailable' } satisfies Message);
    return;
  }
  for (let index = from; index < vectors.length; index++) {
    try {
      parentPort!.postMessage({ index, got: await run(vectors[index]!) } satisfies Message);
    } catch (error) {
      parentPort!.postMessage({ index, error: String(error).split('\n')[0] } satisfies Message);
    }
  }
}

type Outcome = 'pass' | 'fail' | 'error' | 'timeout';

function measure(library: Library, total: number): Promise<Outcome[] | string> {
  const vectors = SUITES.flatMap((s) => loadVectors(s));
  const outcomes: Outcome[] = [];
  return new Promise((resolve) => {
    const start = (from: number) => {
      const w = new Worker(new URL(import.meta.url), { workerData: { library, from } satisfies Job });
      let timer = setTimeout(onTimeout, TIMEOUT_MS);
      function onTimeout() {
        outcomes.push('timeout');
        if (process.env.VERBOSE) console.error(`${library} ${vectors[outcomes.length - 1]!.title}: timeout`);
        void w.terminate();
        if (outcomes.length < total) start(outcomes.length);
        else resolve(outcomes);
      }
      w.on('message', (m: Message) => {
        clearTimeout(timer);
        if ('unavailable' in m) {
          void w.terminate();
          resolve(m.unavailable);
          return;
        }
        const v = vectors[m.index]!;
        const same = (a: readonly string[]) => JSON.stringify(a) === JSON.stringify(m.got);
        outcomes.push(
          m.error !== undefined ? 'error' : same(v.expected) || same(v.printed) ? 'pass' : 'fail',
        );
        if (process.env.VERBOSE && outcomes.at(-1) !== 'pass')
          console.error(
            `${library} ${v.suite}: ${v.title} ${v.rrule}: ${m.error ?? `got ${m.got?.slice(0, 6).join(',')}…`}`,
          );
        if (outcomes.length >= total) {
          void w.terminate();
          resolve(outcomes);
        } else timer = setTimeout(onTimeout, TIMEOUT_MS);
      });
      w.on('error', () => {
        clearTimeout(timer);
        outcomes.push('error');
        if (outcomes.length < total) start(outcomes.length);
        else resolve(outcomes);
      });
    };
    start(0);
  });
}

async function main(): Promise<void> {
  const bySuite = SUITES.map((s) => loadVectors(s));
  const total = bySuite.reduce((n, v) => n + v.length, 0);
  const header = `| library | ${SUITES.map((s, i) => `${s} (${bySuite[i]!.length})`).join(' | ')} | all (${total}) | errors | timeouts |`;
  const lines = [header, `|${' --- |'.repeat(SUITES.length + 4)}`];
  for (const library of LIBRARIES) {
    const result = await measure(library, total);
    if (typeof result === 'string') {
      lines.push(`| ${library} | not installed: ${result} |`);
      continue;
    }
    let offset = 0;
    const cells = bySuite.map((vs) => {
      const slice = result.slice(offset, offset + vs.length);
      offset += vs.length;
      return String(slice.filter((o) => o === 'pass').length);
    });
    const count = (o: Outcome) => result.filter((r) => r === o).length;
    lines.push(
      `| ${library} | ${cells.join(' | ')} | ${count('pass')} | ${count('error')} | ${count('timeout')} |`,
    );
  }
  console.log(lines.join('\n'));
}

if (isMainThread) await main();
else await worker();
