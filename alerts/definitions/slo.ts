/**
 * A10: multiwindow, multi-burn-rate alerts on each service's availability and latency objectives (Google SRE
 * workbook). Fast burns page; slow burns are ticket-level warnings. The windows and rates are in
 * signals/slo.ts, the objectives in `config.slo`.
 */
import { num } from "../promql";
import { spokenDuration } from "../duration";
import { conditionAlert } from "../factories";
import type { AlertContext, AlertDefinition } from "../types";
import { BURN_WINDOWS, SLO_KINDS, burnCondition, burnRate, type BurnSpeed } from "../../signals/slo";

/** `(cond) or (cond) ...` over every service, kind and window pair of `speed`. */
function burnExpr(ctx: AlertContext, speed: BurnSpeed): string {
  const { slo } = ctx.config;
  const conditions = Object.entries(slo.services).flatMap(([service, o]) =>
    SLO_KINDS.flatMap((kind) => BURN_WINDOWS.filter((w) => w.speed === speed).map((w) => burnCondition(service, o, kind, w, slo.periodDays))),
  );
  return conditions.map((c) => `(${c})`).join(" or ");
}

/** `14.4× over 1h (and 5m) or 6× over 6h (and 30m)` for the texts. */
export function burnWindowsText(ctx: AlertContext, speed: BurnSpeed): string {
  return BURN_WINDOWS.filter((w) => w.speed === speed)
    .map((w) => `${num(burnRate(w, ctx.config.slo.periodDays))}× over ${w.long} (and ${w.short})`)
    .join(" or ");
}

function burnAlert(speed: BurnSpeed): AlertDefinition {
  const fast = speed === "fast";
  return conditionAlert({
    name: fast ? "ErrorBudgetBurnFast" : "ErrorBudgetBurnSlow",
    requirement: "A10",
    group: "slo",
    problem: "slo",
    traffic: "continuous",
    dashboard: "applicationOverview",
    for: fast ? "2m" : "15m",
    condition: `${speed} burn (see SLOs)`,
    expr: (ctx) => burnExpr(ctx, speed),
    summary: (ctx) =>
      `{{ $labels.service }} burns its {{ $labels.slo }} error budget ${fast ? "fast" : "steadily"}: ${burnWindowsText(ctx, speed)} the sustainable rate`,
    description: (ctx) =>
      `{{ $value | humanizePercentage }} of the requests to {{ $labels.namespace }}/{{ $labels.service }} missed the {{ $labels.slo }} objective over the long window. ` +
      `At ${burnWindowsText(ctx, speed)} the sustainable rate, ${fast ? "the budget of the" : "a tenth of the"} ${ctx.config.slo.periodDays}-day period is gone ` +
      `${fast ? "within hours to a couple of days" : "within days"} (for ${spokenDuration(ctx.for)}).`,
    runbook: {
      meaning: fast
        ? "The service spends its error budget so fast that, unchecked, the objective of the whole period is lost within a day or two. Both the long and the short window agree, so the burn is happening now."
        : "The service spends its error budget faster than the period can afford: not an emergency, but the objective will be missed unless the cause is fixed this week.",
      impact: fast ? "Traders see failures or slow responses right now." : "A slow degradation: some traders see errors or slow responses.",
      diagnosis: [
        "Open the application overview dashboard: the error-budget panel shows what is left, the error-ratio and latency panels which route burns it.",
        "For `slo=availability`, follow the HttpErrorRateHigh runbook; for `slo=latency`, the HttpLatencyHigh runbook.",
        "Correlate the start of the burn with deployments and dependency alerts.",
      ],
      mitigation: fast
        ? ["Roll back a deployment that started the burn.", "Follow the dependency's runbook if a dependency fails.", "Open an incident when the burn lasts."]
        : ["Open a ticket for the service's team with the dashboard link.", "Freeze risky releases of the service until the burn stops."],
    },
  });
}

export const errorBudgetBurnFast = burnAlert("fast");
export const errorBudgetBurnSlow = burnAlert("slow");
