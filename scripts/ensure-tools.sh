#!/usr/bin/env bash
# Makes sure the system tools the tests run are installed: helm (scripts/ensure-helm.sh, into .tools/bin), promtool (Debian package prometheus) and amtool
# (prometheus-alertmanager) prove the alert rules and routing; the same packages' servers (`prometheus`, `prometheus-alertmanager`)
# run the end-to-end alerting test (__tests__/alerts/e2e.test.ts); openssl (Debian package openssl) proves the Tempo ingest
# certificates scripts/tls/issue-tempo-cert.sh issues (__tests__/scripts/issue-tempo-cert.test.ts). Installs them with apt-get when missing and
# running as root (CI, fresh machines); otherwise says what to install and fails. Used by `npm test`
# (pretest) and `.ci/run`.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
{ command -v promtool && command -v prometheus; } >/dev/null || need+=(prometheus)
{ command -v amtool && { command -v alertmanager || command -v prometheus-alertmanager; }; } >/dev/null || need+=(prometheus-alertmanager)
command -v openssl >/dev/null || need+=(openssl)
bash scripts/ensure-helm.sh >/dev/null
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "tests need promtool, amtool, the prometheus and Alertmanager servers and openssl: install ${need[*]} (e.g. sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "installing ${need[*]} (for promtool/amtool/openssl) ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The packages' services must not start here; the tests only run their command-line tools.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=true; fi
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
if $created_policy; then rm -f "$policy"; fi
