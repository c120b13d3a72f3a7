#!/usr/bin/env bash
# Creates or updates, in place, the one pull-request comment that starts with <marker>.
# usage: upsert-comment.sh <marker> <body-file>   (needs GH_TOKEN, GITHUB_REPOSITORY, PR_NUMBER)
set -euo pipefail
marker=${1:?usage: upsert-comment.sh <marker> <body-file>}
body=${2:?usage: upsert-comment.sh <marker> <body-file>}
: "${GITHUB_REPOSITORY:?}" "${PR_NUMBER:?}"
[[ "$marker" =~ ^\<!--\ [a-z0-9-]+\ --\>$ ]] || { echo "upsert-comment: marker must be an HTML comment of [a-z0-9-]" >&2; exit 2; }
id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
if [[ -n "$id" ]]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$body" >/dev/null
  echo "updated comment $id"
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body" >/dev/null
  echo "created a comment"
fi
