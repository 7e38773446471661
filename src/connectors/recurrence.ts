/**
 * What the connectors share about writing a recurring event (`EventRecurrence` of the event draft):
 * the checks every provider makes; the RRULE text (Google `recurrence`, CalDAV `RRULE`) and the VTIMEZONE
 * of a CalDAV resource whose times are local to a zone live in src/core/icalendar-recurrence.ts (the .ics
 * offer of a series emits the same).
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10
 */
import { IANAZone } from 'luxon';
import type { EventRecurrence, RecurrenceCheck } from '../app/ports/provider.ts';

export {
  lastOccurrenceBound,
  rruleText,
  utcBasic,
  vtimezone,
} from '../core/icalendar-recurrence.ts';

/** Checks any provider makes: a known zone, a positive interval, at most one of COUNT/UNTIL, sane parts. */
export function checkCommon(rule: EventRecurrence): RecurrenceCheck {
  const no = (message: string): RecurrenceCheck => ({ ok: false, code: 'recurrence_unsupported', message });
  if (!IANAZone.isValidZone(rule.timeZone)) return no(`Unknown time zone ${rule.timeZone}.`);
  if (!Number.isInteger(rule.interval) || rule.interval < 1)
    return no('The interval must be a positive integer.');
  if (rule.count !== undefined && rule.until !== undefined)
    return no('A series ends by COUNT or UNTIL, not both.');
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1))
    return no('COUNT must be a positive integer.');
  if (rule.bySetPos !== undefined && (rule.freq !== 'MONTHLY' || !rule.byDay?.length))
    return no('BYSETPOS needs a monthly rule with BYDAY.');
  if (
    rule.byMonthDay !== undefined &&
    (rule.freq !== 'MONTHLY' || rule.byMonthDay < 1 || rule.byMonthDay > 31)
  )
    return no('BYMONTHDAY needs a monthly rule and a day 1…31.');
  return { ok: true };
}
