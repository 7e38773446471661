/**
 * Convene's HTTP server: one express app for health checks, OAuth callbacks, provider webhooks and the
 * playground. Adapters are mounted as routers; this factory only adds what every deployment needs.
 *
 *   GET /healthz  → 200 while the process runs (liveness)
 *   GET /readyz   → 200 when `ready()` resolves true (e.g. the database answers), else 503 (readiness)
 *
 * Unknown routes get a JSON 404; an unexpected failure gets a JSON 500 without details (the error is
 * logged on one line), never a stack trace.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';

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
}

export function createWebServer(options: WebServerOptions = {}): express.Express {
  const log = options.log ?? ((line: string) => console.error(line));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

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
