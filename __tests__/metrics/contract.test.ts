import { CONTRACT_SERIES, METRICS, metricNamesIn } from "../../metrics/contract";

describe("metrics contract", () => {
  it("lists each metric once", () => {
    const names = METRICS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9"])("%s: has at least one metric", (id) => {
    expect(METRICS.some((m) => m.requirement === id)).toBe(true);
  });

  it("M4: the queueing system's depth and oldest-message age are in the contract", () => {
    expect(METRICS.filter((m) => m.requirement === "M4").map((m) => m.name)).toEqual(["fx_queue_depth", "fx_queue_oldest_message_age_seconds"]);
  });

  it("M5: the FX business metrics (orders, executions, quote latency) are in the contract", () => {
    expect(METRICS.filter((m) => m.requirement === "M5").map((m) => m.name)).toEqual(
      expect.arrayContaining(["fx_orders_total", "fx_executions_total", "fx_quote_latency_seconds"]),
    );
  });

  it("exposes histogram series with their suffixes", () => {
    expect(CONTRACT_SERIES.has("http_server_request_duration_seconds_count")).toBe(true);
    expect(CONTRACT_SERIES.has("http_server_request_duration_seconds")).toBe(false);
  });

  it("extracts metric names from PromQL, ignoring functions, labels, durations and keywords", () => {
    expect(
      metricNamesIn(
        'sum by (service) (rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[5m])) / ' +
          "sum by (service) (rate(http_server_request_duration_seconds_count[5m])) > 0.01 and on (service) up offset 1h",
      ),
    ).toEqual(["http_server_request_duration_seconds_count", "up"]);
    expect(metricNamesIn("histogram_quantile(0.99, sum by (le) (rate(fx_quote_latency_seconds_bucket[5m])))")).toEqual([
      "fx_quote_latency_seconds_bucket",
    ]);
  });
});
