/**
 * Checks that every name the handbook prints exists in what synth really wrote: stack folders, Helm releases and
 * their namespaces, the EKS cluster, buckets, backup vaults, Grafana dashboard uids, Alertmanager receivers and review
 * files. Reads the synthesized files, not the model the pages are generated from, so a page naming something the
 * program does not deploy fails.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { filesUnder } from "./secret-scan";

export interface SynthesizedIndex {
  readonly stacks: ReadonlySet<string>;
  readonly releases: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  /** `<namespace>/<release>` of every Helm release. */
  readonly releasesInNamespace: ReadonlySet<string>;
  readonly buckets: ReadonlySet<string>;
  readonly vaults: ReadonlySet<string>;
  readonly dashboardUids: ReadonlySet<string>;
  readonly receivers: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  /** Every string value anywhere in the synthesized JSON (cluster names, state buckets, ...). */
  readonly strings: ReadonlySet<string>;
  /** Review files, relative to the review folder (`prod/alertmanager.yaml`). */
  readonly reviewFiles: ReadonlySet<string>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

function walkStrings(v: unknown, into: Set<string>): void {
  if (typeof v === "string") into.add(v);
  else if (Array.isArray(v)) v.forEach((x) => walkStrings(x, into));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => walkStrings(x, into));
}

/** Indexes a synth's output folders (`cdktf.out`, `out`). */
export function indexSynthesized(outdir: string, reviewDir: string): SynthesizedIndex {
  const idx = {
    stacks: new Set<string>(), releases: new Set<string>(), namespaces: new Set<string>(), releasesInNamespace: new Set<string>(), buckets: new Set<string>(),
    vaults: new Set<string>(), dashboardUids: new Set<string>(), receivers: new Set<string>(), regions: new Set<string>(),
    strings: new Set<string>(), reviewFiles: new Set<string>(filesUnder(reviewDir)),
  };
  const stacksDir = path.join(outdir, "stacks");
  for (const stack of fs.readdirSync(stacksDir)) {
    const file = path.join(stacksDir, stack, "cdk.tf.json");
    if (!fs.existsSync(file)) continue;
    idx.stacks.add(stack);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as Json;
    walkStrings(json, idx.strings);
    const res = obj(json.resource);
    for (const r of Object.values(obj(res.helm_release))) { idx.releases.add(String(obj(r).name)); idx.namespaces.add(String(obj(r).namespace)); idx.releasesInNamespace.add(`${String(obj(r).namespace)}/${String(obj(r).name)}`); }
    for (const r of Object.values(obj(res.aws_s3_bucket))) idx.buckets.add(String(obj(r).bucket));
    idx.buckets.add(String(obj(obj(obj(json.terraform).backend).s3).bucket));
    for (const r of Object.values(obj(res.aws_backup_vault))) idx.vaults.add(String(obj(r).name));
    for (const r of Object.values(obj(res.grafana_dashboard))) {
      const uid = obj(JSON.parse(String(obj(r).config_json))).uid;
      if (typeof uid === "string") idx.dashboardUids.add(uid);
    }
    for (const p of Object.values(obj(json.provider))) for (const c of Array.isArray(p) ? p : []) if (obj(c).region) idx.regions.add(String(obj(c).region));
  }
  for (const f of idx.reviewFiles) {
    if (path.basename(f) !== "alertmanager.yaml") continue;
    const am = obj(parseYaml(fs.readFileSync(path.join(reviewDir, f), "utf8")));
    for (const r of Array.isArray(am.receivers) ? am.receivers : []) idx.receivers.add(String(obj(r).name));
  }
  return idx;
}

interface Rule {
  readonly what: string;
  readonly pattern: RegExp;
  readonly known: (idx: SynthesizedIndex) => ReadonlySet<string>;
}

/** What the handbook names, how it is recognized, and where it must exist. */
const RULES: readonly Rule[] = [
  { what: "stack", pattern: /\b(fx-trader-account-[a-z0-9-]+|fx-trader-[a-z0-9]+-(?:data|platform|grafana))(?![a-z0-9-])/g, known: (i) => i.stacks },
  { what: "stack", pattern: /cdktf (?:diff|deploy) ([^\s&|;`]+)/g, known: (i) => i.stacks },
  { what: "Helm release", pattern: /app\.kubernetes\.io\/instance=([a-z0-9-]+)/g, known: (i) => i.releases },
  { what: "release in its namespace", pattern: /kubectl -n ([a-z0-9-]+) (?:get|logs)[^\n`]*?-l app\.kubernetes\.io\/instance=([a-z0-9-]+)/g, known: (i) => i.releasesInNamespace },
  { what: "namespace", pattern: /kubectl -n ([a-z0-9-]+)/g, known: (i) => i.namespaces },
  { what: "EKS cluster", pattern: /update-kubeconfig --region [a-z0-9-]+ --name ([a-z0-9-]+)/g, known: (i) => i.strings },
  { what: "bucket", pattern: /s3:\/\/([a-z0-9.-]+)/g, known: (i) => i.buckets },
  { what: "backup vault", pattern: /--backup-vault-name ([A-Za-z0-9_.-]+)/g, known: (i) => i.vaults },
  { what: "dashboard uid", pattern: /\/d\/([a-z0-9-]+)/g, known: (i) => i.dashboardUids },
  { what: "region", pattern: /--region ([a-z]{2}-[a-z]+-\d)/g, known: (i) => i.regions },
  { what: "review file", pattern: /\bout\/([a-z0-9-]+\/[a-z0-9-]+\.ya?ml)/g, known: (i) => i.reviewFiles },
];

/** Receivers named in a communication-plan table row: `| env | severity | \`receiver\` | ...`. */
const RECEIVER_ROW = /^\| [a-z0-9-]+ \| (?:critical|warning|info) \| `([a-z0-9-]+)` \|/gm;

/** Every name in `pages` (path → Markdown) that the synthesized output does not have, as `page: what "name"`. */
export function handbookReferenceProblems(pages: ReadonlyMap<string, string>, idx: SynthesizedIndex): string[] {
  const problems: string[] = [];
  for (const [page, text] of pages) {
    for (const rule of [...RULES, { what: "receiver", pattern: RECEIVER_ROW, known: (i: SynthesizedIndex) => i.receivers }]) {
      for (const m of text.matchAll(rule.pattern)) {
        const name = m[2] === undefined ? m[1]! : `${m[1]}/${m[2]}`;
        if (!rule.known(idx).has(name)) problems.push(`${page}: ${rule.what} "${name}" is not in the synthesized output`);
      }
    }
  }
  return [...new Set(problems)];
}

/** How many names of each kind the pages hold (so a test can prove the check saw them). */
export function handbookReferenceCounts(pages: ReadonlyMap<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const text of pages.values()) {
    for (const rule of [...RULES, { what: "receiver", pattern: RECEIVER_ROW }]) counts[rule.what] = (counts[rule.what] ?? 0) + [...text.matchAll(rule.pattern)].length;
  }
  return counts;
}

/** Relative Markdown links (`[x](y)`) of a page, resolved against its folder, anchors dropped. */
export function relativeLinks(fromFile: string, markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!.split("#")[0]!;
    if (!target || /^[a-z]+:/.test(target) || target.startsWith("../blob/")) continue;
    out.push(path.normalize(path.join(path.dirname(fromFile), target)));
  }
  return out;
}
