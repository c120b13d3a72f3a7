#!/usr/bin/env bash
# Plans one synthesized stack with Terraform directly (cdktf 0.21's `diff` plans one stack per call and hides
# Terraform's exit status) and records the result where the comment and the deploy read it:
#   <out>/plan.txt      plan output, no colour codes
#   <out>/plan.tfplan   the saved plan (what deploy applies)
#   <out>/plan.json     `terraform show -json` of it (counts, replacements)
#   <out>/result.json   status, counts, commit, sha256 of the saved plan (scripts/ci/plan-result.cjs)
# usage: plan-stack.sh <stack> <out-dir>
# Exit 0 when the plan succeeded (with or without changes), 1 when init, plan or show failed.
# FX_PLAN_LOCK=true takes the state lock (drift and PR plans run read-only, without it).
set -uo pipefail
stack=${1:?usage: plan-stack.sh <stack> <out-dir>}
out=${2:?usage: plan-stack.sh <stack> <out-dir>}
dir="cdktf.out/stacks/$stack"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$out"
# A failed plan before Terraform runs: the reason is the plan text, so the comment shows the stack's row and why.
refuse() {
  echo "plan-stack: $1" | tee "$out/plan.txt" >&2
  node "$here/plan-result.cjs" "$stack" 1 "$out" >"$out/result.json"
  exit 1
}
[[ -f "$dir/cdk.tf.json" ]] || refuse "no synthesized stack at $dir"
# with-stack-variables.sh could not read an input variable: a failed plan, with the reason, not a plan without it.
[[ -z ${FX_STACK_VARIABLES_ERROR:-} ]] || refuse "$stack: input variables: $FX_STACK_VARIABLES_ERROR"
export TF_IN_AUTOMATION=1 TF_INPUT=0
lock=false
[[ "${FX_PLAN_LOCK:-false}" == true ]] && lock=true
status=0
{
  terraform -chdir="$dir" init -input=false -no-color &&
    terraform -chdir="$dir" plan -input=false -no-color -lock="$lock" -detailed-exitcode -out=plan.tfplan
} >"$out/plan.txt" 2>&1 || status=$?
if [[ $status -eq 0 || $status -eq 2 ]]; then
  if terraform -chdir="$dir" show -json plan.tfplan >"$out/plan.json" 2>>"$out/plan.txt"; then
    cp "$dir/plan.tfplan" "$out/plan.tfplan"
  else
    status=1
  fi
fi
node "$here/plan-result.cjs" "$stack" "$status" "$out" >"$out/result.json"
if [[ $status -eq 1 ]]; then
  echo "plan-stack: $stack: plan failed" >&2
  tail -n 40 "$out/plan.txt" >&2
  exit 1
fi
exit 0
