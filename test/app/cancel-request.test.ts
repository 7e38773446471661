import { describe, expect, it } from 'vitest';
import { cancelRequest } from '../../src/app/cancel-request.ts';
import { render } from '../../src/app/i18n/index.ts';
import type {
  MeetingRequest,
  MeetingRequestStatus,
  Proposal,
  ProposalStatus,
} from '../../src/app/ports/store.ts';

const T = '00000000-0000-4000-8000-000000000000';
const W = '00000000-0000-4000-8000-0000000000aa';
const ANA = 'a0000000-0000-4000-8000-000000000001';
const LI = 'a0000000-0000-4000-8000-000000000002';

function world(opts: { request?: MeetingRequestStatus; proposal?: ProposalStatus } = {}) {
  const request: MeetingRequest = {
    id: 'r1',
    tenantId: T,
    workspaceId: W,
    requesterId: ANA,
    title: 'Roadmap',
    durationMinutes: 30,
    window: { start: 0, end: 1 },
    participants: [{ personId: LI, optional: false }],
    status: opts.request ?? 'proposed',
    message: { channelId: 'C1', messageId: null },
    createdAt: 0,
    criteria: null,
  };
  const proposal: Proposal = {
    id: 'p1',
    tenantId: T,
    requestId: 'r1',
    status: opts.proposal ?? 'open',
    slots: [],
    message: null,
    expiresAt: null,
    createdAt: 0,
  };
  const requests = new Map([[request.id, request]]);
  const proposals = new Map([[proposal.id, proposal]]);
  const repo = {
    get: async (tenantId: string, id: string) => (tenantId === T ? (requests.get(id) ?? null) : null),
    getProposal: async (tenantId: string, id: string) =>
      tenantId === T ? (proposals.get(id) ?? null) : null,
    setStatus: async (_t: string, id: string, status: MeetingRequestStatus) => {
      const r = requests.get(id);
      if (r) requests.set(id, { ...r, status });
      return Boolean(r);
    },
    setProposalStatus: async (_t: string, id: string, status: ProposalStatus) => {
      const p = proposals.get(id);
      if (p) proposals.set(id, { ...p, status });
      return Boolean(p);
    },
  };
  return { deps: { store: { requests: repo } }, requests, proposals };
}

describe('cancelRequest', () => {
  it('the requester cancels: the proposal expires, the request is cancelled, the title comes back', async () => {
    const w = world();
    const result = await cancelRequest(w.deps, {
      tenantId: T,
      workspaceId: W,
      proposalId: 'p1',
      actorPersonId: ANA,
    });
    expect(result).toEqual({
      ok: true,
      code: 'cancelled',
      requestId: 'r1',
      proposalId: 'p1',
      title: 'Roadmap',
    });
    expect(w.requests.get('r1')?.status).toBe('cancelled');
    expect(w.proposals.get('p1')?.status).toBe('expired');
  });

  it('a participant (or an unknown clicker) is refused and nothing changes', async () => {
    const w = world();
    for (const actorPersonId of [LI, null]) {
      const result = await cancelRequest(w.deps, { tenantId: T, proposalId: 'p1', actorPersonId });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.code).toBe('not_requester');
      expect(render('en', result.message)).toBe('Only the organiser can cancel this request.');
      expect(render('fr', result.message)).toBe("Seul l'organisateur peut annuler cette demande.");
    }
    expect(w.requests.get('r1')?.status).toBe('proposed');
    expect(w.proposals.get('p1')?.status).toBe('open');
  });

  it('an already booked request: already_booked, pointing at the meeting’s own cancel', async () => {
    const w = world({ request: 'booked', proposal: 'accepted' });
    const result = await cancelRequest(w.deps, { tenantId: T, proposalId: 'p1', actorPersonId: ANA });
    expect(result.ok === false && result.code).toBe('already_booked');
    expect(result.ok === false && render('en', result.message)).toContain('Cancel meeting');
    expect(w.requests.get('r1')?.status).toBe('booked');
  });

  it('cancelling twice: the second click says the proposal is already closed', async () => {
    const w = world();
    await cancelRequest(w.deps, { tenantId: T, proposalId: 'p1', actorPersonId: ANA });
    const again = await cancelRequest(w.deps, { tenantId: T, proposalId: 'p1', actorPersonId: ANA });
    expect(again.ok === false && again.code).toBe('already_closed');
    expect(again.ok === false && render('en', again.message)).toBe('This proposal is already closed.');
  });

  it('a superseded proposal is closed too (more times replaced it)', async () => {
    const w = world({ proposal: 'superseded' });
    const result = await cancelRequest(w.deps, { tenantId: T, proposalId: 'p1', actorPersonId: ANA });
    expect(result.ok === false && result.code).toBe('already_closed');
    expect(w.requests.get('r1')?.status).toBe('proposed');
  });

  it('an unknown id, another tenant or another workspace: unknown_proposal, nothing touched', async () => {
    const w = world();
    const cases = [
      { tenantId: T, proposalId: 'nope' },
      { tenantId: '00000000-0000-4000-8000-000000000009', proposalId: 'p1' },
      { tenantId: T, workspaceId: 'other', proposalId: 'p1' },
    ];
    for (const c of cases) {
      const result = await cancelRequest(w.deps, { ...c, actorPersonId: ANA });
      expect(result.ok === false && result.code).toBe('unknown_proposal');
    }
    expect(w.requests.get('r1')?.status).toBe('proposed');
  });
});
