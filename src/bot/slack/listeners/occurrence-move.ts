/**
 * "Move <date> and following" (`ofmove:` / `ofto:`, the same ids) works the same way through
 * `followingMoveOptions` (each time says how many of the following occurrences are free) and
 * `moveFollowing` (the series is split: ./../../../app/series-split.ts).
 *
 * "Move <date> only" (`omove:<bookingId>:<start>`) on a series booking in `/meet reschedule` and
 * `/meet cancel`: new times for that ONE occurrence (the `occurrenceMoveOptions` use case: its day first,
 * then the days around it; its own time not busy), privately to the clicker, one button each
 * (`oto:<bookingId>:<occurrence start>:<new start>`). A pick goes through `moveOccurrence` (live
 * re-check; the provider's exception mechanism on the one series event through the outbox; the others
 * told by DM) and the private list gives way to the headline. Ids and starts only in the action ids: the
 * use cases look the booking up in the clicking workspace's tenant and re-check the clicker.
 */
import { t } from '../../../app/i18n/index.ts';
import {
  followingMoveOptions,
  moveFollowing,
  moveOccurrence,
  occurrenceMoveOptions,
} from '../../../app/manage-series.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { manageDeps, parseOccurrenceAction, parseOccurrenceMoveAction } from '../manage.ts';
import { knownOrResolve } from '../people.ts';
import {
  ACTIONS,
  renderFollowingMoveOptions,
  renderOccurrenceMoveOptions,
  renderOccurrenceOutcome,
} from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function occurrenceMoveAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return start.say(NOT_INSTALLED[locale]);
  // This and following (`ofmove` / `ofto`), or this one only (`omove` / `oto`).
  const following = /^of(move|to):/.test(action.action_id);
  const picking = action.action_id.startsWith(
    `${following ? ACTIONS.occurrenceFollowingTo : ACTIONS.occurrenceTo}:`,
  );
  const pick = picking
    ? parseOccurrenceMoveAction(
        action.action_id,
        following ? ACTIONS.occurrenceFollowingTo : ACTIONS.occurrenceTo,
      )
    : null;
  const asked = picking
    ? null
    : parseOccurrenceAction(
        action.action_id,
        following ? ACTIONS.occurrenceFollowing : ACTIONS.occurrenceMove,
      );
  const target = pick ?? asked;
  if (!target) return start.say(t(locale, 'chat.button.invalidReschedule'));
  const jobs = rt.deps.store.jobs;
  if (!jobs) return start.say(t(locale, 'chat.slack.cannotManage'));
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok) return start.say(t(locale, 'chat.slack.cannotManage'));
  const deps = {
    ...manageDeps(rt),
    store: { ...rt.deps.store, jobs },
    // A split offers the new series as an .ics to those kept in Convene, as a booking does.
    ...(rt.deps.icsOffers ? { icsOffers: rt.deps.icsOffers } : {}),
  };
  const input = {
    tenantId: workspace.tenantId,
    bookingId: target.bookingId,
    actorPersonId: actor.person.id,
    occurrence: pick ? pick.occurrence : target.occurrence,
    now: rt.now(),
    locale,
  };
  if (!pick) {
    const options = await (following ? followingMoveOptions : occurrenceMoveOptions)(deps, input);
    if (!options.ok) return start.say(options.error.message);
    return start.privately(
      (following ? renderFollowingMoveOptions : renderOccurrenceMoveOptions)(options.view),
    );
  }
  const result = await (following ? moveFollowing : moveOccurrence)(deps, { ...input, newStart: pick.start });
  if (!result.ok) return start.say(result.error.message);
  // The private list of times gives way to the outcome; the meeting's message stays (the series goes on).
  await respond({
    replace_original: true,
    response_type: 'ephemeral',
    ...renderOccurrenceOutcome(result.view),
  });
}
