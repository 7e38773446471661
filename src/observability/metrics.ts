/**
 * Prometheus metrics (prom-client), one registry per server so tests and several servers in a process
 * do not share series. Labels are low-cardinality enums only — never ids, titles or user text.
 *
 *   convene_command_duration_seconds{platform,command}                     histogram, HTTP time of a chat request
 *   convene_provider_request_duration_seconds{provider,operation,outcome}   histogram, calendar provider calls
 *   convene_provider_errors_total{provider,operation,code}                  counter, failed provider calls
 *   convene_bookings_total{outcome}                                         counter (booked, conflict, failed)
 *   convene_booking_conflicts_total{stage}                                  counter (recheck, database)
 *   convene_job_lag_seconds{kind}                                           histogram, claim time − due time
 *
 * The use cases see these through the ports of src/app/ports/metrics.ts.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { BookingMetrics, JobMetrics, ProviderMetrics, ServerMetrics } from '../app/ports/metrics.ts';

export interface Metrics extends ProviderMetrics, BookingMetrics, JobMetrics, ServerMetrics {
  readonly registry: Registry;
  readonly commandDuration: Histogram<'platform' | 'command'>;
  readonly providerDuration: Histogram<'provider' | 'operation' | 'outcome'>;
  readonly providerErrors: Counter<'provider' | 'operation' | 'code'>;
  readonly bookings: Counter<'outcome'>;
  readonly bookingConflicts: Counter<'stage'>;
  readonly jobLag: Histogram<'kind'>;
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
      help: 'Calendar provider call time by provider, operation and outcome (ok, error, timeout)',
      labelNames: ['provider', 'operation', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    providerErrors: new Counter({
      name: 'convene_provider_errors_total',
      help: 'Failed calendar provider calls by provider, operation and error code',
      labelNames: ['provider', 'operation', 'code'],
      registers: [registry],
    }),
    bookings: new Counter({
      name: 'convene_bookings_total',
      help: 'Booking attempts by outcome (booked, conflict, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    bookingConflicts: new Counter({
      name: 'convene_booking_conflicts_total',
      help: 'Slots found taken at booking time, by stage (recheck: live re-check; database: exclusion guard)',
      labelNames: ['stage'],
      registers: [registry],
    }),
    jobLag: new Histogram({
      name: 'convene_job_lag_seconds',
      help: 'Delay between the time a job was due and the time a worker claimed it, by job kind',
      labelNames: ['kind'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
      registers: [registry],
    }),
  };
}
