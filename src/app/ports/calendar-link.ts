/**
 * What the link page needs from the connectors to link a CalDAV account or an ICS feed: discovery with a
 * live check (connectors/caldav/discover.ts) and feed validation (connectors/ics/validate.ts). Failures
 * carry a `link.caldav.*` / `link.ics.*` catalogue key and its parameters.
 */

export interface LinkableCalendar {
  /** Absolute collection URL. */
  readonly id: string;
  readonly name: string;
  /** `#rrggbb`. */
  readonly color?: string;
  readonly writable: boolean;
}

export interface LinkProbeError {
  readonly code: string;
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** For logs only (may name internal addresses). */
  readonly detail: string;
}

export interface CalDavLinkInput {
  readonly server?: string;
  readonly email?: string;
  readonly username: string;
  readonly password: string;
}

export type CalDavProbeResult =
  | {
      readonly ok: true;
      readonly account: {
        readonly serverUrl: string;
        readonly principalUrl: string;
        readonly service: string;
        readonly calendars: readonly LinkableCalendar[];
      };
    }
  | { readonly ok: false; readonly error: LinkProbeError };

export type IcsProbeResult =
  | {
      readonly ok: true;
      readonly feed: { readonly url: string; readonly name?: string; readonly events: number };
    }
  | { readonly ok: false; readonly error: LinkProbeError };

export interface CalendarLinkProbes {
  discoverCalDav(input: CalDavLinkInput): Promise<CalDavProbeResult>;
  validateIcs(url: string): Promise<IcsProbeResult>;
}
