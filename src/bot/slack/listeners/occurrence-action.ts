/**
 * "Cancel <date> only" (`ocancel:<bookingId>:<start>`) and "End the series after <date>"
 * (`oend:<bookingId>:<start>`) on a series booking: through the `cancelOccurrence` / `endSeries` use
 * cases, which look the booking up in the clicking workspace's tenant, re-check the clicker (organiser or
 * participant) and that the start is one of the series' future occurrences. The calendars change through
 * the outbox (the provider's exception mechanism on the one series event); the others are told by DM.
 * The clicker gets the headline privately; the meeting's message stays (the series goes on).
 */
import { t } from '../../../app/i18n/index.ts';
import { cancelOccurrence, endSeries } from '../../../app/manage-series.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { manageDeps, parseOccurrenceAction } from '../manage.ts';
import { knownOrResolve } from '../people.ts';
import { ACTIONS, renderText } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function occurrenceAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return start.say(NOT_INSTALLED[locale]);
  const ending = action.action_id.startsWith(`${ACTIONS.occurrenceEnd}:`);
  const parsed = parseOccurrenceAction(
    action.action_id,
    ending ? ACTIONS.occurrenceEnd : ACTIONS.occurrenceCancel,
  );
  if (!parsed) return start.say(t(locale, 'chat.button.invalidCancel'));
  const jobs = rt.deps.store.jobs;
  if (!jobs) return start.say(t(locale, 'chat.slack.cannotManage'));
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok) return start.say(t(locale, 'chat.slack.cannotManage'));
  const deps = manageDeps(rt);
  const result = await (ending ? endSeries : cancelOccurrence)(
    { ...deps, store: { ...rt.deps.store, jobs } },
    {
      tenantId: workspace.tenantId,
      bookingId: parsed.bookingId,
      actorPersonId: actor.person.id,
      occurrence: parsed.occurrence,
      now: rt.now(),
      locale,
    },
  );
  if (!result.ok) return start.say(result.error.message);
  // From the ephemeral `/meet cancel` list the list item is replaced; under the channel message, a reply.
  await respond({
    replace_original: body.container?.is_ephemeral === true,
    response_type: 'ephemeral',
    ...renderText(result.view.headline),
  });
}
