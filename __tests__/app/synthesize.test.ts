import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../config";
import { formatSummary, serviceOf, synthesize } from "../../app/synthesize";
import { tempDir } from "../support";

describe("synth summary", () => {
  const dir = tempDir();
  const options = { environments: selectEnvironments("prod"), outdir: path.join(dir, "cdktf.out"), reviewDir: path.join(dir, "out") };
  const result = synthesize(options);

  it("groups Terraform types by service family", () => {
    expect(serviceOf("aws_s3_bucket_policy")).toBe("s3");
    expect(serviceOf("aws_backup_vault")).toBe("backup");
    expect(serviceOf("helm_release")).toBe("helm");
    expect(serviceOf("kubernetes_secret_v1")).toBe("kubernetes");
    expect(serviceOf("grafana_dashboard")).toBe("grafana");
  });

  it("prints one line per stack whose family counts add up to its resource count, then its notes", () => {
    const lines = formatSummary(result, options).split("\n");
    expect(lines[0]).toBe(`fx-trader: synthesized 4 stacks for prod → ${options.outdir}/stacks, ${result.reviewFiles.length} review files → ${options.reviewDir}/`);
    for (const stack of result.stacks) {
      const line = lines.find((l) => l.trimStart().startsWith(`${stack.name} `))!;
      const [, total, families] = /(\d+) resources: (.*)$/.exec(line)!;
      const sum = families!.split(", ").reduce((n, f) => n + Number(f.split(" ").pop()), 0);
      expect({ stack: stack.name, total: Number(total) }).toEqual({ stack: stack.name, total: sum });
      expect(Number(total)).toBe(stack.resourceCount);
    }
    expect(lines.some((l) => /^\s+backup: RPO 1 h, RTO 4 h, /.test(l))).toBe(true);
  });

  it("S4: prints every waiver with its resource and reason, once per rule and reason: one line names all the resources that share them", () => {
    const lines = formatSummary(result, options).split("\n").map((l) => l.trim());
    let shared = 0;
    for (const stack of result.stacks) {
      const waivers = stack.notes.filter((n) => n.topic === "policy waiver").map((n) => /^(\S+) on (\S+): ([\s\S]*)$/.exec(n.text)!);
      for (const [, rule, where, reason] of waivers) {
        const short = where!.slice(stack.name.length + 1);
        const line = lines.filter((l) => l.startsWith(`policy waiver: ${rule} on `) && l.endsWith(`: ${reason}`) && (l.includes(` on ${where}: `) || l.includes(`(${short},`) || l.includes(` ${short},`) || l.includes(` ${short})`) || l.includes(`(${short})`)));
        expect({ rule, where, lines: line.length }).toEqual({ rule, where, lines: 1 });
      }
      const groups = new Set(waivers.map(([, rule, , reason]) => `${rule} ${reason}`));
      if (waivers.length > groups.size) shared += 1;
    }
    // The grouping is exercised: some stack waives one rule for one reason on several resources.
    expect(shared).toBeGreaterThan(0);
  });

  it("lists every resource type when detailed", () => {
    const detailed = formatSummary(result, options, { detailed: true });
    const data = result.stacks.find((s) => s.name === "fx-trader-prod-data")!;
    for (const [type, n] of data.resourcesByType) expect(detailed).toContain(`${type.replace(/^aws_/, "")} ${n}`);
  });
});

describe("cdktf synth --hcl (SYNTH_HCL_OUTPUT)", () => {
  it("writes HCL and summarizes the same resources as a JSON synth (the policy gate checks HCL synths too: gate.test.ts)", () => {
    const json = tempDir();
    const hcl = tempDir();
    const options = (dir: string) => ({ environments: selectEnvironments("dev"), outdir: path.join(dir, "cdktf.out"), reviewDir: path.join(dir, "out") });
    const fromJson = synthesize(options(json));
    process.env.SYNTH_HCL_OUTPUT = "true"; // read by cdktf when a stack is created
    let fromHcl;
    try {
      fromHcl = synthesize(options(hcl));
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    expect(fs.existsSync(path.join(hcl, "cdktf.out/stacks/fx-trader-dev-data/cdk.tf"))).toBe(true);
    expect(fs.existsSync(path.join(hcl, "cdktf.out/stacks/fx-trader-dev-data/cdk.tf.json"))).toBe(false);
    expect(fromHcl.stacks.map((s) => [s.name, s.resourcesByType])).toEqual(fromJson.stacks.map((s) => [s.name, s.resourcesByType]));
  });
});
