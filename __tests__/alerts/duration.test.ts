import { spokenDuration } from "../../alerts/duration";
import { resolveAlerts } from "../../alerts/resolve";
import { envConfig } from "../support";

describe("alert texts say durations in words, from the effective `for`", () => {
  it.each([
    ["2h", "2 hours"],
    ["30m", "30 minutes"],
    ["90m", "1 hour 30 minutes"],
    ["1h30m", "1 hour 30 minutes"],
    ["60s", "1 minute"],
    ["1d", "1 day"],
    ["0s", "0 seconds"],
  ])("%s reads %s", (text, spoken) => {
    expect(spokenDuration(text)).toBe(spoken);
  });

  it("fails when the text is not a Prometheus duration", () => {
    expect(() => spokenDuration("2 hours")).toThrow('"2 hours" is not a Prometheus duration such as 5m or 1h30m');
  });

  it("an override `for: 2h` makes MemoryCapacityHigh say 2 hours, and ApplicationDown's 5m says 5 minutes", () => {
    const config = envConfig("prod", { alerts: { overrides: { MemoryCapacityHigh: { for: "2h" }, ApplicationDown: { for: "5m" } } } });
    const byName = new Map(resolveAlerts(config).map((a) => [a.name, a]));
    expect(byName.get("MemoryCapacityHigh")!.annotations.summary).toMatch(/for 2 hours: consider scaling out$/);
    expect(byName.get("ApplicationDown")!.annotations.summary).toMatch(/for 5 minutes$/);
    expect(byName.get("ApplicationDown")!.annotations.description).toContain("for 5 minutes:");
  });

  it("C3: the Watchdog says the configured heartbeat interval", () => {
    const watchdog = (seconds: number) => resolveAlerts(envConfig("prod", { alerts: { heartbeatIntervalSeconds: seconds } })).find((a) => a.name === "Watchdog")!;
    expect(watchdog(60).annotations.description).toContain("every 1 minute");
    expect(watchdog(120).annotations.description).toContain("every 2 minutes");
  });
});
