/**
 * `/meet <request>`: resolve the people (users.info → person + zone), run the `requestMeeting` use case,
 * post the proposals in the channel (falling back to the `response_url`, in channel, when the bot is not
 * a member), and DM every participant without a linked calendar a link to link one.
 */
import { t } from '../../../app/i18n/index.ts';
import type { LinkProviderKind } from '../../../app/link-calendar.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
import { precheckRequest } from '../../../app/request/parse.ts';
import { maxParticipantsOf, requestMeeting } from '../../../app/request-meeting.ts';
import type { Locale, ProposalView } from '../../../app/views.ts';
import { listNames } from '../../../app/views.ts';
import { dm, tellPrivately } from '../common.ts';
import type { RespondFn, SlackApi, SlackRuntime } from '../deps.ts';
import { requestUseCasesOf } from '../deps.ts';
import { errorCode, knownUsers, resolveUser, slackUserId } from '../people.ts';
import { ACTIONS, renderLinks, renderProposals, renderQuestion, renderText } from '../render.ts';

export interface MeetRequestInput {
  readonly workspace: Workspace;
  readonly userId: string;
  readonly channelId: string;
  readonly text: string;
  readonly locale: Locale;
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

export async function handleMeetRequest(
  rt: SlackRuntime,
  args: { client: SlackApi; respond: RespondFn; shown?: () => Promise<void> },
  input: MeetRequestInput,
): Promise<void> {
  const { client, respond } = args;
  const { workspace } = input;
  const say = (text: string) =>
    tellPrivately(
      rt,
      { client, respond, channelId: input.channelId, userId: input.userId },
      renderText(text),
    );

  // The work budget first, before any Slack call: a request too long or naming too many people is
  // refused here, so it never costs a users.info per mention nor a DM per person.
  const refused = precheckRequest(input.text, {
    locale: input.locale,
    maxParticipants: maxParticipantsOf(rt.deps.limits),
  });
  if (refused) {
    await say(refused.message);
    return;
  }
  // Mentioned people: make sure each is a person with their Slack zone before the use case resolves them.
  const mentioned = [...new Set([...input.text.matchAll(MENTION)].map((m) => m[1] ?? ''))].filter(
    (id) => id && id !== input.userId,
  );
  // Everyone's person and preferences in two reads, then one users.info per user.
  const known = await knownUsers(rt, workspace, [input.userId, ...mentioned]);
  const requester = await resolveUser(rt, client, workspace, input.userId, known);
  if (!requester.ok) {
    await say(t(input.locale, 'chat.slack.cannotSchedule'));
    return;
  }
  // In parallel: one users.info round trip for all mentions instead of one after the other.
  const resolved = await Promise.all(mentioned.map((id) => resolveUser(rt, client, workspace, id, known)));
  const gone = resolved.flatMap((r) => (!r.ok && r.reason !== 'not_installed' ? [r.name] : []));
  if (gone.length > 0) {
    await say(t(input.locale, 'chat.slack.cannotInvite', { names: listNames(gone, input.locale) }));
    return;
  }

  const result = await requestMeeting(
    {
      store: rt.deps.store,
      busy: rt.deps.busy,
      ...(rt.deps.directory ? { directory: rt.deps.directory } : {}),
      ...(rt.deps.store.rotations ? { rotations: rt.deps.store.rotations } : {}),
      ...(rt.deps.store.questions ? { questions: rt.deps.store.questions } : {}),
      ...(rt.deps.limits ? { limits: rt.deps.limits } : {}),
    },
    {
      tenantId: workspace.tenantId,
      workspaceId: workspace.id,
      requesterPersonId: requester.person.id,
      text: input.text,
      now: rt.now(),
      zone: requester.zone,
      // Answers in the person's language (preference, else Slack's locale), whatever words they typed.
      ...(requester.localeKnown ? { replyLocale: requester.locale } : {}),
      message: { channelId: input.channelId, messageId: null },
    },
  );
  if (!result.ok) {
    const { pending } = result.error;
    if (pending) {
      // Asked, not guessed: one button per answer, to the requester only.
      await tellPrivately(
        rt,
        { client, respond, channelId: input.channelId, userId: input.userId },
        renderQuestion(result.error.message, pending, result.error.locale),
      );
      return;
    }
    await say(result.error.message);
    // No slot: the people without a calendar (named in the message) still get their link by DM.
    await sendLinkDms(
      rt,
      client,
      workspace,
      result.error.gaps ?? [],
      result.error.locale,
      requester.person.displayName,
    );
    return;
  }
  await postProposals(rt, args, workspace, input.channelId, result.view, {
    organiser: requester.person.displayName,
  });
}

/**
 * Posts the proposals in the channel (the `response_url`, in channel, when the bot is not a member); the
 * `present` use case records where and has every participant without a linked calendar DMed a link.
 */
export async function postProposals(
  rt: SlackRuntime,
  args: { client: SlackApi; respond: RespondFn; shown?: () => Promise<void> },
  workspace: Workspace,
  channelId: string,
  view: ProposalView,
  who: { organiser: string | null },
): Promise<void> {
  const { client, respond } = args;
  await requestUseCasesOf(rt.deps).present(
    {
      async post(shown) {
        const message = renderProposals(shown);
        try {
          const posted = await client.chat.postMessage({
            channel: channelId,
            text: message.text,
            blocks: message.blocks,
          });
          return posted.ts ? { channelId, messageId: posted.ts } : null;
        } catch (error) {
          rt.log(`slack: chat.postMessage of proposals failed: ${errorCode(error)}`);
          // Not a member of the channel (or a DM with someone else): the response_url can still post there.
          await respond({ response_type: 'in_channel', ...message });
          return null;
        }
      },
      nudge: (person) =>
        sendLinkDm(rt, client, workspace, person, view.locale, who.organiser).then(() => undefined),
      ...(args.shown ? { shown: args.shown } : {}),
    },
    { tenantId: workspace.tenantId, view },
  );
}

async function sendLinkDms(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  gaps: readonly { personId: string; code: string }[],
  locale: Locale,
  organiser: string | null,
): Promise<void> {
  await requestUseCasesOf(rt.deps).nudgeUnlinked(
    { nudge: (person) => sendLinkDm(rt, client, workspace, person, locale, organiser).then(() => undefined) },
    { tenantId: workspace.tenantId, gaps },
  );
}

/** A DM to a person with a link button per configured calendar provider. */
export async function sendLinkDm(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  person: Person,
  locale: Locale,
  organiser: string | null,
): Promise<boolean> {
  const userId = slackUserId(person, workspace.id);
  if (!userId) return false;
  const links = await linkButtons(rt, workspace, person, userId, locale);
  const intro = organiser
    ? t(locale, 'chat.linkDm.introFrom', { organiser })
    : t(locale, 'chat.linkDm.intro');
  const text = links.length > 0 ? intro : `${intro} ${t(locale, 'common.linkingNotConfigured')}`;
  return dm(rt, client, userId, renderLinks(text, links));
}

export async function linkButtons(
  rt: SlackRuntime,
  workspace: Workspace,
  person: Person,
  userId: string,
  locale: Locale = 'en',
): Promise<{ label: string; url: string; actionId: string }[]> {
  const page = rt.deps.linkPage;
  if (page) {
    // One link to Convene's page, which offers every calendar kind this server supports.
    const started = await page.startLink({
      tenantId: workspace.tenantId,
      personId: person.id,
      chatIdentity: { workspaceId: workspace.id, externalUserId: userId },
    });
    return started.ok
      ? [{ label: t(locale, 'link.chat.button'), url: started.url, actionId: `${ACTIONS.link}:page` }]
      : [];
  }
  const linking = rt.deps.linking;
  if (!linking) return [];
  const providers: readonly LinkProviderKind[] = rt.deps.linkProviders ?? ['google', 'microsoft'];
  const out: { label: string; url: string; actionId: string }[] = [];
  for (const provider of providers) {
    const started = await linking.startLink({
      tenantId: workspace.tenantId,
      personId: person.id,
      chatIdentity: { workspaceId: workspace.id, externalUserId: userId },
      provider,
    });
    if (started.ok)
      out.push({
        label: provider === 'google' ? 'Google Calendar' : 'Microsoft 365',
        url: started.url,
        actionId: `${ACTIONS.link}:${provider}`,
      });
  }
  return out;
}
