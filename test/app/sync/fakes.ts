/**
 * Test doubles for two-way sync: a scripted change source (pages handed out in order, push channels
 * recorded), a notifier and meeting threads that record what they were asked to say.
 */
import type { ChangeSources } from '../../../src/app/calendar-sync.ts';
import type { BookingSummaryView } from '../../../src/app/manage-booking.ts';
import type { DmAction, MeetingThreads, Notifier } from '../../../src/app/ports/calendars.ts';
import type {
  ChangePage,
  ChangeQuery,
  ChangeSource,
  WatchChannel,
  WatchRequest,
} from '../../../src/app/ports/changes.ts';
import type { CalendarConnectionRepository } from '../../../src/app/ports/store.ts';

export class ScriptedSource implements ChangeSource {
  readonly pages: ChangePage[] = [];
  readonly queries: ChangeQuery[] = [];
  readonly watches: WatchRequest[] = [];
  readonly renewed: { channel: WatchChannel; ttlMs: number }[] = [];
  readonly stopped: WatchChannel[] = [];
  /** Push capabilities (absent for a CalDAV-like source). */
  push: 'google' | 'graph' | null = null;
  /** Thrown by `watch` (e.g. the provider refuses the address). */
  watchError: Error | null = null;
  #channels = 0;
  /** Graph subscription ids are unique across subscriptions: `<tag>sub-<n>`. */
  readonly tag = `${Math.random().toString(36).slice(2, 8)}-`;

  async listChanges(query: ChangeQuery): Promise<ChangePage> {
    this.queries.push(query);
    const page = this.pages.shift();
    if (!page) return { changes: [], cursor: query.cursor ?? 'c0', full: query.cursor === null };
    return page;
  }

  get watch(): ChangeSource['watch'] {
    if (!this.push) return undefined;
    return async (request) => {
      if (this.watchError) throw this.watchError;
      this.watches.push(request);
      this.#channels++;
      return {
        channelId: this.push === 'google' ? request.channelId : `${this.tag}sub-${this.#channels}`,
        ...(this.push === 'google' ? { resourceId: `res-${this.#channels}` } : {}),
        expiresAt: this.expiresAt,
      };
    };
  }

  expiresAt = 0;

  get renewWatch(): ChangeSource['renewWatch'] {
    if (this.push !== 'graph') return undefined;
    return async (channel, ttlMs) => {
      this.renewed.push({ channel, ttlMs });
      return { ...channel, expiresAt: channel.expiresAt + ttlMs };
    };
  }

  get stopWatch(): ChangeSource['stopWatch'] {
    if (!this.push) return undefined;
    return async (channel) => {
      this.stopped.push(channel);
    };
  }
}

/** Every connection of the store gets the same scripted source (per connection id when registered). */
export function scriptedSources(
  connections: Pick<CalendarConnectionRepository, 'get'>,
  sources: Map<string, ScriptedSource>,
): ChangeSources {
  return {
    async open(tenantId, connectionId) {
      const connection = await connections.get(tenantId, connectionId);
      if (!connection) return null;
      return { connection, source: sources.get(connectionId) ?? null };
    },
  };
}

export interface SentDm {
  readonly personId: string;
  readonly text: string;
  readonly actions: readonly DmAction[];
}

export class ActionNotifier implements Notifier {
  readonly sent: SentDm[] = [];
  async dm(_tenantId: string, personId: string, message: { text: string; actions?: readonly DmAction[] }) {
    this.sent.push({ personId, text: message.text, actions: message.actions ?? [] });
    return { ok: true as const };
  }
  to(personId: string): SentDm[] {
    return this.sent.filter((s) => s.personId === personId);
  }
}

export class RecordingThreads implements MeetingThreads {
  readonly notes: { bookingId: string; text: string }[] = [];
  /** The booking messages rewritten at a new time (`showMoved`). */
  readonly shown: { bookingId: string; view: BookingSummaryView; headline: string; movedBy: string }[] = [];
  async note(_tenantId: string, bookingId: string, text: string) {
    this.notes.push({ bookingId, text });
    return { ok: true as const };
  }
  async showMoved(
    _tenantId: string,
    bookingId: string,
    view: BookingSummaryView,
    headline: string,
    movedBy: string,
  ) {
    this.shown.push({ bookingId, view, headline, movedBy });
    return { ok: true as const };
  }
}
