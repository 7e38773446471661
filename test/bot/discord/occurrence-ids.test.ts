/**
 * The Discord series buttons (issue #22): `cv1:oc:<bookingId>:<start>` / `cv1:oe:<bookingId>:<start>`
 * carry ids and the occurrence's start only, round-trip, stay within Discord's 100 characters, and a
 * malformed one is not Convene's. The row keeps Reschedule / Cancel meeting first; the series buttons are
 * worded by the `occurrences` catalogue (German here).
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/app/i18n/index.ts';
import {
  followingToCustomId,
  MAX_CUSTOM_ID,
  occurrenceCustomId,
  occurrenceToCustomId,
  parseCustomId,
} from '../../../src/bot/discord/custom-id.ts';
import { manageRow, renderOccurrenceMoveOptions } from '../../../src/bot/discord/render.ts';

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

  it('the move-one-date button and its times round-trip the booking id, the occurrence and the new start within 100 chars', () => {
    const move = occurrenceCustomId('move', ID, START);
    expect(move).toBe(`cv1:om:${ID}:${START}`);
    expect(parseCustomId(move)).toEqual({ kind: 'occurrence', op: 'move', bookingId: ID, occurrence: START });
    // The longest a start can be (15 digits): still within Discord's limit.
    const to = occurrenceToCustomId(ID, 999_999_999_999_999, 999_999_999_999_999);
    expect(to.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    const newStart = START + 86_400_000;
    expect(parseCustomId(occurrenceToCustomId(ID, START, newStart))).toEqual({
      kind: 'occurrenceTo',
      bookingId: ID,
      occurrence: START,
      start: newStart,
    });
    for (const bad of [
      `cv1:ot:${ID}:${START}`,
      `cv1:ot:${ID}:${START}:later`,
      `cv1:ot:${ID}:-1:${newStart}`,
      `cv1:ot:${ID}:${START}:${newStart}:1`,
      `cv1:ot:bad id:${START}:${newStart}`,
      `cv1:om:${ID}:${START}:${newStart}`,
    ])
      expect(parseCustomId(bad)).toBeNull();
    expect(() => occurrenceToCustomId(ID, START, Number.NaN)).toThrow();
    expect(() => occurrenceToCustomId(ID, 1e16, START)).toThrow();
  });

  it('the move-and-following button and its times round-trip the booking id, the occurrence and the new start within 100 chars', () => {
    const following = occurrenceCustomId('moveFollowing', ID, START);
    expect(following).toBe(`cv1:of:${ID}:${START}`);
    expect(parseCustomId(following)).toEqual({
      kind: 'occurrence',
      op: 'moveFollowing',
      bookingId: ID,
      occurrence: START,
    });
    // The longest a booking id (64) and a start (15 digits) can be: still within Discord's limit.
    const longest = followingToCustomId('x'.repeat(36), 999_999_999_999_999, 999_999_999_999_999);
    expect(longest.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    expect(() => followingToCustomId('x'.repeat(64), 999_999_999_999_999, 999_999_999_999_999)).toThrow(
      /over 100/,
    );
    const newStart = START + 86_400_000;
    const to = followingToCustomId(ID, START, newStart);
    expect(to).toBe(`cv1:ft:${ID}:${START}:${newStart}`);
    expect(parseCustomId(to)).toEqual({
      kind: 'followingTo',
      bookingId: ID,
      occurrence: START,
      start: newStart,
    });
    // Not the move-one pick: the two never parse as each other.
    expect(parseCustomId(occurrenceToCustomId(ID, START, newStart))).toMatchObject({ kind: 'occurrenceTo' });
    for (const bad of [
      `cv1:ft:${ID}:${START}`,
      `cv1:ft:${ID}:${START}:later`,
      `cv1:ft:${ID}:-1:${newStart}`,
      `cv1:ft:${ID}:${START}:${newStart}:1`,
      `cv1:ft:bad id:${START}:${newStart}`,
      `cv1:of:${ID}:${START}:${newStart}`,
      `cv1:of:${ID}:soon`,
    ])
      expect(parseCustomId(bad)).toBeNull();
    expect(() => followingToCustomId(ID, START, Number.NaN)).toThrow();
    expect(() => followingToCustomId(ID, 1e16, START)).toThrow();
  });

  it('the occurrence move options are one button per time, ids only, each in the viewer zone and the others', () => {
    const body = renderOccurrenceMoveOptions({
      locale: 'de',
      bookingId: ID,
      title: '1:1',
      occurrence: START,
      headline: 'Neue Zeiten',
      options: [1, 2].map((h) => ({
        start: START + h * 3_600_000,
        end: START + (h + 1) * 3_600_000,
        label: `Di. ${15 + h}:00`,
        labels: [{ personId: 'p', name: 'Li', timeZone: 'America/New_York', text: `Di. ${9 + h}:00` }],
      })),
    }) as unknown as {
      flags: number;
      content: string;
      components: { components: { custom_id: string }[] }[];
    };
    expect(body.components.flatMap((r) => r.components.map((c) => c.custom_id))).toEqual([
      `cv1:ot:${ID}:${START}:${START + 3_600_000}`,
      `cv1:ot:${ID}:${START}:${START + 7_200_000}`,
    ]);
    expect(body.content).toContain('Li');
    expect(body.content).toContain('Di. 10:00');
  });

  it('a series row has Reschedule, Cancel meeting, then the series buttons; a single meeting keeps two', () => {
    const series = {
      move: { start: START, label: t('de', 'occurrences.button.moveOne', { date: 'Di. 15. Jan.' }) },
      next: { start: START, label: t('de', 'occurrences.button.cancelOne', { date: 'Di. 15. Jan.' }) },
      endFrom: {
        start: START + 7 * 86_400_000,
        label: t('de', 'occurrences.button.endAfter', { date: 'Di. 15. Jan.' }),
      },
      begun: false,
    };
    const row = manageRow(ID, 'de', '1. ', series) as { components: { label: string; custom_id: string }[] };
    expect(row.components.map((c) => [c.label, c.custom_id])).toEqual([
      ['1. Verschieben', `cv1:mr:${ID}`],
      ['1. Termin absagen', `cv1:mc:${ID}`],
      ['1. Nur Di. 15. Jan. verschieben', `cv1:om:${ID}:${START}`],
      ['1. Nur Di. 15. Jan. absagen', `cv1:oc:${ID}:${START}`],
      ['1. Serie nach Di. 15. Jan. beenden', `cv1:oe:${ID}:${series.endFrom.start}`],
    ]);
    expect((manageRow(ID, 'de') as { components: unknown[] }).components).toHaveLength(2);
  });

  it('in /meet reschedule a series row has "Move <date> and following" instead of "End the series after"; /meet cancel keeps the end', () => {
    const date = 'Di. 22. Jan.';
    const later = START + 7 * 86_400_000;
    const series = {
      move: { start: later, label: t('de', 'occurrences.button.moveOne', { date }) },
      next: { start: later, label: t('de', 'occurrences.button.cancelOne', { date }) },
      endFrom: { start: later + 7 * 86_400_000, label: t('de', 'occurrences.button.endAfter', { date }) },
      moveFollowing: { start: later, label: t('de', 'occurrences.button.moveFollowing', { date }) },
      begun: false,
    };
    const ids = (mode: 'cancel' | 'reschedule') =>
      (manageRow(ID, 'de', '', series, mode) as { components: { custom_id: string }[] }).components.map(
        (c) => c.custom_id,
      );
    expect(ids('reschedule')).toEqual([
      `cv1:mr:${ID}`,
      `cv1:mc:${ID}`,
      `cv1:om:${ID}:${later}`,
      `cv1:of:${ID}:${later}`,
      `cv1:oc:${ID}:${later}`,
    ]);
    expect(ids('cancel')).toEqual([
      `cv1:mr:${ID}`,
      `cv1:mc:${ID}`,
      `cv1:om:${ID}:${later}`,
      `cv1:oc:${ID}:${later}`,
      `cv1:oe:${ID}:${series.endFrom.start}`,
    ]);
    // Begun, the series is no longer moved whole: no "Reschedule", so "and following" and the end both fit.
    const begun = (
      manageRow(ID, 'de', '', { ...series, begun: true }, 'reschedule') as {
        components: { custom_id: string }[];
      }
    ).components.map((c) => c.custom_id);
    expect(begun).toEqual([
      `cv1:mc:${ID}`,
      `cv1:om:${ID}:${later}`,
      `cv1:of:${ID}:${later}`,
      `cv1:oc:${ID}:${later}`,
      `cv1:oe:${ID}:${series.endFrom.start}`,
    ]);
  });
});
