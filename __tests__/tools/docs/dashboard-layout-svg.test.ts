import { defaultDashboard, type Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { DASHBOARDS } from "../../../dashboards/catalog";
import { gridItems } from "../../../dashboards/inspect";
import { formatThreshold, renderDashboardLayout, wrap } from "../../../tools/docs/dashboard-layout-svg";
import { previewEnvironment } from "../../../tools/docs/dashboard-previews";
import { envConfig, ENVIRONMENT_NAMES } from "../../support";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("dashboard layout preview (SVG)", () => {
  it.each(DASHBOARDS.map((d) => [d.uid, d] as const))("%s: draws every panel and row with its title at its grid position", (_uid, d) => {
    const model = d.build(envConfig("prod"));
    const svg = renderDashboardLayout(model, { environment: "prod", folder: "F" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const item of gridItems(model)) {
      const firstWord = (item.title ?? "").split(" ")[0]!;
      expect(svg).toContain(escapeXml(firstWord));
      if (item.type !== "row") {
        const x = 16 + item.gridPos!.x * 44 + 3;
        const y = 86 + item.gridPos!.y * 30 + 3;
        expect(svg).toContain(`<rect x="${x}" y="${y}" width="${item.gridPos!.w * 44 - 6}" height="${item.gridPos!.h * 30 - 6}"`);
      }
    }
  });

  it("escapes XML in titles", () => {
    const model: Dashboard = { ...defaultDashboard(), title: "A & B", uid: "x", panels: [{ type: "stat", title: "<p99>", gridPos: { x: 0, y: 0, w: 4, h: 4 } }] };
    const svg = renderDashboardLayout(model, { environment: "dev", folder: "F" });
    expect(svg).toContain("A &amp; B");
    expect(svg).toContain("&lt;p99&gt;");
    expect(svg).not.toContain("<p99>");
  });

  it("wraps long titles and marks a cut with an ellipsis", () => {
    expect(wrap("Container memory vs requests and limits", 20, 3)).toEqual(["Container memory vs", "requests and limits"]);
    expect(wrap("one two three four five", 9, 2)).toEqual(["one two", "three…"]);
    expect(wrap("supercalifragilistic", 8, 1)).toEqual(["superca…"]);
  });

  it("shows thresholds in the panel's unit", () => {
    expect(formatThreshold(70, "percent")).toBe("70%");
    expect(formatThreshold(0.8, "percentunit")).toBe("80%");
    expect(formatThreshold(0.5, "s")).toBe("0.5 s");
    expect(formatThreshold(3, "short")).toBe("3");
  });

  it("previews prod's thresholds, or the first environment's when prod is not selected", () => {
    expect(previewEnvironment(ENVIRONMENT_NAMES.map((e) => envConfig(e))).name).toBe("prod");
    expect(previewEnvironment([envConfig("staging"), envConfig("dev")]).name).toBe("staging");
    expect(() => previewEnvironment([])).toThrow("dashboard previews need at least one environment");
  });
});
