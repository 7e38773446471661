/**
 * Prometheus metrics (prom-client), one registry per server so tests and several servers in a process
 * do not share series. Labels are low-cardinality enums only — never ids, titles or user text.
 *
 *   convene_command_duration_seconds{platform,command}        histogram, HTTP time of a chat request
 *   convene_provider_request_duration_seconds{provider,outcome} histogram, calendar provider calls
 *   convene_bookings_total{outcome}                            counter
 *   convene_job_lag_seconds                                    gauge, age of the oldest due job
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly commandDuration: Histogram<'platform' | 'command'>;
  readonly providerDuration: Histogram<'provider' | 'outcome'>;
  readonly bookings: Counter<'outcome'>;
  readonly jobLag: Gauge;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'convene_' });
  return {
    registry,
    commandDuration: new Histogram({
      name: 'convene_command_duration_seconds',
      help: 'Time to answer a chat platform request (Slack events, Discord interactions)',
      labelNames: ['platform', 'command'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
      registers: [registry],
    }),
    providerDuration: new Histogram({
      name: 'convene_provider_request_duration_seconds',
      help: 'Calendar provider request time by provider and outcome (ok, error)',
      labelNames: ['provider', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    bookings: new Counter({
      name: 'convene_bookings_total',
      help: 'Bookings by outcome (booked, conflict, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    jobLag: new Gauge({
      name: 'convene_job_lag_seconds',
      help: 'Age of the oldest job that is due and not yet taken, in seconds',
      registers: [registry],
    }),
  };
}

/** Which chat request a path is, for the `platform`/`command` labels (fixed values only). */
export function chatRoute(path: string): { platform: string; command: string } | null {
  if (path === '/slack/events') return { platform: 'slack', command: 'events' };
  if (path === '/discord/interactions') return { platform: 'discord', command: 'interactions' };
  return null;
}
