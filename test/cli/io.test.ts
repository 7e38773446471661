/** The CLI's line writer (src/cli/io.ts): whole lines in order, a blocking descriptor handed to the stream, a gone reader. */
import { describe, expect, it } from 'vitest';
import { lineWriter, type WriteSync } from '../../src/cli/io.ts';

const errno = (code: string) => Object.assign(new Error(code), { code });

/** A descriptor that takes at most `chunk` bytes a call, and fails with `failure` once `failAfter` bytes are in. */
function fakeFd(chunk: number, failAfter = Number.POSITIVE_INFINITY, failure = 'EAGAIN') {
  const bytes: number[] = [];
  let calls = 0;
  const writeSync: WriteSync = (fd, buffer, offset) => {
    expect(fd).toBe(1);
    calls++;
    if (bytes.length >= failAfter) throw errno(failure);
    const n = Math.min(chunk, buffer.length - offset, failAfter - bytes.length);
    bytes.push(...buffer.subarray(offset, offset + n));
    return n;
  };
  return { writeSync, text: () => Buffer.from(bytes).toString('utf8'), calls: () => calls };
}

function fakeStream() {
  const parts: Buffer[] = [];
  return {
    write: (data: Uint8Array | string) => parts.push(Buffer.from(data)),
    text: () => Buffer.concat(parts).toString('utf8'),
  };
}

describe('lineWriter', () => {
  it('writes every line whole, in order, through short writes, multi-byte characters included', () => {
    const fd = fakeFd(3);
    const stream = fakeStream();
    const out = lineWriter(1, () => stream, fd.writeSync);
    out('{"ok": true}');
    out('réunion « Revue » ✓');
    expect(fd.text()).toBe('{"ok": true}\nréunion « Revue » ✓\n');
    expect(stream.text()).toBe('');
  });

  it('hands the rest of a line and every later line to the stream when the descriptor would block', () => {
    const fd = fakeFd(4, 10);
    const stream = fakeStream();
    const out = lineWriter(1, () => stream, fd.writeSync);
    out('first');
    out('second line');
    const calls = fd.calls();
    out('third');
    expect(fd.calls()).toBe(calls); // the descriptor is not tried again
    expect(fd.text() + stream.text()).toBe('first\nsecond line\nthird\n');
    expect(fd.text()).toBe('first\nseco');
  });

  it('ends quietly when the reader has gone: no error, nothing written after', () => {
    const fd = fakeFd(64, 6, 'EPIPE');
    const stream = fakeStream();
    const out = lineWriter(1, () => stream, fd.writeSync);
    out('first');
    expect(() => out('second')).not.toThrow();
    out('third');
    expect(fd.text()).toBe('first\n');
    expect(stream.text()).toBe('');
  });

  it('lets any other failure through', () => {
    const fd = fakeFd(64, 0, 'EBADF');
    const out = lineWriter(1, () => fakeStream(), fd.writeSync);
    expect(() => out('x')).toThrow('EBADF');
  });
});
