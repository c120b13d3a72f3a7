/**
 * Signals of the PostgreSQL databases (postgres_exporter, M8): replication lag. The one PromQL definition the
 * replication-lag alert and the database dashboard both use. Pure data: no cdktf imports.
 */
import { aggregate, selector, type Matcher } from "../alerts/promql";

/** Largest lag behind the writer per replica instance, in seconds. */
export function replicationLagSeconds(...scope: Matcher[]): string {
  return aggregate("max", ["instance"], selector("pg_replication_lag_seconds", ...scope));
}
