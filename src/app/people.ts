/**
 * People as the chat platforms show them: a surface reads a user's profile (Slack's `users.info`, Discord's
 * interaction member) and hands it here, where the person is created or refreshed and, the first time,
 * given the zone and language of their profile. Workspaces seen for the first time are installed here
 * too (Discord has no install event: a guild is installed when it first uses Convene).
 */
import type { Locale } from '../core/locale.ts';
import type {
  InstallWorkspaceInput,
  Person,
  PersonRepository,
  Preferences,
  PreferencesRepository,
  WorkingHoursData,
  Workspace,
  WorkspaceRepository,
} from './ports/store.ts';
import { intlTag } from './views.ts';

/** A chat user's profile, as the platform gives it. */
export interface ChatProfile {
  readonly workspaceId: string;
  readonly externalUserId: string;
  readonly displayName: string;
  readonly handle?: string | null;
  readonly email?: string;
}

export interface PeopleDeps {
  readonly store: {
    readonly people: Pick<PersonRepository, 'upsertByIdentity'>;
    readonly preferences: Pick<PreferencesRepository, 'set'>;
    readonly workspaces: Pick<WorkspaceRepository, 'findByExternalId' | 'install'>;
  };
}

/** Whether `known` already is `profile` (then nothing is written: one transaction saved per mention). */
export function sameProfile(known: Person, profile: ChatProfile): boolean {
  return (
    known.displayName === profile.displayName &&
    (!profile.email || known.email === profile.email) &&
    known.identities.some(
      (i) =>
        i.workspaceId === profile.workspaceId &&
        i.externalUserId === profile.externalUserId &&
        i.handle === (profile.handle ?? null),
    )
  );
}

/**
 * The person behind a chat profile, created or refreshed; `known` (already read by the surface) is
 * returned as is when the profile did not change. Null when the workspace is not installed.
 */
export async function syncPerson(
  deps: PeopleDeps,
  input: { profile: ChatProfile; known?: Person | null },
): Promise<Person | null> {
  const { profile, known } = input;
  if (known && sameProfile(known, profile)) return known;
  return deps.store.people.upsertByIdentity({
    workspaceId: profile.workspaceId,
    externalUserId: profile.externalUserId,
    displayName: profile.displayName,
    ...(profile.handle !== undefined ? { handle: profile.handle } : {}),
    ...(profile.email ? { email: profile.email } : {}),
  });
}

/**
 * A person seen for the first time with a zone in their profile (Slack's `users.info.tz`): their
 * preferences start from that zone, the profile's language and `hours`. Null when the zone is not an
 * IANA zone (nothing is stored) or the person is not in the tenant.
 */
export async function adoptProfile(
  deps: PeopleDeps,
  input: {
    tenantId: string;
    personId: string;
    timeZone: string;
    /** The profile's language tag as given (e.g. Slack's `en-US`); stored as is. */
    localeTag?: string;
    locale?: Locale;
    hours: WorkingHoursData;
  },
): Promise<Preferences | null> {
  if (!isAnyZone(input.timeZone)) return null;
  return deps.store.preferences.set(input.tenantId, input.personId, {
    timeZone: input.timeZone,
    locale: input.localeTag ?? (input.locale ? intlTag(input.locale) : 'en-US'),
    workingHours: input.hours,
  });
}

/** A zone Intl accepts (Slack profiles may carry legacy names such as `US/Pacific`). */
function isAnyZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The workspace of a platform's team or guild, installed on first sight. */
export async function workspaceOnFirstSight(
  deps: PeopleDeps,
  input: InstallWorkspaceInput,
): Promise<Workspace> {
  return (
    (await deps.store.workspaces.findByExternalId(input.platform, input.externalId)) ??
    (await deps.store.workspaces.install(input))
  );
}
