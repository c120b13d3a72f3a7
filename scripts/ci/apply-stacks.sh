#!/usr/bin/env bash
# Applies, in the order given, the plans saved by scripts/ci/plan-stack.sh on this run: exactly what the
# approver saw. Refuses a plan from another commit, a plan whose file does not match the recorded sha256,
# and a failed plan. A plan Terraform no longer accepts (state changed since: "Saved plan is stale") is
# never applied blind: the stack is planned again, that plan goes to the job summary, and the job fails so
# the new plan is approved on a re-run.
# usage: apply-stacks.sh <plans-dir> <stack>...
set -uo pipefail
plans=${1:?usage: apply-stacks.sh <plans-dir> <stack>...}
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export TF_IN_AUTOMATION=1 TF_INPUT=0
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
# The fields <field>... of a plan's result.json, one per line (one node start for all of them).
fields() { node -e 'const r = require(require("path").resolve(process.argv[1])); for (const f of process.argv.slice(2)) console.log(String(r[f] ?? ""))' "$@"; }
for stack in "$@"; do
  dir="cdktf.out/stacks/$stack"
  result="$plans/$stack/result.json"
  if [[ ! -f "$result" || ! -f "$dir/cdk.tf.json" ]]; then
    echo "::error::apply: no saved plan or synthesized stack for $stack; refusing to apply" >&2
    exit 1
  fi
  status= commit= expected=
  { IFS= read -r status; IFS= read -r commit; IFS= read -r expected; } < <(fields "$result" status commit planSha256)
  if [[ "$commit" != "${GITHUB_SHA:-}" ]]; then
    echo "::error::apply: the plan of $stack was made for commit '$commit', this run is '${GITHUB_SHA:-}'; refusing to apply" >&2
    exit 1
  fi
  case "$status" in
    no-changes) echo "apply: $stack has no changes; skipped"; continue ;;
    changes) ;;
    *) echo "::error::apply: the plan of $stack did not succeed ($status); refusing to apply" >&2; exit 1 ;;
  esac
  actual=$(sha256sum "$plans/$stack/plan.tfplan" | cut -d' ' -f1)
  if [[ -z "$expected" || "$expected" != "$actual" ]]; then
    echo "::error::apply: the saved plan of $stack does not match the reviewed one (sha256 $actual, expected $expected); refusing to apply" >&2
    exit 1
  fi
  cp "$plans/$stack/plan.tfplan" "$dir/plan.tfplan"
  log=$(mktemp)
  if terraform -chdir="$dir" init -input=false -no-color >"$log" 2>&1 &&
    terraform -chdir="$dir" apply -input=false -no-color plan.tfplan >>"$log" 2>&1; then
    cat "$log"
    echo "apply: $stack applied"
    continue
  fi
  cat "$log" >&2
  if grep -q "Saved plan is stale" "$log"; then
    echo "::error::apply: the saved plan of $stack is stale (its state changed after the plan was approved); not applied. Planning again: approve the new plan by re-running all jobs." >&2
    bash "$here/with-stack-variables.sh" "$stack" bash "$here/plan-stack.sh" "$stack" "replan/$stack" || true
    node "$here/plan-comment.cjs" replan "<!-- fx-trader-replan -->" "Stale plan refused: new plan of $stack (not applied)" "$stack" >>"$summary" || true
    exit 3
  fi
  echo "::error::apply: terraform apply of $stack failed" >&2
  exit 1
done
