/**
 * `user_change`: a user's profile, zone or status changed (deactivation included). The cached
 * `users.info` answer of that user is forgotten, so the next `/meet` naming them reads Slack again.
 * @see https://api.slack.com/events/user_change
 */
import type { SlackRuntime } from '../deps.ts';
import { userInfoKey } from '../people.ts';

export interface UserChangeArgs {
  readonly event: { readonly user?: { readonly id?: string; readonly team_id?: string } };
  readonly body: { readonly team_id?: string };
}

export function forgetUser(rt: SlackRuntime, args: UserChangeArgs): void {
  const userId = args.event.user?.id;
  const teamId = args.body.team_id ?? args.event.user?.team_id;
  if (!userId || !teamId) return;
  rt.users?.invalidate(userInfoKey(teamId, userId));
}
