/**
 * Authorising a team command. Changes (create/rename/delete, members, weight, priority, mode, fairness
 * window, pause/resume, chat-group binding) need a chat admin — decided by the adapter (Slack: workspace
 * admin/owner; Discord: Manage Server) and passed in `actor.isAdmin` — or a person a chat admin granted
 * Convene admin rights; granting and revoking those rights needs a chat admin. `help`, `list`,
 * `standings` and `admins` are open to everyone.
 *
 * Tenant isolation: teams are looked up in the actor's tenant only, and a mention that resolves to a
 * person of another tenant is an unknown person — another tenant's teams and people are invisible.
 */
import type { MemberRef, TeamCommandOp } from '../../core/rotation-command.ts';
import { msg } from '../i18n/index.ts';
import type { Person, RotationRepository, Team } from '../ports/store.ts';
import { type Refusal, refuse } from './outcome.ts';
import type { TeamScope } from './types.ts';

const READ_ONLY: ReadonlySet<TeamCommandOp> = new Set<TeamCommandOp>(['help', 'list', 'standings', 'admins']);
/** Only chat admins (not Convene admins) grant or revoke Convene admin rights. */
const CHAT_ADMIN_ONLY: ReadonlySet<TeamCommandOp> = new Set<TeamCommandOp>(['grant', 'revoke']);

/** Null when the actor may run `op`; otherwise the refusal (`forbidden`). */
export async function authorise(
  scope: Pick<TeamScope, 'tenantId' | 'actor'> & {
    readonly store: { readonly rotations: Pick<RotationRepository, 'isConveneAdmin'> };
  },
  op: TeamCommandOp,
): Promise<Refusal | null> {
  const { actor } = scope;
  if (READ_ONLY.has(op) || actor.isAdmin) return null;
  if (CHAT_ADMIN_ONLY.has(op)) return refuse('forbidden', msg('teams.forbidden.grant'));
  const granted =
    actor.personId !== null && (await scope.store.rotations.isConveneAdmin(scope.tenantId, actor.personId));
  return granted ? null : refuse('forbidden', msg('teams.forbidden.change'));
}

/** The team called `name` in the actor's tenant, or null (another tenant's team is not found). */
export function visibleTeam(
  scope: Pick<TeamScope, 'tenantId'> & {
    readonly store: { readonly rotations: Pick<RotationRepository, 'findTeam'> };
  },
  name: string,
): Promise<Team | null> {
  return scope.store.rotations.findTeam(scope.tenantId, { name });
}

/**
 * The people the mentions name, all in the actor's tenant; otherwise the refusal naming the mentions
 * that are unknown (`unknown_member`).
 */
export async function resolveMembers(
  scope: TeamScope,
  refs: readonly MemberRef[],
): Promise<{ ok: true; people: Person[] } | { ok: false; outcome: Refusal }> {
  const people: Person[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const person = scope.resolveMember
      ? await scope.resolveMember(ref)
      : ref.kind === 'name'
        ? null
        : await scope.store.people.findByIdentity(scope.workspaceId, ref.id);
    if (person && person.tenantId === scope.tenantId) people.push(person);
    else unknown.push(ref.raw);
  }
  if (unknown.length > 0)
    return {
      ok: false,
      outcome: refuse('unknown_member', msg('teams.unknownMembers', { names: unknown.join(', ') })),
    };
  return { ok: true, people };
}
