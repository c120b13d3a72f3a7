/**
 * Service level objectives (A10): per service of the application namespace, an availability and a latency
 * objective over a rolling period. Burn-rate alerts, recording rules, the error-budget panel and the docs
 * are all derived from these values; `config/validation/slo.ts` checks them.
 */

/** Latency objective: `percent` of requests complete within `thresholdSeconds`. */
export interface LatencyObjective {
  /** Must be a bucket boundary of `http_server_request_duration_seconds` ({@link HTTP_DURATION_BUCKETS_SECONDS}). */
  readonly thresholdSeconds: number;
  /** Share of requests that must be at least this fast, in percent (e.g. 99). */
  readonly percent: number;
}

/** The objectives of one service. */
export interface ServiceObjectives {
  /** Share of requests answered without a 5xx status, in percent (e.g. 99.9). */
  readonly availabilityPercent: number;
  readonly latency: LatencyObjective;
}

export interface SloConfig {
  /** Rolling period the objectives (and the error budget) are defined over, in days. */
  readonly periodDays: number;
  /** Objectives keyed by the `service` label of the application's HTTP metrics. */
  readonly services: Readonly<Record<string, ServiceObjectives>>;
}

/**
 * Bucket boundaries of the application's request-duration histogram: the OpenTelemetry SDK's default
 * explicit buckets for `http.server.request.duration` (seconds). A latency objective needs one of them, since
 * PromQL counts "requests within T" exactly only at a bucket boundary.
 */
export const HTTP_DURATION_BUCKETS_SECONDS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The objectives every environment starts from (base config). */
export const DEFAULT_SLO: SloConfig = {
  periodDays: 30,
  services: {
    "fx-trader-api": { availabilityPercent: 99.9, latency: { thresholdSeconds: 0.25, percent: 99 } },
    "fx-trader-web": { availabilityPercent: 99.5, latency: { thresholdSeconds: 1, percent: 95 } },
  },
};
