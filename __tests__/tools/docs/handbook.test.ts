import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HANDBOOK_PAGES, REVIEW_PERIOD_DAYS, reviewProblems } from "../../../tools/docs/handbook/pages";
import { ROOT } from "../../support";
import { sharedSynthesis } from "../../support/shared-synthesis";
import { filesUnder } from "../../support/secret-scan";
import { handbookReferenceCounts, handbookReferenceProblems, indexSynthesized, relativeLinks } from "../../support/handbook-references";

const DOCS = path.join(ROOT, "docs");
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");
/** Every file under docs/, absolute paths. */
const docsFiles = () => filesUnder(DOCS).map((f) => path.join(DOCS, f));
/** The handbook pages themselves (not the reference docs they link to). */
const HANDBOOK = ["docs/README.md", "docs/architecture.md", "docs/operations-manual.md", "docs/procedures.md", ...HANDBOOK_PAGES.filter((p) => p.handWritten).map((p) => `docs/${p.path}`)];

describe("operations handbook (O1, I1)", () => {
  it("O1: every page and image under docs/ is reachable from docs/README.md by links", () => {
    const seen = new Set<string>();
    const queue = [path.join(DOCS, "README.md")];
    const broken: string[] = [];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!file.endsWith(".md")) continue;
      for (const target of relativeLinks(file, fs.readFileSync(file, "utf8"))) {
        if (!fs.existsSync(target)) broken.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`);
        else if (fs.statSync(target).isFile()) queue.push(target);
      }
    }
    const published = docsFiles().filter((f) => !f.startsWith(path.join(DOCS, "generators") + path.sep));
    expect(broken).toEqual([]);
    expect(published.filter((f) => !seen.has(f)).map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  describe("I1: every stack, release, namespace, cluster, bucket, vault, dashboard uid, receiver and review file the handbook names exists in the synthesized output", () => {
    const { outdir, reviewDir } = sharedSynthesis();
    const idx = indexSynthesized(outdir, reviewDir);
    const pages = new Map(HANDBOOK.map((p) => [p, read(p)]));

    it("no name is unknown", () => {
      expect(handbookReferenceProblems(pages, idx)).toEqual([]);
    });

    it("the check saw names of every kind (it is not vacuous)", () => {
      const counts = handbookReferenceCounts(pages);
      for (const kind of ["stack", "Helm release", "release in its namespace", "namespace", "EKS cluster", "bucket", "backup vault", "dashboard uid", "region", "review file", "receiver"]) {
        expect({ kind, seen: (counts[kind] ?? 0) > 0 }).toEqual({ kind, seen: true });
      }
    });

    it("fails when a page names a stack, release, uid, vault or receiver that is not deployed", () => {
      const seeded = new Map([
        [
          "docs/seeded.md",
          [
            "npx cdktf deploy fx-trader-prod-dta",
            "kubectl -n monitoring get pods -l app.kubernetes.io/instance=lokki",
            "kubectl -n monitoring logs -l app.kubernetes.io/instance=external-secrets --tail=200",
            "https://grafana.example.com/d/fx-no-such-dashboard",
            "aws backup list-recovery-points-by-backup-vault --region ap-northeast-1 --backup-vault-name fx-trader-prod-vault-typo",
            "| prod | critical | `pager-typo` | slack |",
          ].join("\n"),
        ],
      ]);
      expect(handbookReferenceProblems(seeded, idx)).toEqual([
        'docs/seeded.md: stack "fx-trader-prod-dta" is not in the synthesized output',
        'docs/seeded.md: Helm release "lokki" is not in the synthesized output',
        'docs/seeded.md: release in its namespace "monitoring/lokki" is not in the synthesized output',
        'docs/seeded.md: release in its namespace "monitoring/external-secrets" is not in the synthesized output',
        'docs/seeded.md: backup vault "fx-trader-prod-vault-typo" is not in the synthesized output',
        'docs/seeded.md: dashboard uid "fx-no-such-dashboard" is not in the synthesized output',
        'docs/seeded.md: receiver "pager-typo" is not in the synthesized output',
      ]);
    });
  });

  describe("O1: diagrams parse with Mermaid", () => {
    const script = path.join(ROOT, "scripts/check-mermaid.mjs");
    const markdown = ["README.md", ...docsFiles().filter((f) => f.endsWith(".md")).map((f) => path.relative(ROOT, f))];

    it("every ```mermaid block of the README and docs/ parses, and a seeded broken diagram fails naming its file and line", () => {
      // One Mermaid process for both (it takes a second to load): the real files plus one broken diagram.
      const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fx-mermaid-")), "bad.md");
      fs.writeFileSync(bad, "# x\n\n```mermaid\nflowchart LR\n  a[\"x\" --> b\n```\n");
      const r = spawnSync(process.execPath, [script, ...markdown, bad], { cwd: ROOT, encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4: Parse error`))]);
      const parsed = Number(/^(\d+) diagrams parsed, 1 broken$/m.exec(r.stdout)?.[1]);
      expect(parsed).toBeGreaterThanOrEqual(8);
    });
  });

  describe("O1: hand-written pages carry an owner and were reviewed within the review period", () => {
    const today = new Date();
    it.each(HANDBOOK_PAGES.filter((p) => p.handWritten).map((p) => [p.path, p] as const))("docs/%s", (_path, page) => {
      expect(reviewProblems(page, read(`docs/${page.path}`), today)).toEqual([]);
    });

    it("fails when a review is overdue, the stamp is missing or the owner differs", () => {
      const page = HANDBOOK_PAGES.find((p) => p.handWritten)!;
      const day = new Date("2027-06-01T12:00:00Z");
      const old = new Date(day.getTime() - (REVIEW_PERIOD_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
      expect(reviewProblems(page, `# x\n\nOwner: SRE and on-call\nLast reviewed: ${old}\n`, day)).toEqual([
        `docs/${page.path}: last reviewed ${old}, ${REVIEW_PERIOD_DAYS + 1} days ago (review period ${REVIEW_PERIOD_DAYS} days): review it and update the date`,
      ]);
      expect(reviewProblems(page, "# x\n", day)).toEqual([`docs/${page.path}: no "Owner:" and "Last reviewed: YYYY-MM-DD" lines`]);
      expect(reviewProblems(page, "Owner: Somebody\nLast reviewed: 2027-05-30\n", day)).toEqual([`docs/${page.path}: Owner is "Somebody", the page list says "SRE and on-call"`]);
    });
  });
});
