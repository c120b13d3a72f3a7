#!/usr/bin/env bash
# Reports drift per environment from the results of scripts/ci/plan-stack.sh: one open issue per environment
# ("Terraform drift: <env>", label drift) while any of its stacks has changes or a failed / missing plan; the
# open issue is updated in place, and closed with a comment once every stack matches again. The body is the
# plan table of scripts/ci/plan-comment.cjs. Exits 1 when any plan failed (after reporting), 0 otherwise.
# usage: drift-issues.sh <plans-dir> <groups-json>   (groups: {"<env>": ["<stack>", ...]}; needs GH_TOKEN)
set -euo pipefail
plans=${1:?usage: drift-issues.sh <plans-dir> <groups-json>}
groups=${2:?usage: drift-issues.sh <plans-dir> <groups-json>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
failed=0
gh label create drift --description "Terraform drift found by the scheduled plan" --color d93f0b 2>/dev/null || true
while read -r env stacks <&3; do
  title="Terraform drift: $env"
  body=$(mktemp)
  status=0
  # shellcheck disable=SC2086 # stacks is a space-separated list of stack names
  node "$here/plan-comment.cjs" "$plans" "<!-- fx-trader-drift-$env -->" "$title" $stacks >"$body" || status=$?
  [[ $status -eq 0 || $status -eq 1 ]] || { echo "drift: could not render the report of $env" >&2; exit 1; }
  [[ $status -eq 1 ]] && failed=1
  # shellcheck disable=SC2086
  drifted=$(node "$here/plan-changes.cjs" "$plans" $stacks)
  number=$(gh issue list --label drift --state open --search "\"$title\" in:title" --json number --jq '.[0].number // empty')
  if [[ $drifted == true ]]; then
    if [[ -n $number ]]; then
      gh issue edit "$number" --body-file "$body"
      echo "$env: drift, updated issue #$number" | tee -a "$summary"
    else
      gh issue create --title "$title" --label drift --body-file "$body"
      echo "$env: drift, opened an issue" | tee -a "$summary"
    fi
  elif [[ -n $number ]]; then
    gh issue close "$number" --comment "No drift on the scheduled plan of run ${GITHUB_RUN_ID:-local}: every stack of $env matches the code."
    echo "$env: no drift, closed issue #$number" | tee -a "$summary"
  else
    echo "$env: no drift" | tee -a "$summary"
  fi
done 3< <(node -e 'for (const [env, stacks] of Object.entries(JSON.parse(process.argv[1]))) console.log(`${env} ${stacks.join(" ")}`)' "$groups")
exit "$failed"
