/**
 * The ids carried by the manage and DM buttons (Slack action ids, Discord custom ids): what they
 * round-trip to, and what a tampered or malformed one becomes (nothing). The ids are never trusted
 * beyond their shape: the use cases re-check tenant and clicker (see the e2e tests).
 */
import { describe, expect, it } from 'vitest';
import {
  dmCustomId,
  MAX_CUSTOM_ID,
  manageCustomId,
  moveCustomId,
  parseCustomId,
} from '../../src/bot/discord/custom-id.ts';
import { parseBookAction } from '../../src/bot/slack/listeners/book-slot.ts';
import { parseDmAction } from '../../src/bot/slack/listeners/dm-action.ts';
import { parseBookingAction, parseMoveAction } from '../../src/bot/slack/manage.ts';
import { bookActionId, renderRemaining } from '../../src/bot/slack/render.ts';

const ID = '0b6f6a3e-9c1d-4d7e-8f00-1234567890ab';

describe('Discord custom ids of the manage and DM buttons', () => {
  it('round-trip', () => {
    expect(parseCustomId(manageCustomId('cancel', ID))).toEqual({
      kind: 'manage',
      op: 'cancel',
      bookingId: ID,
    });
    expect(parseCustomId(manageCustomId('confirm', ID))).toEqual({
      kind: 'manage',
      op: 'confirm',
      bookingId: ID,
    });
    expect(parseCustomId(manageCustomId('reschedule', ID))).toEqual({
      kind: 'manage',
      op: 'reschedule',
      bookingId: ID,
    });
    const start = Date.UTC(2030, 0, 21, 14);
    expect(parseCustomId(moveCustomId(ID, start))).toEqual({ kind: 'move', bookingId: ID, start });
    expect(parseCustomId(dmCustomId('sync.follow', 'a:b'))).toEqual({
      kind: 'dm',
      action: 'sync.follow',
      value: 'a:b',
    });
    expect(dmCustomId('a'.repeat(24), 'v'.repeat(64)).length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
  });

  it('malformed or tampered ids parse to nothing', () => {
    for (const bad of [
      `cv1:toString:${ID}`,
      `cv1:__proto__:${ID}`,
      `cv1:mc:${ID}:x`,
      `cv1:mc:../${ID}`,
      `cv1:mt:${ID}:-5`,
      `cv1:mt:${ID}:1e20`,
      `cv1:mt:${ID}:99999999999999999`,
      'dm::x',
      'dm:has space:x',
      `dm:${'a'.repeat(25)}:x`,
      `cv1:mc:${'a'.repeat(120)}`,
    ])
      expect(parseCustomId(bad), bad).toBeNull();
    expect(() => dmCustomId('ok', 'v'.repeat(65))).toThrow();
    expect(() => moveCustomId(ID, Number.NaN)).toThrow();
  });
});

describe('Slack action ids of the manage and DM buttons', () => {
  it('parse booking and move ids, refuse anything else', () => {
    expect(parseBookingAction(`mcancel:${ID}`, 'mcancel')).toBe(ID);
    expect(parseBookingAction(`mcancel:${ID}x`, 'mcancel')).toBeNull();
    expect(parseBookingAction(`mresched:${ID}`, 'mcancel')).toBeNull();
    expect(parseMoveAction(`mto:${ID}:1900000000000`)).toEqual({ bookingId: ID, start: 1900000000000 });
    expect(parseMoveAction(`mto:${ID}:abc`)).toBeNull();
    expect(parseMoveAction(`mto:${ID}:1:2`)).toBeNull();
  });

  it('DM actions: the action name, with or without the position suffix', () => {
    expect(parseDmAction('convene_dm_action:sync.restore')).toBe('sync.restore');
    expect(parseDmAction('convene_dm_action:sync.restore:2')).toBe('sync.restore');
    expect(parseDmAction('convene_dm_action:')).toBeNull();
    expect(parseDmAction('convene_dm_action:a b')).toBeNull();
  });
});

describe('Slack action ids of the slot buttons (built by the renderer, not the use cases)', () => {
  it('book:<proposalId>:<slotId> round-trips, and the lost-race buttons carry the proposal id', () => {
    expect(bookActionId('p-1', '3')).toBe('book:p-1:3');
    expect(parseBookAction(bookActionId('p-1', '3'))).toEqual({ proposalId: 'p-1', slotId: '3' });
    expect(parseBookAction('book:p-1')).toBeNull();
    const slot = {
      id: '2',
      rank: 2,
      start: Date.UTC(2030, 0, 21, 14),
      end: Date.UTC(2030, 0, 21, 15),
      label: 'Mon 21 Jan, 14:00–15:00 (UTC time)',
      labels: [],
      reason: 'all free',
      free: 2,
      total: 2,
    };
    const { blocks } = renderRemaining('Taken.', 'prop-9', [slot], 'en');
    const ids = JSON.stringify(blocks).match(/"action_id":"[^"]*"/g);
    expect(ids).toEqual(['"action_id":"book:prop-9:2"']);
  });
});
