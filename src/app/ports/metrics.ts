/**
 * The metrics the use cases record, as ports: plain `observe`/`inc` shapes that prom-client's
 * `Histogram`/`Counter` satisfy (see src/observability/metrics.ts, which builds them per server).
 * Labels are low-cardinality enums only — never ids, titles or user text.
 */

export type MetricLabels<L extends string> = Partial<Record<L, string>>;

export interface HistogramPort<L extends string> {
  observe(labels: MetricLabels<L>, value: number): void;
}

export interface CounterPort<L extends string> {
  inc(labels: MetricLabels<L>, value?: number): void;
}

/** `operation`: getBusy, createEvent, updateEvent, deleteEvent. `outcome`: ok, error, timeout. */
export interface ProviderMetrics {
  readonly providerDuration: HistogramPort<'provider' | 'operation' | 'outcome'>;
  /** `code`: the `ProviderError` code, `timeout`, `aborted` or `unexpected`. */
  readonly providerErrors: CounterPort<'provider' | 'operation' | 'code'>;
}

export interface BookingMetrics {
  /** `outcome`: booked, conflict (the slot was taken), failed (a calendar refused it, or an outage). */
  readonly bookings: CounterPort<'outcome'>;
  /** `stage`: recheck (the live re-check found it busy), database (the exclusion guard refused it). */
  readonly bookingConflicts: CounterPort<'stage'>;
}

export interface JobMetrics {
  /** Seconds between a job's `runAt` and the moment a worker claimed it, by `kind`. */
  readonly jobLag: HistogramPort<'kind'>;
}

/** What the web server records and serves: the HTTP time of each chat request, and `GET /metrics`. */
export interface ServerMetrics {
  readonly commandDuration: HistogramPort<'platform' | 'command'>;
  /** The Prometheus exposition (prom-client's `Registry` has this shape). */
  readonly registry: { readonly contentType: string; metrics(): Promise<string> };
}
