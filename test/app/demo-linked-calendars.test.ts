/** `withLinkedCalendars`: a demo person's linked calendars add to their demo file's busy time. */
import { describe, expect, it } from 'vitest';
import { withLinkedCalendars } from '../../src/app/demo/index.ts';
import type { BusyReader, BusyReadResult } from '../../src/app/ports/calendars.ts';

const reader = (result: BusyReadResult): BusyReader => ({ busyFor: async () => result });
const RANGE = { start: 0, end: 10_000 };

describe('withLinkedCalendars', () => {
  it('merges linked busy time into the demo file’s; "not linked" is no gap; a failed read is', async () => {
    const demo = reader({
      people: [
        { personId: 'ana', busy: [{ start: 100, end: 200 }], complete: true },
        { personId: 'li', busy: [{ start: 300, end: 400 }], complete: true },
        { personId: 'sam', busy: [], complete: true },
      ],
      gaps: [],
    });
    const linked = reader({
      people: [
        {
          personId: 'ana',
          busy: [
            { start: 150, end: 250 },
            { start: 500, end: 600 },
          ],
          complete: true,
        },
        { personId: 'li', busy: [], complete: false },
        { personId: 'sam', busy: [], complete: false },
      ],
      gaps: [
        { personId: 'li', connectionId: null, code: 'not_linked', message: 'No calendar is linked.' },
        { personId: 'sam', connectionId: 'c1', code: 'timeout', message: 'timed out' },
      ],
    });
    const read = await withLinkedCalendars(demo, linked).busyFor('t', ['ana', 'li', 'sam'], RANGE);
    expect(read.people).toEqual([
      {
        personId: 'ana',
        busy: [
          { start: 100, end: 250 },
          { start: 500, end: 600 },
        ],
        complete: true,
      },
      { personId: 'li', busy: [{ start: 300, end: 400 }], complete: true },
      { personId: 'sam', busy: [], complete: false },
    ]);
    expect(read.gaps).toEqual([
      { personId: 'sam', connectionId: 'c1', code: 'timeout', message: 'timed out' },
    ]);
  });
});
