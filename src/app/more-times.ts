/**
 * Use case: "more times" on a proposal. Answered from the STORED request (its participants, window,
 * duration and title), never from text carried by a button: the click names a proposal id only. The
 * organiser or a participant asks; the stored request gets a new proposal with five more slots (up to
 * `MAX_PROPOSALS`), which supersedes the clicked one.
 *
 * A round-robin request is recognised by the clicked proposal's stored picks: the team comes back and its
 * members among the participants form the pool again. The stored criteria (the zone the request's days
 * are read in, its time-of-day constraints and excluded days) apply again; a request stored before they
 * were kept falls back to the organiser's zone and no constraint.
 */
import { type MessageKey, t } from './i18n/index.ts';
import type { RotationRepository } from './ports/store.ts';
import type { RequestMeetingDeps, RequestMeetingResult, Resolved } from './request-meeting.ts';
import { MAX_PROPOSALS, proposeMeeting } from './request-meeting.ts';
import type { Locale } from './views.ts';
import { toLocale } from './views.ts';

export type MoreTimesDeps = Omit<RequestMeetingDeps, 'rotations'> & {
  /** Teams: the stored picks say whether the request was round-robin, and for which team. */
  readonly rotations?: Pick<RotationRepository, 'findTeam' | 'assignments' | 'savePicks' | 'pickFor'>;
};

export type MoreTimesErrorCode = 'unknown_proposal' | 'not_allowed' | 'proposal_closed';

export interface MoreTimesInput {
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly proposalId: string;
  /** Who clicked. */
  readonly actorPersonId: string;
  /** The clock, epoch ms. */
  readonly now: number;
  /** The language of the clicked message; the organiser's otherwise. */
  readonly locale?: Locale;
}

export type MoreTimesResult =
  | RequestMeetingResult
  | {
      readonly ok: false;
      readonly error: {
        readonly code: MoreTimesErrorCode;
        readonly locale: Locale;
        readonly message: string;
      };
    };

export async function moreTimes(deps: MoreTimesDeps, input: MoreTimesInput): Promise<MoreTimesResult> {
  const { store } = deps;
  const { tenantId } = input;
  const proposal = await store.requests.getProposal(tenantId, input.proposalId);
  const request = proposal ? await store.requests.get(tenantId, proposal.requestId) : null;
  const requesterPrefs = request ? await store.preferences.get(tenantId, request.requesterId) : null;
  const locale: Locale = input.locale ?? toLocale(requesterPrefs?.locale);
  const fail = (code: MoreTimesErrorCode, key: MessageKey) =>
    ({ ok: false, error: { code, locale, message: t(locale, key) } }) as const;
  if (!proposal || !request) return fail('unknown_proposal', 'request.more.unknownProposal');
  const allowed = [request.requesterId, ...request.participants.map((p) => p.personId)];
  if (!allowed.includes(input.actorPersonId)) return fail('not_allowed', 'request.more.notAllowed');
  if (proposal.status !== 'open' || (request.status !== 'proposed' && request.status !== 'open'))
    return fail('proposal_closed', 'request.more.closed');

  const requester = await store.people.get(tenantId, request.requesterId);
  if (!requester) return fail('unknown_proposal', 'request.more.organiserGone');
  // Round-robin: the first slot's stored pick names the team.
  const pick = deps.rotations ? await deps.rotations.pickFor(tenantId, proposal.id, 1) : null;
  const team =
    pick && deps.rotations ? await deps.rotations.findTeam(tenantId, { id: pick.rotationId }) : null;
  const pool = new Set(team?.mode === 'round_robin' ? team.members.map((m) => m.personId) : []);
  const people: Resolved[] = [{ person: requester, requester: true }];
  for (const p of request.participants) {
    const person = await store.people.get(tenantId, p.personId);
    if (!person) continue;
    people.push({
      person,
      requester: false,
      ...(pool.has(person.id) ? { pool: true } : {}),
      ...(p.optional ? { optional: true } : {}),
    });
  }
  const organiserZone = requesterPrefs?.timeZone ?? 'UTC';
  const criteria = request.criteria;
  return proposeMeeting(
    { ...deps, proposalCount: Math.min(proposal.slots.length + 5, MAX_PROPOSALS) },
    {
      tenantId,
      workspaceId: input.workspaceId,
      now: input.now,
      zone: organiserZone,
      locale,
    },
    {
      locale,
      people,
      team: team?.mode === 'round_robin' ? team : null,
      window: { ...request.window, zone: criteria?.zone ?? organiserZone },
      ...(criteria && criteria.excluded.length > 0 ? { excluded: criteria.excluded } : {}),
      durationMinutes: request.durationMinutes,
      constraints: criteria?.constraints ?? [],
      title: request.title,
      notes: [],
      // A series: more times are checked over the series too.
      ...(criteria?.recurrence ? { recurrence: criteria.recurrence } : {}),
      existingRequestId: request.id,
    },
  );
}
