/** The preferences use case: checks (codes per field), saving (keeping what a change leaves out), tenants. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/app/i18n/index.ts';
import type { Person } from '../../src/app/ports/store.ts';
import {
  accountStatus,
  languageName,
  parseHoursRange,
  savePreferences,
  validatePreferences,
} from '../../src/app/preferences.ts';
import type { Store } from '../../src/store/database.ts';
import { openTestStore } from '../store/backends.ts';

describe('validatePreferences', () => {
  it('gives each invalid field its code, worded in every language', () => {
    const problems = validatePreferences({
      timeZone: 'Mars/Olympus',
      language: 'tlh',
      hours: '17:00-09:00',
      week: { days: [], start: '9am', end: '17:00' },
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['zone', 'invalid_zone'],
      ['language', 'invalid_language'],
      ['hours', 'invalid_hours'],
      ['days', 'no_days'],
      ['start', 'invalid_time'],
    ]);
    const zone = problems[0]!.message;
    expect(render('en', zone)).toContain('"Mars/Olympus" is not a time zone I know');
    expect(render('fr', zone)).toContain("« Mars/Olympus » n'est pas un fuseau horaire connu");
  });

  it('refuses an end before the start, abbreviations and an empty change', () => {
    expect(validatePreferences({ week: { days: [1], start: '17:00', end: '09:00' } })).toMatchObject([
      { code: 'end_before_start', field: 'end' },
    ]);
    expect(validatePreferences({ timeZone: 'CET' })).toMatchObject([{ code: 'invalid_zone' }]);
    expect(validatePreferences({ timeZone: 'UTC' })).toEqual([]);
    expect(validatePreferences({})).toMatchObject([{ code: 'nothing_to_change' }]);
    expect(validatePreferences({ tentativeFree: false })).toEqual([]);
  });

  it('reads hour ranges with a hyphen or an en dash, end after start', () => {
    expect(parseHoursRange('08:30-16:00')).toEqual({ start: '08:30', end: '16:00' });
    expect(parseHoursRange(' 08:30 – 24:00 ')).toEqual({ start: '08:30', end: '24:00' });
    expect(parseHoursRange('16:00-08:30')).toBeNull();
    expect(parseHoursRange('nine to five')).toBeNull();
  });

  it('names each language in its own words', () => {
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('Français');
  });
});

describe('savePreferences', () => {
  let store: Store;
  let ana: Person;
  let bo: Person;
  let other: Person;
  let tenantId: string;
  let otherTenantId: string;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const workspace = await store.workspaces.install({ platform: 'slack', externalId: 'T1', name: 'One' });
    const elsewhere = await store.workspaces.install({ platform: 'slack', externalId: 'T2', name: 'Two' });
    tenantId = workspace.tenantId;
    otherTenantId = elsewhere.tenantId;
    const person = (id: string, w: typeof workspace) =>
      store.people.upsertByIdentity({ workspaceId: w.id, externalUserId: id, displayName: id, handle: id });
    ana = (await person('ana', workspace))!;
    bo = (await person('bo', workspace))!;
    other = (await person('zed', elsewhere))!;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('saves a first change with the surface defaults, then keeps what later changes leave out', async () => {
    const first = await savePreferences(
      { store },
      {
        tenantId,
        personId: ana.id,
        change: { hours: '08:30-16:00' },
        defaults: { timeZone: 'Europe/Paris', locale: 'fr' },
      },
    );
    expect(first).toMatchObject({
      ok: true,
      changed: { hours: { start: '08:30', end: '16:00' } },
      preferences: {
        timeZone: 'Europe/Paris',
        locale: 'fr-FR',
        workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '16:00' }] },
        tentativeFree: false,
      },
    });
    const second = await savePreferences(
      { store },
      { tenantId, personId: ana.id, change: { tentativeFree: true, language: 'en-US' } },
    );
    expect(second).toMatchObject({
      ok: true,
      changed: { tentativeFree: true, language: 'en' },
      preferences: { timeZone: 'Europe/Paris', locale: 'en-GB', tentativeFree: true },
    });
    const week = await savePreferences(
      { store },
      { tenantId, personId: ana.id, change: { week: { days: [3, 1, 1], start: '10:00', end: '18:00' } } },
    );
    expect(week.ok && week.preferences.workingHours.rules).toEqual([
      { days: [1, 3], start: '10:00', end: '18:00' },
    ]);
    expect(await store.preferences.get(tenantId, ana.id)).toMatchObject({ tentativeFree: true });
  });

  it('stores nothing when the change is invalid', async () => {
    const before = await store.preferences.get(tenantId, ana.id);
    const refused = await savePreferences(
      { store },
      { tenantId, personId: ana.id, change: { timeZone: 'Nowhere/Land', tentativeFree: false } },
    );
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'invalid_zone', field: 'zone' }] });
    expect(await store.preferences.get(tenantId, ana.id)).toEqual(before);
  });

  it('keeps tenants apart: a person of another tenant is unknown here', async () => {
    const refused = await savePreferences(
      { store },
      { tenantId, personId: other.id, change: { timeZone: 'Asia/Tokyo' } },
    );
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'unknown_person' }] });
    expect(await store.preferences.get(otherTenantId, other.id)).toBeNull();
    expect(await store.preferences.get(otherTenantId, ana.id)).toBeNull();
  });

  it('lets only a permitted actor change another person, and audits it', async () => {
    const actor = { personId: ana.id, label: 'discord:ana', mayEditOthers: false };
    const refused = await savePreferences(
      { store },
      { tenantId, personId: bo.id, actor, change: { timeZone: 'Asia/Tokyo' } },
    );
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'not_admin' }] });
    expect(await store.preferences.get(tenantId, bo.id)).toBeNull();
    const done = await savePreferences(
      { store },
      {
        tenantId,
        personId: bo.id,
        actor: { ...actor, mayEditOthers: true },
        change: { timeZone: 'Asia/Tokyo' },
      },
    );
    expect(done).toMatchObject({ ok: true, preferences: { timeZone: 'Asia/Tokyo' } });
    const [entry] = await store.audit.list(tenantId, { limit: 1 });
    expect(entry).toMatchObject({
      actorId: ana.id,
      actor: 'discord:ana',
      action: 'preferences.set_for_other',
      target: bo.id,
      details: { zone: true, language: false, hours: false, tentativeFree: false },
    });
  });

  it('status: the stored zone, language, hours and calendars; defaults when nothing is stored', async () => {
    const fresh = await accountStatus({ store }, { tenantId: otherTenantId, personId: other.id });
    expect(fresh).toMatchObject({ timeZone: null, language: null, defaultHours: true, connections: [] });
    const status = await accountStatus({ store }, { tenantId, personId: bo.id });
    expect(status).toMatchObject({
      timeZone: 'Asia/Tokyo',
      language: 'en',
      workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] },
    });
  });
});
