/**
 * Convene's HTTP server: one express app for health checks, OAuth callbacks, provider webhooks and the
 * playground. Adapters are mounted as routers; this factory only adds what every deployment needs.
 *
 *   GET /healthz  → 200 while the process runs (liveness)
 *   GET /readyz   → 200 when `ready()` resolves true (e.g. the database answers), else 503 (readiness)
 *   GET /metrics  → Prometheus text, when `metrics` is given: with `metricsToken`, only for
 *                   `Authorization: Bearer <token>` (else 401); without, only for a loopback client not
 *                   relayed by a proxy (else 403) — see ./exposure.ts
 *
 * Every request gets an id (`X-Request-Id`: the caller's when it is a short safe token, else a new
 * UUID), echoed in the response and in the JSON log line written when the response finishes (method,
 * path, status, duration — never bodies, queries or headers). `/slack/events` and
 * `/discord/interactions` are timed into `convene_command_duration_seconds`.
 *
 * Unknown routes get a JSON 404; an unexpected failure gets a JSON 500 without details (the error is
 * logged on one line), never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../../app/ports/metrics.ts';
import { metricsAllowed } from './exposure.ts';

/**
 * The listen backlog of Convene's web server: Slack and Discord open many connections in a burst, and a SYN
 * dropped by a full accept queue (Node's default holds 511) costs the sender a 1 s retransmission out of the
 * 3 s ack window. The kernel caps it at `net.core.somaxconn`.
 */
export const LISTEN_BACKLOG = 4096;

export interface MountedRouter {
  /** Mount path, default `/`. */
  readonly path?: string;
  readonly router: Router;
}

export interface WebServerOptions {
  readonly routers?: readonly MountedRouter[];
  /** Readiness probe; default: always ready. A throw counts as not ready. */
  readonly ready?: () => Promise<boolean>;
  /** One line per event. Default: `console.error`. */
  readonly log?: (line: string) => void;
  /** Structured request log (one JSON line per response, with its request id). */
  readonly logger?: Logger;
  /** Serves `GET /metrics` and times chat requests. */
  readonly metrics?: ServerMetrics;
  /** `CONVENE_METRICS_TOKEN`: the bearer token `/metrics` requires; unset = loopback clients only. */
  readonly metricsToken?: string;
  /** Monotonic clock in ms for durations; default `performance.now`. */
  readonly clock?: () => number;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createWebServer(options: WebServerOptions = {}): express.Express {
  const log = options.log ?? ((line: string) => console.error(line));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  const clock = options.clock ?? (() => performance.now());
  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const started = clock();
    const route = chatRoute(req.path);
    res.on('finish', () => {
      const seconds = (clock() - started) / 1000;
      if (route && options.metrics) options.metrics.commandDuration.observe(route, seconds);
      options.logger?.info(
        {
          requestId: id,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'http request',
      );
    });
    next();
  });

  if (options.metrics) {
    const { registry } = options.metrics;
    const token = options.metricsToken?.trim() || undefined;
    app.get('/metrics', async (req, res) => {
      if (!metricsAllowed(req, token)) {
        if (token) res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.status(token ? 401 : 403).json({
          ok: false,
          error: {
            code: 'forbidden',
            message: token
              ? 'The metrics need Authorization: Bearer <CONVENE_METRICS_TOKEN>.'
              : 'The metrics are served to this machine only; set CONVENE_METRICS_TOKEN to scrape them from elsewhere.',
          },
        });
        return;
      }
      res.setHeader('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    });
  }

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    let ready = false;
    try {
      ready = options.ready ? await options.ready() : true;
    } catch (error) {
      log(`readyz: not ready: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    res.status(ready ? 200 : 503).json({ ok: ready });
  });

  for (const { path, router } of options.routers ?? []) app.use(path ?? '/', router);

  app.use((req, res) => {
    res
      .status(404)
      .json({ ok: false, error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown })?.status;
    // express.json() reports malformed bodies as 4xx errors: those are the client's, say so plainly.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({
        ok: false,
        error: {
          code: 'bad_request',
          message: 'The request body must be valid JSON (Content-Type: application/json).',
        },
      });
      return;
    }
    log(
      `http: ${req.method} ${req.path} failed: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`,
    );
    if (res.headersSent) return;
    res.status(500).json({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong on our side; try again.' },
    });
  });
  return app;
}

/** Which chat request a path is, for the `platform`/`command` labels (fixed values only). */
function chatRoute(path: string): { platform: string; command: string } | null {
  if (path === '/slack/events') return { platform: 'slack', command: 'events' };
  if (path === '/discord/interactions') return { platform: 'discord', command: 'interactions' };
  return null;
}
