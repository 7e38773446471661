/**
 * `/meet team …` from any chat surface: read the command, authorise the actor, apply it, audit each
 * applied change, and answer in the command's language with a message code (`renderTeamResult` words
 * it). Expected outcomes (refusal, unknown team or member, name taken) are values.
 */
import { render } from '../i18n/index.ts';
import { applyTeamCommand } from './apply.ts';
import { auditChanges } from './audit.ts';
import { authorise } from './authorise.ts';
import { readTeamCommand } from './read.ts';
import type { TeamCommandDeps, TeamCommandInput, TeamCommandResult, TeamScope } from './types.ts';

export async function runTeamCommand(
  deps: TeamCommandDeps,
  input: TeamCommandInput,
): Promise<TeamCommandResult> {
  const read = readTeamCommand(input.text, input.locale);
  if (!read.ok) return read;
  const { locale, command } = read;
  const resolveMember = input.resolveMember ?? deps.resolveMember;
  const scope: TeamScope = {
    store: deps.store,
    tenantId: input.tenantId,
    workspaceId: input.workspaceId,
    actor: input.actor,
    now: input.now,
    zone: input.zone,
    ...(resolveMember ? { resolveMember } : {}),
  };
  const refused = await authorise(scope, command.op);
  if (refused) return { ...refused, locale };
  const { outcome, changes } = await applyTeamCommand(scope, command);
  await auditChanges(deps.store.audit, scope, changes);
  return outcome.ok ? { ...outcome, locale, op: command.op } : { ...outcome, locale };
}

/** The result worded in its language: the message, then its lines. */
export function renderTeamResult(result: TeamCommandResult): string {
  const lines = result.ok ? (result.lines ?? []) : [];
  return [result.message, ...lines].map((m) => render(result.locale, m)).join('\n');
}
