/** Logs for people at a terminal (one short line per request), JSON for everything else. */
import { describe, expect, it } from 'vitest';
import { createLogger, formatLine, logFormat, prettyStream } from '../../src/observability/log.ts';

const at = new Date(2030, 0, 16, 10, 2, 3).getTime(); // local time: the pretty line shows the local clock

describe('logFormat', () => {
  it('pretty on a terminal, JSON on a pipe or file; LOG_FORMAT overrides both ways', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat(undefined, false)).toBe('json');
    expect(logFormat('', true)).toBe('pretty');
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat(' Pretty ', false)).toBe('pretty');
  });
});

describe('formatLine', () => {
  it('a request is one short line: time, method, path, status, duration', () => {
    const json = JSON.stringify({
      level: 30,
      time: at,
      pid: 1,
      hostname: 'h',
      service: 'convene',
      requestId: 'abc',
      method: 'POST',
      path: '/slack/events',
      status: 200,
      ms: 12,
      msg: 'http request',
    });
    expect(formatLine(json)).toBe('10:02:03 POST /slack/events 200 12 ms');
  });

  it('other entries keep their level (when not info), message and fields; colours only when asked', () => {
    const json = JSON.stringify({
      level: 40,
      time: at,
      service: 'convene',
      msg: 'sync slow',
      calendar: 'c1',
      n: 3,
    });
    expect(formatLine(json)).toBe('10:02:03 WARN sync slow calendar=c1 n=3');
    expect(formatLine(json, { colour: true })).toBe(
      '\u001b[2m10:02:03\u001b[0m \u001b[33mWARN\u001b[0m sync slow \u001b[2mcalendar=c1 n=3\u001b[0m',
    );
    expect(formatLine('not json\n')).toBe('not json');
  });

  it('through pino: the pretty destination writes text lines, secrets still redacted', () => {
    const written: string[] = [];
    const logger = createLogger({ destination: prettyStream({ write: (t: string) => written.push(t) }) });
    logger.info({ method: 'GET', path: '/readyz', status: 503, ms: 4 }, 'http request');
    logger.error({ token: 'xoxb-123-secret' }, 'token refused xoxb-999-abc');
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d GET \/readyz 503 4 ms\n$/);
    expect(written[1]).toMatch(/^\d\d:\d\d:\d\d ERROR token refused \[redacted\] token=\[redacted\]\n$/);
    expect(written.join('')).not.toContain('{');
  });
});
