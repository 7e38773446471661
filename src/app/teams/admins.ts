/** Convene admin rights: `admins` (who has them), `grant` and `revoke` (chat admins only: see authorise.ts). */
import type { MemberRef } from '../../core/rotation-command.ts';
import { msg } from '../i18n/index.ts';
import { adminChange } from './audit.ts';
import { resolveMembers } from './authorise.ts';
import { applied, done } from './outcome.ts';
import type { Applied, TeamChange, TeamOutcome, TeamScope } from './types.ts';

export async function listAdmins(scope: TeamScope): Promise<TeamOutcome> {
  const ids = await scope.store.rotations.listAdmins(scope.tenantId);
  const people = await Promise.all(ids.map((id) => scope.store.people.get(scope.tenantId, id)));
  const names = people.flatMap((p) => (p ? [p.displayName] : []));
  return done(
    names.length === 0 ? msg('teams.admins.none') : msg('teams.admins.list', { names: names.join(', ') }),
  );
}

export async function changeAdmins(
  scope: TeamScope,
  op: 'grant' | 'revoke',
  refs: readonly MemberRef[],
): Promise<Applied> {
  const resolved = await resolveMembers(scope, refs);
  if (!resolved.ok) return applied(resolved.outcome);
  const { rotations } = scope.store;
  const changes: TeamChange[] = [];
  const names: string[] = [];
  for (const person of resolved.people) {
    const changed =
      op === 'grant'
        ? await rotations.grantAdmin(scope.tenantId, person.id, scope.actor.personId)
        : await rotations.revokeAdmin(scope.tenantId, person.id);
    if (!changed) continue;
    names.push(person.displayName);
    changes.push(adminChange(op, person));
  }
  if (names.length === 0)
    return applied(done(msg(op === 'grant' ? 'teams.grantedNone' : 'teams.revokedNone')), changes);
  return applied(
    done(msg(op === 'grant' ? 'teams.granted' : 'teams.revoked', { names: names.join(', ') })),
    changes,
  );
}
