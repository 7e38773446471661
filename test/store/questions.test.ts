import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatePendingQuestionInput, Person, Workspace } from '../../src/app/ports/store.ts';
import type { Store } from '../../src/store/database.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 8, 0);

describe.each(BACKENDS)('pending questions on %s', (backend) => {
  let store: Store;
  let acme: Workspace;
  let other: Workspace;
  let ana: Person;
  let mallory: Person;

  beforeAll(async () => {
    store = await openTestStore(backend);
    acme = await store.workspaces.install({ platform: 'slack', externalId: 'T-q-1', name: 'Acme' });
    other = await store.workspaces.install({ platform: 'slack', externalId: 'T-q-2', name: 'Other' });
    ana = (await store.people.upsertByIdentity({
      workspaceId: acme.id,
      externalUserId: 'UANA',
      displayName: 'Ana',
    }))!;
    mallory = (await store.people.upsertByIdentity({
      workspaceId: other.id,
      externalUserId: 'UMAL',
      displayName: 'Mallory',
    }))!;
  });
  afterAll(async () => {
    await store?.close();
  });

  const input = (over: Partial<CreatePendingQuestionInput> = {}): CreatePendingQuestionInput => ({
    tenantId: acme.tenantId,
    workspaceId: acme.id,
    requesterId: ana.id,
    text: '@li 30m tomorrow 3pm IST',
    zone: 'Europe/London',
    locale: null,
    replyLocale: 'fr',
    message: { channelId: 'C1', messageId: null },
    code: 'ambiguous_zone',
    questionText: 'IST',
    options: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
    expiresAt: T0 + 24 * HOUR,
    ...over,
  });

  it('keeps a question for its tenant, reads it back, and lets it be answered once before it expires', async () => {
    const kept = await store.questions.create(input());
    expect(kept).toMatchObject({
      text: '@li 30m tomorrow 3pm IST',
      replyLocale: 'fr',
      locale: null,
      options: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
      expiresAt: T0 + 24 * HOUR,
      answeredAt: null,
      message: { channelId: 'C1', messageId: null, threadId: null },
    });
    expect(await store.questions.get(acme.tenantId, kept!.id)).toEqual(kept);
    // Another tenant can neither read nor answer it.
    expect(await store.questions.get(other.tenantId, kept!.id)).toBeNull();
    expect(await store.questions.claim(other.tenantId, kept!.id, T0)).toBe(false);
    // Expired: refused.
    expect(await store.questions.claim(acme.tenantId, kept!.id, T0 + 24 * HOUR)).toBe(false);
    // Ten clicks at once: one wins.
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.questions.claim(acme.tenantId, kept!.id, T0 + HOUR)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await store.questions.get(acme.tenantId, kept!.id))?.answeredAt).toBe(T0 + HOUR);
  });

  it('refuses a requester or workspace of another tenant, and more than 5 answers', async () => {
    expect(await store.questions.create(input({ requesterId: mallory.id }))).toBeNull();
    expect(await store.questions.create(input({ workspaceId: other.id }))).toBeNull();
    expect(await store.questions.create(input({ tenantId: 'not-a-uuid' }))).toBeNull();
    await expect(
      store.questions.create(input({ options: ['UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC'] })),
    ).rejects.toThrow();
  });

  it('drops questions expired for over a day when a new one is kept', async () => {
    const old = await store.questions.create(input({ expiresAt: T0 - 3 * 24 * HOUR }));
    await store.questions.create(input({ expiresAt: T0 + 24 * HOUR }));
    expect(await store.questions.get(acme.tenantId, old!.id)).toBeNull();
  });
});
