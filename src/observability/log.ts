/**
 * Structured JSON logs (pino), or, for a person at a terminal, one short line per entry (`prettyStream`:
 * `10:02:03 POST /slack/events 200 12 ms`). Secrets never reach the output: tokens, secrets, passwords, keys and
 * authorization/cookie/signature headers are redacted by path, and known token shapes (Slack `xox…`,
 * `xapp-…`, bearer tokens) are masked in every message. Event titles are never passed to the logger.
 */
import type { DestinationStream, Logger } from 'pino';
import pino from 'pino';

export const REDACTED = '[redacted]';

const SECRET_KEYS = [
  'token',
  'botToken',
  'accessToken',
  'refreshToken',
  'secret',
  'clientSecret',
  'signingSecret',
  'stateSecret',
  'password',
  'apiKey',
  'authorization',
  'cookie',
  'title',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'req.headers["x-signature-ed25519"]',
  'res.headers["set-cookie"]',
];

const TOKEN_SHAPES =
  /xox[a-z]-[A-Za-z0-9.-]+|xoxe\.xox[a-z]-[A-Za-z0-9.-]+|xapp-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/** Masks token-shaped substrings of a message. */
export function maskTokens(text: string): string {
  return text.replace(TOKEN_SHAPES, REDACTED);
}

export type LogFormat = 'json' | 'pretty';

/**
 * `LOG_FORMAT` when set (`json` | `pretty`), else pretty when stdout is a terminal and JSON otherwise
 * (files, pipes, log collectors).
 */
export function logFormat(value: string | undefined, isTty: boolean): LogFormat {
  const chosen = value?.trim().toLowerCase();
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return isTty ? 'pretty' : 'json';
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const COLOURS: Record<string, string> = { warn: '33', error: '31', fatal: '31', debug: '90', trace: '90' };
/** Fields every entry has, not repeated on the pretty line. */
const QUIET = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg']);

/** One JSON log line (what pino writes) as one line for a person; a line that is not JSON is kept as is. */
export function formatLine(json: string, options: { colour?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const paint = (code: string | undefined, text: string) =>
    options.colour && code ? `\u001b[${code}m${text}\u001b[0m` : text;
  const at = typeof entry.time === 'number' ? new Date(entry.time) : null;
  const time = at ? at.toTimeString().slice(0, 8) : '--:--:--';
  const level = LEVEL_NAMES[Number(entry.level)] ?? 'info';
  const head = `${paint('2', time)} ${level === 'info' ? '' : `${paint(COLOURS[level], level.toUpperCase())} `}`;
  if (entry.msg === 'http request' && typeof entry.method === 'string') {
    const status = Number(entry.status);
    const code = status >= 500 ? '31' : status >= 400 ? '33' : undefined;
    return `${head}${entry.method} ${String(entry.path)} ${paint(code, String(status))} ${String(entry.ms)} ms`;
  }
  const extra = Object.entries(entry)
    .filter(([key]) => !QUIET.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${head}${String(entry.msg ?? '')}${extra.length > 0 ? ` ${paint('2', extra.join(' '))}` : ''}`;
}

/**
 * A pino destination writing `formatLine` of each entry to `out`, in colour when it is a terminal that
 * has colours (Node's `hasColors()`: honours NO_COLOR, FORCE_COLOR and TERM).
 */
export function prettyStream(
  out: { write(text: string): unknown; hasColors?: () => boolean } = process.stdout,
): DestinationStream {
  const colour = out.hasColors?.() === true;
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n'))
        if (line.trim() !== '') out.write(`${formatLine(line, { colour })}\n`);
    },
  };
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'convene' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskTokens(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    options.destination,
  );
}

/** The `(line: string) => void` the adapters take, writing through the logger. */
export function lineLogger(logger: Logger): (line: string) => void {
  return (line) => logger.info(line);
}
