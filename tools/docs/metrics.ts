/** `docs/metrics.md`: the metric-name contract for the application team (M1–M9). */
import { METRICS } from "../../metrics/contract";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

export const metricsDoc: DocGenerator = {
  path: "docs/metrics.md",
  render() {
    const sources = [...new Set(METRICS.map((m) => m.source))];
    let out = generatedHeader("metrics/contract.ts");
    out += "# Metrics contract\n\n";
    out += "The metric names the alerts and dashboards rely on. The FX Trader application must expose the\n";
    out += "`fx-trader-app` metrics on `/metrics` (scraped by a ServiceMonitor); the others come from the exporters\n";
    out += "this program deploys. HTTP and database-client metrics follow the OpenTelemetry semantic conventions as\n";
    out += "exported to Prometheus (units in the name, dots as underscores). Renaming one breaks alerts: change\n";
    out += "`metrics/contract.ts` and the tests show every query that depends on it.\n\n";
    for (const source of sources) {
      out += `## ${source}\n\n`;
      out += markdownTable(
        ["metric", "type", "unit", "requirement", "labels relied on", "meaning"],
        METRICS.filter((m) => m.source === source).map((m) => [`\`${m.name}\``, m.type, m.unit, m.requirement, m.labels.map((l) => `\`${l}\``).join(", "), m.description]),
      );
      out += "\n";
    }
    return out;
  },
};
