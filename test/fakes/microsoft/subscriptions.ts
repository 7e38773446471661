/**
 * Fake Graph change-notification subscriptions (TEST infrastructure): create with the validation
 * handshake, PATCH renewal, DELETE, and real POST deliveries of change and lifecycle notifications to
 * the subscriber's URLs. Plain http URLs are accepted on purpose (Graph requires https): test
 * receivers run on 127.0.0.1 without certificates.
 * @see https://learn.microsoft.com/graph/api/subscription-post-subscriptions
 * @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
 * @see https://learn.microsoft.com/graph/change-notifications-lifecycle-events
 */
import { randomUUID } from 'node:crypto';
import { type FakeRequest, type FakeResponse, graphError, INVALID_JSON, jsonBody } from './http.ts';
import type { FakeState } from './server.ts';
import type { Mailbox } from './state.ts';

/** Outlook event subscriptions: at most 10,080 minutes. */
export const MAX_SUBSCRIPTION_MINUTES = 10_080;
/** "Your endpoint must respond within 10 seconds" to the validation request. */
export const VALIDATION_TIMEOUT_MS = 10_000;
export const FAKE_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
/** Per-mailbox cap across apps. @see https://learn.microsoft.com/graph/outlook-change-notifications-overview */
const PER_MAILBOX_CAP = 1000;

export type ChangeType = 'created' | 'updated' | 'deleted';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface FakeSubscription {
  readonly id: string;
  readonly mailbox: string;
  readonly calendarId: string;
  readonly resource: string;
  readonly changeTypes: readonly ChangeType[];
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string | undefined;
  readonly clientState: string | undefined;
  expiration: number;
}

export interface GraphDelivery {
  readonly url: string;
  readonly kind: 'validation' | 'notification' | 'lifecycle' | 'forged';
  readonly subscriptionId: string | undefined;
  /** The receiver's status, 0 when the POST failed or timed out. */
  readonly status: number;
  readonly body: unknown;
}

export class FakeSubscriptions {
  readonly byId = new Map<string, FakeSubscription>();
  readonly deliveries: GraphDelivery[] = [];
  /** Last notification body sent per subscription (for `redeliver`). */
  readonly #last = new Map<string, unknown>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #state: FakeState;
  validationTimeoutMs = VALIDATION_TIMEOUT_MS;

  constructor(state: FakeState) {
    this.#state = state;
  }

  async handle(req: FakeRequest, mailbox: Mailbox, scopes: readonly string[], id: string | undefined) {
    if (!scopes.some((s) => /^Calendars\.(Read|ReadWrite)(\.Shared)?$/i.test(s))) {
      return graphError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden]');
    }
    if (id === undefined && req.method === 'POST') return this.#create(req, mailbox);
    if (id === undefined && req.method === 'GET') {
      return {
        status: 200,
        body: {
          value: [...this.byId.values()]
            .filter((s) => s.mailbox === mailbox.address)
            .map((s) => this.#json(s)),
        },
      };
    }
    const subscription = id ? this.byId.get(id) : undefined;
    if (!subscription || subscription.mailbox !== mailbox.address) {
      return graphError(404, 'ResourceNotFound', `The object was not found.`);
    }
    if (req.method === 'GET') return { status: 200, body: this.#json(subscription) };
    if (req.method === 'DELETE') {
      this.byId.delete(subscription.id);
      return { status: 204 };
    }
    if (req.method === 'PATCH') {
      const body = jsonBody(req) as { expirationDateTime?: unknown } | undefined;
      const expiration = this.#expiration(body?.expirationDateTime);
      if (typeof expiration !== 'number') return expiration;
      subscription.expiration = expiration;
      return { status: 200, body: this.#json(subscription) };
    }
    return graphError(405, 'BadRequest', 'Method not allowed.');
  }

  async #create(req: FakeRequest, mailbox: Mailbox): Promise<FakeResponse> {
    const body = jsonBody(req);
    if (body === INVALID_JSON || typeof body !== 'object' || body === null) {
      return graphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
    }
    const b = body as Record<string, unknown>;
    const changeTypes = String(b.changeType ?? '')
      .split(',')
      .map((c) => c.trim());
    if (changeTypes.length === 0 || !changeTypes.every((c) => CHANGE_TYPES.has(c))) {
      return graphError(400, 'InvalidRequest', "Invalid 'changeType' attribute.");
    }
    const resource = String(b.resource ?? '').replace(/^\//, '');
    const calendarId = this.#calendarFor(resource, mailbox);
    if (!calendarId) return graphError(400, 'InvalidRequest', `Invalid resource '${resource}'.`);
    if (typeof b.notificationUrl !== 'string' || !/^https?:\/\//.test(b.notificationUrl)) {
      return graphError(400, 'InvalidRequest', 'The notificationUrl must be an https URL.');
    }
    const lifecycle = b.lifecycleNotificationUrl;
    if (lifecycle !== undefined && (typeof lifecycle !== 'string' || !/^https?:\/\//.test(lifecycle))) {
      return graphError(400, 'InvalidRequest', 'The lifecycleNotificationUrl must be an https URL.');
    }
    // "clientState: maximum length is 128 characters."
    if (b.clientState !== undefined && (typeof b.clientState !== 'string' || b.clientState.length > 128)) {
      return graphError(400, 'InvalidRequest', 'clientState must be at most 128 characters.');
    }
    const expiration = this.#expiration(b.expirationDateTime);
    if (typeof expiration !== 'number') return expiration;
    if ([...this.byId.values()].filter((s) => s.mailbox === mailbox.address).length >= PER_MAILBOX_CAP) {
      return graphError(403, 'ExtensionError', 'Maximum number of subscriptions reached for this mailbox.');
    }
    // Both URLs are validated before the subscription exists: echo the token (200 text/plain) within 10 s.
    for (const url of [b.notificationUrl, ...(typeof lifecycle === 'string' ? [lifecycle] : [])]) {
      if (!(await this.#validate(url))) {
        return graphError(
          400,
          'ValidationError',
          'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
        );
      }
    }
    const subscription: FakeSubscription = {
      id: randomUUID(),
      mailbox: mailbox.address,
      calendarId,
      resource,
      changeTypes: changeTypes as ChangeType[],
      notificationUrl: b.notificationUrl,
      lifecycleNotificationUrl: typeof lifecycle === 'string' ? lifecycle : undefined,
      clientState: typeof b.clientState === 'string' ? b.clientState : undefined,
      expiration,
    };
    this.byId.set(subscription.id, subscription);
    return { status: 201, body: this.#json(subscription) };
  }

  #calendarFor(resource: string, mailbox: Mailbox): string | undefined {
    const lower = resource.toLowerCase();
    if (lower === 'me/events') return mailbox.calendars.find((c) => c.isDefaultCalendar)?.id;
    const match = /^me\/calendars\/([^/]+)\/events$/i.exec(resource);
    if (!match) return undefined;
    const id = decodeURIComponent(match[1]!);
    return mailbox.calendars.find((c) => c.id === id)?.id;
  }

  #expiration(raw: unknown): number | FakeResponse {
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    const now = this.#state.now();
    if (Number.isNaN(ms) || ms <= now) {
      return graphError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
    }
    if (ms > now + MAX_SUBSCRIPTION_MINUTES * 60_000) {
      return graphError(
        400,
        'InvalidRequest',
        `Subscription expiration can only be ${MAX_SUBSCRIPTION_MINUTES} minutes in the future.`,
      );
    }
    return ms;
  }

  #json(s: FakeSubscription) {
    return {
      '@odata.context': `${this.#state.origin}/v1.0/$metadata#subscriptions/$entity`,
      id: s.id,
      resource: s.resource,
      applicationId: '24d3b144-21ae-4080-943f-7067b395b913',
      changeType: s.changeTypes.join(','),
      clientState: s.clientState ?? null,
      notificationUrl: s.notificationUrl,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
      expirationDateTime: new Date(s.expiration).toISOString(),
      creatorId: 'fake-creator',
      latestSupportedTlsVersion: 'v1_2',
    };
  }

  /** The validation handshake: POST url?validationToken=… and expect the decoded token echoed as text/plain. */
  async #validate(url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    const result = await this.#post(
      target.toString(),
      undefined,
      'validation',
      undefined,
      this.validationTimeoutMs,
    );
    return (
      result.status === 200 &&
      result.text === token &&
      (result.contentType ?? '').toLowerCase().startsWith('text/plain')
    );
  }

  /** An event changed in a mailbox calendar: every live subscription on it gets a notification. */
  eventChanged(mailbox: Mailbox, calendarId: string, eventId: string, changeType: ChangeType): void {
    const now = this.#state.now();
    for (const s of this.byId.values()) {
      if (s.mailbox !== mailbox.address || s.calendarId !== calendarId) continue;
      if (!s.changeTypes.includes(changeType)) continue;
      // An expired subscription is gone: nothing more is delivered.
      if (s.expiration <= now) {
        this.byId.delete(s.id);
        continue;
      }
      const body = {
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: new Date(s.expiration).toISOString(),
            changeType,
            resource: `Users/${userId(mailbox.address)}/Events/${eventId}`,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Event',
              '@odata.id': `Users/${userId(mailbox.address)}/Events/${eventId}`,
              id: eventId,
            },
            ...(s.clientState !== undefined ? { clientState: s.clientState } : {}),
            tenantId: FAKE_TENANT_ID,
          },
        ],
      };
      this.#last.set(s.id, body);
      void this.#post(s.notificationUrl, body, 'notification', s.id);
    }
  }

  /** Sends the subscription's last notification again (Graph retries until a 2xx within 3 s). */
  redeliver(subscriptionId: string): Promise<number> {
    const s = this.byId.get(subscriptionId);
    const body = this.#last.get(subscriptionId);
    if (!s || body === undefined) throw new Error(`fake graph: nothing delivered on ${subscriptionId}`);
    return this.#post(s.notificationUrl, body, 'notification', s.id).then((r) => r.status);
  }

  /** A lifecycle notification; `subscriptionRemoved` also deletes the subscription. */
  lifecycle(subscriptionId: string, event: LifecycleEvent): Promise<number> {
    const s = this.byId.get(subscriptionId);
    if (!s?.lifecycleNotificationUrl) throw new Error(`fake graph: no lifecycle URL on ${subscriptionId}`);
    if (event === 'subscriptionRemoved') this.byId.delete(s.id);
    const body = {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: new Date(s.expiration).toISOString(),
          tenantId: FAKE_TENANT_ID,
          ...(s.clientState !== undefined ? { clientState: s.clientState } : {}),
          lifecycleEvent: event,
        },
      ],
    };
    return this.#post(s.lifecycleNotificationUrl, body, 'lifecycle', s.id).then((r) => r.status);
  }

  /** A POST that did not come from Graph (any body an attacker chooses). */
  forged(url: string, body: unknown): Promise<number> {
    return this.#post(url, body, 'forged', undefined).then((r) => r.status);
  }

  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #post(
    url: string,
    body: unknown,
    kind: GraphDelivery['kind'],
    subscriptionId: string | undefined,
    timeoutMs = 30_000,
  ): Promise<{ status: number; text: string; contentType: string | undefined }> {
    const run = (async () => {
      let result = { status: 0, text: '', contentType: undefined as string | undefined };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': body === undefined ? 'text/plain; charset=utf-8' : 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        result = {
          status: response.status,
          text: await response.text(),
          contentType: response.headers.get('content-type') ?? undefined,
        };
      } catch {
        // refused, reset or too slow: a failed delivery
      }
      this.deliveries.push({ url, kind, subscriptionId, status: result.status, body });
      return result;
    })();
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
    return run;
  }
}

function userId(address: string): string {
  const hex = Buffer.from(address.toLowerCase()).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
