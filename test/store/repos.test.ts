import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/app/ports/store.ts';
import type { Store } from '../../src/store/database.ts';
import { sqlState } from '../../src/store/errors.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 8, 0);

describe.each(BACKENDS)('repositories on %s', (backend) => {
  let store: Store;
  let slack: Workspace;
  let other: Workspace;

  beforeAll(async () => {
    store = await openTestStore(backend);
    slack = await store.workspaces.install({
      platform: 'slack',
      externalId: 'T1',
      name: 'Acme',
      botToken: 'xoxb-1',
    });
    other = await store.workspaces.install({ platform: 'slack', externalId: 'T2', name: 'Other Corp' });
  });
  afterAll(async () => {
    await store?.close();
  });

  const personIn = async (ws: Workspace, userId: string) =>
    (await store.people.upsertByIdentity({
      workspaceId: ws.id,
      externalUserId: userId,
      displayName: userId,
    }))!;

  it('workspaces: reinstall is idempotent, tenants are apart, bot tokens are encrypted at rest', async () => {
    const again = await store.workspaces.install({ platform: 'slack', externalId: 'T1', name: 'Acme Inc' });
    expect(again.id).toBe(slack.id);
    expect(again.name).toBe('Acme Inc');
    expect(other.tenantId).not.toBe(slack.tenantId);
    expect(await store.workspaces.botToken(slack.tenantId, slack.id)).toBe('xoxb-1');
    expect(await store.workspaces.get(other.tenantId, slack.id)).toBeNull();
    const raw = await store.query<{ bot_token_enc: string }>(
      'SELECT bot_token_enc FROM workspace WHERE id = $1',
      [slack.id],
    );
    expect(raw[0]!.bot_token_enc).toMatch(/^v2:t1:/);
    expect(raw[0]!.bot_token_enc).not.toContain('xoxb-1');
  });

  it('people: one person per chat identity (also under concurrency), linkable to a Discord identity', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.people.upsertByIdentity({
          workspaceId: slack.id,
          externalUserId: 'U-same',
          displayName: `Sam ${i}`,
        }),
      ),
    );
    expect(new Set(results.map((p) => p!.id)).size).toBe(1);
    const discord = await store.workspaces.install({
      platform: 'discord',
      externalId: 'G1',
      name: 'Acme guild',
      tenantId: slack.tenantId,
    });
    const linked = await store.people.linkIdentity(slack.tenantId, results[0]!.id, {
      workspaceId: discord.id,
      externalUserId: '123456',
    });
    expect(linked.ok && linked.person.identities.map((i) => i.platform)).toEqual(['slack', 'discord']);
    expect((await store.people.findByIdentity(discord.id, '123456'))?.id).toBe(results[0]!.id);
    const stranger = await personIn(slack, 'U-stranger');
    const taken = await store.people.linkIdentity(slack.tenantId, stranger.id, {
      workspaceId: discord.id,
      externalUserId: '123456',
    });
    expect(taken).toEqual({ ok: false, reason: 'taken', personId: results[0]!.id });
    expect(await store.people.get(other.tenantId, stranger.id)).toBeNull();
    expect(
      await store.people.upsertByIdentity({
        workspaceId: crypto.randomUUID(),
        externalUserId: 'x',
        displayName: 'x',
      }),
    ).toBeNull();
  });

  it('preferences: time zone, locale and working hours round-trip, scoped by tenant', async () => {
    const p = await personIn(slack, 'U-prefs');
    const workingHours = {
      rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }],
      overrides: [{ date: '2026-12-24', start: '00:00', end: '00:00' }],
    };
    const saved = await store.preferences.set(slack.tenantId, p.id, {
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
      workingHours,
    });
    expect(saved?.workingHours).toEqual(workingHours);
    expect((await store.preferences.get(slack.tenantId, p.id))?.timeZone).toBe('Europe/Berlin');
    expect(await store.preferences.get(other.tenantId, p.id)).toBeNull();
    expect(
      await store.preferences.set(other.tenantId, p.id, { timeZone: 'UTC', locale: 'en', workingHours }),
    ).toBeNull();
  });

  it('preferences: "treat tentative as free" defaults to off, round-trips, and is kept when omitted', async () => {
    const p = await personIn(slack, 'U-tentative');
    const workingHours = { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] };
    const base = { timeZone: 'Europe/Paris', locale: 'fr-FR', workingHours };
    expect((await store.preferences.set(slack.tenantId, p.id, base))?.tentativeFree).toBe(false);
    const on = await store.preferences.set(slack.tenantId, p.id, { ...base, tentativeFree: true });
    expect(on?.tentativeFree).toBe(true);
    expect((await store.preferences.get(slack.tenantId, p.id))?.tentativeFree).toBe(true);
    expect((await store.preferences.getMany!(slack.tenantId, [p.id])).get(p.id)?.tentativeFree).toBe(true);
    // Another setting changed without the field (e.g. /meet zone): the preference stays.
    await store.preferences.set(slack.tenantId, p.id, { ...base, timeZone: 'UTC' });
    expect(await store.preferences.get(slack.tenantId, p.id)).toMatchObject({
      timeZone: 'UTC',
      tentativeFree: true,
    });
    await store.preferences.set(slack.tenantId, p.id, { ...base, tentativeFree: false });
    expect((await store.preferences.get(slack.tenantId, p.id))?.tentativeFree).toBe(false);
  });

  it('calendar connections: secrets encrypted at rest, health and selection updates, tenant scoped', async () => {
    const p = await personIn(slack, 'U-cal');
    const conn = await store.connections.save({
      tenantId: slack.tenantId,
      personId: p.id,
      provider: 'google',
      account: 'cal@example.com',
      busyCalendarIds: ['primary', 'team'],
      writeCalendarId: 'primary',
      secrets: { accessToken: 'ya29.access', refreshToken: '1//refresh', expiresAt: 123 },
    });
    expect(conn?.keyId).toBe('t1');
    const raw = await store.query<{ tokens_enc: string }>(
      'SELECT tokens_enc FROM calendar_connection WHERE id = $1',
      [conn!.id],
    );
    expect(raw[0]!.tokens_enc).not.toContain('refresh');
    expect(await store.connections.secrets(slack.tenantId, conn!.id)).toEqual({
      accessToken: 'ya29.access',
      refreshToken: '1//refresh',
      expiresAt: 123,
    });
    expect(await store.connections.secrets(other.tenantId, conn!.id)).toBeNull();
    expect(
      await store.connections.setHealth(slack.tenantId, conn!.id, {
        status: 'reauth_required',
        detail: 'invalid_grant',
        syncedAt: T0,
      }),
    ).toBe(true);
    expect(
      await store.connections.selectCalendars(slack.tenantId, conn!.id, {
        busyCalendarIds: ['primary'],
        writeCalendarId: null,
      }),
    ).toBe(true);
    const after = await store.connections.get(slack.tenantId, conn!.id);
    expect(after).toMatchObject({
      status: 'reauth_required',
      statusDetail: 'invalid_grant',
      lastSyncAt: T0,
      busyCalendarIds: ['primary'],
      writeCalendarId: null,
    });
    expect(await store.connections.setHealth(other.tenantId, conn!.id, { status: 'ok' })).toBe(false);
  });

  it('requests and proposals: slots in rank order, older proposals superseded, message location kept', async () => {
    const asker = await personIn(slack, 'U-asker');
    const guest = await personIn(slack, 'U-guest');
    const request = (await store.requests.create({
      tenantId: slack.tenantId,
      workspaceId: slack.id,
      requesterId: asker.id,
      title: 'Sync',
      durationMinutes: 30,
      window: { start: T0, end: T0 + 48 * HOUR },
      participants: [{ personId: guest.id }, { personId: asker.id, optional: true }],
      message: { channelId: 'C1', messageId: '1700000000.0001', threadId: null },
    }))!;
    expect(request.participants).toHaveLength(2);
    // What create returns is what a read gives back (one statement writes it; nothing is lost).
    expect(await store.requests.get(slack.tenantId, request.id)).toEqual(request);
    const slots = [
      { start: T0 + HOUR, end: T0 + 1.5 * HOUR, score: 0.9 },
      { start: T0 + 3 * HOUR, end: T0 + 3.5 * HOUR, score: 0.7 },
    ];
    const first = await store.requests.propose(slack.tenantId, request.id, {
      slots,
      message: { channelId: 'C1', messageId: 'm2' },
    });
    const second = await store.requests.propose(slack.tenantId, request.id, { slots: [slots[1]!] });
    expect(first?.slots).toEqual(slots);
    expect(await store.requests.getProposal(slack.tenantId, second!.id)).toEqual(second);
    expect(
      await store.requests.setProposalMessage(slack.tenantId, second!.id, {
        channelId: 'C2',
        messageId: 'm3',
      }),
    ).toBe(true);
    expect((await store.requests.getProposal(slack.tenantId, second!.id))?.message).toEqual({
      channelId: 'C2',
      messageId: 'm3',
    });
    expect(
      await store.requests.setProposalMessage(other.tenantId, second!.id, {
        channelId: 'C9',
        messageId: 'x',
      }),
    ).toBe(false);
    expect(
      await store.requests.setMessage(slack.tenantId, request.id, {
        channelId: 'C2',
        messageId: 'm3',
        threadId: 't',
      }),
    ).toBe(true);
    expect((await store.requests.get(slack.tenantId, request.id))?.message).toEqual({
      channelId: 'C2',
      messageId: 'm3',
      threadId: 't',
    });
    expect(
      await store.requests.setMessage(other.tenantId, request.id, { channelId: 'C9', messageId: 'x' }),
    ).toBe(false);
    expect((await store.requests.getProposal(slack.tenantId, first!.id))?.status).toBe('superseded');
    expect(second?.status).toBe('open');
    expect((await store.requests.get(slack.tenantId, request.id))?.status).toBe('proposed');
    expect(await store.requests.propose(other.tenantId, request.id, { slots })).toBeNull();
  });

  it('requests: null when the workspace, requester or a participant belongs to another tenant', async () => {
    const asker = await personIn(slack, 'U-x-asker');
    const guest = await personIn(slack, 'U-x-guest');
    const stranger = await personIn(other, 'U-x-stranger');
    const base = {
      tenantId: slack.tenantId,
      workspaceId: slack.id,
      requesterId: asker.id,
      title: 'Cross-tenant',
      durationMinutes: 30,
      window: { start: T0, end: T0 + 48 * HOUR },
      participants: [{ personId: guest.id }],
      message: { channelId: 'C1', messageId: null },
    };
    const count = async () =>
      Number(
        (
          await store.query<{ n: string }>('SELECT count(*) AS n FROM meeting_request WHERE title = $1', [
            'Cross-tenant',
          ])
        )[0]!.n,
      );
    expect(await store.requests.create({ ...base, workspaceId: other.id })).toBeNull();
    expect(await store.requests.create({ ...base, requesterId: stranger.id })).toBeNull();
    expect(
      await store.requests.create({
        ...base,
        participants: [{ personId: guest.id }, { personId: stranger.id }],
      }),
    ).toBeNull();
    // The other tenant cannot use this tenant's workspace or people either.
    expect(
      await store.requests.create({ ...base, tenantId: other.tenantId, requesterId: stranger.id }),
    ).toBeNull();
    expect(await store.requests.create({ ...base, requesterId: 'not-a-uuid' })).toBeNull();
    expect(await count()).toBe(0);
    const ok = await store.requests.create(base);
    expect(ok?.participants).toEqual([{ personId: guest.id, optional: false }]);
    expect(await count()).toBe(1);
  });

  it('bookings: conflicts as values, back-to-back allowed, cancel frees time, idempotent retries, events recorded', async () => {
    const a = await personIn(slack, 'U-book-a');
    const b = await personIn(slack, 'U-book-b');
    const base = { tenantId: slack.tenantId, title: 'Meet' };
    const first = await store.bookings.bookSlot({
      ...base,
      people: [a.id, b.id],
      start: T0,
      end: T0 + HOUR,
      idempotencyKey: 'b-1',
    });
    expect(first.ok).toBe(true);
    const retry = await store.bookings.bookSlot({
      ...base,
      people: [a.id, b.id],
      start: T0,
      end: T0 + HOUR,
      idempotencyKey: 'b-1',
    });
    expect(retry.ok === false && retry.reason === 'duplicate' && retry.booking.id).toBe(
      first.ok && first.booking.id,
    );
    const clash = await store.bookings.bookSlot({
      ...base,
      people: [b.id],
      start: T0 + HOUR - 60_000,
      end: T0 + 2 * HOUR,
      idempotencyKey: 'b-2',
    });
    expect(clash).toEqual({ ok: false, reason: 'conflict', people: [b.id] });
    const backToBack = await store.bookings.bookSlot({
      ...base,
      people: [b.id],
      start: T0 + HOUR,
      end: T0 + 2 * HOUR,
      idempotencyKey: 'b-3',
    });
    expect(backToBack.ok).toBe(true);
    expect(
      await store.bookings.bookSlot({ ...base, people: [a.id], start: T0, end: T0, idempotencyKey: 'b-4' }),
    ).toEqual({ ok: false, reason: 'invalid_range' });
    const foreign = await personIn(other, 'U-foreign');
    expect(
      await store.bookings.bookSlot({
        ...base,
        people: [foreign.id],
        start: T0 + 9 * HOUR,
        end: T0 + 10 * HOUR,
        idempotencyKey: 'b-5',
      }),
    ).toEqual({
      ok: false,
      reason: 'unknown_person',
      people: [foreign.id],
    });

    const booking = first.ok ? first.booking : undefined;
    const event = await store.bookings.recordEvent(slack.tenantId, booking!.id, {
      personId: a.id,
      calendarId: 'primary',
      providerEventId: 'evt-1',
      iCalUID: 'evt-1@google.com',
      status: 'created',
    });
    expect(event).toMatchObject({ providerEventId: 'evt-1', iCalUID: 'evt-1@google.com', status: 'created' });
    expect((await store.bookings.get(slack.tenantId, booking!.id))?.events).toHaveLength(1);
    expect(
      await store.bookings.listForPerson(slack.tenantId, a.id, { start: T0, end: T0 + HOUR }),
    ).toHaveLength(1);

    expect(await store.bookings.cancel(slack.tenantId, booking!.id)).toBe(true);
    expect(await store.bookings.cancel(slack.tenantId, booking!.id)).toBe(false);
    const rebook = await store.bookings.bookSlot({
      ...base,
      people: [a.id],
      start: T0,
      end: T0 + HOUR,
      idempotencyKey: 'b-6',
    });
    expect(rebook.ok).toBe(true);
  });

  it('bookings.get, conversation and recordEvent are tenant scoped: another tenant sees nothing and changes nothing', async () => {
    const a = await personIn(slack, 'U-scope-a');
    const booked = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Private',
      people: [a.id],
      start: T0 + 20 * HOUR,
      end: T0 + 21 * HOUR,
      idempotencyKey: 'scope-1',
    });
    if (!booked.ok) throw new Error(booked.reason);
    const id = booked.booking.id;
    expect((await store.bookings.get(slack.tenantId, id))?.title).toBe('Private');
    expect(await store.bookings.get(other.tenantId, id)).toBeNull();
    expect(await store.bookings.findByIdempotencyKey(other.tenantId, 'scope-1')).toBeNull();
    expect(await store.bookings.conversation(other.tenantId, id)).toBeNull();
    expect(
      await store.bookings.recordEvent(other.tenantId, id, {
        personId: a.id,
        calendarId: 'primary',
        providerEventId: 'evt-x',
        status: 'created',
      }),
    ).toBeNull();
    expect(await store.bookings.cancel(other.tenantId, id)).toBe(false);
    const still = await store.bookings.get(slack.tenantId, id);
    expect(still).toMatchObject({ status: 'booked', events: [] });
    // Malformed ids are "not found", never an error.
    expect(await store.bookings.get(slack.tenantId, 'not-a-uuid')).toBeNull();
  });

  it('bookings: a series keeps when its last occurrence ends; listOngoingSeries finds it after its first, tenant scoped, bounded', async () => {
    const a = await personIn(slack, 'U-series-a');
    const b = await personIn(slack, 'U-series-b');
    const start = T0 + 200 * HOUR;
    const seriesEndsAt = start + 5 * 7 * 24 * HOUR + HOUR; // six weekly occurrences
    const series = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Weekly',
      people: [a.id, b.id],
      start,
      end: start + HOUR,
      seriesEndsAt,
      idempotencyKey: 'series-1',
    });
    const one = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Once',
      people: [a.id],
      start: start + 2 * HOUR,
      end: start + 3 * HOUR,
      idempotencyKey: 'series-2',
    });
    if (!series.ok || !one.ok) throw new Error('booking failed');
    expect(series.booking.seriesEndsAt).toBe(seriesEndsAt);
    expect(one.booking.seriesEndsAt ?? null).toBeNull();
    // A week after the first occurrence: the series only (the single meeting is over and no series).
    const later = start + 7 * 24 * HOUR;
    expect(
      (await store.bookings.listOngoingSeries(slack.tenantId, a.id, later, 10)).map((x) => x.id),
    ).toEqual([series.booking.id]);
    expect(
      await store.bookings.listForPerson(slack.tenantId, a.id, { start: later, end: later + HOUR }),
    ).toEqual([]);
    // Not once its last occurrence has ended; not for another tenant; not beyond the limit; not cancelled.
    expect(await store.bookings.listOngoingSeries(slack.tenantId, a.id, seriesEndsAt, 10)).toEqual([]);
    expect(await store.bookings.listOngoingSeries(other.tenantId, a.id, later, 10)).toEqual([]);
    expect(await store.bookings.listOngoingSeries(slack.tenantId, a.id, later, 0)).toEqual([]);
    // Moved as a whole by a day: its last occurrence moves with it.
    const moved = await store.bookings.reschedule({
      tenantId: slack.tenantId,
      bookingId: series.booking.id,
      start: start + 24 * HOUR,
      end: start + 25 * HOUR,
    });
    expect(moved.ok && moved.booking.seriesEndsAt).toBe(seriesEndsAt + 24 * HOUR);
    expect(await store.bookings.cancel(slack.tenantId, series.booking.id)).toBe(true);
    expect(await store.bookings.listOngoingSeries(slack.tenantId, b.id, later, 10)).toEqual([]);
  });

  it('bookings: members taking turns per occurrence keep their turn; invalid turns are not stored', async () => {
    const org = await personIn(slack, 'U-turns-org');
    const ana = await personIn(slack, 'U-turns-ana');
    const li = await personIn(slack, 'U-turns-li');
    const start = T0 + 400 * HOUR;
    const booked = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Turns',
      people: [org.id, ana.id, li.id],
      start,
      end: start + HOUR,
      seriesEndsAt: start + 3 * 7 * 24 * HOUR + HOUR,
      turns: { of: 2, byPerson: { [ana.id]: 0, [li.id]: 1 } },
      idempotencyKey: 'turns-1',
    });
    if (!booked.ok) throw new Error(booked.reason);
    const turns = { of: 2, byPerson: { [ana.id]: 0, [li.id]: 1 } };
    expect(booked.booking.turns).toEqual(turns);
    expect((await store.bookings.get(slack.tenantId, booked.booking.id))?.turns).toEqual(turns);
    // A turn out of range, or fewer than two turns: attends every occurrence.
    const bad = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Bad turns',
      people: [org.id, ana.id],
      start: start + 2 * HOUR,
      end: start + 3 * HOUR,
      turns: { of: 1, byPerson: { [ana.id]: 0 } },
      idempotencyKey: 'turns-2',
    });
    if (!bad.ok) throw new Error(bad.reason);
    expect(bad.booking.turns).toBeUndefined();
  });

  it("bookings: a turn member is held at their own first occurrence, not the series' first; a reschedule keeps the offset", async () => {
    const WEEK = 7 * 24 * HOUR;
    const DAY = 24 * HOUR;
    const org = await personIn(slack, 'U-holds-org');
    const ana = await personIn(slack, 'U-holds-ana');
    const li = await personIn(slack, 'U-holds-li');
    const start = T0 + 600 * HOUR;
    const once = (key: string, who: string, at: number) =>
      store.bookings.bookSlot({
        tenantId: slack.tenantId,
        title: 'Once',
        people: [who],
        start: at,
        end: at + HOUR,
        idempotencyKey: key,
      });
    // A malformed hold is refused before anything is written.
    expect(
      await store.bookings.bookSlot({
        tenantId: slack.tenantId,
        title: 'Bad hold',
        people: [org.id, li.id],
        start,
        end: start + HOUR,
        holds: { [li.id]: { start: start + WEEK, end: start + WEEK } },
        idempotencyKey: 'holds-bad',
      }),
    ).toEqual({ ok: false, reason: 'invalid_range' });
    const series = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Turns',
      people: [org.id, ana.id, li.id],
      start,
      end: start + HOUR,
      seriesEndsAt: start + 3 * WEEK + HOUR,
      turns: { of: 2, byPerson: { [ana.id]: 0, [li.id]: 1 } },
      // Li's turn starts at the second occurrence; a key outside `people` is ignored.
      holds: {
        [li.id]: { start: start + WEEK, end: start + WEEK + HOUR },
        'not-a-participant': { start: 0, end: 0 },
      },
      idempotencyKey: 'holds-1',
    });
    if (!series.ok) throw new Error(series.reason);
    expect(series.booking.start).toBe(start);
    const rows = async () =>
      (
        await store.query<{ person_id: string; starts_at: Date; ends_at: Date }>(
          'SELECT person_id, starts_at, ends_at FROM booking_participant WHERE booking_id = $1',
          [series.booking.id],
        )
      ).map((r) => [r.person_id, new Date(r.starts_at).getTime(), new Date(r.ends_at).getTime()]);
    expect((await rows()).sort()).toEqual(
      [
        [org.id, start, start + HOUR],
        [ana.id, start, start + HOUR],
        [li.id, start + WEEK, start + WEEK + HOUR],
      ].sort(),
    );
    // Li does not attend the first occurrence: free there; held at their own first occurrence.
    const free = await once('holds-2', li.id, start);
    expect(free.ok).toBe(true);
    expect(await once('holds-3', li.id, start + WEEK)).toEqual({
      ok: false,
      reason: 'conflict',
      people: [li.id],
    });
    expect((await once('holds-4', ana.id, start)).ok).toBe(false);
    if (free.ok) expect(await store.bookings.cancel(slack.tenantId, free.booking.id)).toBe(true);
    // The search's busy read says the same: Li busy at their own first occurrence only, Ana at the first.
    const held = await store.bookings.busyForPeople(slack.tenantId, [ana.id, li.id], {
      start,
      end: start + 2 * WEEK,
    });
    expect(held.get(li.id)).toEqual([{ start: start + WEEK, end: start + WEEK + HOUR }]);
    expect(held.get(ana.id)).toEqual([{ start, end: start + HOUR }]);

    // Moved as a whole by a day: every row by the same shift, Li's still a week after the first.
    const moved = await store.bookings.reschedule({
      tenantId: slack.tenantId,
      bookingId: series.booking.id,
      start: start + DAY,
      end: start + DAY + HOUR,
    });
    expect(moved.ok && moved.booking.start).toBe(start + DAY);
    expect((await rows()).sort()).toEqual(
      [
        [org.id, start + DAY, start + DAY + HOUR],
        [ana.id, start + DAY, start + DAY + HOUR],
        [li.id, start + WEEK + DAY, start + WEEK + DAY + HOUR],
      ].sort(),
    );
    expect((await once('holds-5', li.id, start + WEEK)).ok).toBe(true);
    expect(await once('holds-6', li.id, start + WEEK + DAY)).toMatchObject({ reason: 'conflict' });
    // Li's own range is checked on a move: Li is busy at start + WEEK + 2 DAY, so moving a day more conflicts.
    expect((await once('holds-7', li.id, start + WEEK + 2 * DAY)).ok).toBe(true);
    expect(
      await store.bookings.reschedule({
        tenantId: slack.tenantId,
        bookingId: series.booking.id,
        start: start + 2 * DAY,
        end: start + 2 * DAY + HOUR,
      }),
    ).toEqual({ ok: false, reason: 'conflict', people: [li.id] });
  });

  it('batch reads answer what the per-person reads answer, tenant scoped', async () => {
    const a = await personIn(slack, 'U-batch-a');
    const b = await personIn(slack, 'U-batch-b');
    const c = await personIn(slack, 'U-batch-c');
    const stranger = await personIn(other, 'U-batch-x');
    await store.preferences.set(slack.tenantId, a.id, {
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
      workingHours: { rules: [], overrides: [] },
    });
    await store.preferences.set(other.tenantId, stranger.id, {
      timeZone: 'Asia/Tokyo',
      locale: 'ja-JP',
      workingHours: { rules: [], overrides: [] },
    });
    const prefs = await store.preferences.getMany!(slack.tenantId, [a.id, b.id, stranger.id]);
    expect([...prefs.keys()]).toEqual([a.id]);
    expect(prefs.get(a.id)).toEqual(await store.preferences.get(slack.tenantId, a.id));

    const people = await store.people.findByIdentities!(slack.id, [
      'U-batch-a',
      'U-batch-c',
      'U-batch-x',
      'U-none',
    ]);
    expect([...people.keys()].sort()).toEqual(['U-batch-a', 'U-batch-c']);
    expect(people.get('U-batch-c')).toEqual(await store.people.findByIdentity(slack.id, 'U-batch-c'));

    const booked = await store.bookings.bookSlot({
      tenantId: slack.tenantId,
      title: 'Batch',
      people: [a.id, b.id],
      start: T0 + 100 * HOUR,
      end: T0 + 101 * HOUR,
      idempotencyKey: 'batch-1',
    });
    expect(booked.ok).toBe(true);
    const range = { start: T0 + 99 * HOUR, end: T0 + 102 * HOUR };
    const busy = await store.bookings.busyForPeople!(slack.tenantId, [a.id, b.id, c.id], range);
    for (const id of [a.id, b.id, c.id])
      expect(busy.get(id)).toEqual(
        (await store.bookings.listForPerson(slack.tenantId, id, range)).map((x) => ({
          start: x.start,
          end: x.end,
        })),
      );
    expect(busy.get(a.id)).toEqual([{ start: T0 + 100 * HOUR, end: T0 + 101 * HOUR }]);
    expect((await store.bookings.busyForPeople!(other.tenantId, [a.id], range)).get(a.id)).toEqual([]);

    const conn = (await store.connections.save({
      tenantId: slack.tenantId,
      personId: c.id,
      provider: 'google',
      account: 'c@example.com',
      busyCalendarIds: ['primary'],
      writeCalendarId: null,
      secrets: { accessToken: 'at', refreshToken: 'rt' },
    }))!;
    expect((await store.connections.listForPeople!(slack.tenantId, [a.id, c.id])).map((x) => x.id)).toEqual([
      conn.id,
    ]);
    expect(await store.connections.listForPeople!(other.tenantId, [c.id])).toEqual([]);
    const secrets = await store.connections.secretsMany!(slack.tenantId, [conn.id]);
    expect(secrets.get(conn.id)).toEqual({ accessToken: 'at', refreshToken: 'rt' });
    expect((await store.connections.secretsMany!(other.tenantId, [conn.id])).size).toBe(0);
    expect(await store.connections.markSynced!(other.tenantId, [conn.id], T0)).toBe(0);
    expect(await store.connections.markSynced!(slack.tenantId, [conn.id], T0)).toBe(1);
    expect(await store.connections.get(slack.tenantId, conn.id)).toMatchObject({
      status: 'ok',
      lastSyncAt: T0,
    });
  });

  it('the database itself refuses overlapping active holds (exclusion constraint, SQLSTATE 23P01)', async () => {
    const p = await personIn(slack, 'U-raw');
    const insert = (key: string, status: string) =>
      store.query(
        `WITH b AS (INSERT INTO booking (id, tenant_id, title, starts_at, ends_at, idempotency_key, updated_at)
                    VALUES (gen_random_uuid(), $1, 'raw', $3, $4, $5, now()) RETURNING id)
         INSERT INTO booking_participant (booking_id, person_id, tenant_id, starts_at, ends_at, status)
         SELECT b.id, $2, $1, $3, $4, $6 FROM b`,
        [slack.tenantId, p.id, new Date(T0 + 100 * HOUR), new Date(T0 + 101 * HOUR), key, status],
      );
    await insert('raw-1', 'booked');
    const error = await insert('raw-2', 'held').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sqlState(error)).toBe('23P01');
    await expect(insert('raw-3', 'released')).resolves.toBeDefined();
  });

  it('jobs: dedupe, concurrent claims never share a job, retry with backoff, dead after the last attempt', async () => {
    const now = T0 + 1000 * HOUR;
    const a = await store.jobs.enqueue({
      kind: 'sync',
      payload: { n: 1 },
      runAt: now,
      dedupeKey: 'sync-1',
      maxAttempts: 2,
    });
    const dup = await store.jobs.enqueue({
      kind: 'sync',
      payload: { n: 2 },
      runAt: now,
      dedupeKey: 'sync-1',
    });
    expect(dup.id).toBe(a.id);
    expect(await store.jobs.get(a.id)).toEqual(a);
    expect(a).toMatchObject({ kind: 'sync', payload: { n: 1 }, status: 'queued', attempts: 0, runAt: now });
    // Concurrent enqueues of one key: one row, every caller gets it.
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.jobs.enqueue({ kind: 'race', payload: { i }, runAt: now + HOUR, dedupeKey: 'race-1' }),
      ),
    );
    expect(new Set(racing.map((j) => j.id)).size).toBe(1);
    expect(await store.jobs.listByDedupePrefix('race-1')).toHaveLength(1);
    for (let i = 0; i < 9; i++) await store.jobs.enqueue({ kind: 'mail', payload: { i }, runAt: now });
    const claims = await Promise.all(
      ['w1', 'w2', 'w3'].map((w) => store.jobs.claim(w, { limit: 4, leaseMs: 60_000, now: now + 1 })),
    );
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    const holder = ['w1', 'w2', 'w3'][claims.findIndex((c) => c.some((j) => j.id === a.id))]!;
    expect(await store.jobs.fail(a.id, 'nobody', 'x', now)).toBeNull();
    const retried = await store.jobs.fail(a.id, holder, 'HTTP 503', now + 1);
    expect(retried).toMatchObject({
      status: 'queued',
      attempts: 1,
      runAt: now + 1 + 30_000,
      lastError: 'HTTP 503',
    });
    expect(
      await store.jobs.claim('w4', { limit: 10, leaseMs: 60_000, now: now + 2, kinds: ['sync'] }),
    ).toEqual([]);
    const [again] = await store.jobs.claim('w4', {
      limit: 10,
      leaseMs: 60_000,
      now: now + 31_001,
      kinds: ['sync'],
    });
    expect(again?.id).toBe(a.id);
    expect(await store.jobs.fail(a.id, 'w4', 'HTTP 503', now + 31_002)).toMatchObject({
      status: 'dead',
      attempts: 2,
    });
    const mail = claims.flat().find((j) => j.kind === 'mail')!;
    const mailHolder = ['w1', 'w2', 'w3'][claims.findIndex((c) => c.some((j) => j.id === mail.id))]!;
    expect(await store.jobs.complete(mail.id, mailHolder)).toBe(true);
    expect((await store.jobs.get(mail.id))?.status).toBe('done');
  });

  it('audit log: append-only entries listed newest first per tenant', async () => {
    await store.audit.append({
      tenantId: slack.tenantId,
      actor: 'slack:U1',
      action: 'rotation.save',
      target: 'support',
      details: { members: 2 },
    });
    await store.audit.append({ tenantId: slack.tenantId, actor: 'cli', action: 'connection.remove' });
    await store.audit.append({ tenantId: other.tenantId, actor: 'cli', action: 'other' });
    const entries = await store.audit.list(slack.tenantId);
    expect(entries.map((e) => e.action)).toEqual(['connection.remove', 'rotation.save']);
    expect(entries[1]!.details).toEqual({ members: 2 });
  });
});
