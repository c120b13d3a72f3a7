/**
 * Data source references for dashboards. Panels never name a data source UID directly: they point at the
 * `datasource` dashboard variable, whose default is the Prometheus data source the `grafana` layer creates
 * (`DATASOURCE_UIDS`), so a reviewer can switch a dashboard to another Prometheus without editing it.
 */
import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/dashboard";
import { DATASOURCE_UIDS } from "../uids";

/** Name of the data source variable every dashboard declares. */
export const DATASOURCE_VARIABLE = "datasource";

/** The Prometheus data source as selected by the dashboard's `datasource` variable. */
export const PROMETHEUS: DataSourceRef = { type: "prometheus", uid: `\${${DATASOURCE_VARIABLE}}` };

/** The Loki data source (fixed: explore links leave the dashboard, where its variables do not apply). */
export const LOKI: DataSourceRef = { type: "loki", uid: DATASOURCE_UIDS.loki };

/** The Tempo data source (fixed, as {@link LOKI}). */
export const TEMPO: DataSourceRef = { type: "tempo", uid: DATASOURCE_UIDS.tempo };
