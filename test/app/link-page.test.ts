/**
 * The LinkPage use case (src/app/link/page.ts) on in-memory fakes: the page state is single-use,
 * expires, is bound to one chat identity and to the browser that was shown the page; a failed probe
 * saves nothing and leaves the link usable; failures carry codes and catalogue messages.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryStateNonceStore } from '../../src/app/link/nonces.ts';
import { LinkPage, type LinkPageDeps, PAGE_STATE_TTL_MS } from '../../src/app/link/page.ts';
import { type LinkState, StateSigner } from '../../src/app/link/state.ts';
import type { CalDavProbeResult, CalendarLinkProbes } from '../../src/app/ports/calendar-link.ts';
import type { Person, SaveConnectionInput } from '../../src/app/ports/store.ts';

const SECRET = 'link-page-unit-test-secret-0123456789abcdef';
const T = '0b8f8a4e-4a8c-4b1c-9d0e-1a2b3c4d5e6f';
const W = '5a6b7c8d-aaaa-4bbb-8ccc-ddddeeeeffff';
const NOW = Date.UTC(2030, 0, 15, 12);

const mia: Person = {
  id: '9c1d2e3f-1111-4222-8333-444455556666',
  tenantId: T,
  displayName: 'Mia',
  email: null,
  identities: [{ workspaceId: W, platform: 'slack', externalUserId: 'UMIA', handle: 'mia' }],
};
const bo: Person = {
  id: '9c1d2e3f-1111-4222-8333-777788889999',
  tenantId: T,
  displayName: 'Bo',
  email: null,
  identities: [{ workspaceId: W, platform: 'slack', externalUserId: 'UBO', handle: 'bo' }],
};

const CALDAV_OK: CalDavProbeResult = {
  ok: true,
  account: {
    serverUrl: 'https://dav.example.org/',
    principalUrl: 'https://dav.example.org/mia/',
    service: 'other',
    calendars: [{ id: 'https://dav.example.org/mia/work/', name: 'Work', writable: true }],
  },
};

function setup(options: { probe?: CalDavProbeResult; clock?: () => number } = {}) {
  let now = NOW;
  const saved: SaveConnectionInput[] = [];
  const dms: string[] = [];
  const people = [mia, bo];
  const probes: CalendarLinkProbes = {
    discoverCalDav: async () => options.probe ?? CALDAV_OK,
    validateIcs: async (url) => ({
      ok: false,
      error: { code: 'not_calendar', key: 'link.ics.notCalendar', params: { host: url }, detail: 'html' },
    }),
  };
  const deps: LinkPageDeps = {
    people: {
      get: async (tenantId, id) => people.find((p) => p.tenantId === tenantId && p.id === id) ?? null,
      findByIdentity: async (workspaceId, externalUserId) =>
        people.find((p) =>
          p.identities.some((i) => i.workspaceId === workspaceId && i.externalUserId === externalUserId),
        ) ?? null,
    },
    connections: {
      save: async (input) => {
        saved.push(input);
        return {
          id: `c${saved.length}`,
          tenantId: input.tenantId,
          personId: input.personId,
          provider: input.provider,
          account: input.account,
          busyCalendarIds: input.busyCalendarIds,
          writeCalendarId: input.writeCalendarId,
          status: 'ok',
          statusDetail: null,
          lastSyncAt: null,
        } as never;
      },
    },
    nonces: new InMemoryStateNonceStore(() => now),
    notifier: {
      dm: async (_t, _p, message) => {
        dms.push(message.text);
        return { ok: true };
      },
    },
    probes,
    oauthConfigured: () => false,
    settings: { caldav: true, ics: true },
    publicBaseUrl: 'https://convene.example/',
    stateSecret: SECRET,
    clock: options.clock ?? (() => now),
  };
  const page = new LinkPage(deps);
  return {
    page,
    saved,
    dms,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function linkFor(page: LinkPage, person: Person): Promise<string> {
  const identity = person.identities[0]!;
  const started = await page.startLink({
    tenantId: person.tenantId,
    personId: person.id,
    chatIdentity: { workspaceId: identity.workspaceId, externalUserId: identity.externalUserId },
  });
  if (!started.ok) throw new Error(started.code);
  return new URL(started.url).searchParams.get('state')!;
}

/** What the browser posts back after `describe` (the cookie and the field of the page). */
async function shown(page: LinkPage, state: string) {
  const described = await page.describe(state);
  if (!described.ok) throw new Error(described.code);
  return { state, cookie: described.confirmCookie, field: described.confirmField };
}

const caldavForm = {
  service: 'other' as const,
  address: 'https://dav.example.org/',
  username: 'mia',
  password: 'pw',
};

describe('LinkPage: the page state', () => {
  it('is single-use: the first successful link consumes it, the next POST and GET say it was used', async () => {
    const { page, saved } = setup();
    const state = await linkFor(page, mia);
    const confirm = await shown(page, state);
    const first = await page.linkCalDav({ ...confirm, ...caldavForm });
    expect(first).toMatchObject({ ok: true, kind: 'caldav' });
    const second = await page.linkCalDav({ ...confirm, ...caldavForm });
    expect(second).toMatchObject({ ok: false, code: 'replayed_state', message: { key: 'link.page.used' } });
    expect(await page.describe(state)).toMatchObject({ ok: false, code: 'replayed_state' });
    expect(saved).toHaveLength(1);
  });

  it('expires after its time to live, for the page and for a form posted from an open page', async () => {
    const { page, saved, advance } = setup();
    const state = await linkFor(page, mia);
    const confirm = await shown(page, state);
    advance(PAGE_STATE_TTL_MS - 1);
    expect((await page.describe(state)).ok).toBe(true);
    advance(1);
    expect(await page.describe(state)).toMatchObject({
      ok: false,
      code: 'expired_state',
      message: { key: 'link.page.expired' },
    });
    expect(await page.linkCalDav({ ...confirm, ...caldavForm })).toMatchObject({
      ok: false,
      code: 'expired_state',
      retry: false,
    });
    expect(saved).toHaveLength(0);
  });

  it('is bound to one chat identity: a state naming another person’s identity is refused', async () => {
    const { page, saved } = setup();
    // A state signed with the right secret, for Mia's person id but Bo's chat identity.
    const forged = new StateSigner(SECRET).sign({
      tenantId: T,
      personId: mia.id,
      workspaceId: W,
      externalUserId: 'UBO',
      provider: 'page',
      nonce: StateSigner.nonce(),
      expiresAt: NOW + 60_000,
    } satisfies LinkState);
    expect(await page.describe(forged)).toMatchObject({ ok: false, code: 'other_user' });
    expect(await page.linkCalDav({ state: forged, cookie: 'x', field: 'y', ...caldavForm })).toMatchObject({
      ok: false,
      code: 'other_user',
      message: { key: 'link.page.otherUser' },
    });
    // startLink refuses to make a link for an identity that is not the person's.
    expect(
      await page.startLink({
        tenantId: T,
        personId: mia.id,
        chatIdentity: { workspaceId: W, externalUserId: 'UBO' },
      }),
    ).toEqual({ ok: false, code: 'unknown_person' });
    expect(saved).toHaveLength(0);
  });

  it('refuses a state made for OAuth, a tampered one and none', async () => {
    const { page } = setup();
    const oauth = new StateSigner(SECRET).sign({
      tenantId: T,
      personId: mia.id,
      workspaceId: W,
      externalUserId: 'UMIA',
      provider: 'google',
      nonce: StateSigner.nonce(),
      expiresAt: NOW + 60_000,
    });
    expect(await page.describe(oauth)).toMatchObject({ ok: false, code: 'invalid_state' });
    const state = await linkFor(page, mia);
    expect(await page.describe(`${state}x`)).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(await page.describe(undefined)).toMatchObject({ ok: false, code: 'invalid_state' });
  });

  it('is bound to the browser that was shown the page: another cookie or field is refused, the link stays usable', async () => {
    const { page, saved } = setup();
    const state = await linkFor(page, mia);
    const confirm = await shown(page, state);
    expect(
      await page.linkCalDav({ ...confirm, cookie: StateSigner.browserSecret(), ...caldavForm }),
    ).toMatchObject({ ok: false, code: 'unconfirmed' });
    expect(await page.linkCalDav({ ...confirm, field: undefined, ...caldavForm })).toMatchObject({
      ok: false,
      code: 'unconfirmed',
    });
    expect(saved).toHaveLength(0);
    expect(await page.linkCalDav({ ...confirm, ...caldavForm })).toMatchObject({ ok: true });
  });
});

describe('LinkPage: failures save nothing and keep the link usable', () => {
  it('a CalDAV probe failure is a retryable value carrying the connector’s catalogue key', async () => {
    const { page, saved, dms } = setup({
      probe: {
        ok: false,
        error: {
          code: 'unauthorized',
          key: 'link.caldav.unauthorized',
          params: { host: 'dav.example.org', service: 'other' },
          detail: 'PROPFIND answered HTTP 401',
        },
      },
    });
    const state = await linkFor(page, mia);
    const confirm = await shown(page, state);
    const result = await page.linkCalDav({ ...confirm, ...caldavForm });
    expect(result).toEqual({
      ok: false,
      code: 'caldav_failed',
      message: { key: 'link.caldav.unauthorized', params: { host: 'dav.example.org', service: 'other' } },
      retry: true,
      detail: 'unauthorized',
    });
    expect(saved).toHaveLength(0);
    expect(dms).toHaveLength(0);
    expect((await page.describe(state)).ok).toBe(true);
  });

  it('an ICS validation failure likewise; a missing field is asked again', async () => {
    const { page, saved } = setup();
    const state = await linkFor(page, mia);
    const confirm = await shown(page, state);
    expect(await page.linkIcs({ ...confirm, url: 'https://example.org/page' })).toMatchObject({
      ok: false,
      code: 'ics_failed',
      retry: true,
      message: { key: 'link.ics.notCalendar' },
    });
    expect(await page.linkIcs({ ...confirm, url: '  ' })).toMatchObject({
      ok: false,
      code: 'missing_field',
      retry: true,
    });
    expect(await page.linkCalDav({ ...confirm, ...caldavForm, password: '' })).toMatchObject({
      ok: false,
      code: 'missing_field',
    });
    expect(saved).toHaveLength(0);
    expect((await page.describe(state)).ok).toBe(true);
  });
});
