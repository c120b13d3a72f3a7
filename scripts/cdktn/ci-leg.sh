#!/usr/bin/env bash
# CI's cdktn leg (.ci/run, after `npm test` on cdktf): proves the project runs unchanged on CDK Terrain.
#   1. synthesizes every environment on cdktf (the lockfile's runtime) and keeps the output;
#   2. `npm run runtime:cdktn -- --no-save`: cdktn installed as `cdktf`, the @cdktf/provider-* packages kept;
#   3. synthesizes every environment on cdktn and compares (scripts/cdktn/compare-synth.cjs): any difference
#      beyond the version stamp and empty {}/[] on one line fails with its diff;
#   4. self-check of that comparison: one value of the real cdktn output is changed, and the comparison must fail
#      naming that file (a comparison that cannot fail proves nothing);
#   5. the type checker and the whole jest suite on cdktn (FX_CDKTN_JEST_ARGS narrows jest, e.g. to one file);
#   6. back to cdktf (`--no-save`), then package.json and package-lock.json must be as committed.
# The runtime is switched back on any exit (a failure, Ctrl-C), so a local `bash .ci/run` never leaves cdktn behind.
# Output of each synth goes to a temporary folder, never to cdktf.out/ or out/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHECKPOINT_DISABLE=1

runtime() { node -p 'const p = require("./node_modules/cdktf/package.json"); `${p.name}@${p.version}`'; }
lockfile_runtime=$(node -p 'const l = require("./package-lock.json").packages["node_modules/cdktf"]; `${l.name ?? "cdktf"}@${l.version}`')
if [ "$(runtime)" != "$lockfile_runtime" ]; then
  echo "cdktn leg: node_modules/cdktf is $(runtime), the lockfile's is $lockfile_runtime; run npm ci first" >&2
  exit 1
fi
work=$(mktemp -d)
switched=""
finish() {
  status=$?
  if [ -n "$switched" ]; then
    echo "cdktn leg: back to $lockfile_runtime"
    node scripts/cdktn/runtime.cjs cdktf --no-save >"$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; status=1; }
  fi
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT

synth() { # <runtime label>: synthesizes every environment into $work/<label>
  if ! CDKTF_OUTDIR="$work/$1/cdktf.out" FX_REVIEW_DIR="$work/$1/out" node scripts/synth.cjs >"$work/synth-$1.log" 2>&1; then
    cat "$work/synth-$1.log" >&2
    echo "cdktn leg: synth on $1 failed" >&2
    return 1
  fi
  echo "cdktn leg: synthesized on $(runtime): $(ls "$work/$1/cdktf.out/stacks" | wc -l) stacks"
}

synth cdktf
switched=yes
node scripts/cdktn/runtime.cjs cdktn --no-save
synth cdktn
node scripts/cdktn/compare-synth.cjs "$work/cdktf" "$work/cdktn"

# Self-check: the first stack's first `"retention_in_days": N` (or, failing that, its first number) becomes N + 1.
mkdir "$work/seeded"
cp -RL "$work/cdktn/cdktf.out" "$work/cdktn/out" "$work/seeded/"
seeded=$(node -e '
  const fs = require("fs");
  const dir = process.argv[1] + "/cdktf.out/stacks";
  const stack = fs.readdirSync(dir).sort()[0];
  const file = `${dir}/${stack}/cdk.tf.json`;
  const text = fs.readFileSync(file, "utf8");
  const pattern = /"retention_in_days": (\d+)/.test(text) ? /("retention_in_days": )(\d+)/ : /(: )(\d+)/;
  const edited = text.replace(pattern, (_, key, n) => `${key}${Number(n) + 1}`);
  if (edited === text) throw new Error(`${file}: no number to change`);
  fs.writeFileSync(file, edited);
  console.log(`cdktf.out/stacks/${stack}/cdk.tf.json`);
' "$work/seeded")
if node scripts/cdktn/compare-synth.cjs "$work/cdktf" "$work/seeded" >"$work/seeded.diff" 2>&1; then
  echo "cdktn leg: self-check failed: the comparison accepted a seeded difference in $seeded" >&2
  exit 1
fi
grep -qF -- "+++ cdktn/$seeded" "$work/seeded.diff" || { cat "$work/seeded.diff" >&2; echo "cdktn leg: self-check failed: the diff does not name $seeded" >&2; exit 1; }
echo "cdktn leg: self-check: the comparison fails on a seeded difference in $seeded, as it must"

echo "cdktn leg: tsc and jest on $(runtime)"
npx tsc --noEmit
# shellcheck disable=SC2086 # FX_CDKTN_JEST_ARGS is a list of arguments
npx jest ${FX_CDKTN_JEST_ARGS:-}

node scripts/cdktn/runtime.cjs cdktf --no-save
switched=""
git diff --exit-code package-lock.json package.json
echo "cdktn leg: passed on $lockfile_runtime and cdktn; package.json and package-lock.json as committed"
