/**
 * Shared by the outbox, reminder, manage-booking and crash tests: a recording calendar (in memory, or
 * backed by a JSON-lines file shared across processes), a recording notifier, an empty busy reader and
 * a seeded tenant with a proposal.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { DeleteOutcome, EventEditor, EventTarget } from '../../src/app/outbox.ts';
import type { BusyReader, EventWriter, Notifier, WriteOutcome } from '../../src/app/ports/calendars.ts';
import type { EventDraft } from '../../src/app/ports/provider.ts';
import type { Repositories, RequestCriteria } from '../../src/app/ports/store.ts';

export const NOW = Date.UTC(2026, 10, 23, 8, 0);
export const HOUR = 3_600_000;
export const SLOT1 = { start: NOW + 26 * HOUR, end: NOW + 26 * HOUR + HOUR / 2 };
export const SLOT2 = { start: NOW + 28 * HOUR, end: NOW + 28 * HOUR + HOUR / 2 };

export interface StoredEvent {
  readonly eventId: string;
  readonly personId: string;
  readonly key: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly deleted: boolean;
}

type Draft = Omit<EventDraft, 'calendarId'>;

/**
 * A provider double with the connectors' guarantees: a create with a known idempotency key returns the
 * existing event; update and delete act on the event id (delete of a gone event succeeds).
 * `file`: the events live in a JSON-lines log, so two processes see the same calendars.
 */
export class RecordingCalendar implements EventWriter, EventEditor {
  readonly calls: { op: 'write' | 'update' | 'delete'; personId: string; eventId?: string }[] = [];
  /** Scripted failures per person (every call fails while set). */
  readonly failures = new Map<string, { code: string; message?: string }>();
  /** The connection id each person's writes report (seed() fills it with stored connections). */
  readonly connections = new Map<string, string>();
  readonly #memory: StoredEvent[] = [];
  readonly #file: string | undefined;

  constructor(file?: string) {
    this.#file = file;
  }

  /** Current state of every event (last record per event id wins). */
  events(): StoredEvent[] {
    const log = this.#file
      ? existsSync(this.#file)
        ? readFileSync(this.#file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as StoredEvent)
        : []
      : this.#memory;
    const byId = new Map<string, StoredEvent>();
    for (const e of log) byId.set(e.eventId, e);
    return [...byId.values()];
  }

  live(personId?: string): StoredEvent[] {
    return this.events().filter((e) => !e.deleted && (personId === undefined || e.personId === personId));
  }

  #put(event: StoredEvent): void {
    if (this.#file) appendFileSync(this.#file, `${JSON.stringify(event)}\n`);
    else this.#memory.push(event);
  }

  #conn(personId: string): string {
    return this.connections.get(personId) ?? `conn-${personId}`;
  }

  #failure(personId: string, connectionId: string | null): WriteOutcome | null {
    const f = this.failures.get(personId);
    return f
      ? { ok: false, connectionId, calendarId: `cal-${personId}`, code: f.code, message: f.message ?? f.code }
      : null;
  }

  async writeFor(_tenantId: string, personId: string, draft: Draft): Promise<WriteOutcome> {
    this.calls.push({ op: 'write', personId });
    const failed = this.#failure(personId, this.#conn(personId));
    if (failed) return failed;
    const existing = this.events().find((e) => e.key === draft.idempotencyKey);
    if (existing)
      return {
        ok: true,
        connectionId: this.#conn(personId),
        calendarId: `cal-${personId}`,
        event: { eventId: existing.eventId },
      };
    const event: StoredEvent = {
      eventId: `evt-${draft.idempotencyKey.replace(/[^a-z0-9]/gi, '').slice(-24)}-${this.events().length + 1}`,
      personId,
      key: draft.idempotencyKey,
      title: draft.title,
      start: draft.start,
      end: draft.end,
      deleted: false,
    };
    this.#put(event);
    return {
      ok: true,
      connectionId: this.#conn(personId),
      calendarId: `cal-${personId}`,
      event: { eventId: event.eventId },
    };
  }

  async updateFor(
    _tenantId: string,
    personId: string,
    target: EventTarget,
    draft: Draft,
  ): Promise<WriteOutcome> {
    this.calls.push({ op: 'update', personId, eventId: target.eventId });
    const failed = this.#failure(personId, target.connectionId);
    if (failed) return failed;
    const event = this.events().find((e) => e.eventId === target.eventId && !e.deleted);
    if (!event) return { ok: false, connectionId: target.connectionId, code: 'not_found', message: 'gone' };
    this.#put({ ...event, title: draft.title, start: draft.start, end: draft.end });
    return {
      ok: true,
      connectionId: target.connectionId ?? this.#conn(personId),
      calendarId: target.calendarId,
      event: { eventId: event.eventId },
    };
  }

  async deleteFor(_tenantId: string, personId: string, target: EventTarget): Promise<DeleteOutcome> {
    this.calls.push({ op: 'delete', personId, eventId: target.eventId });
    const f = this.failures.get(personId);
    if (f && f.code !== 'not_found') return { ok: false, code: f.code, message: f.message ?? f.code };
    const event = this.events().find((e) => e.eventId === target.eventId);
    if (event && !event.deleted) this.#put({ ...event, deleted: true });
    return { ok: true };
  }
}

export class RecordingNotifier implements Notifier {
  readonly sent: { tenantId: string; personId: string; text: string }[] = [];
  readonly unreachable = new Set<string>();
  async dm(tenantId: string, personId: string, message: { text: string }) {
    if (this.unreachable.has(personId)) return { ok: false as const, code: 'cannot_dm' };
    this.sent.push({ tenantId, personId, text: message.text });
    return { ok: true as const };
  }
  to(personId: string): string[] {
    return this.sent.filter((s) => s.personId === personId).map((s) => s.text);
  }
}

/** Nobody is busy (the store's own bookings still count in the use cases). */
export const freeBusy: BusyReader = {
  async busyFor(_tenantId, personIds) {
    return { people: personIds.map((personId) => ({ personId, busy: [], complete: true })), gaps: [] };
  },
};

export interface Seeded {
  readonly tenantId: string;
  readonly workspaceId: string;
  /** Organiser, English, Paris. */
  readonly ana: string;
  /** English, New York. */
  readonly li: string;
  /** French, Paris. */
  readonly zoe: string;
  readonly outsider: string;
  readonly proposalId: string;
  /** Each person's stored (Google) connection. */
  readonly connections: ReadonlyMap<string, string>;
}

type SeedStore = Pick<Repositories, 'workspaces' | 'people' | 'preferences' | 'requests' | 'connections'>;

/** `criteria`: the request's (e.g. a series' `recurrence`); absent: a single meeting. */
export async function seed(
  store: SeedStore,
  tag = 'T1',
  slots = [SLOT1, SLOT2],
  criteria?: RequestCriteria,
): Promise<Seeded> {
  const ws = await store.workspaces.install({ platform: 'slack', externalId: tag, name: 'Acme' });
  const connections = new Map<string, string>();
  const person = async (user: string, name: string, timeZone: string, locale: string) => {
    const p = await store.people.upsertByIdentity({
      workspaceId: ws.id,
      externalUserId: `${tag}-${user}`,
      displayName: name,
      email: `${user}.${tag.toLowerCase()}@example.com`,
    });
    if (!p) throw new Error('seed: workspace missing');
    const connection = await store.connections.save({
      tenantId: ws.tenantId,
      personId: p.id,
      provider: 'google',
      account: `${user}.${tag.toLowerCase()}@example.com`,
      busyCalendarIds: ['primary'],
      writeCalendarId: 'primary',
      secrets: { accessToken: 'test-token' },
    });
    if (connection) connections.set(p.id, connection.id);
    await store.preferences.set(ws.tenantId, p.id, {
      timeZone,
      locale,
      workingHours: { rules: [], overrides: [] },
    });
    return p.id;
  };
  const ana = await person('ana', 'Ana', 'Europe/Paris', 'en-GB');
  const li = await person('li', 'Li', 'America/New_York', 'en-US');
  const zoe = await person('zoe', 'Zoé', 'Europe/Paris', 'fr-FR');
  const outsider = await person('out', 'Olga', 'UTC', 'en');
  const request = await store.requests.create({
    tenantId: ws.tenantId,
    workspaceId: ws.id,
    requesterId: ana,
    title: 'Roadmap',
    durationMinutes: 30,
    window: { start: NOW, end: NOW + 7 * 24 * HOUR },
    participants: [{ personId: li }, { personId: zoe }],
    message: { channelId: 'C1', messageId: null },
    ...(criteria ? { criteria } : {}),
  });
  if (!request) throw new Error('seed: request refused');
  const proposal = await store.requests.propose(ws.tenantId, request.id, {
    slots: slots.map((s, i) => ({ ...s, score: 10 - i })),
    expiresAt: null,
  });
  if (!proposal) throw new Error('seed: proposal refused');
  return {
    tenantId: ws.tenantId,
    workspaceId: ws.id,
    ana,
    li,
    zoe,
    outsider,
    proposalId: proposal.id,
    connections,
  };
}
