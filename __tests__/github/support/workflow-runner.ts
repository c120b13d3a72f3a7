/**
 * V4 test harness: runs the `run:` steps of a workflow exactly as written in its YAML, under bash with GitHub's
 * step contract (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, step `env:` with its `${{ }}` expressions resolved from
 * a given context), in a workspace whose PATH holds stand-in `terraform`, `npm`, `gh` commands, and emulates the
 * artifact actions' hand-over from the steps' own `with:` (name, path, pattern, merge-multiple).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from "../../../config/environments";
import { accountStackName, stackName } from "../../../constructs/core/naming";
import { LAYERS } from "../../../stacks/environment-stack";
import { ROOT, tempDir } from "../../support/paths";

export interface Step { name?: string; id?: string; if?: string; run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }
export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  "runs-on"?: string | string[];
  "timeout-minutes"?: number;
  environment?: string;
  strategy?: { matrix?: unknown; "fail-fast"?: boolean };
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps?: Step[];
}
export interface Workflow { name: string; on: Record<string, unknown>; permissions: Record<string, string>; env?: Record<string, string>; concurrency?: unknown; jobs: Record<string, Job> }

export const WORKFLOW_DIR = path.join(ROOT, ".github/workflows");
export const loadWorkflow = (file: string): Workflow => parse(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8")) as Workflow;

/** The values `${{ }}` expressions of step `env:` read. Only plain property paths are resolved; anything else throws. */
export interface ExpressionContext {
  matrix?: Record<string, string>;
  needs?: Record<string, { outputs?: Record<string, string>; result?: string }>;
  inputs?: Record<string, string>;
  github?: Record<string, unknown>;
}

export function resolve(text: string, ctx: ExpressionContext): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_m, expr: string) => {
    if (!/^[a-z_]+(\.[A-Za-z0-9_-]+)+$/.test(expr)) throw new Error(`workflow-runner: expression ${expr} is not a property path`);
    let value: unknown = ctx;
    for (const part of expr.split(".")) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[part];
    if (value === undefined) throw new Error(`workflow-runner: ${expr} is not in the test's context`);
    return String(value);
  });
}

export function stepOf(job: Job, name: string): Step {
  const step = (job.steps ?? []).find((s) => s.name === name);
  if (!step) throw new Error(`no step ${JSON.stringify(name)} in job (steps: ${(job.steps ?? []).map((s) => s.name ?? s.uses).join(", ")})`);
  return step;
}

/** The stand-in terraform: its behaviour per stack from FAKE_TF_<stack with - as _> (ok | changes | fail | stale), default FAKE_TF; every call logged to FAKE_TF_LOG. */
const TERRAFORM = `#!/usr/bin/env bash
dir=\${1#-chdir=}
stack=$(basename "$dir")
var="FAKE_TF_\${stack//-/_}"
mode=\${!var:-\${FAKE_TF:-ok}}
printf '%s %s\\n' "$stack" "\${*:2}" >> "$FAKE_TF_LOG"
case " $* " in
  *" init "*) echo "Initializing the backend..."; echo "Terraform has been successfully initialized!"; exit 0 ;;
  *" plan "*)
    # The plan role may read only the read-only Grafana token (bootstrap stack): any other token is denied.
    [[ $stack == *-grafana && $FAKE_ROLE == plan && \${TF_VAR_grafana_token_role:-deploy} != plan ]] && { echo "Error: reading Secrets Manager Secret Version: AccessDeniedException (grafana/terraform-token)" >&2; exit 1; }
    # Terraform (TF_INPUT=0) refuses to plan a -data stack without its sensitive input variable (secrets/terraform-access.ts).
    [[ $stack == *-data && -z \${TF_VAR_backup_on_call_endpoint:-} ]] && { echo "Error: No value for required variable: backup_on_call_endpoint" >&2; exit 1; }
    [[ $stack == fx-trader-account-* && -z \${TF_VAR_security_alert_endpoint_critical:-} ]] && { echo "Error: No value for required variable: security_alert_endpoint_critical" >&2; exit 1; }
    [[ $mode == fail ]] && { printf '\\033[31m╷\\n│ Error: Unauthorized\\n│ \\n│ cannot reach the EKS API of %s\\n╵\\033[0m\\n' "$stack" >&2; exit 1; }
    for a in "$@"; do [[ $a == -out=* ]] && echo "saved plan of $stack at $GITHUB_SHA" > "$dir/\${a#-out=}"; done
    if [[ $mode == ok ]]; then echo "No changes. Your infrastructure matches the configuration."; exit 0; fi
    echo "Terraform will perform the following actions:"; echo "  # aws_s3_bucket.logs must be replaced"; echo "Plan: 1 to add, 0 to change, 1 to destroy."; exit 2 ;;
  *" show "*)
    if [[ $mode == ok ]]; then echo '{"resource_changes":[]}'; else
    echo '{"resource_changes":[{"address":"aws_s3_bucket.logs","type":"aws_s3_bucket","change":{"actions":["delete","create"]}}]}'; fi; exit 0 ;;
  *" apply "*)
    # Grafana refuses writes made with the read-only token.
    [[ $stack == *-grafana && \${TF_VAR_grafana_token_role:-deploy} != deploy ]] && { echo "Error: grafana: 403 Forbidden (read-only service account token)" >&2; exit 1; }
    [[ $mode == stale ]] && { echo "Error: Saved plan is stale" >&2; exit 1; }
    echo "Apply complete! Resources: 1 added, 0 changed, 1 destroyed."; exit 0 ;;
esac
exit 0
`;

/** The stand-in aws: \`secretsmanager get-secret-value --secret-id <name>\` answers a value derived from the name (FAKE_AWS=deny: AccessDenied); calls logged to FAKE_AWS_LOG. */
const AWS = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$FAKE_AWS_LOG"
[[ "$1 $2" == "secretsmanager get-secret-value" ]] || { echo "aws stand-in: unexpected aws $*" >&2; exit 97; }
[[ \${FAKE_AWS:-} == deny ]] && { echo "An error occurred (AccessDeniedException) when calling the GetSecretValue operation" >&2; exit 254; }
id=
prev=
for a in "$@"; do [[ $prev == --secret-id ]] && id=$a; prev=$a; done
printf 'https://events.example.invalid/%s\\n' "\${id//\\//-}"
`;

/** The stand-in npm: \`run synth\` publishes the fixture synth; \`run ci:matrix -- …\` runs the real selection (bundled); \`ci\` does nothing. */
const NPM = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$FAKE_NPM_LOG"
args=("$@")
[[ \${args[0]} == ci ]] && exit 0
[[ \${args[0]} == run ]] || { echo "npm stand-in: unexpected npm $*" >&2; exit 97; }
rest=("\${args[@]:1}")
[[ \${rest[0]} == --silent || \${rest[0]} == -s ]] && rest=("\${rest[@]:1}")
case \${rest[0]} in
  synth) rm -rf cdktf.out && cp -r "$FIXTURE_SYNTH" cdktf.out && echo "synthesized" ;;
  ci:matrix)
    [[ \${rest[1]} == -- ]] || exit 98
    sel=("\${rest[@]:2}")
    # The selection is a pure function of its arguments, CDKTF_OUTDIR, the manifest and (pr) the changed-stacks file:
    # answer a repeat of the same inputs from the first run's stdout, stderr and status (CI_MATRIX_CACHE, one harness run).
    manifest="\${CDKTF_OUTDIR:-cdktf.out}/manifest.json"
    inputs=("$manifest")
    [[ \${sel[0]} == pr ]] && inputs+=("\${sel[1]:-changed-stacks.json}")
    for f in "\${inputs[@]}"; do [[ -f $f ]] || exec node "$CI_MATRIX_JS" "\${sel[@]}"; done
    key=$( { printf '%s\\0' "\${CDKTF_OUTDIR-<unset>}" "\${sel[@]}"; for f in "\${inputs[@]}"; do printf '\\0%s\\0' "$f"; cat "$f"; done; } | sha256sum | cut -c1-64)
    c="$CI_MATRIX_CACHE/$key"
    if [[ ! -f $c.status ]]; then
      status=0
      node "$CI_MATRIX_JS" "\${sel[@]}" > "$c.out.$$" 2> "$c.err.$$" || status=$?
      mv "$c.out.$$" "$c.out"; mv "$c.err.$$" "$c.err"; echo "$status" > "$c.status.$$"; mv "$c.status.$$" "$c.status"
    fi
    cat "$c.out"; cat "$c.err" >&2; exit "$(cat "$c.status")" ;;
  *) echo "npm stand-in: unexpected npm $*" >&2; exit 97 ;;
esac
`;

/** The stand-in gh: logs its arguments; answers the comment lookup with GH_COMMENT_ID and an issue search with GH_OPEN_<env>; keeps every body sent in GH_BODIES/<n>.md. */
const GH = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
prev=
for a in "$@"; do
  f=
  [[ $prev == --body-file ]] && f=$a
  [[ $a == body=@* ]] && f=\${a#body=@}
  [[ -n $f && -f $f ]] && cp "$f" "$GH_BODIES/$(ls "$GH_BODIES" | wc -l).md"
  prev=$a
done
if [[ $1 == api && $2 == --paginate ]]; then printf '%s' "\${GH_COMMENT_ID:-}"; exit 0; fi
if [[ "$1 $2" == "issue list" ]]; then
  for a in "$@"; do [[ $a =~ Terraform\\ drift:\\ ([a-z]+) ]] && { var="GH_OPEN_\${BASH_REMATCH[1]}"; printf '%s' "\${!var:-}"; }; done
fi
exit 0
`;

/** The manifest cdktf writes, for every registered environment: account → data → platform → grafana. */
export function fixtureManifest(): { stacks: Record<string, { dependencies: string[] }> } {
  const stacks: Record<string, { dependencies: string[] }> = {};
  for (const name of ENVIRONMENT_NAMES) {
    const env = ENVIRONMENTS[name];
    stacks[accountStackName(env.account.name)] = { dependencies: [] };
    let previous = accountStackName(env.account.name);
    for (const layer of LAYERS) {
      stacks[stackName(env, layer)] = { dependencies: [previous] };
      previous = stackName(env, layer);
    }
  }
  return { stacks };
}

const created: string[] = [];
/** A temporary folder removed by {@link removeTemporaryFolders}. */
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  created.push(dir);
  return dir;
}

/** Removes every folder the harness created (call from `afterAll`). */
export function removeTemporaryFolders(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  bundled = undefined;
  shared = undefined;
}

let shared: { bin: string; fixture: string } | undefined;
/**
 * The stand-in commands and the fixture synth, written once per test file and shared by its workspaces: neither
 * changes (the stand-ins log to each workspace's own files through the environment, and the stand-in `npm run
 * synth` copies the fixture into the workspace).
 */
function standIns(): { bin: string; fixture: string } {
  if (shared) return shared;
  const dir = scratch("fx-runner-stand-ins-");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "terraform"), TERRAFORM, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "npm"), NPM, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "gh"), GH, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "aws"), AWS, { mode: 0o755 });
  const fixture = path.join(dir, "synth");
  const manifest = fixtureManifest();
  for (const stack of Object.keys(manifest.stacks)) {
    fs.mkdirSync(path.join(fixture, "stacks", stack), { recursive: true });
    fs.writeFileSync(path.join(fixture, "stacks", stack, "cdk.tf.json"), "{}\n");
  }
  fs.writeFileSync(path.join(fixture, "manifest.json"), JSON.stringify(manifest));
  shared = { bin, fixture };
  return shared;
}

let bundled: string | undefined;
/** scripts/ci-matrix.ts bundled once per test file, as `npm run ci:matrix` does. */
function ciMatrixJs(): string {
  if (bundled) return bundled;
  const out = path.join(scratch("fx-ci-matrix-"), "ci-matrix.js");
  execFileSync(path.join(ROOT, "node_modules/.bin/esbuild"), [path.join(ROOT, "scripts/ci-matrix.ts"), "--bundle", "--platform=node", "--target=node20", "--log-level=warning", `--outfile=${out}`]);
  fs.mkdirSync(path.join(path.dirname(out), "cache"));
  bundled = out;
  return out;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** One runner's workspace: a checkout (the repo's scripts), stand-ins on PATH, logs. */
export class Workspace {
  readonly dir: string;
  readonly logs: string;
  private readonly bin: string;
  private readonly fixture: string;
  private steps = 0;

  constructor(readonly sha = "0123456789abcdef0123456789abcdef01234567") {
    this.dir = scratch("fx-runner-");
    this.logs = scratch("fx-runner-logs-");
    fs.symlinkSync(path.join(ROOT, "scripts"), path.join(this.dir, "scripts"));
    fs.symlinkSync(path.join(ROOT, "tools"), path.join(this.dir, "tools"));
    fs.mkdirSync(path.join(this.logs, "bodies"));
    ({ bin: this.bin, fixture: this.fixture } = standIns());
  }

  /** Runs `step` of `job` of `workflow` as GitHub does (`bash -e`), with its env resolved from `ctx`. */
  run(workflow: Workflow, job: Job, step: Step, ctx: ExpressionContext, env: Record<string, string> = {}, script = step.run): RunResult {
    if (script === undefined) throw new Error(`step ${step.name} has no run:`);
    const output = path.join(this.logs, `output-${++this.steps}`);
    const summary = path.join(this.logs, "summary.md");
    fs.writeFileSync(output, "");
    const resolved = (vars: Record<string, string> | undefined) => Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, resolve(String(v), ctx)]));
    const r = spawnSync("bash", ["--noprofile", "--norc", "-e", "-c", script], {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        PATH: `${this.bin}:${process.env.PATH}`,
        HOME: this.logs,
        ...resolved(workflow.env),
        ...resolved(job.env),
        ...resolved(step.env),
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_SHA: this.sha,
        GITHUB_REPOSITORY: "fx-trader/ops-infra",
        GITHUB_RUN_ID: "4242",
        FAKE_TF_LOG: this.log("terraform"),
        FAKE_NPM_LOG: this.log("npm"),
        GH_LOG: this.log("gh"),
        FAKE_AWS_LOG: this.log("aws"),
        GH_BODIES: path.join(this.logs, "bodies"),
        FIXTURE_SYNTH: this.fixture,
        CI_MATRIX_JS: ciMatrixJs(),
        CI_MATRIX_CACHE: path.join(path.dirname(ciMatrixJs()), "cache"),
        ...env,
      },
    });
    const outputs: Record<string, string> = {};
    for (const line of fs.readFileSync(output, "utf8").split("\n")) {
      const at = line.indexOf("=");
      if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
    }
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "" };
  }

  log(tool: "terraform" | "npm" | "gh" | "aws"): string {
    return path.join(this.logs, `${tool}.log`);
  }

  calls(tool: "terraform" | "npm" | "gh" | "aws"): string[] {
    const file = this.log(tool);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : [];
  }

  /** Bodies the stand-in gh was given, in order. */
  bodies(): string[] {
    const dir = path.join(this.logs, "bodies");
    return fs.readdirSync(dir).sort((a, b) => parseInt(a) - parseInt(b)).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  }
}

/** Artifact storage of one workflow run, written and read the way upload-artifact / download-artifact v4 do. */
export class ArtifactStore {
  readonly dir = scratch("fx-artifacts-");

  /** upload-artifact with one `path`: a directory's contents (not the directory) become the artifact's root. */
  upload(step: Step, ctx: ExpressionContext, from: Workspace): void {
    if (!step.uses?.startsWith("actions/upload-artifact@")) throw new Error(`not an upload step: ${step.uses}`);
    const name = resolve(String(step.with!.name), ctx);
    const source = path.join(from.dir, resolve(String(step.with!.path), ctx));
    if (!fs.existsSync(source)) {
      if (step.with!["if-no-files-found"] === "error") throw new Error(`upload-artifact: no files at ${step.with!.path}`);
      return;
    }
    if (fs.existsSync(path.join(this.dir, name))) throw new Error(`upload-artifact: an artifact named ${name} already exists in this run`);
    fs.cpSync(fs.statSync(source).isDirectory() ? source : path.dirname(source), path.join(this.dir, name), { recursive: true });
  }

  /** download-artifact with `pattern`: each matching artifact into `<path>/<name>/`, or merged into `<path>` with merge-multiple. */
  download(step: Step, to: Workspace): string[] {
    if (!step.uses?.startsWith("actions/download-artifact@")) throw new Error(`not a download step: ${step.uses}`);
    const pattern = new RegExp(`^${String(step.with!.pattern).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const names = fs.readdirSync(this.dir).filter((n) => pattern.test(n)).sort();
    const target = path.join(to.dir, String(step.with!.path ?? "."));
    for (const name of names) fs.cpSync(path.join(this.dir, name), step.with!["merge-multiple"] === true ? target : path.join(target, name), { recursive: true });
    return names;
  }
}

export const uploadStep = (job: Job): Step => (job.steps ?? []).find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
export const downloadStep = (job: Job): Step => (job.steps ?? []).find((s) => s.uses?.startsWith("actions/download-artifact@"))!;

/** Parses a `matrix` step output into its rows. */
export const matrixRows = (outputs: Record<string, string>): Array<{ stack: string; github: string; runner: string }> =>
  (JSON.parse(outputs.matrix!) as { include: Array<{ stack: string; github: string; runner: string }> }).include;
