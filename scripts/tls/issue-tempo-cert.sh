#!/usr/bin/env bash
# S2: issues the TLS certificate of Tempo's OTLP gRPC receiver for an environment, outside Terraform, and stores it
# in the Secrets Manager entries the bootstrap stack creates without a value (secrets/catalog.ts: tempo-ingest-tls,
# tempo-ingest-ca, tempo-ingest-ca-key; External Secrets Operator syncs the first two into the monitoring namespace).
# What to certify comes from the code (scripts/tls/tempo-cert-profile.ts): exactly the host name Alloy dials, the
# validity days of observability.tempo.ingestTls, the secret names. Keys are ECDSA P-256; the CA is constrained to
# the monitoring namespace's Service names (nameConstraints) and signs nothing but server certificates (pathlen 0).
#
# usage: issue-tempo-cert.sh <environment> [--new-ca] [--apply] [--out-dir DIR]
#   (default)   renew: read the CA (tempo-ingest-ca-key) from Secrets Manager, sign a new server certificate with it.
#               Alloy's CA bundle does not change, so nothing restarts: Tempo reloads the synced files.
#   --new-ca    make a new CA. First issue (the bundle is empty): CA, bundle and server certificate in one go.
#               CA rotation (a bundle exists): the bundle becomes new CA + old bundle, no server certificate is
#               issued; restart Alloy once the bundle is synced, then run again without --new-ca.
#   --apply     run the `aws secretsmanager put-secret-value` commands (otherwise they are printed), then delete
#               the private keys and payloads from the working folder.
#   --out-dir   working folder (outside the repository, created 0700); default: a new temporary folder.
# No key is ever printed, written inside the repository or handed to Terraform.
# Exit: 0 done, 1 failed, 2 usage or configuration error.
set -euo pipefail
umask 077
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
usage() {
  echo "usage: issue-tempo-cert.sh <environment> [--new-ca] [--apply] [--out-dir DIR]" >&2
  exit 2
}
fail() {
  echo "issue-tempo-cert: ${environment:-?}: $1" >&2
  exit 1
}

environment=""
new_ca=false
apply=false
out_dir=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --new-ca) new_ca=true ;;
    --apply) apply=true ;;
    --out-dir)
      [[ $# -ge 2 ]] || usage
      out_dir=$2
      shift
      ;;
    -*) usage ;;
    *)
      [[ -z $environment ]] || usage
      environment=$1
      ;;
  esac
  shift
done
[[ -n $environment ]] || usage

# --- The profile, from the code -----------------------------------------------------------------------------------
bundle_js=$(mktemp "${TMPDIR:-/tmp}/tempo-cert-profile.XXXXXX.js")
trap 'rm -f "$bundle_js"' EXIT
"$root/node_modules/.bin/esbuild" "$root/scripts/tls/tempo-cert-profile.ts" --bundle --platform=node --target=node20 --log-level=warning --outfile="$bundle_js"
profile=$(node "$bundle_js" "$environment") || exit 2
hostnames=()
while IFS='=' read -r key value; do
  case $key in
    hostname) hostnames+=("$value") ;;
    region) region=$value ;;
    permitted_dns_domain) permitted=$value ;;
    certificate_validity_days) cert_days=$value ;;
    ca_validity_days) ca_days=$value ;;
    secret_certificate) secret_certificate=$value ;;
    secret_ca) secret_ca=$value ;;
    secret_ca_key) secret_ca_key=$value ;;
  esac
done <<<"$profile"
[[ ${#hostnames[@]} -gt 0 ]] || fail "the profile names no host"

# --- Working folder: never inside the repository ------------------------------------------------------------------
repo=$(cd "$root" && pwd -P)
if [[ -z $out_dir ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/tempo-cert-$environment.XXXXXX")
else
  work=$(realpath -m "$out_dir")
  case "$work/" in "$repo/"*) fail "the working folder $work is inside the repository ($repo): keys must never be written there" ;; esac
  mkdir -p "$work"
  work=$(cd "$work" && pwd -P)
fi
case "$work/" in "$repo/"*) fail "the working folder $work is inside the repository ($repo): keys must never be written there" ;; esac
chmod 700 "$work"
[[ -z $(ls -A "$work") ]] || fail "the working folder $work is not empty"

# JSON helpers (node: PEM has newlines). json_of OUT KEY FILE [KEY FILE...]; field_of KEY < JSON
json_of() {
  node -e 'const fs=require("fs");const [out,...p]=process.argv.slice(1);const o={};for(let i=0;i<p.length;i+=2)o[p[i]]=fs.readFileSync(p[i+1],"utf8");fs.writeFileSync(out,JSON.stringify(o),{mode:0o600})' "$@"
}
field_of() {
  node -e 'let t="";process.stdin.on("data",(d)=>(t+=d)).on("end",()=>{let o;try{o=JSON.parse(t)}catch{process.exit(3)}const v=o[process.argv[1]];if(typeof v!=="string"||v==="")process.exit(4);process.stdout.write(v)})' "$1"
}
# The current value of a secret, or nothing (exit 1) when it has none or cannot be read.
current_value() {
  aws secretsmanager get-secret-value --region "$region" --secret-id "$1" --query SecretString --output text 2>"$work/aws-error.txt"
}

put_ids=()
put_files=()
put() {
  put_ids+=("$1")
  put_files+=("$2")
}

# --- The CA ------------------------------------------------------------------------------------------------------
rotation=false
if $new_ca; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/ca.key" 2>/dev/null
  cat >"$work/ca.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
x509_extensions = ca
[dn]
O = FX Trader
CN = FX Trader $environment Tempo ingest CA
[ca]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical,permitted;DNS:$permitted
EOF
  openssl req -x509 -new -key "$work/ca.key" -config "$work/ca.cnf" -days "$ca_days" -sha256 -set_serial "0x$(openssl rand -hex 16)" -out "$work/new-ca.crt"
  cp "$work/new-ca.crt" "$work/ca.crt"
  if previous=$(current_value "$secret_ca") && old=$(field_of ca.crt <<<"$previous"); then
    # CA rotation: Alloy must trust both CAs before Tempo serves a certificate of the new one.
    rotation=true
    printf '%s\n' "$old" >>"$work/ca.crt"
  fi
  json_of "$work/ca-bundle.json" ca.crt "$work/ca.crt"
  json_of "$work/ca-key.json" ca.key "$work/ca.key" ca.crt "$work/new-ca.crt"
  put "$secret_ca" "$work/ca-bundle.json"
  put "$secret_ca_key" "$work/ca-key.json"
else
  stored=$(current_value "$secret_ca_key") || fail "cannot read $secret_ca_key ($(tr '\n' ' ' <"$work/aws-error.txt")): on the first issue run with --new-ca"
  field_of ca.key <<<"$stored" >"$work/ca.key" || fail "$secret_ca_key holds no ca.key"
  field_of ca.crt <<<"$stored" >"$work/new-ca.crt" || fail "$secret_ca_key holds no ca.crt"
  # Alloy verifies against the synced bundle: the certificate must verify against it too.
  bundle=$(current_value "$secret_ca") || fail "cannot read $secret_ca ($(tr '\n' ' ' <"$work/aws-error.txt")): Alloy's CA bundle"
  field_of ca.crt <<<"$bundle" >"$work/ca.crt" || fail "$secret_ca holds no ca.crt"
fi
unset stored previous
# The CA must outlive the certificate it signs.
openssl x509 -in "$work/new-ca.crt" -noout -checkend $((cert_days * 86400)) >/dev/null ||
  fail "the CA expires within the certificate's $cert_days days: rotate it (--new-ca)"

# --- The server certificate ---------------------------------------------------------------------------------------
if ! $rotation; then
  san=$(printf 'DNS:%s,' "${hostnames[@]}")
  cat >"$work/server.cnf" <<EOF
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = ${san%,}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/tls.key" 2>/dev/null
  openssl req -new -key "$work/tls.key" -subj "/O=FX Trader/CN=${hostnames[0]}" -out "$work/tls.csr"
  openssl x509 -req -in "$work/tls.csr" -CA "$work/new-ca.crt" -CAkey "$work/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days "$cert_days" -sha256 -extfile "$work/server.cnf" -out "$work/tls.crt" 2>/dev/null
  # What Alloy will check: the chain to the bundle and each host name it dials; and that the key is the certificate's.
  for host in "${hostnames[@]}"; do
    openssl verify -CAfile "$work/ca.crt" -verify_hostname "$host" "$work/tls.crt" >/dev/null || fail "the new certificate does not verify for $host against $secret_ca"
  done
  [[ $(openssl pkey -in "$work/tls.key" -pubout) == "$(openssl x509 -in "$work/tls.crt" -noout -pubkey)" ]] || fail "the key does not match the certificate"
  json_of "$work/tls.json" tls.crt "$work/tls.crt" tls.key "$work/tls.key"
  put "$secret_certificate" "$work/tls.json"
fi
rm -f "$work/tls.csr" "$work/aws-error.txt"

echo "issue-tempo-cert: $environment: $($new_ca && echo "new CA ($ca_days days)" || echo "CA from $secret_ca_key")$($rotation && echo ", kept the old CA in the bundle" || echo "; certificate for ${hostnames[*]} ($cert_days days, until $(openssl x509 -in "$work/tls.crt" -noout -enddate | cut -d= -f2))")"
echo "working folder: $work"
put_command() {
  printf 'aws secretsmanager put-secret-value --region %q --secret-id %q --secret-string %q' "$region" "${put_ids[$1]}" "file://${put_files[$1]}"
}
if $apply; then
  for i in "${!put_ids[@]}"; do
    echo "+ $(put_command "$i")"
    aws secretsmanager put-secret-value --region "$region" --secret-id "${put_ids[$i]}" --secret-string "file://${put_files[$i]}" >/dev/null ||
      fail "failed: $(put_command "$i")"
  done
  # Nothing private stays behind: the public certificates only.
  rm -f "$work/ca.key" "$work/tls.key" "$work/ca-key.json" "$work/tls.json" "$work/ca-bundle.json"
else
  echo "Store the values (in this order), then delete $work:"
  for i in "${!put_ids[@]}"; do echo "  $(put_command "$i")"; done
fi
if $rotation; then
  echo "Next: wait for the ExternalSecret refresh, kubectl rollout restart daemonset/alloy in the monitoring namespace, then run again without --new-ca."
fi
