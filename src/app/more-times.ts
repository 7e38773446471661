/**
 * Use case: "more times" on a proposal. Answered from the STORED request (its participants, window,
 * duration and title), never from text carried by a button: the click names a proposal id only. The
 * organiser or a participant asks; the stored request gets a new proposal with five more slots (up to
 * `MAX_PROPOSALS`), which supersedes the clicked one.
 *
 * A round-robin request is recognised by the clicked proposal's stored picks: the team comes back and its
 * members among the participants form the pool again. What the stored request does not keep is not
 * re-applied: daily time-of-day constraints ("afternoons").
 */
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
  const fail = (code: MoreTimesErrorCode, en: string, fr: string) =>
    ({ ok: false, error: { code, locale, message: locale === 'fr' ? fr : en } }) as const;
  if (!proposal || !request)
    return fail(
      'unknown_proposal',
      'This proposal no longer exists: ask again with /meet.',
      "Cette proposition n'existe plus : refaites la demande avec /meet.",
    );
  const allowed = [request.requesterId, ...request.participants.map((p) => p.personId)];
  if (!allowed.includes(input.actorPersonId))
    return fail(
      'not_allowed',
      'Only the organiser or a participant of this meeting can ask for more times.',
      "Seuls l'organisateur et les participants de cette réunion peuvent demander d'autres horaires.",
    );
  if (proposal.status !== 'open' || (request.status !== 'proposed' && request.status !== 'open'))
    return fail('proposal_closed', 'This proposal is closed.', 'Cette proposition est close.');

  const requester = await store.people.get(tenantId, request.requesterId);
  if (!requester)
    return fail(
      'unknown_proposal',
      'The organiser of this meeting is no longer here: ask again with /meet.',
      "L'organisateur de cette réunion n'est plus là : refaites la demande avec /meet.",
    );
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
  return proposeMeeting(
    { ...deps, proposalCount: Math.min(proposal.slots.length + 5, MAX_PROPOSALS) },
    {
      tenantId,
      workspaceId: input.workspaceId,
      now: input.now,
      zone: requesterPrefs?.timeZone ?? 'UTC',
      locale,
    },
    {
      locale,
      people,
      team: team?.mode === 'round_robin' ? team : null,
      window: { ...request.window, zone: requesterPrefs?.timeZone ?? 'UTC' },
      durationMinutes: request.durationMinutes,
      constraints: [],
      title: request.title,
      notes: [],
      existingRequestId: request.id,
    },
  );
}
