/**
 * `/meet unlink`: which of a person's calendars to remove (all of them, those of one provider, one account,
 * or the only one), each removed through the linking use case (which revokes and forgets its tokens). Outcomes are
 * values with codes; the surfaces word them.
 */
import type { CalendarConnection, CalendarConnectionRepository } from './ports/store.ts';
import type { CalendarLinking } from './use-cases.ts';

export interface UnlinkCalendarsInput {
  readonly tenantId: string;
  readonly personId: string;
  /** Every linked calendar. */
  readonly all?: boolean;
  /** Only this provider's calendars (`google`, `microsoft`, `caldav`, `ics`). */
  readonly provider?: string;
  /** Only this account (one connection of the person's; another person's is never found). */
  readonly connectionId?: string;
}

export type UnlinkCalendarsResult =
  | { readonly ok: true; readonly unlinked: readonly CalendarConnection[] }
  /** `none_linked`: nothing to unlink; `which`: several calendars and no choice among them. */
  | {
      readonly ok: false;
      readonly code: 'none_linked' | 'which';
      readonly linked: readonly CalendarConnection[];
    }
  | { readonly ok: false; readonly code: 'not_configured'; readonly linked: readonly CalendarConnection[] };

export async function unlinkCalendars(
  deps: {
    readonly store: { readonly connections: Pick<CalendarConnectionRepository, 'listForPerson'> };
    readonly linking?: Pick<CalendarLinking, 'unlink'>;
  },
  input: UnlinkCalendarsInput,
): Promise<UnlinkCalendarsResult> {
  const linked = await deps.store.connections.listForPerson(input.tenantId, input.personId);
  if (linked.length === 0) return { ok: false, code: 'none_linked', linked };
  const targets = input.all
    ? linked
    : input.connectionId !== undefined
      ? linked.filter((c) => c.id === input.connectionId)
      : input.provider
        ? linked.filter((c) => c.provider === input.provider)
        : linked.length === 1
          ? linked
          : [];
  if (targets.length === 0) return { ok: false, code: 'which', linked };
  if (!deps.linking) return { ok: false, code: 'not_configured', linked };
  const unlinked: CalendarConnection[] = [];
  for (const c of targets) {
    const result = await deps.linking.unlink({
      tenantId: input.tenantId,
      personId: input.personId,
      connectionId: c.id,
    });
    if (result.ok) unlinked.push(c);
  }
  return { ok: true, unlinked };
}
