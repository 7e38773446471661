/**
 * Use case: "cancel" on an open request's proposals. Only the organiser (the requester) may cancel; the
 * proposal is closed (`expired`) and the request `cancelled`. The click names a proposal id only, looked
 * up in the caller's tenant (and workspace when given): a forged or foreign id cancels nothing.
 *
 * Expected refusals are values with a stable code and a message (`Msg`, worded by the `chat` catalogue).
 */
import type { Msg } from './i18n/index.ts';
import { msg } from './i18n/index.ts';
import type { MeetingRequestRepository } from './ports/store.ts';

export interface CancelRequestDeps {
  readonly store: {
    readonly requests: Pick<
      MeetingRequestRepository,
      'get' | 'getProposal' | 'setProposalStatus' | 'setStatus'
    >;
  };
}

export interface CancelRequestInput {
  readonly tenantId: string;
  /** The surface's workspace: a proposal of another workspace is treated as unknown. */
  readonly workspaceId?: string;
  readonly proposalId: string;
  /** Who clicked; null when the surface could not tell (refused like anyone who is not the organiser). */
  readonly actorPersonId: string | null;
}

export type CancelRequestRefusal = 'unknown_proposal' | 'not_requester' | 'already_booked' | 'already_closed';

export type CancelRequestResult =
  | {
      readonly ok: true;
      readonly code: 'cancelled';
      readonly requestId: string;
      readonly proposalId: string;
      /** The request's title, for "X — cancelled by Y". */
      readonly title: string;
    }
  | { readonly ok: false; readonly code: CancelRequestRefusal; readonly message: Msg };

const REFUSAL_KEYS = {
  unknown_proposal: 'chat.cancelRequest.unknownProposal',
  not_requester: 'chat.cancelRequest.notRequester',
  already_booked: 'chat.cancelRequest.alreadyBooked',
  already_closed: 'chat.cancelRequest.alreadyClosed',
} as const satisfies Record<CancelRequestRefusal, string>;

function refuse(code: CancelRequestRefusal): CancelRequestResult {
  return { ok: false, code, message: msg(REFUSAL_KEYS[code]) };
}

export async function cancelRequest(
  deps: CancelRequestDeps,
  input: CancelRequestInput,
): Promise<CancelRequestResult> {
  const { requests } = deps.store;
  const proposal = await requests.getProposal(input.tenantId, input.proposalId);
  const request = proposal ? await requests.get(input.tenantId, proposal.requestId) : null;
  if (!proposal || !request) return refuse('unknown_proposal');
  if (input.workspaceId !== undefined && request.workspaceId !== input.workspaceId)
    return refuse('unknown_proposal');
  if (input.actorPersonId === null || input.actorPersonId !== request.requesterId)
    return refuse('not_requester');
  if (proposal.status === 'accepted' || request.status === 'booked') return refuse('already_booked');
  if (proposal.status !== 'open' || request.status === 'cancelled' || request.status === 'expired')
    return refuse('already_closed');
  await requests.setProposalStatus(input.tenantId, proposal.id, 'expired');
  await requests.setStatus(input.tenantId, request.id, 'cancelled');
  return {
    ok: true,
    code: 'cancelled',
    requestId: request.id,
    proposalId: proposal.id,
    title: request.title,
  };
}
