/**
 * The `/meet` words the playground's request box shares with Slack and Discord, other than a request and
 * help: `status`, `settings name:value…`, `cancel` / `reschedule` (the upcoming meetings), `link` /
 * `unlink` (the link page, as on Slack and Discord, when the server has a public address and a state
 * secret) and `team …`, in every language. Each runs its use case and is worded here; the router sends the answer as JSON:
 * `{ok, reply: {locale, text}}`, `{ok, upcoming: {locale, intro, meetings}}`, `{ok, link: {locale, text,
 * url, button}}` or `{ok: false, error}`.
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
import type { LinkPage } from '../../../app/link/page.ts';
import { describeBooking, upcomingBookings } from '../../../app/manage-booking.ts';
import { seriesChoices } from '../../../app/manage-series.ts';
import type { CalendarConnectionRepository, Repositories } from '../../../app/ports/store.ts';
import { accountStatus, savePreferences } from '../../../app/preferences.ts';
import type { PeopleDirectory } from '../../../app/request-meeting.ts';
import type { TeamCommandErrorCode } from '../../../app/rotations.ts';
import { renderTeamResult } from '../../../app/rotations.ts';
import { unlinkCalendars } from '../../../app/unlink-calendars.ts';
import type { CalendarLinking } from '../../../app/use-cases.ts';
import { teamUseCases } from '../../../app/use-cases.ts';
import type { Locale } from '../../../app/views.ts';
import { LOCALES } from '../../../core/locale.ts';

export interface PlaygroundCommandDeps {
  readonly store: Pick<
    Repositories,
    'people' | 'preferences' | 'bookings' | 'requests' | 'rotations' | 'audit'
  >;
  readonly world: DemoWorld;
  readonly directory: PeopleDirectory;
  readonly now: () => number;
  /** `/meet link` / `/meet unlink`; none: "linking is not configured". */
  readonly linking?: PlaygroundLinking;
}

/** Calendar linking for the demo people: the link page's use case and the unlink use case's linking. */
export interface PlaygroundLinking {
  readonly page: Pick<LinkPage, 'startLink'>;
  readonly calendars: Pick<CalendarLinking, 'unlink'>;
  readonly connections: Pick<CalendarConnectionRepository, 'listForPerson'>;
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

/** Whether `word` means "every calendar" in any language (`all`, `tout`…). */
function meansAll(word: string): boolean {
  return LOCALES.some((locale) => t(locale, 'account.unlink.allWords').split(' ').includes(word));
}

export function playgroundCommands(deps: PlaygroundCommandDeps) {
  const { store, world, directory, now, linking } = deps;
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
        if (account.kind === 'link' || account.kind === 'unlink') {
          if (!linking)
            return refuse(409, 'not_configured', locale, t(locale, 'common.linkingNotConfigured'));
          if (account.kind === 'link') {
            // The demo person's own chat identity (the demo workspace's): the state is bound to it.
            const identity = person.person.identities.find((i) => i.workspaceId === world.workspaceId);
            const started = identity
              ? await linking.page.startLink({
                  ...ids,
                  chatIdentity: {
                    workspaceId: identity.workspaceId,
                    externalUserId: identity.externalUserId,
                  },
                })
              : ({ ok: false, code: 'unknown_person' } as const);
            if (!started.ok) return refuse(404, started.code, locale, t(locale, 'account.unknownAccount'));
            return {
              status: 200,
              body: {
                ok: true,
                link: {
                  locale,
                  text: `${t(locale, 'link.chat.dm')}\n${t(locale, 'commands.link.demoToo')}`,
                  url: started.url,
                  button: t(locale, 'link.chat.button'),
                },
              },
            };
          }
          const wanted = account.rest.trim().toLowerCase();
          const result = await unlinkCalendars(
            { store: { connections: linking.connections }, linking: linking.calendars },
            { ...ids, ...(meansAll(wanted) ? { all: true } : wanted ? { provider: wanted } : {}) },
          );
          if (result.ok)
            return reply(
              locale,
              t(locale, 'account.unlink.done', {
                calendars: result.unlinked.map((c) => `${c.provider} (${c.account})`).join(', '),
              }),
            );
          if (result.code === 'none_linked') return reply(locale, t(locale, 'account.unlink.none'));
          if (result.code === 'not_configured')
            return refuse(409, 'not_configured', locale, t(locale, 'common.linkingNotConfigured'));
          return refuse(
            422,
            'which',
            locale,
            t(locale, 'account.unlink.which', {
              choices: result.linked.map((c) => c.provider).join('|'),
              linked: result.linked.map((c) => c.provider).join(', '),
            }),
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
              ...(await describeBooking(store, b, locale, b.next)),
              series: await seriesChoices(store, b, at, zone, locale, person.id),
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
