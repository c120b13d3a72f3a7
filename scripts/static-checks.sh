#!/usr/bin/env bash
# `npm test`'s static checks: the type checker and the linter, run side by side (each is single-threaded for most of
# its run). Fails when either fails; both always run to the end, so one run shows every problem.
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit & tsc=$!
npx eslint .; lint=$?
wait "$tsc"; types=$?
[ "$types" -eq 0 ] && [ "$lint" -eq 0 ]
