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

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // node:fs, already loaded, not node:fs/promises (a few milliseconds of every start that reads a file);
  // through process.getBuiltinModule, which skips an ESM import's facade (see scripts/build-cli.mjs).
  readFile: async (path) => process.getBuiltinModule('node:fs').readFileSync(path, 'utf8'),
  ownsProcess: true,
};
