/**
 * The `/meet` slash command. Acks at once (Slack's 3-second rule), ignores a redelivered `trigger_id`,
 * then routes: `help`/`aide`/`hilfe`, `link`/`lier`/`verknüpfen`, `unlink`/`délier`/`trennen`,
 * `status`/`statut`, `calendars`/`agendas`/`kalender`, `settings`/`réglages`/`einstellungen`, `team`/`équipe`/`gruppe` (rotations),
 * `cancel`/`annuler`/`absagen` and `reschedule`/`replanifier`/`verschieben` (the caller's upcoming
 * meetings with their buttons), and anything else is a meeting request. The words of each language are
 * also its catalogue's `account.slack.subcommands`, which tells the reply's language.
 */

import { t } from '../../../app/i18n/index.ts';
import { calendarsCommand, calendarsText } from '../commands/calendars.ts';
import { helpText } from '../commands/help.ts';
import { upcomingList } from '../commands/manage.ts';
import { handleMeetRequest, linkButtons } from '../commands/request.ts';
import { openSettings, settingsView } from '../commands/settings.ts';
import { statusFor } from '../commands/status.ts';
import { teamCommand } from '../commands/team.ts';
import { unlinkCalendars } from '../commands/unlink.ts';
import { detectLocale, dm, NOT_INSTALLED, tellPrivately, workspaceOf } from '../common.ts';
import type { AckFn, RespondFn, SlackApi, SlackRuntime } from '../deps.ts';
import { resolveUser } from '../people.ts';
import { renderLinks, renderMrkdwn, renderText } from '../render.ts';
import { mentionWeight } from '../request-lanes.ts';

export interface SlashCommandPayload {
  readonly team_id: string;
  readonly user_id: string;
  readonly channel_id: string;
  readonly text: string;
  readonly trigger_id: string;
}

export interface MeetCommandArgs {
  readonly command: SlashCommandPayload;
  readonly ack: AckFn;
  readonly respond: RespondFn;
  readonly client: SlackApi;
  /** A meeting request's proposals are posted (`ProposalSurface.shown`): its inbox record is done. */
  readonly shown?: () => Promise<void>;
}

type Sub =
  | 'help'
  | 'link'
  | 'unlink'
  | 'status'
  | 'calendars'
  | 'settings'
  | 'team'
  | 'cancel'
  | 'reschedule'
  | 'request';

const SUBCOMMANDS: Record<string, Sub> = {
  help: 'help',
  aide: 'help',
  link: 'link',
  lier: 'link',
  relier: 'link',
  unlink: 'unlink',
  délier: 'unlink',
  delier: 'unlink',
  status: 'status',
  statut: 'status',
  état: 'status',
  calendars: 'calendars',
  calendar: 'calendars',
  agendas: 'calendars',
  kalender: 'calendars',
  settings: 'settings',
  réglages: 'settings',
  reglages: 'settings',
  paramètres: 'settings',
  parametres: 'settings',
  team: 'team',
  teams: 'team',
  équipe: 'team',
  equipe: 'team',
  équipes: 'team',
  equipes: 'team',
  cancel: 'cancel',
  annuler: 'cancel',
  reschedule: 'reschedule',
  replanifier: 'reschedule',
  déplacer: 'reschedule',
  deplacer: 'reschedule',
  hilfe: 'help',
  verknüpfen: 'link',
  verknupfen: 'link',
  trennen: 'unlink',
  einstellungen: 'settings',
  gruppe: 'team',
  gruppen: 'team',
  absagen: 'cancel',
  verschieben: 'reschedule',
};

export function route(text: string): { sub: Sub; rest: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { sub: 'help', rest: '' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const sub = SUBCOMMANDS[first.toLowerCase()];
  return sub ? { sub, rest: rest.join(' ') } : { sub: 'request', rest: trimmed };
}

export async function meetCommand(rt: SlackRuntime, args: MeetCommandArgs): Promise<void> {
  await args.ack();
  const { command, client, respond } = args;
  if (!rt.dedupe.first(`trigger:${command.trigger_id}`)) return;
  const { sub, rest } = route(command.text);
  const locale = detectLocale(command.text);
  const workspace = await workspaceOf(rt, command.team_id);
  const tell = (message: { text: string; blocks?: readonly Record<string, unknown>[] }) =>
    tellPrivately(rt, { client, respond, channelId: command.channel_id, userId: command.user_id }, message);
  if (!workspace) {
    await tell(renderText(NOT_INSTALLED[locale]));
    return;
  }
  if (sub === 'request') {
    const work = () =>
      handleMeetRequest(
        rt,
        { client, respond, ...(args.shown ? { shown: args.shown } : {}) },
        {
          workspace,
          userId: command.user_id,
          channelId: command.channel_id,
          text: command.text,
          locale,
        },
      );
    // Weighted by the people it names: a very large request yields to ordinary ones (request-lanes.ts).
    await (rt.requests ? rt.requests(work, mentionWeight(command.text)) : work());
    return;
  }
  if (sub === 'team') {
    await tell(renderText(await teamCommand(rt, client, workspace, command.user_id, command.text, locale)));
    return;
  }
  if (sub === 'help') {
    await tell(renderMrkdwn(helpText(detectLocale(command.text, locale))));
    return;
  }
  const me = await resolveUser(rt, client, workspace, command.user_id);
  if (!me.ok) {
    await tell(renderText(t(locale, 'account.slackAccountRefused')));
    return;
  }
  const lang = detectLocale(command.text, me.locale);
  switch (sub) {
    case 'cancel':
    case 'reschedule': {
      await tell(await upcomingList(rt, workspace, me.person, sub, lang));
      return;
    }
    case 'status': {
      const status = await statusFor(rt, workspace, me.person, lang);
      // Under the health: the accounts' calendars by number, and how to change them.
      const list = await rt.deps.calendarChoice?.list({
        tenantId: workspace.tenantId,
        personId: me.person.id,
      });
      const choice = list && list.accounts.length > 0 ? `\n\n${calendarsText(list, lang)}` : '';
      await tell(renderMrkdwn(`${status}${choice}`));
      return;
    }
    case 'calendars': {
      await tell(renderMrkdwn(await calendarsCommand(rt, workspace, me.person, command.user_id, rest, lang)));
      return;
    }
    case 'unlink': {
      await tell(renderText(await unlinkCalendars(rt, workspace, me.person, rest, lang)));
      return;
    }
    case 'link': {
      const links = await linkButtons(rt, workspace, me.person, command.user_id, lang);
      const text = t(lang, links.length === 0 ? 'common.linkingNotConfigured' : 'account.link.pick');
      const message = renderLinks(text, links);
      // Personal links: only in a DM or an ephemeral message, never in the channel.
      const sent = links.length > 0 && (await dm(rt, client, command.user_id, message));
      await tell(sent ? renderText(t(lang, 'account.link.sentByDm')) : message);
      return;
    }
    case 'settings': {
      const prefs = await rt.deps.store.preferences.get(workspace.tenantId, me.person.id);
      const opened = await openSettings(
        rt,
        client,
        command.trigger_id,
        settingsView(prefs, me.zone, lang),
        lang,
      );
      if (!opened.ok) await tell(opened.fallback);
      return;
    }
  }
}
