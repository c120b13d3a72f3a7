/**
 * The handbook's pages and who owns them. The operations guide asks for a review when features change, after every
 * incident, and every quarter: generated pages follow the code (a test fails when one is stale); hand-written pages
 * carry an owner and a last-reviewed date, and a test fails when that date is older than {@link REVIEW_PERIOD_DAYS}.
 * The `docs-review` workflow opens the quarterly review issue from this list.
 */
import fs from "node:fs";
import path from "node:path";
import { TEAM_ROLES, type TeamRoleKey } from "../../../dashboards/team-roles";

/** A quarter, with a week's grace for the review issue to be worked. */
export const REVIEW_PERIOD_DAYS = 92 + 7;

export type HandbookKind = "operations manual" | "architecture" | "procedures" | "reference";

export interface HandbookPage {
  /** Path under `docs/`. */
  readonly path: string;
  readonly title: string;
  readonly kind: HandbookKind;
  readonly owner: TeamRoleKey;
  /** Hand-written pages carry `Owner:` and `Last reviewed:` lines; generated ones follow their generator. */
  readonly handWritten: boolean;
}

/** Every page a new on-call engineer may need, in reading order within each kind. */
export const HANDBOOK_PAGES: readonly HandbookPage[] = [
  { path: "operations-manual.md", title: "Operations manual: deploy, backup and restore, troubleshooting", kind: "operations manual", owner: "sre", handWritten: false },
  { path: "handbook/troubleshooting-approach.md", title: "How to troubleshoot", kind: "operations manual", owner: "sre", handWritten: true },
  { path: "backup-and-dr.md", title: "Backup and disaster recovery, restore procedure", kind: "operations manual", owner: "sre", handWritten: false },
  { path: "architecture.md", title: "Architecture: system, data flow, dependencies", kind: "architecture", owner: "sre", handWritten: false },
  { path: "observability.md", title: "Observability platform and the application contract", kind: "architecture", owner: "sre", handWritten: false },
  { path: "procedures.md", title: "Procedures: monitoring routine, alert and incident response", kind: "procedures", owner: "sre", handWritten: false },
  { path: "handbook/communication-principles.md", title: "Incident communication principles", kind: "procedures", owner: "sre", handWritten: true },
  { path: "handbook/incident-report-template.md", title: "Post-incident report template", kind: "procedures", owner: "sre", handWritten: true },
  { path: "alerts.md", title: "Alert catalog (runbooks per alert)", kind: "reference", owner: "sre", handWritten: false },
  { path: "dashboards.md", title: "Dashboards, folders and permissions", kind: "reference", owner: "developers", handWritten: false },
  { path: "metrics.md", title: "Metric contract with the application team", kind: "reference", owner: "developers", handWritten: false },
  { path: "retention.md", title: "Log retention", kind: "reference", owner: "sre", handWritten: false },
  { path: "capacity.md", title: "Capacity and autoscaling", kind: "reference", owner: "sre", handWritten: false },
  { path: "secrets.md", title: "Secrets: paths, consumers, rotation", kind: "reference", owner: "sre", handWritten: false },
  { path: "security.md", title: "Security baseline and policy rules", kind: "reference", owner: "sre", handWritten: false },
  { path: "requirements.md", title: "Requirements traceability", kind: "reference", owner: "sre", handWritten: false },
];

/** Pages that exist on disk (docs/ of `root`), so pages added by other generators appear once they land. */
export function presentPages(root = process.cwd(), pages: readonly HandbookPage[] = HANDBOOK_PAGES): HandbookPage[] {
  return pages.filter((p) => fs.existsSync(path.join(root, "docs", p.path)));
}

export interface ReviewStamp {
  readonly owner: string;
  readonly lastReviewed: string;
}

/** Reads the `Owner:` and `Last reviewed: YYYY-MM-DD` lines of a hand-written page; undefined when either is missing. */
export function reviewStamp(markdown: string): ReviewStamp | undefined {
  const owner = /^Owner: (.+)$/m.exec(markdown)?.[1]?.trim();
  const lastReviewed = /^Last reviewed: (\d{4}-\d{2}-\d{2})$/m.exec(markdown)?.[1];
  return owner && lastReviewed ? { owner, lastReviewed } : undefined;
}

/** Problems of one hand-written page on `today` (UTC date): missing stamp, wrong owner, review overdue. */
export function reviewProblems(page: HandbookPage, markdown: string, today: Date): string[] {
  const stamp = reviewStamp(markdown);
  if (!stamp) return [`docs/${page.path}: no "Owner:" and "Last reviewed: YYYY-MM-DD" lines`];
  const problems: string[] = [];
  const team = TEAM_ROLES[page.owner].team;
  if (stamp.owner !== team) problems.push(`docs/${page.path}: Owner is "${stamp.owner}", the page list says "${team}"`);
  const reviewed = Date.parse(`${stamp.lastReviewed}T00:00:00Z`);
  const ageDays = Math.floor((today.getTime() - reviewed) / 86_400_000);
  if (Number.isNaN(reviewed)) problems.push(`docs/${page.path}: Last reviewed ${stamp.lastReviewed} is not a date`);
  else if (ageDays > REVIEW_PERIOD_DAYS) problems.push(`docs/${page.path}: last reviewed ${stamp.lastReviewed}, ${ageDays} days ago (review period ${REVIEW_PERIOD_DAYS} days): review it and update the date`);
  else if (ageDays < 0) problems.push(`docs/${page.path}: Last reviewed ${stamp.lastReviewed} is in the future`);
  return problems;
}

/** Body of the quarterly review issue: every page with its owner, a checkbox each. */
export function reviewIssueBody(root = process.cwd()): string {
  let out = "Quarterly handbook review (operations guide: review every quarter, after incidents and when features change).\n\n";
  out += "For each page: read it as a new on-call engineer would; fix what is wrong in a pull request. Hand-written pages: update\n";
  out += "their `Last reviewed:` date. Generated pages: fix the definitions they are generated from.\n\n";
  for (const p of presentPages(root)) {
    out += `- [ ] [docs/${p.path}](../blob/main/docs/${p.path}) — ${p.title} — owner: ${TEAM_ROLES[p.owner].team}${p.handWritten ? " (hand-written)" : " (generated)"}\n`;
  }
  return out;
}
