#!/usr/bin/env node
// Copied verbatim from shared/bench/gen.mjs (sha256 prefix 34bebe7661b8ccea); only this comment was added (Biome may
// reformat it). Keep in sync with the shared generator rather than editing here.
// Synthetic input generator for meeting-slot benchmarks (format "calbench-slots/v1", see FORMAT.md).
// Standalone: no dependencies, deterministic for a given seed + parameters (PRNG: mulberry32).
//
// usage: node gen.mjs --n 10 --b 500 [--days 14] [--start 2030-03-04] [--seed 42]
//                     [--duration 30] [--interval 15] [--notice 0] [--booker-tz UTC]
//                     [--tz-pool overlap|global] [--placement uniform|working]
//                     [--busy-min 15] [--busy-max 60] [--busy-step 15] [--grid 5]
//                     [--overrides 0] [--mode COLLECTIVE|ROUND_ROBIN] [--out file.json]
// Writes JSON to --out, or to stdout.

import fs from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, arr) => {
    if (a.startsWith('--'))
      acc.push([a.slice(2), arr[i + 1] && !arr[i + 1].startsWith('--') ? arr[i + 1] : 'true']);
    return acc;
  }, []),
);
const num = (k, d) => (args[k] !== undefined ? Number(args[k]) : d);
const str = (k, d) => (args[k] !== undefined ? String(args[k]) : d);

const P = {
  n: num('n', 10),
  b: num('b', 500),
  days: num('days', 14),
  start: str('start', '2030-03-04'), // a Monday; the 14-day default window contains the US/Canada DST switch (2030-03-10)
  seed: num('seed', 42),
  duration: num('duration', 30),
  interval: num('interval', 15),
  notice: num('notice', 0),
  bookerTz: str('booker-tz', 'UTC'),
  tzPool: str('tz-pool', 'overlap'),
  placement: str('placement', 'uniform'),
  busyMin: num('busy-min', 15),
  busyMax: num('busy-max', 60),
  busyStep: num('busy-step', 15),
  grid: num('grid', 5),
  overrides: num('overrides', 0),
  mode: str('mode', 'COLLECTIVE'),
};

// Time-zone pools.
//  overlap: every zone's Mon-Fri 09:00-17:00 local overlaps 14:00-16:00 UTC in March 2030, so the collective
//           intersection of working hours is non-empty for any N (includes a -03:30 zone and DST switches).
//  global : spread around the world (incl. +05:30, +05:45, southern-hemisphere DST); intersection is
//           usually empty for N >= 3.
const POOLS = {
  overlap: [
    'Europe/London',
    'America/New_York',
    'Europe/Berlin',
    'America/Sao_Paulo',
    'Europe/Lisbon',
    'America/Halifax',
    'Atlantic/Reykjavik',
    'America/St_Johns',
    'Europe/Paris',
    'America/Toronto',
    'Africa/Lagos',
    'America/Argentina/Buenos_Aires',
    'Atlantic/Azores',
    'Africa/Abidjan',
  ],
  global: [
    'America/Los_Angeles',
    'Europe/London',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'America/New_York',
    'Australia/Sydney',
    'Europe/Berlin',
    'Asia/Kathmandu',
    'America/Chicago',
    'Asia/Shanghai',
    'America/Sao_Paulo',
    'Pacific/Auckland',
    'Asia/Dubai',
    'America/Denver',
    'Europe/Moscow',
    'Pacific/Honolulu',
  ],
};

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(P.seed);
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive

// UTC offset (minutes) of `tz` at instant `ms`, via Intl (no dependencies).
const dtfCache = new Map();
function tzOffsetMin(tz, ms) {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dtfCache.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - (ms - (ms % 1000))) / 60000);
}
// Instant (ms) of local wall-clock `y-m-d hh:mm` in tz (standard 2-pass resolution).
function localToUtc(tz, y, m, d, hh, mm) {
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let t = guess - tzOffsetMin(tz, guess) * 60000;
  t = guess - tzOffsetMin(tz, t) * 60000;
  return t;
}

const MIN = 60000;
const windowStart = Date.parse(`${P.start}T00:00:00.000Z`);
if (Number.isNaN(windowStart)) throw new Error(`bad --start ${P.start}`);
const windowEnd = windowStart + P.days * 1440 * MIN;
const pool = POOLS[P.tzPool];
if (!pool) throw new Error(`unknown --tz-pool ${P.tzPool}`);

// Seeded shuffle of the pool, then round-robin assignment => distinct zones while N <= pool size.
const shuffled = [...pool];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}

const WORK = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const durChoices = [];
for (let d = P.busyMin; d <= P.busyMax; d += P.busyStep) durChoices.push(d);
const gridSlots = Math.floor((windowEnd - windowStart) / (P.grid * MIN));

function localWorkingSpans(tz) {
  // [startMs, endMs) of each local working day that intersects the window (used by --placement working)
  const spans = [];
  for (let k = -1; k <= P.days; k++) {
    const day = new Date(windowStart + k * 1440 * MIN);
    const y = day.getUTCFullYear(),
      m = day.getUTCMonth() + 1,
      d = day.getUTCDate();
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (!WORK.days.includes(dow)) continue;
    const s = localToUtc(tz, y, m, d, 9, 0),
      e = localToUtc(tz, y, m, d, 17, 0);
    if (e > windowStart && s < windowEnd) spans.push([Math.max(s, windowStart), Math.min(e, windowEnd)]);
  }
  return spans;
}

const participants = [];
for (let i = 0; i < P.n; i++) {
  const timeZone = shuffled[i % shuffled.length];
  const busy = [];
  const spans = P.placement === 'working' ? localWorkingSpans(timeZone) : null;
  for (let k = 0; k < P.b; k++) {
    let start;
    if (spans && rand() < 0.8) {
      const [s, e] = spans[randInt(0, spans.length - 1)];
      start = s + randInt(0, Math.max(0, Math.floor((e - s) / (P.grid * MIN)) - 1)) * P.grid * MIN;
    } else {
      start = windowStart + randInt(0, gridSlots - 1) * P.grid * MIN;
    }
    const dur = durChoices[randInt(0, durChoices.length - 1)];
    busy.push({ start: new Date(start).toISOString(), end: new Date(start + dur * MIN).toISOString() });
  }
  const dateOverrides = [];
  for (let k = 0; k < P.overrides; k++) {
    const day = new Date(windowStart + randInt(0, P.days - 1) * 1440 * MIN).toISOString().slice(0, 10);
    if (dateOverrides.some((o) => o.date === day)) continue;
    if (rand() < 0.3)
      dateOverrides.push({ date: day, start: '00:00', end: '00:00' }); // day off
    else {
      const sh = randInt(7, 12);
      dateOverrides.push({
        date: day,
        start: `${String(sh).padStart(2, '0')}:00`,
        end: `${String(sh + randInt(2, 6)).padStart(2, '0')}:30`,
      });
    }
  }
  participants.push({
    id: i + 1,
    timeZone,
    workingHours: [{ ...WORK }],
    ...(dateOverrides.length ? { dateOverrides } : {}),
    busy,
  });
}

const out = {
  format: 'calbench-slots/v1',
  generator: { name: 'shared/bench/gen.mjs', params: P },
  window: { start: new Date(windowStart).toISOString(), end: new Date(windowEnd).toISOString() },
  bookerTimeZone: P.bookerTz,
  durationMinutes: P.duration,
  slotIntervalMinutes: P.interval,
  minimumBookingNoticeMinutes: P.notice,
  schedulingType: P.mode,
  participants,
};

const json = JSON.stringify(out);
if (args.out) fs.writeFileSync(args.out, json);
else process.stdout.write(json + '\n');
