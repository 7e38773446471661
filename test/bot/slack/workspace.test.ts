/**
 * Installs and account commands over HTTP: OAuth v2 install into the database, token rotation,
 * `app_uninstalled` / `tokens_revoked` purges, the Home tab (and its retried event), the settings
 * modal submission (field errors in the user's language), `/meet link` and `/meet status`; plus the
 * private-answer fallback chain as a plain-function unit test with a fake client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/app/ports/store.ts';
import { settingsView } from '../../../src/bot/slack/commands/settings.ts';
import { tellPrivately } from '../../../src/bot/slack/common.ts';
import { Deduper } from '../../../src/bot/slack/dedupe.ts';
import type { SlackApi, SlackRuntime } from '../../../src/bot/slack/deps.ts';
import { decodeBotSecret } from '../../../src/bot/slack/installation-store.ts';
import { blockText, buttons, type Harness, memoryCalendars, settle, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
const cal = memoryCalendars();
let h: Harness;
let workspace: Workspace;
const linkCalls: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    deps: {
      busy: cal.busy,
      writer: cal.writer,
      clock: () => START,
      linking: {
        async startLink(input) {
          linkCalls.push(input.provider);
          return {
            ok: true,
            url: `https://convene.test/oauth/${input.provider}/start?state=s-${input.personId}`,
            expiresAt: START + 900_000,
          };
        },
        async unlink(input) {
          return { ok: true, connectionId: input.connectionId, revocation: 'revoked' };
        },
      },
    },
    config: {
      clientId: '1111.2222',
      clientSecret: 'fake-slack-client-secret',
      stateSecret: 'state-secret-0123456789abcdef',
    },
  });
  h.fake.clientId = '1111.2222';
  h.fake.clientSecret = 'fake-slack-client-secret';
  // Authorise through the fake (the installer follows clientOptions.slackApiUrl for oauth.v2.access).
  const team = h.fake.addTeam({ id: 'T1', name: 'Acme' });
  const { createInstallationLookup, createInstallationStore } = await import(
    '../../../src/bot/slack/installation-store.ts'
  );
  const { installationUseCases } = await import('../../../src/app/use-cases.ts');
  await createInstallationStore(
    installationUseCases({ store: h.store }),
    createInstallationLookup(h.store.workspaces),
  ).storeInstallation({
    team: { id: 'T1', name: 'Acme' },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: 'UADMIN' },
    bot: { token: team.botToken, scopes: ['commands'], id: team.botId, userId: team.botUserId },
    isEnterpriseInstall: false,
  });
  workspace = (await h.store.workspaces.findByExternalId('slack', 'T1'))!;
  h.fake.addUser('T1', {
    id: 'UORG',
    name: 'olga',
    real_name: 'Olga',
    tz: 'Europe/London',
    locale: 'en-GB',
    is_admin: true,
  });
  h.fake.addUser('T1', { id: 'UTENT', name: 'tess', real_name: 'Tess', tz: 'Europe/Paris', locale: 'en-GB' });
  h.fake.addUser('T1', { id: 'UFR', name: 'fanny', real_name: 'Fanny', tz: 'Europe/Paris', locale: 'fr-FR' });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function reply(responseId: string) {
  const [first] = await until(
    () => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId),
    'a reply',
  );
  return first!.body;
}

describe('OAuth v2 install, rotation, purge', () => {
  it('installs a workspace through /slack/install → /slack/oauth_redirect, token stored encrypted in the database', async () => {
    const install = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const location = new URL(install.headers.get('location')!);
    const state = location.searchParams.get('state')!;
    expect(location.searchParams.get('client_id')).toBe('1111.2222');
    expect(location.searchParams.get('scope')?.split(',').sort()).toEqual([
      'chat:write',
      'commands',
      'im:write',
      'users:read',
      'users:read.email',
    ]);
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    h.fake.addOAuthCode('code-1', {
      teamId: 'T9',
      teamName: 'Initech',
      botToken: 'xoxb-T9-first',
      userId: 'UINST',
    });
    const back = await fetch(`${h.url}/slack/oauth_redirect?code=code-1&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
    expect(back.status).toBe(200);
    const ws = await h.store.workspaces.findByExternalId('slack', 'T9');
    expect(ws).toMatchObject({ name: 'Initech', hasBotToken: true });
    expect(decodeBotSecret(await h.store.workspaces.botToken(ws!.tenantId, ws!.id))?.token).toBe(
      'xoxb-T9-first',
    );
    expect(h.logs.join('\n')).not.toContain('xoxb-T9-first');
  });

  it('refuses a callback without the state cookie (nothing stored)', async () => {
    h.fake.addOAuthCode('code-2', { teamId: 'T8', teamName: 'Evil', botToken: 'xoxb-T8' });
    const back = await fetch(`${h.url}/slack/oauth_redirect?code=code-2&state=forged`);
    expect(back.status).not.toBe(200);
    expect(await h.store.workspaces.findByExternalId('slack', 'T8')).toBeNull();
  });

  it('rotates an expiring token (refresh_token grant) and stores the new pair', async () => {
    const install = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location')!).searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    h.fake.addOAuthCode('code-3', {
      teamId: 'T7',
      teamName: 'Rotating',
      botToken: 'xoxe.xoxb-T7-old',
      refreshToken: 'xoxe-1-old',
      expiresIn: 60, // within Bolt's 2-hour refresh margin
    });
    await fetch(`${h.url}/slack/oauth_redirect?code=code-3&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
    h.fake.addUser('T7', { id: 'UROT', name: 'rot', tz: 'UTC' });
    const sent = await h.fake.command({ teamId: 'T7', userId: 'UROT', channelId: 'C7', text: 'help' });
    expect(sent.status).toBe(200);
    await reply(sent.responseId);
    const ws = (await h.store.workspaces.findByExternalId('slack', 'T7'))!;
    const secret = decodeBotSecret(await h.store.workspaces.botToken(ws.tenantId, ws.id));
    expect(secret?.token).not.toBe('xoxe.xoxb-T7-old');
    expect(secret?.refreshToken).not.toBe('xoxe-1-old');
    expect(h.fake.isTokenValid('xoxe.xoxb-T7-old')).toBe(false);
    expect(h.fake.isTokenValid(secret!.token)).toBe(true);
    expect(h.fake.callsTo('oauth.v2.access').some((c) => c.params.grant_type === 'refresh_token')).toBe(true);
  });

  it('app_uninstalled and tokens_revoked purge that workspace’s token only', async () => {
    const t9 = (await h.store.workspaces.findByExternalId('slack', 'T9'))!;
    const gone = await h.fake.event({ teamId: 'T9', event: { type: 'app_uninstalled' } });
    expect(gone.status).toBe(200);
    await until(() => h.logs.some((l) => l.includes('app_uninstalled for T9')), 'the purge');
    expect((await h.store.workspaces.get(t9.tenantId, t9.id))?.hasBotToken).toBe(false);
    expect(await h.store.workspaces.botToken(t9.tenantId, t9.id)).toBeNull();
    const t7 = (await h.store.workspaces.findByExternalId('slack', 'T7'))!;
    // A user token revoked: nothing to purge. Then the bot token: purged.
    await h.fake.event({ teamId: 'T7', event: { type: 'tokens_revoked', tokens: { oauth: ['UX'] } } });
    await settle();
    expect((await h.store.workspaces.get(t7.tenantId, t7.id))?.hasBotToken).toBe(true);
    await h.fake.event({ teamId: 'T7', event: { type: 'tokens_revoked', tokens: { bot: ['UBT7'] } } });
    await until(() => h.logs.some((l) => l.includes('tokens_revoked for T7')), 'the purge');
    expect((await h.store.workspaces.get(t7.tenantId, t7.id))?.hasBotToken).toBe(false);
    expect((await h.store.workspaces.get(workspace.tenantId, workspace.id))?.hasBotToken).toBe(true);
    const audit = await h.store.audit.list(t9.tenantId);
    expect(audit.map((a) => a.action)).toContain('slack.uninstalled');
  });
});

describe('Home tab, settings, link, status', () => {
  it('publishes the Home tab once per event (retries deduplicated), with calendars, hours, meetings', async () => {
    const first = await h.fake.event({
      teamId: 'T1',
      event: { type: 'app_home_opened', user: 'UORG', tab: 'home' },
    });
    await h.fake.event(
      { teamId: 'T1', eventId: first.eventId, event: { type: 'app_home_opened', user: 'UORG', tab: 'home' } },
      { retryNum: 1 },
    );
    const view = await until(() => h.fake.views.find((v) => v.userId === 'UORG'), 'the home view');
    await settle();
    expect(h.fake.views.filter((v) => v.userId === 'UORG').length).toBe(1);
    const text = blockText(view.view.blocks as unknown[]);
    expect(text).toContain('Your calendars');
    expect(text).toContain('No calendar linked');
    expect(text).toContain('Mon, Tue, Wed, Thu, Fri 09:00–17:00 · Europe/London');
    expect(text).toContain('Upcoming meetings');
    expect(buttons(view.view.blocks as unknown[]).map((b) => b.actionId)).toContain('open_settings');
  });

  it('settings: a bad zone gets a field error in French; a good submission is stored and the Home tab refreshed', async () => {
    const values = (tz: string) => ({
      days: {
        days: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '2' }, { value: '3' }] },
      },
      start: { start: { type: 'timepicker', selected_time: '08:30' } },
      end: { end: { type: 'timepicker', selected_time: '16:00' } },
      tz: { tz: { type: 'plain_text_input', value: tz } },
      lang: { lang: { type: 'static_select', selected_option: { value: 'fr' } } },
    });
    const bad = await h.fake.submitView({
      teamId: 'T1',
      userId: 'UFR',
      callbackId: 'convene_settings',
      values: values('Paris'),
      privateMetadata: JSON.stringify({ l: 'fr' }),
    });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.text)).toMatchObject({
      response_action: 'errors',
      errors: { tz: expect.stringContaining("« Paris » n'est pas un fuseau horaire connu") },
    });
    const good = await h.fake.submitView({
      teamId: 'T1',
      userId: 'UFR',
      callbackId: 'convene_settings',
      values: values('America/Montreal'),
      privateMetadata: JSON.stringify({ l: 'fr' }),
    });
    expect(good.status).toBe(200);
    const fanny = await until(() => h.fake.views.find((v) => v.userId === 'UFR'), 'the refreshed home');
    const person = await h.store.people.findByIdentity(workspace.id, 'UFR');
    expect(await h.store.preferences.get(workspace.tenantId, person!.id)).toMatchObject({
      timeZone: 'America/Montreal',
      locale: 'fr-FR',
      workingHours: { rules: [{ days: [1, 2, 3], start: '08:30', end: '16:00' }] },
    });
    expect(blockText(fanny.view.blocks as unknown[])).toContain('lun., mar., mer. 08:30–16:00');
    expect(blockText(fanny.view.blocks as unknown[])).toContain(
      'Événements provisoires : comptés comme occupés',
    );
  });

  it('settings: "treat tentative events as free" is shown, stored when ticked, cleared when unticked, kept when absent', async () => {
    const values = (tentative: { value: string }[] | null) => ({
      days: { days: { type: 'checkboxes', selected_options: [{ value: '1' }] } },
      start: { start: { type: 'timepicker', selected_time: '09:00' } },
      end: { end: { type: 'timepicker', selected_time: '17:00' } },
      tz: { tz: { type: 'plain_text_input', value: 'Europe/Paris' } },
      lang: { lang: { type: 'static_select', selected_option: { value: 'en' } } },
      ...(tentative ? { tentative: { tentative: { type: 'checkboxes', selected_options: tentative } } } : {}),
    });
    const submit = (tentative: { value: string }[] | null) =>
      h.fake.submitView({
        teamId: 'T1',
        userId: 'UTENT',
        callbackId: 'convene_settings',
        values: values(tentative),
        privateMetadata: JSON.stringify({ l: 'en' }),
      });
    const stored = async () => {
      const person = await h.store.people.findByIdentity(workspace.id, 'UTENT');
      return (await h.store.preferences.get(workspace.tenantId, person!.id))?.tentativeFree;
    };
    expect((await submit([{ value: 'free' }])).status).toBe(200);
    expect(await until(stored, 'the stored preference')).toBe(true);
    const home = await until(() => h.fake.views.find((v) => v.userId === 'UTENT'), 'the refreshed home');
    expect(blockText(home.view.blocks as unknown[])).toContain('Tentative events: counted as free');
    // A modal opened before the field existed: the preference is kept.
    await submit(null);
    expect(await stored()).toBe(true);
    await submit([]);
    expect(await stored()).toBe(false);

    const person = await h.store.people.findByIdentity(workspace.id, 'UTENT');
    const prefs = await h.store.preferences.set(workspace.tenantId, person!.id, {
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
      workingHours: { rules: [], overrides: [] },
      tentativeFree: true,
    });
    const view = settingsView(prefs, 'Europe/Paris', 'fr');
    const block = (view.blocks as { block_id?: string; label?: { text: string }; element?: unknown }[]).find(
      (b) => b.block_id === 'tentative',
    );
    expect(block?.label?.text).toBe('Événements provisoires');
    expect(block?.element).toMatchObject({
      initial_options: [
        { value: 'free', text: { text: 'Me compter libre pendant mes événements provisoires' } },
      ],
    });
  });

  it('/meet settings opens the modal in the request language', async () => {
    const sent = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'C1', text: 'réglages' });
    expect(sent.status).toBe(200);
    const modal = await until(() => h.fake.views.find((v) => v.method === 'views.open'), 'the modal');
    expect((modal.view.title as { text: string }).text).toBe('Réglages Convene');
  });

  it('/meet link DMs personal links; /meet status lists calendars with health and last sync', async () => {
    const sent = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'C1', text: 'link' });
    expect(blockText((await reply(sent.responseId)).blocks as unknown[])).toContain('I sent you the links');
    const dm = await until(() => h.fake.channelMessages('DUORG')[0], 'the DM');
    expect(buttons(dm.blocks).map((b) => b.text)).toEqual(['Google Calendar', 'Microsoft 365']);
    expect(blockText(dm.blocks)).toContain('https://convene.test/oauth/google/start');
    const olga = (await h.store.people.findByIdentity(workspace.id, 'UORG'))!;
    const connection = (await h.store.connections.save({
      tenantId: workspace.tenantId,
      personId: olga.id,
      provider: 'google',
      account: 'olga@acme.test',
      busyCalendarIds: ['olga@acme.test'],
      writeCalendarId: 'olga@acme.test',
      secrets: { accessToken: 'a', refreshToken: 'r' },
    }))!;
    await h.store.connections.setHealth(workspace.tenantId, connection.id, {
      status: 'reauth_required',
      syncedAt: START - 3 * 60_000,
    });
    const status = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'C1', text: 'status' });
    const text = blockText((await reply(status.responseId)).blocks as unknown[]);
    expect(text).toContain('olga@acme.test');
    expect(text).toContain('must be linked again');
    expect(text).toContain('last synced 3 min ago');
    const statut = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'C1', text: 'statut' });
    const french = blockText((await reply(statut.responseId)).blocks as unknown[]);
    expect(french).toContain('à relier de nouveau');
    expect(french).toContain('dernière synchro il y a 3 min');
  });
});

describe('private answers (unit, fake client)', () => {
  it('response_url spent → chat.postEphemeral → user_not_in_channel → DM', async () => {
    const calls: string[] = [];
    const fail = (code: string) => Object.assign(new Error(code), { data: { ok: false, error: code } });
    const client = {
      users: { info: async () => ({}) },
      chat: {
        postMessage: async (args: Record<string, unknown>) => {
          calls.push(`postMessage:${String(args.channel)}`);
          return { ok: true, ts: '1.1' };
        },
        postEphemeral: async () => {
          calls.push('postEphemeral');
          throw fail('user_not_in_channel');
        },
        update: async () => ({ ok: true }),
      },
      views: { open: async () => ({ ok: true }), publish: async () => ({ ok: true }) },
      conversations: {
        open: async (args: { users: string }) => {
          calls.push(`open:${args.users}`);
          return { ok: true, channel: { id: `D-${args.users}` } };
        },
      },
    } satisfies SlackApi;
    const logs: string[] = [];
    const rt = {
      deps: {} as SlackRuntime['deps'],
      now: () => START,
      log: (l: string) => logs.push(l),
      dedupe: new Deduper(),
    };
    await tellPrivately(
      rt,
      {
        client,
        respond: async () => {
          calls.push('respond');
          throw fail('used_url');
        },
        channelId: 'C1',
        userId: 'U1',
      },
      { text: 'hello' },
    );
    expect(calls).toEqual(['respond', 'postEphemeral', 'open:U1', 'postMessage:D-U1']);
    expect(logs.join('\n')).toContain('user_not_in_channel');
  });
});
