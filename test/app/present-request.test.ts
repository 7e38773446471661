import { describe, expect, it } from 'vitest';
import type { MessageRef, Person } from '../../src/app/ports/store.ts';
import { presentProposals } from '../../src/app/present-request.ts';
import type { ProposalView } from '../../src/app/views.ts';

const T = 't1';
const person = (id: string): Person => ({ id, tenantId: T, displayName: id, email: null, identities: [] });

function deps() {
  const writes: string[] = [];
  return {
    writes,
    deps: {
      store: {
        requests: {
          setMessage: async (_t: string, id: string, m: MessageRef) => {
            writes.push(`request ${id} ${m.messageId}`);
            return true;
          },
          setProposalMessage: async (_t: string, id: string, m: MessageRef) => {
            writes.push(`proposal ${id} ${m.messageId}`);
            return true;
          },
        },
        people: { get: async (_t: string, id: string) => (id === 'gone' ? null : person(id)) },
      },
    },
  };
}

const view = (gaps: { personId: string; code: string }[]) =>
  ({ requestId: 'r1', proposalId: 'p1', gaps }) as unknown as ProposalView;

describe('presentProposals', () => {
  it('records where the proposals were posted, then nudges each unlinked person once (not the organiser)', async () => {
    const { deps: d, writes } = deps();
    const nudged: string[] = [];
    const out = await presentProposals(
      d,
      {
        post: async () => ({ channelId: 'C1', messageId: 'm1' }),
        nudge: async (p) => void nudged.push(p.id),
      },
      {
        tenantId: T,
        exceptPersonId: 'ana',
        view: view([
          { personId: 'li', code: 'not_linked' },
          { personId: 'li', code: 'not_linked' },
          { personId: 'ana', code: 'not_linked' },
          { personId: 'sam', code: 'read_failed' },
          { personId: 'gone', code: 'not_linked' },
        ]),
      },
    );
    expect(writes).toEqual(['request r1 m1', 'proposal p1 m1']);
    expect(nudged).toEqual(['li']);
    expect(out).toEqual({ message: { channelId: 'C1', messageId: 'm1' }, nudged: 1 });
  });

  it('tells the surface the proposals are shown as soon as they are posted, before recording and nudging', async () => {
    const { deps: d, writes } = deps();
    await presentProposals(
      d,
      {
        post: async () => {
          writes.push('posted');
          return { channelId: 'C1', messageId: 'm1' };
        },
        shown: async () => void writes.push('shown'),
        nudge: async (p) => void writes.push(`nudge ${p.id}`),
      },
      { tenantId: T, view: view([{ personId: 'li', code: 'not_linked' }]) },
    );
    expect(writes).toEqual(['posted', 'shown', 'request r1 m1', 'proposal p1 m1', 'nudge li']);
  });

  it('records nothing when the surface got no message id (posted through a fallback)', async () => {
    const { deps: d, writes } = deps();
    await presentProposals(
      d,
      { post: async () => null, nudge: async () => undefined },
      { tenantId: T, view: view([]) },
    );
    expect(writes).toEqual([]);
  });
});
