/**
 * `npm run bench` (second part): iCalendar expansion throughput on a large, real-world-like feed.
 *
 * The feed is generated (seeded, so every run reads the same text) to look like a Google/Outlook
 * export of a busy person's calendar over five years: one-off meetings in a few zones, weekly and
 * daily series with EXDATEs and UNTIL/COUNT, monthly "2nd Tuesday" rules, yearly all-day birthdays,
 * moved and cancelled instances (RECURRENCE-ID), tentative, free and cancelled events, and the
 * VTIMEZONE blocks such exports carry. We time `expandIcs` (parse + expand + merge) over a 90-day
 * window (what a sync reads) and a one-year window, and report VEVENTs per second (wall clock, and
 * CPU time of the process, which is what counts on a shared machine) and the instances found.
 * `BENCH_EXPAND_EVENTS` (default 10,000) and `BENCH_EXPAND_RUNS` (default 7) change the size.
 */
import { expandIcs, expandIcsInstances } from '../src/connectors/ics/expand.ts';

const EVENTS = Number(process.env.BENCH_EXPAND_EVENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_EXPAND_RUNS ?? 7);

/** mulberry32: a tiny seeded PRNG, so the feed is the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (ms: number, utc = false) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00${utc ? 'Z' : ''}`;
};
const dateOnly = (ms: number) => stamp(ms).slice(0, 8);

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function generateFeed(events: number, seed = 15): string {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const zones = ['Europe/Paris', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC'];
  const from = Date.UTC(2026, 0, 1);
  const days = 5 * 365;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Convene//bench//EN',
    'X-WR-TIMEZONE:Europe/Paris',
    ...PARIS_VTIMEZONE,
  ];
  for (let i = 0; i < events; i++) {
    const uid = `bench-${i}@convene.test`;
    const day = from + Math.floor(random() * days) * 86_400_000;
    const start = day + (8 + Math.floor(random() * 10)) * 3_600_000 + pick([0, 15, 30, 45]) * 60_000;
    const zone = pick(zones);
    const dt = (name: string, ms: number) =>
      zone === 'UTC' ? `${name}:${stamp(ms, true)}` : `${name};TZID=${zone}:${stamp(ms)}`;
    const length = pick([30, 30, 45, 60, 60, 90]) * 60_000;
    const body = ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', 'SUMMARY:Busy'];
    const r = random();
    if (r < 0.6) {
      body.push(dt('DTSTART', start), dt('DTEND', start + length));
    } else if (r < 0.8) {
      body.push(dt('DTSTART', start), dt('DTEND', start + length));
      const byday = pick(['MO', 'TU', 'WE', 'TH', 'FR', 'MO,WE', 'TU,TH']);
      const end = pick(['', `;UNTIL=${stamp(start + 200 * 86_400_000, true)}`, ';COUNT=40']);
      body.push(`RRULE:FREQ=WEEKLY;BYDAY=${byday}${pick(['', ';INTERVAL=2'])}${end}`);
      for (let k = 0; k < 3; k++) body.push(dt('EXDATE', start + (7 + 7 * k * 3) * 86_400_000));
    } else if (r < 0.88) {
      body.push(dt('DTSTART', start), dt('DTEND', start + 15 * 60_000));
      body.push(`RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=${stamp(start + 365 * 86_400_000, true)}`);
    } else if (r < 0.94) {
      body.push(dt('DTSTART', start), dt('DTEND', start + length));
      body.push(
        pick([
          'RRULE:FREQ=MONTHLY;BYDAY=2TU',
          'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1',
          'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
        ]),
      );
    } else {
      body.push(
        `DTSTART;VALUE=DATE:${dateOnly(day)}`,
        `DTEND;VALUE=DATE:${dateOnly(day + 86_400_000)}`,
        'RRULE:FREQ=YEARLY',
        'TRANSP:TRANSPARENT',
      );
    }
    const status = random();
    if (status < 0.1) body.push('STATUS:TENTATIVE');
    else if (status < 0.15) body.push('TRANSP:TRANSPARENT');
    else if (status < 0.18) body.push('STATUS:CANCELLED');
    body.push('END:VEVENT');
    lines.push(...body);
    // Moved or cancelled instances of a weekly series.
    if (r >= 0.6 && r < 0.8 && random() < 0.3) {
      const original = start + 14 * 86_400_000;
      lines.push(
        'BEGIN:VEVENT',
        `UID:${uid}`,
        dt('RECURRENCE-ID', original),
        dt('DTSTART', original + 3_600_000),
        dt('DTEND', original + 3_600_000 + length),
        ...(random() < 0.3 ? ['STATUS:CANCELLED'] : []),
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  const text = generateFeed(EVENTS);
  const vevents = (text.match(/^BEGIN:VEVENT/gm) ?? []).length;
  console.log(
    `iCalendar expansion: ${vevents} VEVENTs (${EVENTS} series or single events + overrides), ${(text.length / 1e6).toFixed(1)} MB, ${RUNS} runs after a warm-up, median`,
  );
  for (const [label, start, end] of [
    ['90 days', Date.UTC(2027, 2, 1), Date.UTC(2027, 4, 30)],
    ['1 year', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1)],
  ] as const) {
    const range = { start, end };
    const options = { defaultZone: 'Europe/Paris' };
    const check = expandIcs(text, range, options);
    if (!check.ok) throw new Error(check.error.message);
    const instances = expandIcsInstances(text, range, options);
    const count = instances.ok ? instances.intervals.filter((i) => i.end > start && i.start < end).length : 0;
    const times: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      expandIcs(text, range, options);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
    }
    const ms = median(times);
    const cpuMs = median(cpus);
    const rate = (t: number) => Math.round(vevents / (t / 1000)).toLocaleString('en');
    console.log(
      `  ${label.padEnd(8)} wall ${ms.toFixed(0).padStart(5)} ms (${rate(ms)} VEVENTs/s), CPU ${cpuMs.toFixed(0).padStart(5)} ms (${rate(cpuMs)} VEVENTs/s); ${count} instances in range, ${check.busy.length} busy blocks, ${check.warnings.length} warnings`,
    );
  }
}

if (process.argv[1]?.endsWith('expand.bench.ts')) main();
