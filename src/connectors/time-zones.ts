/**
 * Resolves the zone names calendars send into IANA zones: IANA names pass through, Windows names
 * ("Romance Standard Time", from Graph and Outlook-made ICS files) map through CLDR's windowsZones table.
 * @see https://learn.microsoft.com/graph/api/resources/datetimetimezone
 * @see https://github.com/unicode-org/cldr/blob/main/common/supplemental/windowsZones.xml
 */

import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

export function resolveZone(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (trimmed === 'UTC' || trimmed === 'Etc/UTC' || trimmed === 'Z') return 'UTC';
  if (IANAZone.isValidZone(trimmed)) return trimmed;
  // CLDR lists the canonical zone first.
  const iana = findIana(trimmed)?.[0];
  return iana && IANAZone.isValidZone(iana) ? iana : undefined;
}
