/**
 * `app_home_opened` (Home tab): `views.publish` with the person's linked calendars and their health,
 * working hours and upcoming meetings booked through Convene.
 * Redelivered events (`event_id`) publish once.
 */
import { t } from '../../../app/i18n/index.ts';
import type { Workspace } from '../../../app/ports/store.ts';
import { slotLabel, weekdayName } from '../../../app/views.ts';
import { connectionLine } from '../commands/status.ts';
import { workspaceOf } from '../common.ts';
import { accountOf, type Block, type SlackApi, type SlackRuntime } from '../deps.ts';
import { errorCode, resolveUser } from '../people.ts';
import { ACTIONS, esc } from '../render.ts';

const DAY_MS = 86_400_000;

export interface AppHomeArgs {
  readonly event: { readonly user: string; readonly tab?: string };
  readonly body: { readonly team_id?: string; readonly event_id?: string };
  readonly client: SlackApi;
}

export async function appHomeOpened(rt: SlackRuntime, args: AppHomeArgs): Promise<void> {
  if (args.event.tab && args.event.tab !== 'home') return;
  if (args.body.event_id && !rt.dedupe.first(`event:${args.body.event_id}`)) return;
  const workspace = await workspaceOf(rt, args.body.team_id);
  if (!workspace) return;
  await publishHome(rt, args.client, workspace, args.event.user);
}

export async function homeBlocks(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  userId: string,
): Promise<Block[] | null> {
  const me = await resolveUser(rt, client, workspace, userId);
  if (!me.ok) return null;
  const { store } = rt.deps;
  const locale = me.locale;
  const status = await accountOf(rt.deps).status({ tenantId: workspace.tenantId, personId: me.person.id });
  const { connections } = status;
  const now = rt.now();
  const upcoming = (
    await store.bookings.listForPerson(workspace.tenantId, me.person.id, {
      start: now,
      end: now + 30 * DAY_MS,
    })
  )
    .filter((b) => b.status === 'booked')
    .sort((a, b) => a.start - b.start)
    .slice(0, 20);
  const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text } });
  const section = (text: string): Block => ({
    type: 'section',
    text: { type: 'mrkdwn', text: text.slice(0, 3000) },
  });
  const blocks: Block[] = [header(t(locale, 'account.home.calendars'))];
  blocks.push(
    section(
      connections.length === 0
        ? t(locale, 'account.home.noCalendar')
        : connections.map((c) => connectionLine(c, locale, now)).join('\n'),
    ),
  );
  const hours = status.defaultHours
    ? t(locale, 'account.home.defaultHours')
    : status.workingHours.rules
        .map((r) => `${r.days.map((d) => weekdayName(d, locale, 'short')).join(', ')} ${r.start}–${r.end}`)
        .join('; ');
  blocks.push(header(t(locale, 'account.home.hours')));
  blocks.push(section(`${esc(hours)} · ${esc(me.zone)}`));
  blocks.push(section(t(locale, 'account.home.tentative', { free: status.tentativeFree ? 'yes' : 'no' })));
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ACTIONS.openSettings,
        value: locale,
        text: { type: 'plain_text', text: t(locale, 'account.home.editSettings') },
      },
    ],
  });
  blocks.push(header(t(locale, 'account.home.upcoming')));
  blocks.push(
    section(
      upcoming.length === 0
        ? t(locale, 'account.home.noUpcoming')
        : upcoming
            .map((b) => `• *${esc(b.title)}*: ${esc(slotLabel(b.start, b.end, me.zone, locale))}`)
            .join('\n'),
    ),
  );
  return blocks;
}

export async function publishHome(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  userId: string,
): Promise<void> {
  const blocks = await homeBlocks(rt, client, workspace, userId);
  if (!blocks) return;
  try {
    await client.views.publish({ user_id: userId, view: { type: 'home', blocks } });
  } catch (error) {
    rt.log(`slack: views.publish failed: ${errorCode(error)}`);
  }
}
