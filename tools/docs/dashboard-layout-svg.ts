/**
 * Renders a dashboard's layout as an SVG: every panel at its grid position with its title, type, unit and
 * threshold lines, rows as bands, variables and links in the header. Reviewers see the layout of a dashboard
 * change on a pull request without a Grafana server. Deterministic: same model, same bytes.
 */
import type { Dashboard, Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { gridItems, panelQueries, thresholdLines, thresholdSteps } from "../../dashboards/inspect";

/** Pixels per grid column (Grafana's grid has 24 columns). */
const COLUMN = 44;
/** Pixels per grid row unit (Grafana uses 30 px). */
const ROW = 30;
const MARGIN = 16;
const GAP = 3;
const HEADER = 86;
const FOOTER = 40;
const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
/** Approximate advance of one character at a font size, for wrapping (DejaVu Sans is wide). */
const CHAR_WIDTH = (size: number, bold: boolean) => size * (bold ? 0.64 : 0.58);

const FILL: Readonly<Record<string, string>> = {
  stat: "#e3effc",
  timeseries: "#e6f4e6",
  heatmap: "#fdeedd",
  table: "#efe8f8",
};
const DEFAULT_FILL = "#f0f0f0";

/** Caption lines under the title (environment, folder…). */
export interface LayoutCaption {
  readonly environment: string;
  readonly folder: string;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Splits `text` into at most `maxLines` lines of at most `maxChars` characters, ending with "…" if cut. */
export function wrap(content: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of content.split(/\s+/).filter((w) => w.length > 0)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word.length > maxChars ? `${word.slice(0, Math.max(1, maxChars - 1))}…` : word);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length < maxChars ? last : last.slice(0, Math.max(1, maxChars - 1))}…`;
  return kept;
}

function text(x: number, y: number, content: string, size: number, opts: { bold?: boolean; fill?: string; anchor?: string } = {}): string {
  const weight = opts.bold ? ' font-weight="bold"' : "";
  const anchor = opts.anchor ? ` text-anchor="${opts.anchor}"` : "";
  return `<text x="${x}" y="${y}" font-size="${size}"${weight}${anchor} fill="${opts.fill ?? "#1f2933"}">${esc(content)}</text>`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

/** A threshold value in the panel's unit, e.g. `70%`, `0.5 s`, `80%` for 0.8 of a `percentunit` panel. */
export function formatThreshold(value: number, unit: string | undefined): string {
  if (unit === "percent") return `${formatNumber(value)}%`;
  if (unit === "percentunit") return `${formatNumber(value * 100)}%`;
  if (unit === "s") return `${formatNumber(value)} s`;
  return formatNumber(value);
}

function panelSvg(panel: Panel, top: number): string[] {
  const pos = panel.gridPos ?? { x: 0, y: 0, w: 12, h: 8 };
  const x = MARGIN + pos.x * COLUMN + GAP;
  const y = top + pos.y * ROW + GAP;
  const w = pos.w * COLUMN - 2 * GAP;
  const h = pos.h * ROW - 2 * GAP;
  const out = [`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" fill="${FILL[panel.type] ?? DEFAULT_FILL}" stroke="#7b8794" stroke-width="1"/>`];
  const titleSize = 13;
  const titleLines = wrap(panel.title ?? "(untitled)", Math.floor((w - 16) / CHAR_WIDTH(titleSize, true)), pos.h <= 4 ? 2 : 3);
  titleLines.forEach((line, i) => out.push(text(x + 8, y + 18 + i * 16, line, titleSize, { bold: true })));
  const unit = panel.fieldConfig?.defaults.unit;
  const queries = panelQueries(panel).length;
  const detailSize = 11;
  const maxDetail = Math.floor((w - 16) / CHAR_WIDTH(detailSize, false));
  const details = [[panel.type, unit].filter((s) => s !== undefined && s !== "").join(" · "), `${queries} ${queries === 1 ? "query" : "queries"}`];
  details.forEach((d, i) => out.push(text(x + 8, y + 20 + titleLines.length * 16 + i * 14, wrap(d, maxDetail, 1)[0] ?? "", detailSize, { fill: "#52606d" })));
  const lines = thresholdLines(panel);
  if (lines.length > 0) {
    const lineY = y + h - 22;
    out.push(`<line x1="${x + 8}" y1="${lineY}" x2="${x + w - 8}" y2="${lineY}" stroke="#d64545" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    out.push(text(x + w - 8, lineY - 4, `threshold ${lines.map((v) => formatThreshold(v, unit)).join(", ")}`, 11, { fill: "#b42318", anchor: "end" }));
  } else {
    const steps = thresholdSteps(panel);
    if (steps.length > 0) out.push(text(x + 8, y + h - 8, wrap(`colour changes at ${steps.map((v) => formatThreshold(v, unit)).join(", ")}`, maxDetail, 1)[0]!, 11, { fill: "#b42318" }));
  }
  return out;
}

/** The SVG layout preview of a built dashboard. */
export function renderDashboardLayout(model: Dashboard, caption: LayoutCaption): string {
  const items = gridItems(model);
  const bottom = Math.max(0, ...items.map((p) => (p.gridPos ? p.gridPos.y + p.gridPos.h : 0)));
  const width = 2 * MARGIN + 24 * COLUMN;
  const height = HEADER + bottom * ROW + FOOTER;
  const top = HEADER;
  const variables = (model.templating.list ?? []).map((v) => `$${v.name}`).join("  ");
  const links = (model.links ?? []).map((l) => l.title).join("  |  ");
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, 28, model.title ?? "(untitled)", 20, { bold: true }),
    text(MARGIN, 48, `uid ${model.uid} · folder ${caption.folder} · thresholds of ${caption.environment} · schemaVersion ${model.schemaVersion}`, 12, { fill: "#3e4c59" }),
    text(MARGIN, 64, `variables: ${variables}`, 12, { fill: "#3e4c59" }),
    text(MARGIN, 80, `links: ${links}`, 12, { fill: "#3e4c59" }),
  ];
  for (const item of items) {
    if (item.type === "row") {
      const pos = item.gridPos ?? { x: 0, y: 0, w: 24, h: 1 };
      const y = top + pos.y * ROW;
      out.push(`<rect x="${MARGIN}" y="${y + 4}" width="${24 * COLUMN}" height="${ROW - 8}" fill="#f5f7fa"/>`);
      out.push(`<line x1="${MARGIN}" y1="${y + ROW - 4}" x2="${MARGIN + 24 * COLUMN}" y2="${y + ROW - 4}" stroke="#9aa5b1" stroke-width="1"/>`);
      out.push(text(MARGIN + 6, y + 20, `▾ ${item.title ?? ""}`, 13, { bold: true, fill: "#323f4b" }));
      continue;
    }
    out.push(...panelSvg(item as Panel, top));
  }
  const legendY = height - 16;
  let lx = MARGIN;
  for (const [type, fill] of Object.entries(FILL)) {
    out.push(`<rect x="${lx}" y="${legendY - 11}" width="14" height="14" rx="2" fill="${fill}" stroke="#7b8794"/>`);
    out.push(text(lx + 20, legendY, type, 11, { fill: "#3e4c59" }));
    lx += 110;
  }
  out.push(`<line x1="${lx}" y1="${legendY - 4}" x2="${lx + 30}" y2="${legendY - 4}" stroke="#d64545" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  out.push(text(lx + 36, legendY, "threshold drawn on the graph (from the environment config)", 11, { fill: "#3e4c59" }));
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
