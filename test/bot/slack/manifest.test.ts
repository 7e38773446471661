/**
 * manifest.yml against the structure Slack requires (the rules of slackapi/manifest-schema 1.0.0 that
 * apply to Convene's features, see shared/reference/platform-contracts.md §1.9), and against what the
 * adapter actually uses (scopes, events, command, endpoints).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../../../src/bot/slack/adapter.ts';

type Json = Record<string, unknown>;
const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as Json;

const URL_RE = /^https?:\/\//;
const SCOPE_RE = /^[a-z]+(:[a-z.]+)*$/;

/** Violations of Slack's manifest schema (the parts Convene uses), as readable paths. */
function manifestViolations(m: Json): string[] {
  const out: string[] = [];
  const obj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  const only = (path: string, v: Json, keys: string[]) => {
    for (const k of Object.keys(v)) if (!keys.includes(k)) out.push(`${path}.${k}: unknown property`);
  };
  only('', m, [
    '_metadata',
    'display_information',
    'features',
    'oauth_config',
    'settings',
    'functions',
    'workflows',
    'outgoing_domains',
  ]);
  const meta = m._metadata;
  if (!obj(meta) || meta.major_version !== 1 || typeof meta.minor_version !== 'number')
    out.push('_metadata: major_version 1 required');
  const display = m.display_information;
  if (!obj(display)) out.push('display_information: required');
  else {
    only('display_information', display, ['name', 'description', 'long_description', 'background_color']);
    if (typeof display.name !== 'string' || display.name.length < 1 || display.name.length > 35)
      out.push('display_information.name: 1-35 chars');
    if (
      display.description !== undefined &&
      (typeof display.description !== 'string' || display.description.length > 140)
    )
      out.push('display_information.description: at most 140 chars');
    if (
      display.long_description !== undefined &&
      (typeof display.long_description !== 'string' ||
        display.long_description.length < 174 ||
        display.long_description.length > 4000)
    )
      out.push('display_information.long_description: 174-4000 chars');
    if (
      display.background_color !== undefined &&
      !/^#([0-9a-fA-F]{3}){1,2}$/.test(String(display.background_color))
    )
      out.push('display_information.background_color: hex colour');
  }
  const features = m.features;
  if (obj(features)) {
    only('features', features, [
      'app_home',
      'bot_user',
      'shortcuts',
      'slash_commands',
      'unfurl_domains',
      'workflow_steps',
    ]);
    const bot = features.bot_user;
    if (bot !== undefined) {
      if (
        !obj(bot) ||
        typeof bot.display_name !== 'string' ||
        bot.display_name.length < 1 ||
        bot.display_name.length > 80
      )
        out.push('features.bot_user.display_name: 1-80 chars');
      else if (!/^[a-z0-9][a-z0-9._-]*$/i.test(bot.display_name))
        out.push('features.bot_user.display_name: letters, digits, . _ -');
    }
    const home = features.app_home;
    if (home !== undefined) {
      if (!obj(home)) out.push('features.app_home: object');
      else
        for (const [k, v] of Object.entries(home))
          if (typeof v !== 'boolean') out.push(`features.app_home.${k}: boolean`);
    }
    const commands = features.slash_commands;
    if (commands !== undefined) {
      if (!Array.isArray(commands) || commands.length > 50) out.push('features.slash_commands: at most 50');
      else
        for (const [i, c] of (commands as Json[]).entries()) {
          const p = `features.slash_commands[${i}]`;
          only(p, c, ['command', 'url', 'description', 'usage_hint', 'should_escape']);
          if (typeof c.command !== 'string' || !/^\/.{1,31}$/.test(c.command))
            out.push(`${p}.command: 2-32 chars starting with /`);
          if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 2000)
            out.push(`${p}.description: required, at most 2000 chars`);
          if (c.url !== undefined && !URL_RE.test(String(c.url))) out.push(`${p}.url: must match ^https?://`);
          if (c.usage_hint !== undefined && (typeof c.usage_hint !== 'string' || c.usage_hint.length > 1000))
            out.push(`${p}.usage_hint: string`);
          if (c.should_escape !== undefined && typeof c.should_escape !== 'boolean')
            out.push(`${p}.should_escape: boolean`);
        }
    }
  }
  const oauth = m.oauth_config;
  if (obj(oauth)) {
    only('oauth_config', oauth, ['redirect_urls', 'scopes', 'token_management_enabled']);
    const urls = oauth.redirect_urls;
    if (
      urls !== undefined &&
      (!Array.isArray(urls) || urls.length > 1000 || urls.some((u) => !URL_RE.test(String(u))))
    )
      out.push('oauth_config.redirect_urls: URLs matching ^https?://');
    const scopes = oauth.scopes;
    if (scopes !== undefined) {
      if (!obj(scopes)) out.push('oauth_config.scopes: object');
      else {
        only('oauth_config.scopes', scopes, ['bot', 'user']);
        for (const kind of ['bot', 'user'] as const) {
          const list = scopes[kind];
          if (list === undefined) continue;
          if (
            !Array.isArray(list) ||
            list.length > 255 ||
            list.some((s) => typeof s !== 'string' || !SCOPE_RE.test(s))
          )
            out.push(`oauth_config.scopes.${kind}: up to 255 scope names`);
          else if (new Set(list).size !== list.length) out.push(`oauth_config.scopes.${kind}: duplicates`);
        }
      }
    }
  }
  const settings = m.settings;
  if (obj(settings)) {
    only('settings', settings, [
      'allowed_ip_address_ranges',
      'event_subscriptions',
      'interactivity',
      'org_deploy_enabled',
      'socket_mode_enabled',
      'token_rotation_enabled',
      'is_hosted',
      'function_runtime',
      'siws_links',
      'incoming_webhooks',
    ]);
    const events = settings.event_subscriptions;
    if (events !== undefined) {
      if (!obj(events)) out.push('settings.event_subscriptions: object');
      else {
        only('settings.event_subscriptions', events, [
          'request_url',
          'bot_events',
          'user_events',
          'metadata_subscriptions',
        ]);
        if (events.request_url !== undefined && !URL_RE.test(String(events.request_url)))
          out.push('settings.event_subscriptions.request_url: ^https?://');
        const bot = events.bot_events;
        if (
          bot !== undefined &&
          (!Array.isArray(bot) ||
            bot.length > 100 ||
            bot.some((e) => typeof e !== 'string' || !/^[a-z_]+$/.test(e)))
        )
          out.push('settings.event_subscriptions.bot_events: up to 100 event names');
      }
    }
    const inter = settings.interactivity;
    if (inter !== undefined) {
      if (!obj(inter) || typeof inter.is_enabled !== 'boolean')
        out.push('settings.interactivity.is_enabled: required boolean');
      else {
        only('settings.interactivity', inter, ['is_enabled', 'request_url', 'message_menu_options_url']);
        if (inter.request_url !== undefined && !URL_RE.test(String(inter.request_url)))
          out.push('settings.interactivity.request_url: ^https?://');
      }
    }
    for (const flag of ['org_deploy_enabled', 'socket_mode_enabled', 'token_rotation_enabled'] as const)
      if (settings[flag] !== undefined && typeof settings[flag] !== 'boolean')
        out.push(`settings.${flag}: boolean`);
  }
  return out;
}

describe('manifest.yml', () => {
  it('has the structure Slack requires', () => {
    expect(manifestViolations(manifest)).toEqual([]);
  });

  it('the validator catches what Slack would refuse', () => {
    const broken = structuredClone(manifest) as Json;
    (broken.display_information as Json).name = 'x'.repeat(36);
    ((broken.features as Json).slash_commands as Json[])[0] = { command: 'meet', url: 'ftp://x' };
    (broken.settings as Json).interactivity = { request_url: 'https://x' };
    (broken as Json).bogus = true;
    expect(manifestViolations(broken)).toEqual([
      '.bogus: unknown property',
      'display_information.name: 1-35 chars',
      'features.slash_commands[0].command: 2-32 chars starting with /',
      'features.slash_commands[0].description: required, at most 2000 chars',
      'features.slash_commands[0].url: must match ^https?://',
      'settings.interactivity.is_enabled: required boolean',
    ]);
  });

  it('declares exactly what the adapter uses: /meet with escaped mentions, bot scopes, events, one endpoint', () => {
    const features = manifest.features as Json;
    const commands = features.slash_commands as Json[];
    expect(commands.map((c) => c.command)).toEqual(['/meet']);
    // Escaped mentions (<@U123|ana>) are what the request parser and the person resolution read.
    expect(commands[0]?.should_escape).toBe(true);
    const settings = manifest.settings as Json;
    const events = settings.event_subscriptions as Json;
    expect([...((manifest.oauth_config as Json).scopes as { bot: string[] }).bot].sort()).toEqual(
      [...BOT_SCOPES].sort(),
    );
    expect([...(events.bot_events as string[])].sort()).toEqual([
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
      'user_change',
    ]);
    expect((features.app_home as Json).home_tab_enabled).toBe(true);
    // Off: the quickest route (install, copy the bot token) must give a token that does not expire in 12 h.
    expect(settings.token_rotation_enabled).toBe(false);
    // Commands, interactivity and events share Bolt's one endpoint; OAuth comes back to /slack/oauth_redirect.
    const urls = [commands[0]?.url, events.request_url, (settings.interactivity as Json).request_url];
    for (const url of urls) expect(new URL(String(url)).pathname).toBe('/slack/events');
    expect(
      ((manifest.oauth_config as Json).redirect_urls as string[]).map((u) => new URL(u).pathname),
    ).toEqual(['/slack/oauth_redirect']);
  });
});
