/**
 * The settings modal is submitted: validate (errors shown next to the fields, in the user's language),
 * store the preferences (the zone overrides Slack's), refresh the Home tab.
 */
import type { Locale } from '../../../app/views.ts';
import { parseSettings } from '../commands/settings.ts';
import { workspaceOf } from '../common.ts';
import type { AckFn, SlackApi, SlackRuntime } from '../deps.ts';
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

export async function settingsSubmit(rt: SlackRuntime, args: ViewSubmissionArgs): Promise<void> {
  const { body, view, client } = args;
  let locale: Locale = 'en';
  try {
    locale = (JSON.parse(view.private_metadata ?? '{}') as { l?: string }).l === 'fr' ? 'fr' : 'en';
  } catch {
    // keep English
  }
  const parsed = parseSettings(view.state.values, locale);
  if (!parsed.ok) {
    await args.ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) {
    await args.ack({
      response_action: 'errors',
      errors: {
        tz: locale === 'fr' ? "Convene n'est plus installé ici." : 'Convene is no longer installed here.',
      },
    });
    return;
  }
  const me = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!me.ok) {
    await args.ack({
      response_action: 'errors',
      errors: { tz: locale === 'fr' ? 'Compte inconnu.' : 'Unknown account.' },
    });
    return;
  }
  await rt.deps.store.preferences.set(workspace.tenantId, me.person.id, parsed.prefs);
  await args.ack();
  await publishHome(rt, client, workspace, body.user.id);
}
