#!/usr/bin/env bash
# Benchmark of the main job: `npm run synth`'s work (esbuild bundle run by node) against the cdktf
# default (`cdktf synth` with a ts-node app command and barrel-style loading), both in this one run,
# so the figures are ratios on the same machine. Prints wall time (hyperfine) and peak RSS (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1
command -v hyperfine >/dev/null || { echo "bench: hyperfine missing (apt-get install hyperfine)" >&2; exit 2; }
runs=${BENCH_RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node scripts/build.mjs
fast="node dist/main.js"
# Baseline: what `cdktf init --template typescript` sets up: the CLI runs `npx ts-node main.ts`.
baseline_json="$work/cdktf.json"
node -e '
  const c = require("./cdktf.json");
  c.app = "npx ts-node --transpile-only --compiler-options {\"module\":\"commonjs\",\"moduleResolution\":\"node10\",\"ignoreDeprecations\":\"6.0\"} main.ts";
  require("fs").writeFileSync(process.argv[1], JSON.stringify(c, null, 2));
' "$baseline_json"
baseline="npx cdktf synth --output $work/baseline.out"

peak_rss() { # peak resident set of a command and its children, in MB
  /usr/bin/time -f "%M" bash -c "$1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

echo "== wall time (hyperfine, $runs runs each)"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/h.json" \
  -n "npm run synth (esbuild bundle + node)" "FX_REVIEW_DIR=$work/out $fast > /dev/null" \
  -n "cdktf synth (ts-node, CLI) [baseline]" "cp cdktf.json $work/cdktf.json.orig && cp $baseline_json cdktf.json && ($baseline > /dev/null; s=\$?; cp $work/cdktf.json.orig cdktf.json; exit \$s)"

echo "== peak RSS"
fast_rss=$(peak_rss "FX_REVIEW_DIR=$work/out $fast")
base_rss=$(peak_rss "cp $baseline_json cdktf.json && $baseline; cp $work/cdktf.json.orig cdktf.json")
node -e '
  const h = require(process.argv[1]).results;
  const [f, b] = h;
  const fmt = (r, rss) => `${r.command.padEnd(42)} ${r.mean.toFixed(3)} s ± ${r.stddev.toFixed(3)}   peak RSS ${rss} MB`;
  console.log(fmt(f, process.argv[2]));
  console.log(fmt(b, process.argv[3]));
  console.log(`speed-up ${(b.mean / f.mean).toFixed(1)}x, memory ${(process.argv[3] / process.argv[2]).toFixed(1)}x less`);
' "$work/h.json" "$fast_rss" "$base_rss"
