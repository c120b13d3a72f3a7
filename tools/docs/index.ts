/**
 * Every generated doc. `npm run docs` writes them; `__tests__/tools/docs/generated-docs.test.ts` fails when a
 * committed file differs from what its generator renders now. Add a generator here to register a doc.
 */
import { alertsDoc, runbookDocs } from "./alerts";
import { backupDoc } from "./backup";
import { capacityDoc } from "./capacity";
import { dashboardPreviewDocs } from "./dashboard-previews";
import { dashboardsDoc } from "./dashboards";
import { metricsDoc } from "./metrics";
import { observabilityDoc } from "./observability";
import { requirementsDoc } from "./requirements";
import { retentionDoc } from "./retention";
import { secretsDoc } from "./secrets";
import { securityDoc } from "./security";
import { architectureDoc } from "./handbook/architecture";
import { docsIndex } from "./handbook/index-page";
import { operationsManualDoc } from "./handbook/operations-manual";
import { proceduresDoc } from "./handbook/procedures";
import type { DocGenerator } from "./types";

const PAGE_GENERATORS: readonly DocGenerator[] = [
  metricsDoc,
  observabilityDoc,
  alertsDoc,
  ...runbookDocs,
  dashboardsDoc,
  ...dashboardPreviewDocs,
  retentionDoc,
  backupDoc,
  capacityDoc,
  securityDoc,
  secretsDoc,
  requirementsDoc,
  architectureDoc,
  operationsManualDoc,
  proceduresDoc,
];

/** Every generator; the index (`docs/README.md`) lists the pages the others write. */
export const DOC_GENERATORS: readonly DocGenerator[] = [...PAGE_GENERATORS, docsIndex(PAGE_GENERATORS.map((g) => g.path))];

/** Renders every doc: path → content (throws on a duplicated path). */
export function renderDocs(environments: Parameters<DocGenerator["render"]>[0]): Map<string, string> {
  const docs = new Map<string, string>();
  for (const g of DOC_GENERATORS) {
    if (docs.has(g.path)) throw new Error(`two doc generators write ${g.path}`);
    docs.set(g.path, g.render(environments));
  }
  return docs;
}
