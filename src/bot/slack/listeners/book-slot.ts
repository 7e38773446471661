/**
 * A click on a proposed slot (`book:<proposalId>:<slotId>`): acks at once, ignores a redelivered click
 * (same user and `action_ts`), books through the `bookMeeting` use case — which checks that the clicker
 * is the organiser or a participant, re-checks live availability, relies on the database guard and
 * writes to every calendar — then rewrites the original message into the confirmation (`chat.update`,
 * or the `response_url` for an ephemeral message). Only the click that made the booking updates the
 * message; repeats get a private "already booked". A lost race gets the remaining slots, privately.
 *
 * A click taken over from a replica that stopped after its ack (`takenOver`, bot/slack/inbox.ts) that
 * finds the slot booked confirms it in the channel all the same: the booking may be the stopped run's,
 * made before it could update the message, which would otherwise keep its slot buttons. (When another
 * click booked the slot instead, the message, already confirmed, is written again by this one.)
 *
 * Tenants stay apart: the proposal is looked up in the clicking workspace's tenant only, so a button
 * naming another workspace's proposal books nothing.
 */

import { bookMeeting } from '../../../app/book-meeting.ts';
import { t } from '../../../app/i18n/index.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { AckFn, RespondFn, SlackApi, SlackRuntime } from '../deps.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, renderBooking, renderRemaining, renderText } from '../render.ts';
import { beginAction } from './begin-action.ts';

export interface BlockAction {
  readonly action_id: string;
  readonly value?: string;
  readonly action_ts: string;
}

export interface BlockActionsBody {
  readonly team?: { readonly id: string } | null;
  readonly user: { readonly id: string };
  readonly trigger_id?: string;
  readonly container?: {
    readonly message_ts?: string;
    readonly channel_id?: string;
    readonly is_ephemeral?: boolean;
  };
  readonly channel?: { readonly id: string };
  /** The message the button is on (not sent for ephemeral messages). */
  readonly message?: { readonly text?: string; readonly blocks?: readonly Record<string, unknown>[] };
}

export interface ActionArgs {
  readonly body: BlockActionsBody;
  readonly action: BlockAction;
  readonly ack: AckFn;
  readonly respond: RespondFn;
  readonly client: SlackApi;
  /** Run again on this replica for one that stopped after its ack (the inbox's takeover). */
  readonly takenOver?: boolean;
}

export function parseBookAction(actionId: string): { proposalId: string; slotId: string } | null {
  const match = new RegExp(`^${ACTIONS.book}:([^:]+):([^:]+)$`).exec(actionId);
  return match?.[1] && match[2] ? { proposalId: match[1], slotId: match[2] } : null;
}

export async function bookSlot(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { channelId } = start;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const { privately } = start;

  const parsed = parseBookAction(action.action_id);
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(renderText(NOT_INSTALLED[locale]));
  if (!parsed) return privately(renderText(t(locale, 'chat.button.invalidAskAgain')));
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok) return privately(renderText(t(locale, 'chat.slack.cannotBook')));

  const result = await bookMeeting(
    {
      store: rt.deps.store,
      busy: rt.deps.busy,
      writer: rt.deps.writer,
      ...(rt.deps.notifier ? { notifier: rt.deps.notifier } : {}),
      ...(rt.deps.metrics ? { metrics: rt.deps.metrics } : {}),
      ...(rt.deps.icsOffers ? { icsOffers: rt.deps.icsOffers } : {}),
    },
    {
      tenantId: workspace.tenantId,
      proposalId: parsed.proposalId,
      slotId: parsed.slotId,
      actorPersonId: actor.person.id,
      now: rt.now(),
      locale,
      ...(args.takenOver ? { rerun: true } : {}),
    },
  );
  if (!result.ok) {
    if (result.error.code === 'slot_taken' || result.error.code === 'series_conflict')
      return privately(
        renderRemaining(
          result.error.message,
          parsed.proposalId,
          result.error.remaining ?? [],
          result.error.locale,
          result.error.anyway,
        ),
      );
    return privately(renderText(result.error.message));
  }
  const view = result.view;
  if (view.alreadyBooked && !args.takenOver) return privately(renderText(view.headline));

  const confirmation = renderBooking(view, `<@${body.user.id}>`);
  const ts = body.container?.message_ts;
  if (channelId && ts && !body.container?.is_ephemeral) {
    try {
      await client.chat.update({
        channel: channelId,
        ts,
        text: confirmation.text,
        blocks: confirmation.blocks,
      });
      return;
    } catch (error) {
      rt.log(`slack: chat.update of the confirmation failed: ${errorCode(error)}`);
    }
  }
  // Ephemeral (or not editable) original: replace it through the response_url, in the channel.
  try {
    await respond({ replace_original: true, response_type: 'in_channel', ...confirmation });
  } catch (error) {
    rt.log(`slack: response_url of the confirmation failed: ${errorCode(error)}`);
    if (channelId)
      await client.chat.postMessage({ channel: channelId, ...confirmation }).catch(() => undefined);
  }
}
