/**
 * `GET /ics/<token>` (src/bot/web/ics-offer.ts) on the real store with two tenants: the link answers the
 * meeting as text/calendar (an attachment, no-store), a week after the meeting it is gone (410), it is
 * bound to its tenant (a correctly signed token naming another tenant's booking is 404) and to a booked
 * meeting. The Slack and Discord confirmations carry the link of the participant kept in Convene.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICS_OFFER_GRACE_MS, IcsOffers } from '../../../src/app/ics-offer.ts';
import type { Booking } from '../../../src/app/ports/store.ts';
import type { BookingView } from '../../../src/app/views.ts';
import { renderBooking as renderDiscordBooking } from '../../../src/bot/discord/render.ts';
import { renderBooking as renderSlackBooking } from '../../../src/bot/slack/render.ts';
import { createIcsOfferRouter } from '../../../src/bot/web/ics-offer.ts';
import { expandIcs } from '../../../src/connectors/ics/expand.ts';
import { DAY, HOUR } from '../../../src/core/interval.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';

const NOW = Date.UTC(2030, 0, 16, 10);
const START = Date.UTC(2030, 0, 21, 14);
const SECRET = 'ics-offer-http-test-secret-0123456789abcdef';

let now = NOW;
let store: Store;
let server: Server;
let base = '';
let offers: IcsOffers;
let acme: { tenantId: string; booking: Booking; bo: string };
let globex: { tenantId: string; booking: Booking; kim: string };

async function tenantWithBooking(externalId: string, names: [string, string], title: string) {
  const workspace = await store.workspaces.install({ platform: 'slack', externalId, name: externalId });
  const people = [];
  for (const name of names) {
    people.push(
      (await store.people.upsertByIdentity({
        workspaceId: workspace.id,
        externalUserId: `U${name.toUpperCase()}`,
        displayName: name,
        email: `${name.toLowerCase()}@${externalId.toLowerCase()}.test`,
      }))!,
    );
  }
  const booked = await store.bookings.bookSlot({
    tenantId: workspace.tenantId,
    people: people.map((p) => p.id),
    start: START,
    end: START + HOUR,
    title,
    idempotencyKey: `${externalId}:booking`,
    organizerId: people[0]!.id,
  });
  if (!booked.ok) throw new Error(booked.reason);
  return { tenantId: workspace.tenantId, booking: booked.booking, ids: people.map((p) => p.id) };
}

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('ics-offer-http'),
    log: () => undefined,
  });
  const a = await tenantWithBooking('ACME', ['Li', 'Bo'], 'Roadmap');
  acme = { tenantId: a.tenantId, booking: a.booking, bo: a.ids[1]! };
  const g = await tenantWithBooking('GLOBEX', ['Kim', 'Max'], 'Globex secret plans');
  globex = { tenantId: g.tenantId, booking: g.booking, kim: g.ids[0]! };
  const app = express();
  server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  offers = new IcsOffers({
    bookings: store.bookings,
    publicBaseUrl: base,
    stateSecret: SECRET,
    clock: () => now,
  });
  app.use(createIcsOfferRouter({ offers }));
}, 60_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await store?.close();
});

describe('GET /ics/<token>', () => {
  it('answers the meeting as an .ics attachment that the expander reads', async () => {
    now = NOW;
    const url = offers.urlFor({
      tenantId: acme.tenantId,
      bookingId: acme.booking.id,
      personId: acme.bo,
      end: acme.booking.end,
    })!;
    expect(url.startsWith(`${base}/ics/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="meeting.ics"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const parsed = expandIcs(text, { start: START - DAY, end: START + DAY });
    expect(parsed.ok && parsed.busy).toEqual([{ start: START, end: START + HOUR }]);
    expect(text).toContain('SUMMARY:Roadmap');
    expect(text).not.toMatch(/Li|Bo|acme\.test|ATTENDEE|ORGANIZER/);
  });

  it('is gone a week after the meeting ends (410)', async () => {
    now = NOW;
    const url = offers.urlFor({
      tenantId: acme.tenantId,
      bookingId: acme.booking.id,
      personId: acme.bo,
      end: acme.booking.end,
    })!;
    now = acme.booking.end + ICS_OFFER_GRACE_MS;
    const res = await fetch(url);
    expect(res.status).toBe(410);
    expect(await res.text()).not.toContain('BEGIN:VCALENDAR');
    now = NOW;
  });

  it('is bound to its tenant: a token signed for one tenant naming another tenant’s booking finds nothing', async () => {
    now = NOW;
    // Acme's tenant, Globex's booking and person.
    const crossed = offers.urlFor({
      tenantId: acme.tenantId,
      bookingId: globex.booking.id,
      personId: globex.kim,
      end: globex.booking.end,
    })!;
    const res = await fetch(crossed);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Globex secret plans');
    // The right tenant works.
    const own = offers.urlFor({
      tenantId: globex.tenantId,
      bookingId: globex.booking.id,
      personId: globex.kim,
      end: globex.booking.end,
    })!;
    expect((await fetch(own)).status).toBe(200);
  });

  it('refuses a tampered or unknown token, and a cancelled meeting (404)', async () => {
    now = NOW;
    const url = offers.urlFor({
      tenantId: acme.tenantId,
      bookingId: acme.booking.id,
      personId: acme.bo,
      end: acme.booking.end,
    })!;
    expect((await fetch(`${url}x`)).status).toBe(404);
    expect((await fetch(`${base}/ics/not-a-token`)).status).toBe(404);
    await store.bookings.cancel(acme.tenantId, acme.booking.id);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('the confirmation carries the link (Slack and Discord)', () => {
  const view = (label: string): BookingView => ({
    kind: 'booked',
    locale: 'fr',
    bookingId: 'b1',
    proposalId: 'p1',
    slotId: '1',
    title: 'Roadmap',
    start: START,
    end: START + HOUR,
    alreadyBooked: false,
    headline: 'Réservé',
    participants: [
      { personId: 'li', name: 'Li', timeZone: 'UTC', label: 'lun. 21 janv.', calendar: 'written' },
      {
        personId: 'bo',
        name: 'Bo',
        timeZone: 'UTC',
        label: 'lun. 21 janv.',
        calendar: 'kept_in_convene',
        reason: 'read_only',
        note: 'agenda en lecture seule : la réunion est gardée dans Convene',
        ics: { url: 'https://convene.example/ics/i1.abc.def', label },
      },
    ],
  });

  it('Slack: the kept participant’s line links the .ics; the written one does not', () => {
    const rendered = JSON.stringify(renderSlackBooking(view('Ajouter à l’agenda (.ics)')).blocks);
    expect(rendered).toContain(
      '*Bo*: lun. 21 janv. — _agenda en lecture seule : la réunion est gardée dans Convene_ · <https://convene.example/ics/i1.abc.def|Ajouter à l’agenda (.ics)>',
    );
    expect(rendered.match(/\/ics\//g)).toHaveLength(1);
  });

  it('Discord: the same, as a masked link', () => {
    const rendered = renderDiscordBooking(view('Zum Kalender hinzufügen (.ics)')).content ?? '';
    const line = rendered.split('\n').find((l) => l.includes('Bo'))!;
    expect(line).toContain('la réunion est gardée dans Convene');
    expect(line).toContain('[Zum Kalender hinzufügen (.ics)](<https://convene.example/ics/i1.abc.def>)');
    expect(rendered.match(/\/ics\//g)).toHaveLength(1);
  });
});
