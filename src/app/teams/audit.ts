/**
 * Auditing team commands: one audit-log record per applied change, with the actor who made it. The
 * apply step describes its changes (`TeamChange`); this step writes them, also those applied before a
 * later step of the same command failed.
 */
import type { AuditLogRepository, Person } from '../ports/store.ts';
import type { TeamActor, TeamChange } from './types.ts';

/** A change to a team: `team.<action>`, the team's name in the details. */
export function teamChange(
  action: string,
  team: { readonly id: string; readonly name: string },
  details: Readonly<Record<string, unknown>> = {},
): TeamChange {
  return { action: `team.${action}`, target: team.id, details: { team: team.name, ...details } };
}

/** A Convene admin right granted or revoked. */
export function adminChange(op: 'grant' | 'revoke', person: Pick<Person, 'id' | 'displayName'>): TeamChange {
  return { action: `admin.${op}`, target: person.id, details: { name: person.displayName } };
}

export async function auditChanges(
  audit: Pick<AuditLogRepository, 'append'>,
  who: { readonly tenantId: string; readonly actor: TeamActor },
  changes: readonly TeamChange[],
): Promise<void> {
  for (const change of changes)
    await audit.append({
      tenantId: who.tenantId,
      actorId: who.actor.personId,
      actor: who.actor.label,
      action: change.action,
      target: change.target,
      details: { ...change.details },
    });
}
