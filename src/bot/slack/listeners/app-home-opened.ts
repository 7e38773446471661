/**
 * `app_home_opened` (Home tab): `views.publish` with the person's linked calendars and their health,
 * working hours and upcoming meetings booked through Convene.
 * Redelivered events (`event_id`) publish once.
 */
import type { Workspace } from '../../../app/ports/store.ts';
import { slotLabel } from '../../../app/views.ts';
import { connectionLine } from '../commands/status.ts';
import { workspaceOf } from '../common.ts';
import type { Block, SlackApi, SlackRuntime } from '../deps.ts';
import { errorCode, resolveUser } from '../people.ts';
import { ACTIONS, esc } from '../render.ts';

const DAY_MS = 86_400_000;
const DAYS = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  fr: ['dim', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam'],
  de: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
} as const;

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
  const fr = me.locale === 'fr';
  const [connections, prefs] = await Promise.all([
    store.connections.listForPerson(workspace.tenantId, me.person.id),
    store.preferences.get(workspace.tenantId, me.person.id),
  ]);
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
  const blocks: Block[] = [header(fr ? 'Vos agendas' : 'Your calendars')];
  blocks.push(
    section(
      connections.length === 0
        ? fr
          ? 'Aucun agenda relié. Tapez `/meet lier` pour en relier un.'
          : 'No calendar linked. Type `/meet link` to link one.'
        : connections.map((c) => connectionLine(c, me.locale, now)).join('\n'),
    ),
  );
  const rules = prefs?.workingHours.rules ?? [];
  const hours =
    rules.length === 0
      ? fr
        ? 'lun–ven 09:00–17:00 (par défaut)'
        : 'Mon–Fri 09:00–17:00 (default)'
      : rules
          .map((r) => `${r.days.map((d) => DAYS[me.locale][d] ?? d).join(', ')} ${r.start}–${r.end}`)
          .join('; ');
  blocks.push(header(fr ? 'Heures de travail' : 'Working hours'));
  blocks.push(section(`${esc(hours)} · ${esc(me.zone)}`));
  blocks.push(
    section(
      prefs?.tentativeFree
        ? fr
          ? 'Événements provisoires : comptés comme libres'
          : 'Tentative events: counted as free'
        : fr
          ? 'Événements provisoires : comptés comme occupés'
          : 'Tentative events: counted as busy',
    ),
  );
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ACTIONS.openSettings,
        value: me.locale,
        text: { type: 'plain_text', text: fr ? 'Modifier les réglages' : 'Edit settings' },
      },
    ],
  });
  blocks.push(header(fr ? 'Réunions à venir' : 'Upcoming meetings'));
  blocks.push(
    section(
      upcoming.length === 0
        ? fr
          ? 'Aucune réunion réservée avec Convene dans les 30 prochains jours.'
          : 'No meeting booked through Convene in the next 30 days.'
        : upcoming
            .map((b) => `• *${esc(b.title)}*: ${esc(slotLabel(b.start, b.end, me.zone, me.locale))}`)
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
