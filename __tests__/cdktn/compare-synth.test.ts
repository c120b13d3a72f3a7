/**
 * The cdktf/cdktn output comparison of the CI step (scripts/cdktn/compare-synth.cjs): it explains away only the
 * runtime's version stamp and empty {}/[] on one line; every other difference fails with its diff.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support";

interface Difference {
  readonly file: string;
  readonly diff: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS script the CI step runs
const { compareOutputs } = require("../../scripts/cdktn/compare-synth.cjs") as { compareOutputs: (cdktf: string, cdktn: string) => Difference[] };

/** A stack's cdk.tf.json as each runtime writes it (the same document: layout and stamp differ). */
function stackJson(version: string, { emptyOnOneLine, retentionDays = 365, chartVersion = "6.46.0" }: { emptyOnOneLine: boolean; retentionDays?: number; chartVersion?: string }): string {
  const empty = (open: string, close: string, indent: string) => (emptyOnOneLine ? `${open}${close}` : `${open}\n${indent}${close}`);
  return `{
  "//": {
    "metadata": {
      "backend": "s3",
      "overrides": {
        "backend": [
          "use_lockfile"
        ]
      },
      "stackName": "fx-trader-dev-data",
      "version": "${version}"
    },
    "outputs": ${empty("{", "}", "    ")}
  },
  "resource": {
    "aws_cloudwatch_log_group": {
      "eks": {
        "name": "/aws/eks/fx-trader-dev/cluster",
        "retention_in_days": ${retentionDays},
        "tags": ${empty("{", "}", "        ")}
      }
    },
    "helm_release": {
      "loki": {
        "set": ${empty("[", "]", "        ")},
        "values": [
          "{ \\"note\\": \\"[ ]\\" }"
        ],
        "version": "${chartVersion}"
      }
    }
  }
}`;
}

function manifestJson(version: string, emptyOnOneLine: boolean): string {
  return `{\n  "stacks": {\n    "fx-trader-dev-data": {\n      "dependencies": ${emptyOnOneLine ? "[]" : "[\n      ]"},\n      "name": "fx-trader-dev-data"\n    }\n  },\n  "version": "${version}"\n}`;
}

/** A synth output folder (`cdktf.out/` and `out/`) written as `runtime` writes it, with `edit` applied. */
function output(runtime: "cdktf" | "cdktn", edit: (files: Map<string, string>) => void = () => {}): string {
  const [version, emptyOnOneLine] = runtime === "cdktf" ? ["0.21.0", false] : ["0.24.0", true];
  const files = new Map([
    ["cdktf.out/manifest.json", manifestJson(version, emptyOnOneLine)],
    ["cdktf.out/stacks/fx-trader-dev-data/cdk.tf.json", stackJson(version, { emptyOnOneLine })],
    ["out/dev/alertmanager.yaml", "route:\n  receiver: default\n"],
  ]);
  edit(files);
  const dir = tempDir("fx-compare-");
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const STACK = "cdktf.out/stacks/fx-trader-dev-data/cdk.tf.json";

describe("cdktn comparison: cdktf and cdktn synth outputs", () => {
  const cdktf = output("cdktf");

  it("are equal when they differ only in the version stamp and empty {}/[] on one line", () => {
    expect(compareOutputs(cdktf, output("cdktn"))).toEqual([]);
  });

  it("fails when a value differs (a seeded difference), with a unified diff of the file", () => {
    const seeded = output("cdktn", (f) => f.set(STACK, stackJson("0.24.0", { emptyOnOneLine: true, retentionDays: 1 })));
    const differences = compareOutputs(cdktf, seeded);
    expect(differences.map((d) => d.file)).toEqual([STACK]);
    expect(differences[0]!.diff).toContain(`--- cdktf/${STACK}\n+++ cdktn/${STACK}\n`);
    expect(differences[0]!.diff).toContain('-        "retention_in_days": 365,\n+        "retention_in_days": 1,\n');
  });

  it("fails when a version other than the stamp differs (a chart version is data)", () => {
    const seeded = output("cdktn", (f) => f.set(STACK, stackJson("0.24.0", { emptyOnOneLine: true, chartVersion: "6.47.0" })));
    expect(compareOutputs(cdktf, seeded).map((d) => d.file)).toEqual([STACK]);
  });

  it("fails when a string's text differs, even brackets with blanks inside it", () => {
    const seeded = output("cdktn", (f) => f.set(STACK, f.get(STACK)!.replace('\\"[ ]\\"', '\\"[]\\"')));
    expect(compareOutputs(cdktf, seeded).map((d) => d.file)).toEqual([STACK]);
  });

  it("fails when other whitespace differs (only empty containers are normalized)", () => {
    const seeded = output("cdktn", (f) => f.set(STACK, `${f.get(STACK)!}\n`));
    expect(compareOutputs(cdktf, seeded).map((d) => d.file)).toEqual([STACK]);
  });

  it("fails when a review file differs or a file exists on one side only", () => {
    const seeded = output("cdktn", (f) => {
      f.set("out/dev/alertmanager.yaml", "route:\n  receiver: other\n");
      f.set("out/dev/extra.yaml", "x: 1\n");
      f.delete("cdktf.out/manifest.json");
    });
    expect(compareOutputs(cdktf, seeded).map((d) => [d.file, d.diff.split("\n")[0]])).toEqual([
      ["cdktf.out/manifest.json", "only in the cdktf output: cdktf.out/manifest.json"],
      ["out/dev/alertmanager.yaml", "--- cdktf/out/dev/alertmanager.yaml"],
      ["out/dev/extra.yaml", "only in the cdktn output: out/dev/extra.yaml"],
    ]);
  });

  it("reads cdktf.out and out through their symlinks into a generation store, as `npm run synth` publishes them", () => {
    const linked = (source: string) => {
      const dir = tempDir("fx-compare-linked-");
      fs.mkdirSync(path.join(dir, ".cdktf.out.generations/gen-1"), { recursive: true });
      for (const [folder, target] of [["cdktf.out", "cdktf"], ["out", "review"]] as const) {
        fs.cpSync(path.join(source, folder), path.join(dir, ".cdktf.out.generations/gen-1", target), { recursive: true });
        fs.symlinkSync(`.cdktf.out.generations/gen-1/${target}`, path.join(dir, folder));
      }
      return dir;
    };
    expect(compareOutputs(linked(cdktf), linked(output("cdktn")))).toEqual([]);
    const seeded = linked(output("cdktn", (f) => f.set("out/dev/alertmanager.yaml", "route:\n  receiver: other\n")));
    expect(compareOutputs(linked(cdktf), seeded).map((d) => d.file)).toEqual(["out/dev/alertmanager.yaml"]);
  });

  it("as the CI step runs it: exit 1 with the diff on a seeded difference, 0 when equal", () => {
    const cli = (other: string) => spawnSync(process.execPath, [path.join(ROOT, "scripts/cdktn/compare-synth.cjs"), cdktf, other], { encoding: "utf8" });
    const seeded = cli(output("cdktn", (f) => f.set(STACK, stackJson("0.24.0", { emptyOnOneLine: true, retentionDays: 7 }))));
    expect({ status: seeded.status, stderr: seeded.stderr }).toEqual({ status: 1, stderr: expect.stringContaining("1 of 3 files differ") });
    expect(seeded.stdout).toContain('+        "retention_in_days": 7,');
    expect(cli(output("cdktn")).status).toBe(0);
  });
});
