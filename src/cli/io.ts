/** Where a CLI command writes; tests pass their own to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
  /**
   * The command runs alone in its own process (the `convene` binary), so it may set process-wide state:
   * `convene parse` sets the process's time zone (src/cli/process-zone.ts). Tests that run a command
   * inside their own process leave it out.
   */
  readonly ownsProcess?: boolean;
}

/** What `lineWriter` writes with: `fs.writeSync`'s signature for a buffer. */
export type WriteSync = (fd: number, buffer: Uint8Array, offset: number) => number;

/**
 * A writer of lines to file descriptor `fd` with `fs.writeSync`, not `process.stdout`/`process.stderr`:
 * those streams are built the first time they are read (for a pipe, a `net.Socket`), about 3.5 ms of every
 * command's run, more than `convene --version` takes otherwise. Each line is written whole before the call
 * returns, as Node's own streams write to files and pipes on Linux.
 *
 * A descriptor that would block (`EAGAIN`: a pipe set non-blocking by the reader, its buffer full) hands the
 * rest of the line, and every later line, to the stream (`stream()`), so nothing is lost and the order holds.
 * A reader that has gone (`EPIPE`: `convene parse … | head -c 1`) ends the output quietly: later lines are
 * dropped, as no one reads them, instead of a stack trace.
 */
export function lineWriter(
  fd: number,
  stream: () => { write(data: Uint8Array | string): unknown },
  writeSync: WriteSync = process.getBuiltinModule('node:fs').writeSync,
): (text: string) => void {
  let via: 'fd' | 'stream' | 'closed' = 'fd';
  return (text) => {
    const data = Buffer.from(`${text}\n`, 'utf8');
    let offset = 0;
    if (via === 'fd') {
      try {
        while (offset < data.length) offset += writeSync(fd, data, offset);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') via = 'closed';
        else if (code === 'EAGAIN') via = 'stream';
        else throw error;
      }
    }
    if (via === 'stream') stream().write(data.subarray(offset));
  };
}

export const processIo: CliIo = {
  out: lineWriter(1, () => process.stdout),
  err: lineWriter(2, () => process.stderr),
  // node:fs, already loaded, not node:fs/promises (a few milliseconds of every start that reads a file);
  // through process.getBuiltinModule, which skips an ESM import's facade (see scripts/build-cli.mjs).
  readFile: async (path) => process.getBuiltinModule('node:fs').readFileSync(path, 'utf8'),
  ownsProcess: true,
};
