/**
 * The settings modal is submitted: the preferences use case checks the change (problems shown next to
 * the fields, in the user's language) and stores it (the zone overrides Slack's); the Home tab is refreshed.
 */
import { t } from '../../../app/i18n/index.ts';
import { isLocale, type Locale } from '../../../core/locale.ts';
import { readSettings, settingsErrors } from '../commands/settings.ts';
import { workspaceOf } from '../common.ts';
import type { AckFn, SlackApi, SlackRuntime } from '../deps.ts';
import { accountOf } from '../deps.ts';
import { knownOrResolve } from '../people.ts';
import { publishHome } from './app-home-opened.ts';

export interface ViewSubmissionArgs {
  readonly body: { readonly team?: { readonly id: string } | null; readonly user: { readonly id: string } };
  readonly view: {
    readonly private_metadata?: string;
    readonly state: { readonly values: Record<string, Record<string, Record<string, unknown>>> };
  };
  readonly ack: AckFn;
  readonly client: SlackApi;
}

/** The language the modal was opened in (its `private_metadata`); English when unreadable. */
function modalLocale(metadata: string | undefined): Locale {
  try {
    const l = (JSON.parse(metadata ?? '{}') as { l?: unknown }).l;
    return isLocale(l) ? l : 'en';
  } catch {
    return 'en';
  }
}

export async function settingsSubmit(rt: SlackRuntime, args: ViewSubmissionArgs): Promise<void> {
  const { body, view, client } = args;
  const locale = modalLocale(view.private_metadata);
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) {
    await args.ack({ response_action: 'errors', errors: { tz: t(locale, 'account.noLongerInstalled') } });
    return;
  }
  const me = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!me.ok) {
    await args.ack({ response_action: 'errors', errors: { tz: t(locale, 'account.unknownAccount') } });
    return;
  }
  const saved = await accountOf(rt.deps).savePreferences({
    tenantId: workspace.tenantId,
    personId: me.person.id,
    change: readSettings(view.state.values, locale),
    defaults: { timeZone: me.zone, locale: me.locale },
  });
  if (!saved.ok) {
    await args.ack({ response_action: 'errors', errors: settingsErrors(saved.problems, locale) });
    return;
  }
  await args.ack();
  await publishHome(rt, client, workspace, body.user.id);
}
