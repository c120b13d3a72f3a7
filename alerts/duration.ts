/**
 * Prometheus/Alertmanager durations. Defined in config/duration.ts, which config validation uses too (config is
 * the lowest layer and may not import alerts/); re-exported here for the alert modules.
 */
export { DURATION_PATTERN, durationSeconds, isDuration } from "../config/duration";
