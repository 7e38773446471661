/**
 * Calendar linking end to end through the express router, against the Google and Microsoft fakes and
 * a store on in-memory PGlite: start → provider consent (auto-approved by the fakes) → callback →
 * connection stored (tokens encrypted), DM sent; refusals (forged, expired, replayed, wrong provider,
 * other user, access denied) are 400 pages with nothing stored; unlink.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryStateNonceStore } from '../../../src/app/link/nonces.ts';
import { StateSigner } from '../../../src/app/link/state.ts';
import { LinkCalendar } from '../../../src/app/link-calendar.ts';
import type { Notifier } from '../../../src/app/ports/calendars.ts';
import type { Person } from '../../../src/app/ports/store.ts';
import { createOAuthRouter } from '../../../src/bot/web/oauth.ts';
import { createProviderFactory } from '../../../src/connectors/access/providers.ts';
import { GoogleOAuthClient } from '../../../src/connectors/google/index.ts';
import type { RetryPolicy } from '../../../src/connectors/retry.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { type FakeClient, type FakeGoogle, startFakeGoogle } from '../../fakes/google/server.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeMicrosoft } from '../../fakes/microsoft/server.ts';

const START = Date.UTC(2030, 0, 15, 12);
const choiceLinks: Array<{ connectionId: string; externalUserId: string }> = [];
let now = START;
const clock = () => now;
const SECRET = 'test-state-secret-0123456789-abcdefghijklmnop';
const retryPolicy: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => undefined,
  random: () => 0,
};

interface Dm {
  tenantId: string;
  personId: string;
  message: { text: string; link?: { label: string; url: string } };
}

let store: Store;
let google: FakeGoogle;
let googleClient: FakeClient;
let microsoft: FakeMicrosoft;
let server: Server;
let base: string;
let link: LinkCalendar;
const dms: Dm[] = [];
let workspaceId: string;
let otherWorkspaceId: string;
let ada: Person;
let bob: Person;
let cy: Person;
let eve: Person;

const notifier: Notifier = {
  async dm(tenantId, personId, message) {
    dms.push({ tenantId, personId, message });
    return { ok: true };
  },
};

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('t1'),
    log: () => undefined,
  });
  const workspace = await store.workspaces.install({ platform: 'slack', externalId: 'T1', name: 'Acme' });
  const other = await store.workspaces.install({ platform: 'slack', externalId: 'T2', name: 'Other' });
  workspaceId = workspace.id;
  otherWorkspaceId = other.id;
  const person = async (ws: string, externalUserId: string, displayName: string) =>
    (await store.people.upsertByIdentity({ workspaceId: ws, externalUserId, displayName }))!;
  ada = await person(workspaceId, 'U_ADA', 'Ada');
  bob = await person(workspaceId, 'U_BOB', 'Bob');
  cy = await person(workspaceId, 'U_CY', 'Cy');
  eve = await person(otherWorkspaceId, 'U_EVE', 'Eve');

  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  ({ fake: google, client: googleClient } = await startFakeGoogle({ now: clock }));
  google.addCalendar({ id: 'ada@acme.test', summary: 'Ada', primary: true });
  google.addCalendar({ id: 'team@group.calendar.google.com', summary: 'Team', accessRole: 'reader' });
  microsoft = await FakeMicrosoft.start({ now: clock, redirectUris: [`${base}/oauth/microsoft/callback`] });
  microsoft.addMailbox('bob@contoso.test', { displayName: 'Bob' });

  const providers = createProviderFactory({
    clock,
    google: {
      clientId: googleClient.clientId,
      clientSecret: googleClient.clientSecret,
      authorizationEndpoint: google.endpoints.authorizationUrl,
      tokenEndpoint: google.endpoints.tokenUrl,
      revokeEndpoint: google.endpoints.revokeUrl,
      rootUrl: google.rootUrl,
      retryPolicy,
    },
    microsoft: {
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      authorityHost: microsoft.authorityHost,
      graphBaseUrl: microsoft.graphBaseUrl,
      fetch: microsoft.fetch,
      retryPolicy,
    },
  });
  link = new LinkCalendar({
    people: store.people,
    workspaces: store.workspaces,
    connections: store.connections,
    providers,
    notifier,
    nonces: new InMemoryStateNonceStore(clock),
    publicBaseUrl: base,
    stateSecret: SECRET,
    audit: store.audit,
    clock,
  });
  const app = express();
  app.use(
    createOAuthRouter({
      link,
      secureCookies: false,
      // The calendar choice after the link (LinkPage.choiceLink): the page offers it with the linked account.
      choiceLink: (input) => {
        choiceLinks.push(input);
        return `${base}/link/calendars?state=s&account=${input.connectionId}`;
      },
    }),
  );
  server.on('request', app);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await google?.stop();
  await microsoft?.close();
  await store?.close();
});

beforeEach(() => {
  now = START;
  dms.length = 0;
  google.resetControls();
  microsoft.resetObservations();
});

/** A browser request that does not follow redirects (https fake: trusting its certificate). */
async function get(url: string, cookie?: string): Promise<Response> {
  const doFetch = url.startsWith('https:') ? microsoft.fetch : fetch;
  return doFetch(url, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });
}

function cookieOf(response: Response): string {
  const setCookie = response.headers.get('set-cookie');
  expect(setCookie).toBeTruthy();
  return setCookie!.split(';')[0]!;
}

async function startUrl(person: Person, externalUserId: string, provider: 'google' | 'microsoft') {
  const result = await link.startLink({
    tenantId: person.tenantId,
    personId: person.id,
    chatIdentity: { workspaceId: person.identities[0]!.workspaceId, externalUserId },
    provider,
  });
  if (!result.ok) throw new Error(`startLink failed: ${result.code}`);
  return result.url;
}

/** The link page (GET /start): its confirmation cookie and the hidden fields of its form. */
async function linkPage(
  url: string,
): Promise<{ html: string; cookie: string; fields: Record<string, string> }> {
  const response = await get(url);
  expect(response.status).toBe(200);
  const html = await response.text();
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
  }
  return { html, cookie: cookieOf(response), fields };
}

/** A form POST to /start (what the page's button sends), without following the redirect. */
function postStart(
  provider: string,
  fields: Record<string, string>,
  cookie?: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/oauth/${provider}/start`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...extra },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Opens the link page and confirms it: the 303 to the provider's consent screen. */
async function confirmLink(url: string): Promise<Response> {
  const provider = new URL(url).pathname.split('/')[2]!;
  const { cookie, fields } = await linkPage(url);
  const start = await postStart(provider, fields, cookie);
  expect(start.status).toBe(303);
  return start;
}

/** Start → consent at the fake → the callback URL the provider redirects to (not yet opened). */
async function consent(url: string): Promise<{ callback: string; cookie: string; authorize: URL }> {
  const start = await confirmLink(url);
  const cookie = cookieOf(start);
  const authorize = new URL(start.headers.get('location')!);
  const approved = await get(authorize.toString());
  expect(approved.status).toBe(302);
  return { callback: approved.headers.get('location')!, cookie, authorize };
}

async function expectRefusal(response: Response, text: RegExp): Promise<string> {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const body = await response.text();
  expect(body).toMatch(text);
  expect(body).not.toMatch(/at .*\.ts:\d+|Error:/);
  return body;
}

describe('linking Google through the router', () => {
  it('start → consent → callback stores the primary calendar with encrypted tokens and DMs the owner', async () => {
    const url = await startUrl(ada, 'U_ADA', 'google');
    expect(url.startsWith(`${base}/oauth/google/start?state=`)).toBe(true);

    const { callback, cookie, authorize } = await consent(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(google.endpoints.authorizationUrl);
    const q = Object.fromEntries(authorize.searchParams);
    expect(q.scope!.split(' ').sort()).toEqual([
      'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
      'https://www.googleapis.com/auth/calendar.events',
      'https://www.googleapis.com/auth/calendar.freebusy',
    ]);
    expect(q).toMatchObject({
      redirect_uri: `${base}/oauth/google/callback`,
      code_challenge_method: 'S256',
      access_type: 'offline',
      state: new URL(url).searchParams.get('state'),
    });
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();

    const done = await get(callback, cookie);
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html).toContain('ada@acme.test');
    // The result page offers the calendar choice of the linked account, for the same chat identity.
    const linked = choiceLinks.at(-1)!;
    expect(html).toContain(
      `id="choose-calendars" href="${base}/link/calendars?state=s&#38;account=${linked.connectionId}"`,
    );
    expect(linked.externalUserId).toBeTruthy();
    // The PKCE verifier went to the token endpoint, and only there.
    const exchange = google.requests.find((r) => r.route === 'POST /token');
    const verifier = (exchange?.body as Record<string, string> | undefined)?.code_verifier ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(q.code_challenge);
    for (const seen of [url, authorize.toString(), callback, cookie]) expect(seen).not.toContain(verifier);

    const connections = await store.connections.listForPerson(ada.tenantId, ada.id);
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({
      provider: 'google',
      account: 'ada@acme.test',
      busyCalendarIds: ['ada@acme.test'],
      writeCalendarId: 'ada@acme.test',
      status: 'ok',
    });
    expect(dms).toHaveLength(1);
    expect(dms[0]).toMatchObject({ tenantId: ada.tenantId, personId: ada.id });
    expect(dms[0]!.message.text).toMatch(/Google Calendar \(ada@acme\.test\) is linked/);

    // Tokens are stored, but never in plaintext.
    const secrets = await store.connections.secrets(ada.tenantId, connections[0]!.id);
    expect(secrets?.accessToken).toMatch(/^ya29\./);
    expect(secrets?.refreshToken).toMatch(/^1\/\//);
    const rows = await store.query<{ tokens_enc: string }>(
      'SELECT tokens_enc FROM calendar_connection WHERE id = $1',
      [connections[0]!.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokens_enc).not.toContain(secrets!.accessToken!);
    expect(rows[0]!.tokens_enc).not.toContain(secrets!.refreshToken!);
    expect(rows[0]!.tokens_enc).not.toContain('ya29.');

    const audit = await store.audit.list(ada.tenantId);
    expect(audit.some((e) => e.action === 'calendar.linked' && e.target === connections[0]!.id)).toBe(true);

    // Replaying the callback is refused before any request to the provider.
    const tokenRequests = google.count('POST /token');
    await expectRefusal(await get(callback, cookie), /already used/);
    expect(google.count('POST /token')).toBe(tokenRequests);
    // So is reopening the start link of a finished link.
    await expectRefusal(await get(url), /already used/);
    expect(dms).toHaveLength(1);
  });

  it('unlink revokes the grant at Google and deletes the row; foreign or unknown connections are no-ops', async () => {
    const [connection] = await store.connections.listForPerson(ada.tenantId, ada.id);
    expect(connection).toBeDefined();
    const secrets = (await store.connections.secrets(ada.tenantId, connection!.id))!;

    expect(
      await link.unlink({ tenantId: bob.tenantId, personId: bob.id, connectionId: connection!.id }),
    ).toEqual({
      ok: false,
      code: 'not_found',
    });
    expect(
      await link.unlink({ tenantId: eve.tenantId, personId: ada.id, connectionId: connection!.id }),
    ).toEqual({
      ok: false,
      code: 'not_found',
    });
    expect(google.count('POST /revoke')).toBe(0);
    expect(await store.connections.get(ada.tenantId, connection!.id)).not.toBeNull();

    const result = await link.unlink({
      tenantId: ada.tenantId,
      personId: ada.id,
      connectionId: connection!.id,
    });
    expect(result).toEqual({ ok: true, connectionId: connection!.id, revocation: 'revoked' });
    expect(google.count('POST /revoke')).toBe(1);
    expect(await store.connections.get(ada.tenantId, connection!.id)).toBeNull();
    const rows = await store.query('SELECT id FROM calendar_connection WHERE id = $1', [connection!.id]);
    expect(rows).toHaveLength(0);
    // The refresh token is dead at Google.
    const oauth = new GoogleOAuthClient({
      clientId: googleClient.clientId,
      clientSecret: googleClient.clientSecret,
      tokenEndpoint: google.endpoints.tokenUrl,
      retryPolicy,
    });
    await expect(oauth.refresh(secrets.refreshToken!)).rejects.toMatchObject({ code: 'reauth_required' });
    // Unlinking again: nothing left.
    expect(
      await link.unlink({ tenantId: ada.tenantId, personId: ada.id, connectionId: connection!.id }),
    ).toEqual({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('linking Microsoft 365 through the router', () => {
  it('links the mailbox (its SMTP address is the busy and write calendar); unlink deletes without revocation', async () => {
    const url = await startUrl(bob, 'U_BOB', 'microsoft');
    const { callback, cookie, authorize } = await consent(url);
    expect(authorize.origin).toBe(microsoft.origin);
    expect(authorize.searchParams.get('scope')).toBe('offline_access User.Read Calendars.ReadWrite');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    const done = await get(callback, cookie);
    expect(done.status).toBe(200);
    const [connection, ...more] = await store.connections.listForPerson(bob.tenantId, bob.id);
    expect(more).toHaveLength(0);
    expect(connection).toMatchObject({
      provider: 'microsoft',
      account: 'bob@contoso.test',
      busyCalendarIds: ['bob@contoso.test'],
      writeCalendarId: 'bob@contoso.test',
    });
    const secrets = await store.connections.secrets(bob.tenantId, connection!.id);
    expect(secrets?.refreshToken).toBe(microsoft.issuedRefreshTokens.at(-1));
    const [row] = await store.query<{ tokens_enc: string }>(
      'SELECT tokens_enc FROM calendar_connection WHERE id = $1',
      [connection!.id],
    );
    expect(row!.tokens_enc).not.toContain(secrets!.refreshToken!);
    expect(row!.tokens_enc).not.toContain(secrets!.accessToken!);
    expect(dms.map((d) => d.personId)).toEqual([bob.id]);

    const unlinked = await link.unlink({
      tenantId: bob.tenantId,
      personId: bob.id,
      connectionId: connection!.id,
    });
    expect(unlinked).toEqual({ ok: true, connectionId: connection!.id, revocation: 'not_supported' });
    expect(await store.connections.listForPerson(bob.tenantId, bob.id)).toHaveLength(0);
  });
});

describe('the link page names whose chat identity it binds, and binds only once confirmed', () => {
  const connectionCount = async () =>
    (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM calendar_connection'))[0]!.n;

  it('GET shows "Link a calendar for @ana in Acme?" with a form; nothing is bound, no redirect, the link still works', async () => {
    const ana = (await store.people.upsertByIdentity({
      workspaceId,
      externalUserId: 'U_ANA',
      displayName: 'Ana Lima',
      handle: 'ana',
    }))!;
    const url = await startUrl(ana, 'U_ANA', 'google');
    const before = await connectionCount();
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).not.toContain('convene_oauth_binding');
    expect(setCookie).toMatch(
      /convene_link_confirm=[\w-]+; Path=\/oauth; Max-Age=\d+; HttpOnly; SameSite=Strict/,
    );
    const html = await response.text();
    expect(html).toContain('<title>Link a calendar for @ana in Acme (Slack workspace)? · Convene</title>');
    expect(html).toContain('the chat account @ana (Ana Lima) in Acme');
    expect(html).toContain('if someone forwarded you their link, close this page');
    expect(html).toMatch(/<form method="post" action="\/oauth\/google\/start">/);
    expect(html).toContain('Yes, link my Google Calendar to @ana');
    expect(await connectionCount()).toBe(before);
    // Opening the page twice is harmless (nothing consumed); confirming then goes to Google's consent screen.
    const { cookie, fields } = await linkPage(url);
    const confirmed = await postStart('google', fields, cookie);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')!.startsWith(google.endpoints.authorizationUrl)).toBe(true);
    expect(confirmed.headers.get('set-cookie')).toContain('convene_oauth_binding=');
  });

  it('a POST without the page’s Strict cookie (another site’s form), or with another page’s confirmation, is refused', async () => {
    const url = await startUrl(cy, 'U_CY', 'google');
    const { cookie, fields } = await linkPage(url);
    // Cross-site: the browser does not send the SameSite=Strict cookie.
    const forged = await postStart('google', fields);
    await expectRefusal(forged, /must be confirmed on its own page/);
    expect(forged.headers.get('location')).toBeNull();
    // The state alone, with no confirmation field.
    await expectRefusal(await postStart('google', { state: fields.state! }, cookie), /must be confirmed/);
    // Another page's cookie and field (e.g. the sender's own page) do not confirm this state.
    const other = await linkPage(await startUrl(bob, 'U_BOB', 'google'));
    await expectRefusal(
      await postStart('google', { state: fields.state!, confirm: other.fields.confirm! }, other.cookie),
      /must be confirmed/,
    );
    // A tampered state is refused as before.
    await expectRefusal(
      await postStart('google', { ...fields, state: `${fields.state!}x` }, cookie),
      /not valid|incomplete/,
    );
    expect((await postStart('google', fields, cookie)).status).toBe(303);
  });
});

describe('refused links: a 400 page, nothing stored, no token request', () => {
  async function expectNothingStored(): Promise<void> {
    expect(await store.connections.listForPerson(cy.tenantId, cy.id)).toHaveLength(0);
    expect(google.count('POST /token')).toBe(0);
    expect(dms).toHaveLength(0);
  }

  it('a forged state (altered signature, or signed with another secret)', async () => {
    const url = await startUrl(cy, 'U_CY', 'google');
    const { callback, cookie } = await consent(url);
    const parsed = new URL(callback);
    const state = parsed.searchParams.get('state')!;
    const altered = `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`;
    parsed.searchParams.set('state', altered);
    await expectRefusal(await get(parsed.toString(), cookie), /not valid/);
    const foreign = new StateSigner(`${SECRET}-attacker`).sign({
      tenantId: cy.tenantId,
      personId: cy.id,
      workspaceId,
      externalUserId: 'U_CY',
      provider: 'google',
      nonce: 'n',
      expiresAt: now + 60_000,
    });
    parsed.searchParams.set('state', foreign);
    await expectRefusal(await get(parsed.toString(), cookie), /not valid/);
    await expectRefusal(
      await get(`${base}/oauth/google/start?state=${encodeURIComponent(foreign)}`),
      /not valid/,
    );
    await expectRefusal(await get(`${base}/oauth/google/start`), /no state/);
    await expectNothingStored();
  });

  it('an expired state, at /start and at /callback', async () => {
    const url = await startUrl(cy, 'U_CY', 'google');
    const { callback, cookie } = await consent(url);
    now = START + 15 * 60_000;
    await expectRefusal(await get(url), /expired/);
    await expectRefusal(await get(callback, cookie), /expired/);
    await expectNothingStored();
  });

  it('a state made for another provider', async () => {
    const url = await startUrl(cy, 'U_CY', 'google');
    const { callback, cookie } = await consent(url);
    await expectRefusal(
      await get(url.replace('/oauth/google/', '/oauth/microsoft/')),
      /made for Google Calendar/,
    );
    await expectRefusal(
      await get(callback.replace('/oauth/google/', '/oauth/microsoft/'), cookie),
      /made for Google/,
    );
    await expectRefusal(await get(`${base}/oauth/yahoo/start?state=x`), /does not know/);
    await expectNothingStored();
    expect(microsoft.count('POST /organizations/oauth2/v2.0/token')).toBe(0);
  });

  it('a state bound to another user: another browser session, or an identity that is not the person', async () => {
    const url = await startUrl(cy, 'U_CY', 'google');
    const { callback } = await consent(url);
    // Bob's browser (cookie from Bob's own /start) opens Cy's callback.
    const bobStart = await confirmLink(await startUrl(bob, 'U_BOB', 'google'));
    await expectRefusal(await get(callback, cookieOf(bobStart)), /another Convene user/);
    // A forged cookie is refused too.
    await expectRefusal(await get(callback, 'convene_oauth_binding=eyJ4Ijo.forged'), /another Convene user/);

    // A correctly signed state whose chat identity belongs to someone else than the person it names.
    const signer = new StateSigner(SECRET);
    const mixed = signer.sign({
      tenantId: cy.tenantId,
      personId: cy.id,
      workspaceId,
      externalUserId: 'U_BOB',
      provider: 'google',
      nonce: 'mixed-nonce',
      expiresAt: now + 60_000,
    });
    await expectRefusal(
      await get(`${base}/oauth/google/start?state=${encodeURIComponent(mixed)}`),
      /another Convene user/,
    );
    const parsed = new URL(callback);
    parsed.searchParams.set('state', mixed);
    await expectRefusal(await get(parsed.toString()), /another Convene user/);
    // And a person of another tenant cannot be named with this workspace's identity.
    const crossTenant = signer.sign({
      tenantId: eve.tenantId,
      personId: eve.id,
      workspaceId,
      externalUserId: 'U_CY',
      provider: 'google',
      nonce: 'cross-nonce',
      expiresAt: now + 60_000,
    });
    parsed.searchParams.set('state', crossTenant);
    await expectRefusal(await get(parsed.toString()), /another Convene user/);
    expect(await store.connections.listForPerson(eve.tenantId, eve.id)).toHaveLength(0);
    await expectNothingStored();
  });

  it('consent declined at the provider (error=access_denied)', async () => {
    google.denyNextConsent();
    const url = await startUrl(cy, 'U_CY', 'google');
    const { callback, cookie } = await consent(url);
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const body = await expectRefusal(await get(callback, cookie), /declined access/);
    expect(body).toContain('new link');
    await expectNothingStored();
  });

  it('startLink refuses an identity that is not the person', async () => {
    const result = await link.startLink({
      tenantId: cy.tenantId,
      personId: cy.id,
      chatIdentity: { workspaceId, externalUserId: 'U_ADA' },
      provider: 'google',
    });
    expect(result).toMatchObject({ ok: false, code: 'unknown_person' });
  });
});
