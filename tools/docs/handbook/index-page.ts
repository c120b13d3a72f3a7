/** `docs/README.md` (O1): the index a new on-call engineer starts from; every handbook page is reachable from it. */
import { TEAM_ROLES } from "../../../dashboards/team-roles";
import { generatedHeader, markdownTable, type DocGenerator } from "../types";
import { HANDBOOK_PAGES, REVIEW_PERIOD_DAYS, type HandbookKind } from "./pages";

const KINDS: readonly HandbookKind[] = ["operations manual", "architecture", "procedures", "reference"];

/**
 * The index over the pages that exist: hand-written ones, and generated ones whose generator is registered
 * (`generatedPaths`, project-relative), so a page appears in the index in the same change that adds its generator.
 */
export function docsIndex(generatedPaths: readonly string[]): DocGenerator {
  const listed = HANDBOOK_PAGES.filter((p) => p.handWritten || generatedPaths.includes(`docs/${p.path}`));
  return {
  path: "docs/README.md",
  render() {
    let out = generatedHeader("tools/docs/handbook/pages.ts");
    out += "# FX Trader operations handbook\n\n";
    out += "Start here when you join the on-call rotation: read the [procedures](procedures.md) (what to watch, how to respond\n";
    out += "to an alert and run an incident), then the [architecture](architecture.md) and the [operations manual](operations-manual.md).\n";
    out += "Each alert's runbook is linked from the [alert catalog](alerts.md) and from the alert itself.\n\n";
    for (const kind of KINDS) {
      out += `## ${kind[0]!.toUpperCase()}${kind.slice(1)}\n\n`;
      out += markdownTable(
        ["page", "owner", "kept current by"],
        listed.filter((p) => p.kind === kind).map((p) => [
          `[${p.title}](${p.path})`,
          TEAM_ROLES[p.owner].team,
          p.handWritten ? `review every ${REVIEW_PERIOD_DAYS} days (date on the page)` : "generated from the code (`npm run docs`)",
        ]),
      );
      out += "\n";
    }
    out += "Runbooks: one per alert in [runbooks/](runbooks/), linked from the [alert catalog](alerts.md) and [procedures](procedures.md#alert-response-by-severity).\n";
    return out;
  },
  };
}
