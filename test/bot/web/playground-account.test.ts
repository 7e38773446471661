/**
 * The playground's request box as the other surfaces' `/meet`: status, settings and team commands typed
 * as text run the same use cases as Slack and Discord, in the command word's language or the person's,
 * German included. Real store (PGlite in a temp dir), the real demo calendars, a pinned clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorld } from '../../../src/app/demo/index.ts';
import { loadDemoConfig, seedDemo } from '../../../src/app/demo/index.ts';
import type { ProposalView } from '../../../src/app/views.ts';
import { createPlaygroundRouter } from '../../../src/bot/web/playground/router.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { createDemoBusyReader } from '../../../src/connectors/demo/busy-reader.ts';
import type { Store } from '../../../src/store/index.ts';
import { openDatabase } from '../../../src/store/index.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026, 09:00 in Paris

let dir: string;
let store: Store;
let server: Server;
let base: string;
let world: DemoWorld;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convene-playground-account-'));
  store = await openDatabase({ dataDir: dir, log: () => undefined });
  world = await seedDemo(store, loadDemoConfig());
  const busy = createDemoBusyReader(world, { baseUrl: () => base });
  const app = createWebServer({
    routers: [
      { router: createPlaygroundRouter({ store, world, busy, now: () => NOW, log: () => undefined }) },
    ],
    log: () => undefined,
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

const person = (key: string) => world.people.find((p) => p.key === key)!;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;

async function meet(key: string, text: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}/playground/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId: person(key).id, text }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** The reply text of a command that succeeded, and its language. */
async function reply(key: string, text: string): Promise<{ locale: string; text: string }> {
  const res = await meet(key, text);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.ok).toBe(true);
  return res.body.reply;
}

describe('playground: /meet status and /meet settings', () => {
  it('status shows the zone, language, working hours and demo calendar, in the person’s language or the command word’s', async () => {
    const ana = await reply('ana', '/meet status');
    expect(ana.locale).toBe('en');
    expect(ana.text).toContain('Time zone: Europe/Paris');
    expect(ana.text).toContain('Language: English');
    expect(ana.text).toContain('Working hours: Mon, Tue, Wed, Thu, Fri 09:00-17:00');
    expect(ana.text).toContain('Calendar: the demo file ana.ics (read only)');
    // `status` is English and German: Zoé's own language answers; `statut` is French only.
    expect((await reply('zoe', '/meet status')).locale).toBe('fr');
    const statut = await reply('li', '/meet statut');
    expect(statut.locale).toBe('fr');
    expect(statut.text).toContain('Fuseau horaire : America/New_York');
    expect(statut.text).toContain('Agenda : le fichier de démo li.ics');
  });

  it('settings stores hours, zone, language and tentative-free through the use case; status and the search follow them', async () => {
    const saved = await reply('li', '/meet settings hours:10:00-12:00 tentative-free: yes');
    expect(saved.text).toBe('Saved: 10:00-12:00, tentative events count as free.');
    const prefs = await store.preferences.get(world.tenantId, person('li').id);
    expect(prefs?.workingHours.rules).toEqual([{ days: [1, 2, 3, 4, 5], start: '10:00', end: '12:00' }]);
    expect(prefs?.tentativeFree).toBe(true);
    expect(prefs?.timeZone).toBe('America/New_York');
    const status = await reply('li', '/meet status');
    expect(status.text).toContain('Working hours: Mon, Tue, Wed, Thu, Fri 10:00-12:00');
    expect(status.text).toContain('Tentative events: free');

    // The search keeps to Li's new hours: every proposed slot starts between 10:00 and 12:00 in New York.
    const asked = await meet('ana', '/meet @li 30m next week');
    expect(asked.status).toBe(200);
    const view = asked.body.view as ProposalView;
    expect(view.slots.length).toBeGreaterThan(0);
    for (const slot of view.slots) {
      const local = DateTime.fromMillis(slot.start, { zone: 'America/New_York' });
      expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(10 * 60);
      expect(local.hour * 60 + local.minute + 30).toBeLessThanOrEqual(12 * 60);
    }
  });

  it('refuses bad settings with a clear message in the person’s language, and changes nothing', async () => {
    const before = await store.preferences.get(world.tenantId, person('zoe').id);
    const zone = await meet('zoe', '/meet réglages zone:Mars/Olympus');
    expect(zone.status).toBe(422);
    expect(zone.body.error.code).toBe('invalid_zone');
    expect(zone.body.error.locale).toBe('fr');
    expect(zone.body.error.message).toContain('Mars/Olympus');
    const option = await meet('ana', '/meet settings colour:blue');
    expect(option.status).toBe(422);
    expect(option.body.error.message).toBe(
      'There is no setting “colour:”: use zone:, language:, hours: or tentative-free:.',
    );
    const empty = await meet('ana', '/meet settings');
    expect(empty.body.error.message).toContain('/meet settings zone:Europe/Paris');
    const flag = await meet('ana', '/meet settings tentative-free:maybe');
    expect(flag.body.error.message).toBe('tentative-free: takes yes or no, not “maybe”.');
    expect(await store.preferences.get(world.tenantId, person('zoe').id)).toEqual(before);
  });
});

describe('playground: /meet cancel and /meet reschedule', () => {
  it('list the person’s upcoming meetings with what the page needs for their buttons; none says so; in French too', async () => {
    expect((await reply('sam', '/meet cancel')).text).toBe(
      'You have no upcoming meetings booked through Convene.',
    );
    const asked = await meet('ana', '/meet @zoe 30m next week "Sync"');
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const view = asked.body.view as ProposalView;
    const booked = await fetch(`${base}/playground/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        personId: person('zoe').id,
        proposalId: view.proposalId,
        slotId: view.slots[0]!.id,
      }),
    });
    expect(booked.status).toBe(200);
    const bookingId = ((await booked.json()) as Json).view.bookingId as string;

    const list = await meet('ana', '/meet reschedule');
    expect(list.status).toBe(200);
    expect(list.body.upcoming.intro).toBe('Your upcoming meetings: which one to reschedule?');
    expect(list.body.upcoming.meetings).toHaveLength(1);
    expect(list.body.upcoming.meetings[0]).toMatchObject({ bookingId, title: 'Sync', locale: 'en' });
    expect(
      list.body.upcoming.meetings[0].participants.map((p: { personId: string }) => p.personId).sort(),
    ).toEqual([person('ana').id, person('zoe').id].sort());
    const liste = await meet('zoe', '/meet annuler');
    expect(liste.body.upcoming.intro).toBe('Vos prochaines réunions : laquelle annuler ?');
    expect(liste.body.upcoming.meetings[0].bookingId).toBe(bookingId);
    // The listed id works with the booking's buttons (here: cancel), and the list is then empty.
    const cancelled = await fetch(`${base}/playground/api/bookings/${bookingId}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: person('zoe').id }),
    });
    expect(cancelled.status).toBe(200);
    expect((await reply('ana', '/meet cancel')).text).toBe(
      'You have no upcoming meetings booked through Convene.',
    );
  });
});

describe('playground: German end to end', () => {
  it('help, settings and a German request are answered in German', async () => {
    const hilfe = await meet('sam', '/meet hilfe');
    expect(hilfe.body.help.locale).toBe('de');
    expect(hilfe.body.help.text).toContain('/meet @ana @li 30m nächste Woche');
    const saved = await reply('sam', '/meet einstellungen language:de');
    expect(saved.locale).toBe('de');
    expect(saved.text).toBe('Gespeichert: Deutsch.');
    const asked = await meet('sam', '/meet @ana 30 Minuten nächste Woche „Planung“');
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const view = asked.body.view as ProposalView;
    expect(view.locale).toBe('de');
    expect(view.title).toBe('Planung');
    expect(view.slots.length).toBeGreaterThan(0);
    expect(view.headline).not.toBe('');
    // `status` is English and German: Sam's language, now German, answers.
    const status = await reply('sam', '/meet status');
    expect(status.locale).toBe('de');
    expect(status.text).toContain('Sprache: Deutsch');
  });
});

describe('playground: /meet team', () => {
  it('creates a team, adds demo people, renames, lists, shows standings, takes a request to the team and deletes it, audited; refusals have their status', async () => {
    expect((await reply('ana', '/meet team create support')).text).toContain('Team “support” created');
    expect((await reply('ana', '/meet team add support @li @zoe')).text).toContain(
      'Li, Zoé added to “support”',
    );
    expect((await reply('ana', '/meet team rename support helpdesk')).text).toBe(
      'Team “support” is now “helpdesk”.',
    );
    const list = await reply('li', '/meet team list');
    expect(list.text).toContain('• helpdesk');
    expect(list.text).toContain('2 members');
    const standings = await reply('zoe', '/meet équipe classement helpdesk');
    expect(standings.locale).toBe('fr');
    expect(standings.text).toContain('helpdesk');
    const team = await store.rotations.findTeam(world.tenantId, { name: 'helpdesk' });
    expect(team?.members.map((m) => m.personId).sort()).toEqual([person('li').id, person('zoe').id].sort());

    // A request to the team: the rotation picks a member and says why, like in Slack.
    const asked = await meet('ana', '/meet @helpdesk 30m next week');
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const proposal = JSON.stringify(asked.body.view);
    expect(proposal).toContain('helpdesk team (round-robin)');
    expect(proposal).toMatch(/(Li|Zoé): [^"]*\(0 booked, target 0.5 this month\)/);

    const unknown = await meet('ana', '/meet team add helpdesk @nobody');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_member');
    const missing = await meet('ana', '/meet team delete nothing-here');
    expect(missing.status).toBe(404);
    const taken = await meet('ana', '/meet team create helpdesk');
    expect(taken.status).toBe(409);

    expect((await reply('ana', '/meet gruppe löschen helpdesk')).text).toBe('Team „helpdesk“ gelöscht.');
    expect(await store.rotations.findTeam(world.tenantId, { name: 'helpdesk' })).toBeNull();
    const audit = await store.audit.list(world.tenantId);
    expect(
      audit
        .filter((e) => e.action.startsWith('team.'))
        .map((e) => e.action)
        .reverse(),
    ).toEqual(['team.create', 'team.member.add', 'team.member.add', 'team.rename', 'team.delete']);
    expect(audit.find((e) => e.action === 'team.create')?.actor).toBe('playground:ana');
  });

  it('sets how a team books recurring meetings; a series request to a team taking turns says how it is booked', async () => {
    expect((await reply('ana', '/meet team create ops')).text).toContain('Team “ops” created');
    await reply('ana', '/meet team add ops @li @zoe');
    expect((await reply('ana', '/meet team series ops rotate')).text).toBe(
      'Team “ops” now books recurring meetings with members taking turns per occurrence.',
    );
    const asked = await meet('ana', '/meet @ops 30m every tuesday');
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.view.notes).toContainEqual(
      expect.stringMatching(
        /^Team “ops” takes turns per occurrence, in this order from the first date: (Li and Zoé|Zoé and Li)\. Each member is checked on their own dates only\.$/,
      ),
    );
    expect((await reply('ana', '/meet team series ops fixed')).text).toContain(
      'one member for the whole series',
    );
    const fixed = await meet('ana', '/meet @ops 30m every tuesday');
    expect((fixed.body.view.notes as string[]).some((n) => n.startsWith('Team “ops” takes turns'))).toBe(
      false,
    );
    await reply('ana', '/meet team delete ops');
  });
});
