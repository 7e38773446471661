/**
 * The `/meet` words the playground's request box shares with Slack and Discord, other than a request and
 * help: `status`, `settings name:value…`, `cancel` / `reschedule` (the upcoming meetings) and `team …`,
 * in every language. Each runs its use case and is worded here; the router sends the answer as JSON:
 * `{ok, reply: {locale, text}}`, `{ok, upcoming: {locale, intro, meetings}}` or `{ok: false, error}`.
 */
import {
  hoursLine,
  problemsText,
  readAccountCommand,
  readSettingsOptions,
  savedText,
  statusLines,
} from '../../../app/account-command.ts';
import type { DemoPerson, DemoWorld } from '../../../app/demo/index.ts';
import { render, t } from '../../../app/i18n/index.ts';
import { describeBooking, upcomingBookings } from '../../../app/manage-booking.ts';
import { seriesChoices } from '../../../app/manage-series.ts';
import type { Repositories } from '../../../app/ports/store.ts';
import { accountStatus, savePreferences } from '../../../app/preferences.ts';
import type { PeopleDirectory } from '../../../app/request-meeting.ts';
import type { TeamCommandErrorCode } from '../../../app/rotations.ts';
import { renderTeamResult } from '../../../app/rotations.ts';
import { teamUseCases } from '../../../app/use-cases.ts';
import type { Locale } from '../../../app/views.ts';

export interface PlaygroundCommandDeps {
  readonly store: Pick<
    Repositories,
    'people' | 'preferences' | 'bookings' | 'requests' | 'rotations' | 'audit'
  >;
  readonly world: DemoWorld;
  readonly directory: PeopleDirectory;
  readonly now: () => number;
}

export interface PlaygroundAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

const TEAM_STATUS: Record<TeamCommandErrorCode, number> = {
  not_a_team_command: 422,
  invalid: 422,
  forbidden: 403,
  not_found: 404,
  name_taken: 409,
  group_taken: 409,
  unknown_member: 422,
  not_member: 422,
};

/** The demo people's calendars are the shipped files, not linked connections: status names the file. */
const NO_CONNECTIONS = { listForPerson: async () => [] };

const reply = (locale: Locale, text: string): PlaygroundAnswer => ({
  status: 200,
  body: { ok: true, reply: { locale, text } },
});
const refuse = (status: number, code: string, locale: Locale, message: string): PlaygroundAnswer => ({
  status,
  body: { ok: false, error: { code, locale, message } },
});

export function playgroundCommands(deps: PlaygroundCommandDeps) {
  const { store, world, directory, now } = deps;
  const teams = teamUseCases({ store });
  return {
    /**
     * The answer to `text` when it is one of these commands, else undefined (a meeting request).
     * `personLocale`: the person's language (stored settings, else the demo file's).
     */
    async answer(
      person: DemoPerson,
      text: string,
      personLocale: Locale,
    ): Promise<PlaygroundAnswer | undefined> {
      const ids = { tenantId: world.tenantId, personId: person.id };
      const account = readAccountCommand(text);
      if (account) {
        const locale = account.locale ?? personLocale;
        if (account.kind === 'status') {
          const status = await accountStatus(
            { store: { preferences: store.preferences, connections: NO_CONNECTIONS } },
            ids,
          );
          return reply(
            locale,
            [
              ...statusLines(status, locale),
              hoursLine(status, locale),
              t(locale, 'commands.status.demoCalendar', { file: person.calendar }),
            ].join('\n'),
          );
        }
        if (account.kind === 'cancel' || account.kind === 'reschedule') {
          // The person's upcoming meetings, each shown by the page with its Reschedule and Cancel buttons.
          const list = await upcomingBookings(store, world.tenantId, person.id, now());
          if (list.length === 0) return reply(locale, t(locale, 'account.upcoming.none'));
          const zone = (await store.preferences.get(world.tenantId, person.id))?.timeZone ?? 'UTC';
          const at = now();
          // A series also gets "Cancel <date> only" / "End the series after <date>" (the caller's zone).
          const meetings = await Promise.all(
            list.map(async (b) => ({
              ...(await describeBooking(store, b, locale)),
              series: await seriesChoices(store, b, at, zone, locale),
            })),
          );
          const intro = t(locale, `account.upcoming.${account.kind}`);
          return { status: 200, body: { ok: true, upcoming: { locale, intro, meetings } } };
        }
        const read = readSettingsOptions(account.rest);
        if (!read.ok) return refuse(422, 'invalid_settings', locale, render(locale, read.message));
        const saved = await savePreferences({ store }, { ...ids, change: read.change });
        if (!saved.ok) {
          const messages = saved.problems.map((p) => p.message);
          return refuse(
            422,
            saved.problems[0]?.code ?? 'invalid_settings',
            locale,
            problemsText(messages, locale),
          );
        }
        return reply(locale, savedText(saved.changed, read.hours, locale));
      }
      // `/meet team …`: the team use case; in the demo every person may manage teams (no chat admins).
      const team = await teams.run({
        tenantId: world.tenantId,
        workspaceId: world.workspaceId,
        actor: { personId: person.id, label: `playground:${person.key}`, isAdmin: true },
        text: text.replace(/^\s*\/meet\b/i, ''),
        now: now(),
        zone: person.timeZone,
        resolveMember: async (ref) => {
          if (ref.kind !== 'name') return null;
          const found = await directory.findByName(world.tenantId, ref.id);
          return found.length === 1 ? (found[0] ?? null) : null;
        },
      });
      if (team.ok) return reply(team.locale, renderTeamResult(team));
      if (team.code !== 'not_a_team_command')
        return refuse(TEAM_STATUS[team.code], team.code, team.locale, renderTeamResult(team));
      return undefined;
    },
  };
}
