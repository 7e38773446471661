/**
 * Use case: presenting a request's proposals on a chat surface, the steps every surface shares. The surface
 * only renders and posts (`ProposalSurface.post`) and sends its own DM (`nudge`); this records where the
 * proposals were posted (so the booking can edit that message and "more times" can replace it) and picks the
 * people to nudge: each person named by a `not_linked` gap, once.
 */
import type {
  AuditLogRepository,
  MeetingRequestRepository,
  MessageRef,
  Person,
  PersonRepository,
} from './ports/store.ts';
import type { ProposalView } from './views.ts';

export interface PresentRequestDeps {
  readonly store: {
    readonly requests: Pick<MeetingRequestRepository, 'setMessage' | 'setProposalMessage'>;
    readonly people: Pick<PersonRepository, 'get'>;
    /** Where shown confirmations are recorded; none: not recorded. */
    readonly audit?: Pick<AuditLogRepository, 'append'>;
  };
}

export interface ConfirmationShownInput {
  readonly tenantId: string;
  readonly actorPersonId: string;
  /** The platform's name for the clicker, e.g. `discord:<user id>`. */
  readonly actor: string;
  readonly bookingId: string;
  /** How the confirmation reached the channel (the surface's route: original message, channel, DM…). */
  readonly via: string;
  readonly alreadyBooked: boolean;
}

export interface RecordMessageInput {
  readonly tenantId: string;
  readonly requestId: string;
  readonly proposalId: string;
  readonly message: MessageRef;
}

/** What a surface does with a proposal view: post it (its message reference, if any), DM one person. */
export interface ProposalSurface {
  post(view: ProposalView): Promise<MessageRef | null>;
  nudge(person: Person): Promise<void>;
  /**
   * The proposals are out: what the request must show is done (recording where, and the nudges, follow).
   * A surface whose request is durably recorded (src/bot/inbox.ts) completes that record here, so that a
   * replica stopping after the post does not have the request run, and posted, again.
   */
  shown?(): Promise<void>;
}

export interface NudgeInput {
  readonly tenantId: string;
  readonly gaps: readonly { readonly personId: string; readonly code: string }[];
  /** Not nudged even if named by a gap (the organiser, who sees the gap in the message). */
  readonly exceptPersonId?: string;
}

/** Records where the proposals live, on the request and on its proposal. */
export async function recordProposalMessage(
  deps: PresentRequestDeps,
  input: RecordMessageInput,
): Promise<void> {
  const { requests } = deps.store;
  await requests.setMessage(input.tenantId, input.requestId, input.message);
  await requests.setProposalMessage(input.tenantId, input.proposalId, input.message);
}

/** The people without a linked calendar, once each, in gap order. */
export async function peopleToNudge(deps: PresentRequestDeps, input: NudgeInput): Promise<Person[]> {
  const ids = [...new Set(input.gaps.filter((g) => g.code === 'not_linked').map((g) => g.personId))].filter(
    (id) => id !== input.exceptPersonId,
  );
  const people: Person[] = [];
  for (const id of ids) {
    const person = await deps.store.people.get(input.tenantId, id);
    if (person) people.push(person);
  }
  return people;
}

/** DMs (through the surface) every person without a linked calendar; returns how many were nudged. */
export async function nudgeUnlinked(
  deps: PresentRequestDeps,
  surface: Pick<ProposalSurface, 'nudge'>,
  input: NudgeInput,
): Promise<number> {
  const people = await peopleToNudge(deps, input);
  for (const person of people) await surface.nudge(person);
  return people.length;
}

/**
 * Posts the proposals, tells the surface they are shown (`shown`), records where (when the platform gave a
 * message id), then nudges the unlinked.
 */
export async function presentProposals(
  deps: PresentRequestDeps,
  surface: ProposalSurface,
  input: { readonly tenantId: string; readonly view: ProposalView; readonly exceptPersonId?: string },
): Promise<{ readonly message: MessageRef | null; readonly nudged: number }> {
  const { view } = input;
  const message = await surface.post(view);
  // At once: the platform gives no way to post only once, so the time between its taking the message and
  // this is the time in which a stopped process has the request run, and posted, again (src/bot/inbox.ts).
  await surface.shown?.();
  if (message?.messageId)
    await recordProposalMessage(deps, {
      tenantId: input.tenantId,
      requestId: view.requestId,
      proposalId: view.proposalId,
      message,
    });
  const nudged = await nudgeUnlinked(deps, surface, {
    tenantId: input.tenantId,
    gaps: view.gaps,
    ...(input.exceptPersonId !== undefined ? { exceptPersonId: input.exceptPersonId } : {}),
  });
  return { message, nudged };
}

/** A booking confirmation was shown: recorded in the audit log (`booking.confirmed`) with how it was delivered. */
export async function recordConfirmationShown(
  deps: PresentRequestDeps,
  input: ConfirmationShownInput,
): Promise<void> {
  await deps.store.audit?.append({
    tenantId: input.tenantId,
    actorId: input.actorPersonId,
    actor: input.actor,
    action: 'booking.confirmed',
    target: input.bookingId,
    details: { via: input.via, alreadyBooked: input.alreadyBooked },
  });
}
