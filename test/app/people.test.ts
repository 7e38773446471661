/** People sync: a changed chat profile is written, an unchanged one is not; first-sight preferences. */
import { describe, expect, it } from 'vitest';
import { adoptProfile, type PeopleDeps, sameProfile, syncPerson } from '../../src/app/people.ts';
import type { Person } from '../../src/app/ports/store.ts';

const ana: Person = {
  id: 'p1',
  tenantId: 't1',
  displayName: 'Ana',
  email: 'ana@example.com',
  identities: [{ platform: 'slack', workspaceId: 'w1', externalUserId: 'U1', handle: 'ana' }],
} as unknown as Person;

function recording() {
  const writes: unknown[] = [];
  const deps = {
    store: {
      people: {
        upsertByIdentity: async (input: unknown) => {
          writes.push(input);
          return { ...ana, displayName: (input as { displayName: string }).displayName };
        },
      },
      preferences: {
        set: async (tenantId: string, personId: string, prefs: Record<string, unknown>) => {
          writes.push({ tenantId, personId, ...prefs });
          return { personId, ...prefs } as never;
        },
      },
      workspaces: { findByExternalId: async () => null, install: async () => ({}) as never },
    },
  } as unknown as PeopleDeps;
  return { deps, writes };
}

const profile = { workspaceId: 'w1', externalUserId: 'U1', displayName: 'Ana', handle: 'ana' };

describe('syncPerson', () => {
  it('returns the known person without writing when the profile is the same', async () => {
    const { deps, writes } = recording();
    expect(sameProfile(ana, profile)).toBe(true);
    expect(await syncPerson(deps, { known: ana, profile })).toBe(ana);
    expect(writes).toEqual([]);
  });

  it('writes a renamed person, a new handle or a new e-mail', async () => {
    for (const changed of [
      { ...profile, displayName: 'Ana B.' },
      { ...profile, handle: 'anab' },
      { ...profile, email: 'ana@new.example' },
    ]) {
      const { deps, writes } = recording();
      expect(sameProfile(ana, changed)).toBe(false);
      await syncPerson(deps, { known: ana, profile: changed });
      expect(writes).toEqual([
        expect.objectContaining({ externalUserId: 'U1', displayName: changed.displayName }),
      ]);
    }
  });
});

describe('adoptProfile', () => {
  it('stores the profile’s zone and language tag, and nothing for a zone Intl does not know', async () => {
    const hours = { rules: [{ days: [1], start: '09:00', end: '17:00' }], overrides: [] };
    const { deps, writes } = recording();
    await adoptProfile(deps, {
      tenantId: 't1',
      personId: 'p1',
      timeZone: 'Europe/Paris',
      localeTag: 'fr-FR',
      hours,
    });
    expect(writes).toEqual([
      { tenantId: 't1', personId: 'p1', timeZone: 'Europe/Paris', locale: 'fr-FR', workingHours: hours },
    ]);
    expect(
      await adoptProfile(deps, { tenantId: 't1', personId: 'p1', timeZone: 'Mars/Base', hours }),
    ).toBeNull();
    expect(writes).toHaveLength(1);
  });
});
