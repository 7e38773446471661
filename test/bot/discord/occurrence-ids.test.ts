/**
 * The Discord series buttons (issue #22): `cv1:oc:<bookingId>:<start>` / `cv1:oe:<bookingId>:<start>`
 * carry ids and the occurrence's start only, round-trip, stay within Discord's 100 characters, and a
 * malformed one is not Convene's. The row keeps Reschedule / Cancel meeting first; the series buttons are
 * worded by the `occurrences` catalogue (German here).
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/app/i18n/index.ts';
import { MAX_CUSTOM_ID, occurrenceCustomId, parseCustomId } from '../../../src/bot/discord/custom-id.ts';
import { manageRow } from '../../../src/bot/discord/render.ts';

const ID = '0b9f7a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const START = Date.UTC(2030, 0, 15, 14);

describe('Discord: series occurrence buttons', () => {
  it('round-trip with the booking id and start only; malformed ones are refused', () => {
    const cancel = occurrenceCustomId('cancel', ID, START);
    const end = occurrenceCustomId('end', ID, START);
    expect([cancel, end]).toEqual([`cv1:oc:${ID}:${START}`, `cv1:oe:${ID}:${START}`]);
    expect(Math.max(cancel.length, end.length)).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    expect(parseCustomId(cancel)).toEqual({
      kind: 'occurrence',
      op: 'cancel',
      bookingId: ID,
      occurrence: START,
    });
    expect(parseCustomId(end)).toEqual({ kind: 'occurrence', op: 'end', bookingId: ID, occurrence: START });
    for (const bad of [
      `cv1:oc:${ID}:soon`,
      `cv1:oc:${ID}:-5`,
      `cv1:oc:${ID}:1234567890123456`,
      `cv1:oc:${ID}`,
      `cv1:ox:${ID}:${START}`,
      `cv1:oe:has space:${START}`,
    ])
      expect(parseCustomId(bad)).toBeNull();
    expect(() => occurrenceCustomId('cancel', 'has space', START)).toThrow();
    expect(() => occurrenceCustomId('end', ID, Number.NaN)).toThrow();
  });

  it('a series row has Reschedule, Cancel meeting, then the series buttons; a single meeting keeps two', () => {
    const series = {
      next: { start: START, label: t('de', 'occurrences.button.cancelOne', { date: 'Di. 15. Jan.' }) },
      endFrom: {
        start: START + 7 * 86_400_000,
        label: t('de', 'occurrences.button.endAfter', { date: 'Di. 15. Jan.' }),
      },
    };
    const row = manageRow(ID, 'de', '1. ', series) as { components: { label: string; custom_id: string }[] };
    expect(row.components.map((c) => [c.label, c.custom_id])).toEqual([
      ['1. Verschieben', `cv1:mr:${ID}`],
      ['1. Termin absagen', `cv1:mc:${ID}`],
      ['1. Nur Di. 15. Jan. absagen', `cv1:oc:${ID}:${START}`],
      ['1. Serie nach Di. 15. Jan. beenden', `cv1:oe:${ID}:${series.endFrom.start}`],
    ]);
    expect((manageRow(ID, 'de') as { components: unknown[] }).components).toHaveLength(2);
  });
});
