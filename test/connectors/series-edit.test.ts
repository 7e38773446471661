/**
 * The pure parts of managing a written series: ending an RRULE before an occurrence (Google, CalDAV) and
 * the CalDAV resource edits (EXDATE, RECURRENCE-ID override, UNTIL). The providers' behaviour is the
 * contract case in ./contract.ts; these pin the edge cases the contract does not reach.
 */
import { describe, expect, it } from 'vitest';
import { draftToIcs, editSeriesIcs } from '../../src/connectors/caldav/mapper.ts';
import { expandIcs } from '../../src/connectors/ics/expand.ts';
import { endRuleBefore, ruleOccursAt } from '../../src/connectors/recurrence.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Tuesday 5 March 2030, 10:00 Paris; every 2 weeks, 6 times; 10:00 Paris is 08:00 UTC from 31 March.
const first = Date.UTC(2030, 2, 5, 9);
const o = [
  Date.UTC(2030, 2, 5, 9),
  Date.UTC(2030, 2, 19, 9),
  Date.UTC(2030, 3, 2, 8),
  Date.UTC(2030, 3, 16, 8),
  Date.UTC(2030, 3, 30, 8),
  Date.UTC(2030, 4, 14, 8),
];
const STAMP = Date.UTC(2030, 2, 1);

describe('endRuleBefore', () => {
  it('replaces COUNT by UNTIL one second before the first occurrence removed, keeping the other parts', () => {
    expect(endRuleBefore('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6', o[5]!)).toBe(
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20300514T075959Z',
    );
    expect(endRuleBefore('FREQ=DAILY;INTERVAL=1', Date.UTC(2030, 0, 2, 9))).toBe(
      'FREQ=DAILY;INTERVAL=1;UNTIL=20300102T085959Z',
    );
  });

  it('keeps an earlier UNTIL (ending twice, or later, changes nothing) and refuses what is not an RRULE', () => {
    const once = endRuleBefore('RRULE:FREQ=WEEKLY;UNTIL=20300601T000000Z', o[4]!)!;
    expect(once).toBe('RRULE:FREQ=WEEKLY;UNTIL=20300430T075959Z');
    expect(endRuleBefore(once, o[4]!)).toBe(once);
    expect(endRuleBefore(once, o[5]!)).toBe(once);
    expect(endRuleBefore('EXDATE:20300402T080000Z', o[4]!)).toBeUndefined();
  });

  it('ruleOccursAt: only the rule’s starts, DST included, bounded by COUNT', () => {
    const rule = 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6';
    for (const at of o) expect(ruleOccursAt(rule, first, 'Europe/Paris', at)).toBe(true);
    // 09:00 UTC after the DST change is 11:00 Paris: not an occurrence.
    expect(ruleOccursAt(rule, first, 'Europe/Paris', Date.UTC(2030, 3, 2, 9))).toBe(false);
    // The week between, and the seventh.
    expect(ruleOccursAt(rule, first, 'Europe/Paris', o[1]! + 7 * DAY)).toBe(false);
    expect(ruleOccursAt(rule, first, 'Europe/Paris', o[5]! + 14 * DAY)).toBe(false);
  });
});

describe('editSeriesIcs (CalDAV: one resource per series)', () => {
  const ics = draftToIcs(
    {
      idempotencyKey: 'series-1',
      calendarId: 'https://dav.example/cal/',
      title: 'Sync',
      start: first,
      end: first + HOUR / 2,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
      recurrence: { freq: 'WEEKLY', interval: 2, byDay: ['TU'], count: 6, timeZone: 'Europe/Paris' },
    },
    STAMP,
    0,
  );
  const starts = (text: string): number[] => {
    const expanded = expandIcs(text, { start: Date.UTC(2030, 2, 1), end: Date.UTC(2030, 6, 1) });
    if (!expanded.ok) throw new Error(expanded.error.message);
    return expanded.busy.map((b) => b.start);
  };
  const changed = (out: ReturnType<typeof editSeriesIcs>): string => {
    if (out.kind !== 'changed') throw new Error(`expected a change, got ${out.kind}`);
    return out.text;
  };

  it('cancels with an EXDATE in the series zone, and a second cancel changes nothing', () => {
    const text = changed(editSeriesIcs(ics, { kind: 'cancel', originalStart: o[2]! }, STAMP));
    expect(text).toContain('EXDATE;TZID=Europe/Paris:20300402T100000');
    expect(text).toMatch(/SEQUENCE:1/);
    expect(starts(text)).toEqual([o[0], o[1], o[3], o[4], o[5]]);
    expect(editSeriesIcs(text, { kind: 'cancel', originalStart: o[2]! }, STAMP)).toEqual({
      kind: 'unchanged',
    });
    expect(editSeriesIcs(text, { kind: 'cancel', originalStart: o[2]! + HOUR }, STAMP)).toEqual({
      kind: 'occurrence_not_found',
    });
  });

  it('moves with a RECURRENCE-ID override of the same UID; moving it elsewhere replaces the override, cancelling it drops it', () => {
    const moved = changed(
      editSeriesIcs(
        ics,
        { kind: 'move', originalStart: o[3]!, start: o[3]! + DAY, end: o[3]! + DAY + HOUR / 2 },
        STAMP,
      ),
    );
    expect(moved.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(moved).toContain('RECURRENCE-ID;TZID=Europe/Paris:20300416T100000');
    expect(moved.match(/UID:series-1/g)).toHaveLength(2);
    expect(starts(moved)).toEqual([o[0], o[1], o[2], o[3]! + DAY, o[4], o[5]]);
    // The same move again: nothing to write.
    expect(
      editSeriesIcs(
        moved,
        { kind: 'move', originalStart: o[3]!, start: o[3]! + DAY, end: o[3]! + DAY + HOUR / 2 },
        STAMP,
      ),
    ).toEqual({ kind: 'unchanged' });
    // Elsewhere: still one override.
    const again = changed(
      editSeriesIcs(
        moved,
        { kind: 'move', originalStart: o[3]!, start: o[3]! + 2 * HOUR, end: o[3]! + 2.5 * HOUR },
        STAMP,
      ),
    );
    expect(again.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(starts(again)).toEqual([o[0], o[1], o[2], o[3]! + 2 * HOUR, o[4], o[5]]);
    // Cancelling the moved occurrence removes its override too.
    const cancelled = changed(editSeriesIcs(again, { kind: 'cancel', originalStart: o[3]! }, STAMP));
    expect(cancelled.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(starts(cancelled)).toEqual([o[0], o[1], o[2], o[4], o[5]]);
    // A cancelled occurrence cannot be moved.
    expect(
      editSeriesIcs(
        cancelled,
        { kind: 'move', originalStart: o[3]!, start: o[3]! + DAY, end: o[3]! + DAY + HOUR },
        STAMP,
      ),
    ).toEqual({ kind: 'occurrence_not_found' });
  });

  it('ends with UNTIL and drops the overrides and EXDATEs past the end; before the first is refused', () => {
    let text = changed(editSeriesIcs(ics, { kind: 'cancel', originalStart: o[5]! }, STAMP));
    text = changed(
      editSeriesIcs(
        text,
        { kind: 'move', originalStart: o[4]!, start: o[4]! + DAY, end: o[4]! + DAY + HOUR / 2 },
        STAMP,
      ),
    );
    const ended = changed(editSeriesIcs(text, { kind: 'end', before: o[3]! }, STAMP));
    expect(ended).toContain('UNTIL=20300416T075959Z');
    expect(ended).not.toContain('COUNT=');
    expect(ended).not.toContain('EXDATE');
    expect(ended.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(starts(ended)).toEqual([o[0], o[1], o[2]]);
    expect(editSeriesIcs(ended, { kind: 'end', before: o[3]! }, STAMP)).toEqual({ kind: 'unchanged' });
    expect(editSeriesIcs(ended, { kind: 'end', before: o[0]! }, STAMP)).toEqual({ kind: 'first_occurrence' });
    // A single event is not a series.
    const single = draftToIcs(
      {
        idempotencyKey: 'one',
        calendarId: 'https://dav.example/cal/',
        title: 'One',
        start: first,
        end: first + HOUR,
        timeZone: 'UTC',
        attendees: [],
        conference: false,
      },
      STAMP,
      0,
    );
    expect(editSeriesIcs(single, { kind: 'cancel', originalStart: first }, STAMP)).toEqual({
      kind: 'not_a_series',
    });
  });
});
