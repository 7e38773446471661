/**
 * Structured JSON logs (pino). Secrets never reach the output: tokens, secrets, passwords, keys and
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
