/**
 * The playground's HTTP API against a real store (PGlite in a temp dir) and the real demo calendars,
 * served by the app itself and read back through the ICS connector. The clock is pinned.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorld } from '../../../src/app/demo/index.ts';
import { DEMO_DIR, loadDemoConfig, seedDemo } from '../../../src/app/demo/index.ts';
import { helpText } from '../../../src/app/help.ts';
import type { ProposalView } from '../../../src/app/views.ts';
import { createPlaygroundRouter } from '../../../src/bot/web/playground/router.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { createDemoBusyReader } from '../../../src/connectors/demo/busy-reader.ts';
import { expandIcs } from '../../../src/connectors/ics/index.ts';
import type { Interval } from '../../../src/core/interval.ts';
import { LOCALES } from '../../../src/core/locale.ts';
import type { Store } from '../../../src/store/index.ts';
import { openDatabase } from '../../../src/store/index.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026, 09:00 in Paris

let dir: string;
let store: Store;
let server: Server;
let base: string;
let world: DemoWorld;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convene-playground-'));
  store = await openDatabase({ dataDir: dir, log: () => undefined });
  world = await seedDemo(store, loadDemoConfig());
  const busy = createDemoBusyReader(world, { baseUrl: () => base });
  const app = createWebServer({
    routers: [
      { router: createPlaygroundRouter({ store, world, busy, now: () => NOW, log: (l) => logs.push(l) }) },
    ],
    ready: async () => (await store.query('SELECT 1 AS one')).length === 1,
    log: (l) => logs.push(l),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const id = (key: string) => world.people.find((p) => p.key === key)!.id;

/** Response bodies are checked field by field in the tests. */
// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function week(personKey: string, viewerKey: string, at: number) {
  const res = await fetch(
    `${base}/playground/api/calendars/${id(personKey)}?viewer=${id(viewerKey)}&at=${at}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).week as {
    blocks: { kind: string; title?: string; bookingId?: string; day: number; startMinute: number }[];
    timeZone: string;
  };
}

/** Busy time of a demo person straight from the shipped file (an independent reading). */
function shippedBusy(key: string, range: Interval): Interval[] {
  const text = readFileSync(join(DEMO_DIR, 'calendars', `${key}.ics`), 'utf8');
  const result = expandIcs(text, range);
  if (!result.ok) throw new Error(result.error.message);
  return result.busy;
}

describe('playground API', () => {
  it('answers health and readiness checks', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('lists the demo people, marked as demo data, and serves their ICS feeds', async () => {
    const demo = (await (await fetch(`${base}/playground/api/demo`)).json()) as Json;
    expect(demo.notice).toMatch(/^DEMO DATA/);
    expect(demo.people.map((p: { key: string; timeZone: string }) => [p.key, p.timeZone])).toEqual([
      ['ana', 'Europe/Paris'],
      ['li', 'America/New_York'],
      ['sam', 'America/Los_Angeles'],
      ['zoe', 'Europe/Paris'],
    ]);
    const feed = await fetch(`${base}/demo/calendars/sam.ics`);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect((await fetch(`${base}/demo/calendars/..%2Fpeople.json`)).status).toBe(404);
    const page = await fetch(`${base}/playground`);
    expect(await page.text()).toContain('Next: connect Slack or Discord');
  });

  it('proposes, books, shows the meeting on every participant’s week, keeps titles private, and resets', async () => {
    const asked = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @li @sam 30m next week "Roadmap"',
    });
    expect(asked.status).toBe(200);
    const view = asked.body.view as ProposalView;
    expect(view.gaps).toEqual([]);
    expect(view.slots.length).toBeGreaterThan(0);
    const range = { start: view.window.start, end: view.window.end };
    const busy = ['ana', 'li', 'sam'].flatMap((k) => shippedBusy(k, range));
    for (const slot of view.slots)
      expect(busy.some((b) => b.start < slot.end && b.end > slot.start)).toBe(false);
    expect(view.heatmap.rows.map((r) => r.name)).toEqual(['Ana', 'Li', 'Sam']);

    const first = view.slots[0]!;
    const booked = await post('/playground/api/bookings', {
      personId: id('li'),
      proposalId: view.proposalId,
      slotId: first.id,
    });
    expect(booked.status).toBe(200);
    expect(booked.body.view.title).toBe('Roadmap');
    expect(booked.body.view.participants.map((p: { calendar: string }) => p.calendar)).toEqual([
      'kept_in_convene',
      'kept_in_convene',
      'kept_in_convene',
    ]);
    const bookingId = booked.body.view.bookingId as string;

    for (const key of ['ana', 'li', 'sam']) {
      const w = await week(key, 'ana', first.start);
      const meetings = w.blocks.filter((b) => b.kind === 'meeting');
      expect(meetings).toEqual([expect.objectContaining({ bookingId, title: 'Roadmap' })]);
    }
    // Zoé does not attend: she sees Ana's time as busy, without the title.
    const seenByZoe = await week('ana', 'zoe', first.start);
    expect(seenByZoe.blocks.some((b) => b.kind === 'meeting' || b.title !== undefined)).toBe(false);
    expect(JSON.stringify(seenByZoe)).not.toContain('Roadmap');

    // A second click (Sam this time) books nothing new; a non-participant is refused.
    const again = await post('/playground/api/bookings', {
      personId: id('sam'),
      proposalId: view.proposalId,
      slotId: first.id,
    });
    expect(again.body.view).toMatchObject({ bookingId, alreadyBooked: true });
    const refused = await post('/playground/api/bookings', {
      personId: id('zoe'),
      proposalId: view.proposalId,
      slotId: first.id,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^Seuls l'organisateur/);

    // The booked time is now busy for the next request.
    const next = await post('/playground/api/requests', {
      personId: id('sam'),
      text: '/meet @ana 30m next week',
    });
    expect(next.status).toBe(200);
    for (const slot of (next.body.view as ProposalView).slots)
      expect(slot.start < first.end && slot.end > first.start).toBe(false);

    const reset = await post('/playground/api/reset', {});
    expect(reset.body).toEqual({ ok: true, cancelled: 1, message: 'Demo reset: 1 booking cancelled.' });
    const after = await week('ana', 'ana', first.start);
    expect(after.blocks.filter((b) => b.kind === 'meeting')).toEqual([]);
  });

  it('asks which zone an ambiguous request means, with answers by id; the requester’s answer proposes in that zone', async () => {
    const asked = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @zoe 30m next week 3pm IST',
    });
    expect(asked.status).toBe(422);
    expect(asked.body.error).toMatchObject({ code: 'needs_answer', locale: 'en' });
    expect(asked.body.error.message).toMatch(/^Which time zone do you mean by "IST".*Pick one below\.$/);
    const pending = asked.body.error.pending;
    expect(pending.choices.map((c: Json) => [c.index, c.value])).toEqual([
      [0, 'Asia/Kolkata'],
      [1, 'Europe/Dublin'],
      [2, 'Asia/Jerusalem'],
    ]);

    // Zoé did not ask: refused in her language; the question stays open.
    const other = await post('/playground/api/answers', {
      personId: id('zoe'),
      questionId: pending.id,
      choice: 0,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'Seule la personne qui a fait cette demande peut répondre à cette question.',
    );
    const bad = await post('/playground/api/answers', {
      personId: id('ana'),
      questionId: pending.id,
      choice: 'x',
    });
    expect(bad.status).toBe(400);

    const answered = await post('/playground/api/answers', {
      personId: id('ana'),
      questionId: pending.id,
      choice: 0,
    });
    expect(answered.status).toBe(200);
    const view = answered.body.view as ProposalView;
    expect(view.slots.length).toBeGreaterThan(0);
    for (const slot of view.slots) {
      const at = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Kolkata',
        hour: '2-digit',
        minute: '2-digit',
      }).format(slot.start);
      expect(at).toBe('15:00');
    }
    const again = await post('/playground/api/answers', {
      personId: id('ana'),
      questionId: pending.id,
      choice: 1,
    });
    expect(again).toEqual({
      status: 409,
      body: {
        ok: false,
        error: { code: 'answered', message: 'This question has already been answered.', locale: 'en' },
      },
    });
  });

  it('a recurring request: each proposal says how many occurrences are free, ranked by it; "book anyway" books', async () => {
    // A one-off meeting on the third Tuesday holds 10:00 there.
    const once = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @zoe 2h on 8 Dec "Workshop"',
    });
    expect(once.status).toBe(200);
    const held = (once.body.view as ProposalView).slots[0]!;
    expect(
      (
        await post('/playground/api/bookings', {
          personId: id('ana'),
          proposalId: once.body.view.proposalId,
          slotId: held.id,
        })
      ).status,
    ).toBe(200);
    const asked = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @zoe 30m every tuesday "1:1"',
    });
    expect(asked.status).toBe(200);
    // The times free on every Tuesday come first; "more times" (checked over the series too) reaches the
    // ones that clash with the workshop.
    let view = asked.body.view as ProposalView;
    for (let i = 0; i < 6 && view.slots.every((s) => s.series!.conflicts.length === 0); i++) {
      const more = await post(`/playground/api/proposals/${view.proposalId}/more`, { personId: id('ana') });
      expect(more.status).toBe(200);
      view = more.body.view as ProposalView;
    }
    expect(view.slots.length).toBeGreaterThan(0);
    console.log('LINES', JSON.stringify(view.slots.map((s) => [s.label, s.series!.line])));
    const frees = view.slots.map((slot) => slot.series!.free);
    expect([...frees].sort((a, b) => b - a)).toEqual(frees);
    for (const slot of view.slots) {
      const series = slot.series!;
      expect(series.occurrences).toBeGreaterThanOrEqual(12);
      expect(series.free).toBe(series.occurrences - series.conflicts.length);
      expect(series.line).toMatch(
        series.conflicts.length === 0 ? /^free on all \d+ Tuesdays$/ : /^free on \d+ of \d+ Tuesdays; /,
      );
      expect(series.bookSlotId).toBe(series.conflicts.length > 0 ? `${slot.id}-anyway` : slot.id);
      // Each busy conflict is the workshop or a shipped calendar's busy time at that occurrence.
      for (const c of series.conflicts)
        for (const p of c.people.filter((q) => q.reason === 'busy'))
          expect(
            (c.start < held.end && held.start < c.end) || shippedBusy(p.name.toLowerCase(), c).length > 0,
          ).toBe(true);
    }
    const clash = view.slots.find((s) => s.series!.conflicts.length > 0)!;
    expect(clash.series!.line).toMatch(/; Ana is busy on Tue 8 Dec; Zoé is busy on Tue 8 Dec$/);
    const demo = (await (await fetch(`${base}/playground/api/demo`)).json()) as Json;
    expect([demo.buttons.en.bookAnyway, demo.buttons.fr.bookAnyway, demo.buttons.de.bookAnyway]).toEqual([
      'Book anyway',
      'Réserver quand même',
      'Trotzdem buchen',
    ]);
    const booked = await post('/playground/api/bookings', {
      personId: id('ana'),
      proposalId: view.proposalId,
      slotId: clash.series!.bookSlotId,
    });
    expect(booked.status).toBe(200);
    expect(booked.body.view.headline).toContain('every Tuesday');
    expect(booked.body.view.seriesConflicts).toMatch(
      /^Booked anyway, with 1 occurrence in conflict: Ana is busy/,
    );
    expect((await post('/playground/api/reset', {})).status).toBe(200);
  });

  it('a recurring request: "Book, move clashing dates" books the series and moves or names each clash', async () => {
    // The same workshop on the third Tuesday, so some proposed times clash there.
    const once = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @zoe 2h on 8 Dec "Workshop"',
    });
    const held = (once.body.view as ProposalView).slots[0]!;
    await post('/playground/api/bookings', {
      personId: id('ana'),
      proposalId: once.body.view.proposalId,
      slotId: held.id,
    });
    const asked = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @zoe 30m every tuesday "1:1"',
    });
    let view = asked.body.view as ProposalView;
    for (let i = 0; i < 6 && view.slots.every((s) => s.series!.conflicts.length === 0); i++)
      view = (await post(`/playground/api/proposals/${view.proposalId}/more`, { personId: id('ana') })).body
        .view as ProposalView;
    for (const slot of view.slots)
      expect(slot.series!.moveSlotId).toBe(slot.series!.conflicts.length > 0 ? `${slot.id}-move` : undefined);
    const demo = (await (await fetch(`${base}/playground/api/demo`)).json()) as Json;
    expect([demo.buttons.en.bookAndMove, demo.buttons.fr.bookAndMove, demo.buttons.de.bookAndMove]).toEqual([
      'Book, move clashing dates',
      'Réserver, déplacer les dates en conflit',
      'Buchen, Konflikttermine verschieben',
    ]);
    const clash = view.slots.find((s) => s.series!.conflicts.length > 0)!;
    const booked = await post('/playground/api/bookings', {
      personId: id('ana'),
      proposalId: view.proposalId,
      slotId: clash.series!.moveSlotId,
    });
    expect(booked.status).toBe(200);
    const moves = booked.body.view.seriesMoves as {
      moved: { occurrence: number; start: number; end: number }[];
      stayed: number[];
      text: string;
    };
    expect(booked.body.view.seriesConflicts).toBeUndefined();
    // Every later occurrence in conflict either moved (within three days, same length) or stayed.
    const later = clash.series!.conflicts.map((c) => c.start).filter((s) => s !== clash.start);
    expect([...moves.moved.map((m) => m.occurrence), ...moves.stayed].sort((a, b) => a - b)).toEqual(later);
    for (const m of moves.moved) {
      expect(Math.abs(m.start - m.occurrence)).toBeLessThanOrEqual(3 * 24 * 3600_000 + 3600_000);
      expect(m.end - m.start).toBe(clash.end - clash.start);
      expect(m.start < held.end && held.start < m.end).toBe(false);
    }
    expect(moves.text).toMatch(
      /^(Moved \d+ occurrences? in conflict: .+\.)? ?(\d+ occurrences? stays? as booked, .+\.)?$/,
    );
    expect(moves.moved.length).toBeGreaterThan(0);
    // The moves went through the store's outbox as series changes of this booking, one per participant.
    const jobs = await store.jobs.listByDedupePrefix(`calendar.series:${booked.body.view.bookingId}:`);
    expect(jobs).toHaveLength(moves.moved.length * 2);
    expect((await post('/playground/api/reset', {})).status).toBe(200);
  });

  it('answers French requests in French, and bad input with a clear message', async () => {
    const fr = await post('/playground/api/requests', {
      personId: id('zoe'),
      text: '/meet @ana @bob 30 min la semaine prochaine',
    });
    expect(fr.status).toBe(422);
    expect(fr.body.error).toMatchObject({ code: 'unknown_participants', locale: 'fr', mentions: ['@bob'] });
    expect(fr.body.error.message).toMatch(/^Je ne connais pas @bob/);

    const ok = await post('/playground/api/requests', {
      personId: id('zoe'),
      text: '/meet @ana 45 min la semaine prochaine « Point produit »',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.view.headline).toMatch(/propositions? pour « Point produit » \(45 min\) avec Zoé et Ana/);

    // Zoé is French: an English request with a typo is still answered in French.
    const typo = await post('/playground/api/requests', {
      personId: id('zoe'),
      text: '/meet @ana @bob 30m tomorow',
    });
    expect(typo.body.error).toMatchObject({ code: 'unknown_participants', locale: 'fr' });
    expect(typo.body.error.message).toMatch(/^Je ne connais pas @bob/);

    const nobody = await post('/playground/api/requests', { text: '/meet @ana 30m' });
    expect(nobody).toEqual({
      status: 400,
      body: {
        ok: false,
        error: {
          code: 'bad_request',
          message: 'Pick who you are among the demo people (Ana, Li, Sam, Zoé).',
        },
      },
    });
    const malformed = await fetch(`${base}/playground/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"personId": ',
    });
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(JSON.parse(text).error.message).toMatch(/valid JSON/);
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('playground help and page text', () => {
  it('answers /meet help in the playground’s syntax, in the help word’s language or the person’s', async () => {
    const asked = async (key: string, text: string) => {
      const res = await post('/playground/api/requests', { personId: id(key), text });
      expect(res.status).toBe(200);
      return res.body.help as { locale: string; text: string };
    };
    const english = await asked('li', '/meet help');
    expect(english.locale).toBe('en');
    expect(english.text).toContain('/meet @ana @li 30m next week "Roadmap"');
    // Not Slack's mrkdwn command list nor Discord's options: plain text for the request box.
    expect(english.text).not.toContain('`');
    expect(english.text).not.toContain('new request:');
    expect(english.text).not.toBe(helpText('slack', 'en'));
    const french = await asked('li', '/meet aide');
    expect(french.locale).toBe('fr');
    expect(french.text).toContain('la semaine prochaine');
    // A bare `/meet` asks for help in the person's language.
    expect((await asked('zoe', '/meet')).locale).toBe('fr');
    expect((await asked('li', '/meet')).locale).toBe('en');
  });

  it('serves the page’s text from the catalogue in the asked language, every language offered', async () => {
    const get = async (locale: string) =>
      (await (await fetch(`${base}/playground/api/strings?locale=${locale}`)).json()) as Json;
    const fr = await get('fr-CA');
    expect(fr.locale).toBe('fr');
    expect(fr.strings['heat.title']).toBe('Disponibilités du groupe (heure de {city})');
    expect(fr.strings['page.whoTitle']).toBe('1. Qui êtes-vous ?');
    const en = await get('xx');
    expect(en.locale).toBe('en');
    expect(Object.keys(en.strings).sort()).toEqual(Object.keys(fr.strings).sort());
    expect(en.languages.map((l: { locale: string }) => l.locale)).toEqual([...LOCALES]);
    // Every `data-i18n` name of the page has a string.
    const page = await (await fetch(`${base}/playground`)).text();
    const names = [...page.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(en.strings[name], name).toBeTypeOf('string');
  });
});

describe('playground work budget', () => {
  it('refuses a window to 2600 at once, in the request language, like every other surface', async () => {
    const started = performance.now();
    const far = await post('/playground/api/requests', {
      personId: id('ana'),
      text: '/meet @li @sam 30m between tomorrow and 2600-01-01',
    });
    expect(far.status).toBe(422);
    expect(far.body.error.code).toBe('unparseable');
    expect(far.body.error.message).toContain('I can look up to 90 days ahead');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('counts every write per client: over the limit, 429 with Retry-After and nothing done', async () => {
    const limited = createWebServer({
      routers: [
        {
          router: createPlaygroundRouter({
            store,
            world,
            busy: createDemoBusyReader(world, { baseUrl: () => base }),
            now: () => NOW,
            rateLimit: { userPerMinute: 2, workspacePerMinute: 100, clock: () => 0 },
          }),
        },
      ],
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => limited.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/playground/api/requests`;
      const send = () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personId: 'nobody', text: '/meet @ana 30m', locale: 'fr' }),
        });
      expect((await send()).status).toBe(400);
      expect((await send()).status).toBe(400);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as Json;
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).toMatch(/réessayez dans \d+ s/);
      // Reads (the page, the demo people) are not writes: still served.
      const demo = await fetch(url.replace('/requests', '/demo'));
      expect(demo.status).toBe(200);
    } finally {
      await new Promise((resolve) => limited.close(resolve));
    }
  });
});
