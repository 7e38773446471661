/**
 * An answer button (`ask:<questionId>:<choice>`): the requester picks what Convene asked about (which
 * zone `IST` means). The button carries ids only; the request is read back from the store in the clicking
 * workspace's tenant and run again with the answer (`answerQuestion`), then proposed in the channel like
 * a `/meet`. Anyone else, an expired or an already answered question gets a private message.
 */

import { answerQuestion } from '../../../app/answer-question.ts';
import { t } from '../../../app/i18n/index.ts';
import { choiceLabel } from '../../../app/request-meeting.ts';
import { postProposals } from '../commands/request.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { knownOrResolve } from '../people.ts';
import { ACTIONS, renderQuestion, renderText } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function answerQuestionAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { body, action, client, respond } = args;
  const { value } = start;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return start.say(NOT_INSTALLED[value.l]);
  const [questionId = '', choice = ''] = action.action_id.slice(`${ACTIONS.answer}:`.length).split(':');
  const { store } = rt.deps;
  if (!store.questions) return start.say(t(value.l, 'chat.question.gone'));
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  const now = rt.now();
  const answered = await answerQuestion(
    {
      store,
      busy: rt.deps.busy,
      questions: store.questions,
      ...(rt.deps.directory ? { directory: rt.deps.directory } : {}),
      ...(store.rotations ? { rotations: store.rotations } : {}),
      ...(rt.deps.limits ? { limits: rt.deps.limits } : {}),
    },
    {
      tenantId: workspace.tenantId,
      questionId,
      choice: /^\d{1,2}$/.test(choice) ? Number(choice) : -1,
      actorPersonId: actor.ok ? actor.person.id : null,
      now,
      locale: value.l,
    },
  );
  if (!answered.ok) return start.say(answered.refused.message);
  const { question, result } = answered;
  const locale = result.ok ? result.view.locale : result.error.locale;
  // The question's buttons are spent: the private message now says what was chosen.
  const chosen = choiceLabel(question.code, question.options[Number(choice)] ?? '', now, locale);
  await respond({
    replace_original: true,
    response_type: 'ephemeral',
    ...renderText(t(locale, 'chat.question.gotIt', { choice: chosen })),
  }).catch(() => undefined);
  if (!result.ok) {
    const { pending } = result.error;
    return start.privately(
      pending ? renderQuestion(result.error.message, pending, locale) : renderText(result.error.message),
    );
  }
  const channelId = question.message.channelId || start.channelId;
  if (!channelId) return start.say(result.view.headline);
  await postProposals(rt, { client, respond }, workspace, channelId, result.view, {
    organiser: actor.ok ? actor.person.displayName : null,
  });
}
