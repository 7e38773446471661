/**
 * Weighted admission of meeting requests (issue 16): a very large request yields to ordinary ones, heavy
 * requests run one at a time, and none waits past `maxDeferMs`.
 */
import { describe, expect, it } from 'vitest';
import { createRequestLanes, mentionWeight } from '../../../src/bot/slack/request-lanes.ts';

/** A unit of work that starts when the lane runs it and finishes when released. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const work = async () => {
    log.push(`start ${name}`);
    await released;
    log.push(`end ${name}`);
    return name;
  };
  return { work, release };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request lanes', () => {
  it('starts a heavy request only once the ordinary ones in progress are done', async () => {
    const lanes = createRequestLanes({ concurrency: 8, heavyWeight: 20, maxDeferMs: 60_000 });
    const log: string[] = [];
    const a = gate(log, 'a');
    const heavy = gate(log, 'heavy');
    const b = gate(log, 'b');
    const running = [lanes(a.work, 3), lanes(heavy.work, 50), lanes(b.work, 2)];
    await tick();
    // The ordinary request sent after the heavy one is not held behind it.
    expect(log).toEqual(['start a', 'start b']);
    a.release();
    await tick();
    expect(log).not.toContain('start heavy');
    b.release();
    await tick();
    expect(log.at(-1)).toBe('start heavy');
    heavy.release();
    expect(await Promise.all(running)).toEqual(['a', 'heavy', 'b']);
  });

  it('runs heavy requests one at a time', async () => {
    const lanes = createRequestLanes({ concurrency: 8, heavyWeight: 20 });
    const log: string[] = [];
    const h1 = gate(log, 'h1');
    const h2 = gate(log, 'h2');
    const running = [lanes(h1.work, 30), lanes(h2.work, 40)];
    await tick();
    expect(log).toEqual(['start h1']);
    h1.release();
    await tick();
    expect(log).toEqual(['start h1', 'end h1', 'start h2']);
    h2.release();
    await Promise.all(running);
  });

  it('starts a heavy request after maxDeferMs even while ordinary requests keep running', async () => {
    const lanes = createRequestLanes({ concurrency: 8, heavyWeight: 20, maxDeferMs: 100 });
    const log: string[] = [];
    const a = gate(log, 'a');
    const heavy = gate(log, 'heavy');
    const running = [lanes(a.work, 1), lanes(heavy.work, 25)];
    await tick(30);
    expect(log).toEqual(['start a']);
    await tick(150);
    expect(log).toEqual(['start a', 'start heavy']);
    heavy.release();
    a.release();
    await Promise.all(running);
  });

  it('weighs a /meet text by the distinct people it mentions', () => {
    expect(mentionWeight('<@U1|a> <@U2> <@U1> 30m next week')).toBe(2);
    expect(mentionWeight('30m tomorrow with nobody')).toBe(0);
    const many = Array.from({ length: 50 }, (_, k) => `<@U${k}X>`).join(' ');
    expect(mentionWeight(`${many} 30m next 90 days`)).toBe(50);
  });
});
