#!/usr/bin/env bash
# Runs a command with the sensitive input variables a stack reads (today the -data stacks' backup on-call endpoint,
# secrets/terraform-access.ts) exported as TF_VAR_<name>, each read from its own Secrets Manager secret with the
# job's role and masked in the log (::add-mask::) before anything can print it. Stacks without such variables run
# the command as it is. The value is never written to a file by this script; Terraform stores it in state (and in a
# saved plan) by nature, as docs/secrets.md says.
# When a variable cannot be read, the command still runs, without any of the values and with
# FX_STACK_VARIABLES_ERROR saying why: plan-stack.sh then records a failed plan with that message (so the plan
# comment has the stack's row and its error) instead of planning without the variable.
# usage: with-stack-variables.sh <stack> <command> [args...]
# Exit: the command's status (2 on a usage error).
set -uo pipefail
stack=${1:-}
shift || true
command=("$@")
if [[ -z $stack || ${#command[@]} -eq 0 ]]; then
  echo "usage: with-stack-variables.sh <stack> <command> [args...]" >&2
  exit 2
fi
fail() {
  echo "with-stack-variables: $stack: $1" >&2
  for v in "${exported[@]}"; do unset "$v"; done
  export FX_STACK_VARIABLES_ERROR="$1"
  exec "${command[@]}"
}
exported=()
list=$(npm run --silent ci:matrix -- variables "$stack") || fail "cannot list its input variables (npm run ci:matrix -- variables $stack failed)"
while IFS='=' read -r variable secret; do
  [[ -n $variable ]] || continue
  value=$(aws secretsmanager get-secret-value --secret-id "$secret" --query SecretString --output text) ||
    fail "cannot read $secret for $variable (does this job's role hold secretsmanager:GetSecretValue on it? see the bootstrap stack)"
  [[ -n $value ]] || fail "$secret is empty: set its value in Secrets Manager (docs/secrets.md)"
  echo "::add-mask::$value"
  export "$variable=$value"
  exported+=("$variable")
done <<<"$list"
exec "${command[@]}"
