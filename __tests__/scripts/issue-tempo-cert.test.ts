/**
 * S2: scripts/tls/issue-tempo-cert.sh proven with the real openssl. The script runs in a temporary folder under a PATH
 * whose `aws` is a stand-in that keeps what `put-secret-value` would store (and serves it to `get-secret-value`),
 * then openssl verifies what Alloy and Tempo would receive: the stored certificate chains to the stored CA bundle for
 * the host name the synthesized Alloy pipeline dials, and its profile (serverAuth, that one SAN, P-256, the configured
 * validity) is what the config asks for. Seeded failures: another host name, a certificate of another CA, a host
 * outside the CA's name constraints, a working folder inside the repository.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ENVIRONMENTS, ENVIRONMENT_NAMES, type EnvironmentName } from "../../config/environments";
import { environmentSecrets, secretName, TEMPO_INGEST_TLS } from "../../secrets/catalog";
import { Testing } from "cdktf";
import { addBootstrapStacks } from "../../stacks/bootstrap-stack";
import { ROOT, tempDir } from "../support";
import { sharedSynthesis } from "../support/shared-synthesis";

const SCRIPT = path.join(ROOT, "scripts/tls/issue-tempo-cert.sh");
const haveOpenssl = spawnSync("openssl", ["version"]).status === 0;
if (!haveOpenssl && process.env.CI === "true") throw new Error("openssl is missing: run scripts/ensure-tools.sh");
const suite = haveOpenssl ? describe : describe.skip;
if (!haveOpenssl) console.warn("skipping: needs openssl (bash scripts/ensure-tools.sh installs the Debian package)");

/** Stand-in `aws`: logs its arguments, stores `put-secret-value --secret-string file://…`, serves `get-secret-value`. */
const STAND_IN_AWS = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$AWS_LOG"
op=$2; id=""; value=""
while [[ $# -gt 0 ]]; do case $1 in --secret-id) id=$2; shift ;; --secret-string) value=$2; shift ;; esac; shift; done
file="$AWS_STORE/$(printf '%s' "$id" | tr '/' '_')"
case $op in
  get-secret-value)
    [[ -f $file ]] || { echo "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: $id has no value" >&2; exit 254; }
    cat "$file"; echo ;;
  put-secret-value) [[ $value == file://* ]] || { echo "stand-in aws: a value on the command line" >&2; exit 2; }; cp "\${value#file://}" "$file" ;;
  *) echo "stand-in aws: unexpected $*" >&2; exit 2 ;;
esac
`;

interface Workspace {
  readonly dir: string;
  readonly store: string;
  readonly log: string;
  readonly env: NodeJS.ProcessEnv;
}

function workspace(): Workspace {
  const dir = tempDir("fx-trader-tempo-cert-");
  const bin = path.join(dir, "bin");
  const store = path.join(dir, "store");
  fs.mkdirSync(bin);
  fs.mkdirSync(store);
  fs.writeFileSync(path.join(bin, "aws"), STAND_IN_AWS, { mode: 0o755 });
  const log = path.join(dir, "aws.log");
  // TMPDIR: the script's own temporary files (the profile bundle) land in the workspace too.
  return { dir, store, log, env: { PATH: `${bin}:${process.env.PATH}`, AWS_LOG: log, AWS_STORE: store, TMPDIR: dir, HOME: dir } };
}

const issue = (ws: Workspace, ...args: string[]): SpawnSyncReturns<string> => spawnSync("bash", [SCRIPT, ...args], { cwd: ws.dir, env: ws.env, encoding: "utf8", timeout: 60000 });

/** `issue` without blocking, so that independent runs go side by side. */
function issueAsync(ws: Workspace, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [SCRIPT, ...args], { cwd: ws.dir, env: ws.env, stdio: ["ignore", "pipe", "pipe"], timeout: 60000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** A first issue (`--new-ca --apply --out-dir <ws>/work`) of an environment, in its own workspace. */
interface FirstIssue {
  readonly ws: Workspace;
  readonly work: string;
  /** A second before the run started (ms), for the repository-change check. */
  readonly started: number;
  readonly run: { readonly status: number | null; readonly stdout: string; readonly stderr: string };
}

/**
 * Each environment's first issue, run once for the whole file (side by side): the first-issue test checks it,
 * the seeded test reads prod's stored values, the renewal test starts from a copy of staging's store. Each is
 * the same invocation those tests made on their own before.
 */
const firstIssues = new Map<EnvironmentName, FirstIssue>();
function firstIssue(env: EnvironmentName): FirstIssue {
  const issued = firstIssues.get(env);
  if (issued === undefined) throw new Error(`no first issue of ${env}: the suite's beforeAll did not run it`);
  return issued;
}

/** A fresh workspace whose stand-in store holds what `from`'s holds (what its runs stored). */
function workspaceWithStoreOf(from: Workspace): Workspace {
  const ws = workspace();
  fs.cpSync(from.store, ws.store, { recursive: true });
  return ws;
}

/** What the stand-in stored under a secret id (the JSON the ExternalSecret would read). */
function stored(ws: Workspace, id: string): Record<string, string> | undefined {
  const file = path.join(ws.store, id.replace(/\//g, "_"));
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : undefined;
}

function openssl(args: readonly string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync("openssl", args, { encoding: "utf8", input });
}

/** Writes `text` to a file of `dir` and returns its path (openssl reads files). */
function file(dir: string, name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text, { mode: 0o600 });
  return p;
}

/** The host Alloy dials for Tempo, taken from the synthesized pipeline (out/<env>/alloy/config.alloy). */
function alloyTempoHost(env: EnvironmentName): string {
  const text = fs.readFileSync(path.join(sharedSynthesis().reviewDir, env, "alloy/config.alloy"), "utf8");
  const block = /^otelcol\.exporter\.otlp\s+"tempo"\s*\{([\s\S]*?)^\}/m.exec(text)?.[1] ?? "";
  const endpoint = /\bendpoint\s*=\s*"([^"]+)"/.exec(block)?.[1];
  if (endpoint === undefined) throw new Error(`[${env}] the synthesized Alloy pipeline has no otelcol.exporter.otlp "tempo" endpoint`);
  return endpoint.replace(/:\d+$/, "");
}

/** The Secrets Manager names the catalog gives the three entries of an environment. */
function secretIds(env: EnvironmentName): { certificate: string; ca: string; caKey: string } {
  const config = ENVIRONMENTS[env];
  const of = (id: string) => secretName(config, environmentSecrets(config).find((s) => s.id === id)!);
  return { certificate: of("tempo-ingest-tls"), ca: of("tempo-ingest-ca"), caKey: of("tempo-ingest-ca-key") };
}

/** Every `aws_secretsmanager_secret` name of the synthesized bootstrap stacks (which create the entries, valueless). */
let bootstrapNames: Set<string> | undefined;
function bootstrapSecretNames(): Set<string> {
  if (bootstrapNames !== undefined) return bootstrapNames;
  const stacks = addBootstrapStacks(Testing.app(), ENVIRONMENT_NAMES.map((n) => ENVIRONMENTS[n]));
  const names = new Set<string>();
  for (const s of stacks) {
    const json = JSON.parse(Testing.synth(s)) as { resource?: Record<string, Record<string, { name?: string }>> };
    for (const r of Object.values(json.resource?.aws_secretsmanager_secret ?? {})) if (typeof r.name === "string") names.add(r.name);
  }
  return names;
}

/**
 * Whether `text` holds the private key `pem`: a run of its base64 body past the PKCS#8 header (the first 48 characters
 * are the same for every P-256 key), found with or without the PEM's line breaks or JSON's `\n` escapes.
 */
function leaks(text: string, pem: string): boolean {
  const secret = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "").slice(48, 88);
  return text.replace(/\\n|\s+/g, "").includes(secret);
}

/** Files under the repository (not node_modules or .git) modified since `since` (ms). */
function repositoryFilesChangedSince(since: number): string[] {
  const changed: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === ".git" || e.name === ".tools") continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.statSync(p).mtimeMs >= since) changed.push(p);
    }
  };
  walk(ROOT);
  return changed;
}

const DAY_MS = 86400000;
/** Whole days between a certificate's notBefore and notAfter. */
function validityDays(certificate: string): number {
  const dates = openssl(["x509", "-noout", "-startdate", "-enddate"], certificate).stdout;
  const at = (k: string) => Date.parse(new RegExp(`${k}=(.+)`).exec(dates)![1]!);
  return Math.round((at("notAfter") - at("notBefore")) / DAY_MS);
}

suite("S2: scripts/tls/issue-tempo-cert.sh with openssl and a stand-in aws", () => {
  beforeAll(async () => {
    const started = Date.now() - 1000;
    await Promise.all(
      ENVIRONMENT_NAMES.map(async (env) => {
        const ws = workspace();
        const work = path.join(ws.dir, "work");
        firstIssues.set(env, { ws, work, started, run: await issueAsync(ws, env, "--new-ca", "--apply", "--out-dir", work) });
      }),
    );
  }, 120000);

  it.each(ENVIRONMENT_NAMES)(
    "S2: %s: a first issue (--new-ca --apply) stores a CA bundle and a certificate that openssl verifies for the host the synthesized Alloy config dials, with the configured profile; no key printed, none left behind, nothing written to the repository",
    (env) => {
      const config = ENVIRONMENTS[env];
      const ids = secretIds(env);
      const host = alloyTempoHost(env);
      const { ws, work, started, run } = firstIssue(env);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);

      // What the stand-in was asked: the three catalog entries, which the bootstrap stacks create (without a value), in
      // the environment's region, values from files only.
      const calls = fs.readFileSync(ws.log, "utf8").trim().split("\n");
      expect(calls.map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual(["secretsmanager get-secret-value", ...Array(3).fill("secretsmanager put-secret-value")]);
      for (const c of calls) expect(c).toContain(`--region ${config.region}`);
      const written = calls.slice(1).map((c) => /--secret-id (\S+)/.exec(c)![1]!);
      expect(written).toEqual([ids.ca, ids.caKey, ids.certificate]);
      const synthesized = bootstrapSecretNames();
      expect(written.filter((id) => !synthesized.has(id))).toEqual([]);

      const tls = stored(ws, ids.certificate)!;
      const bundle = stored(ws, ids.ca)!;
      const caKey = stored(ws, ids.caKey)!;
      expect(Object.keys(tls).sort()).toEqual([TEMPO_INGEST_TLS.certificateKey, TEMPO_INGEST_TLS.privateKeyKey].sort());
      expect(Object.keys(bundle)).toEqual([TEMPO_INGEST_TLS.caKey]);
      expect(Object.keys(caKey).sort()).toEqual([TEMPO_INGEST_TLS.caKey, TEMPO_INGEST_TLS.caPrivateKeyKey].sort());
      const serverKey = tls[TEMPO_INGEST_TLS.privateKeyKey]!;
      const caPrivate = caKey[TEMPO_INGEST_TLS.caPrivateKeyKey]!;
      expect(serverKey).toContain("-----BEGIN PRIVATE KEY-----");
      expect(caPrivate).toContain("-----BEGIN PRIVATE KEY-----");

      // No key printed, none on a command line, none left in the working folder after --apply.
      for (const key of [serverKey, caPrivate]) for (const text of [run.stdout, run.stderr, calls.join("\n")]) expect(leaks(text, key)).toBe(false);
      // Seeded: the detector finds a key printed as PEM, or inside the JSON payload.
      expect(leaks(`${run.stdout}\n${serverKey}`, serverKey)).toBe(true);
      expect(leaks(JSON.stringify({ "ca.key": caPrivate }), caPrivate)).toBe(true);
      expect(run.stdout).not.toContain("PRIVATE KEY");
      expect(fs.readdirSync(work).sort()).toEqual(["ca.cnf", "ca.crt", "new-ca.crt", "server.cnf", "tls.crt"]);
      for (const f of fs.readdirSync(work)) expect(fs.readFileSync(path.join(work, f), "utf8")).not.toContain("PRIVATE KEY");
      expect(fs.statSync(work).mode & 0o777).toBe(0o700);
      // Nothing under the repository that changed meanwhile holds either key.
      for (const f of repositoryFilesChangedSince(started)) {
        const text = fs.readFileSync(f, "utf8");
        for (const key of [serverKey, caPrivate]) expect({ file: f, leaks: leaks(text, key) }).toEqual({ file: f, leaks: false });
      }

      // The engine: what Alloy checks (the chain to its bundle, the host name it dials).
      const dir = tempDir("fx-trader-tempo-verify-");
      const caFile = file(dir, "ca.crt", bundle[TEMPO_INGEST_TLS.caKey]!);
      const crtFile = file(dir, "server.crt", tls[TEMPO_INGEST_TLS.certificateKey]!);
      const verify = openssl(["verify", "-CAfile", caFile, "-verify_hostname", host, crtFile]);
      expect(verify.stderr).toBe("");
      expect(verify.stdout.trim()).toBe(`${crtFile}: OK`);
      // The key Tempo serves is the certificate's.
      expect(openssl(["pkey", "-pubout"], serverKey).stdout).toBe(openssl(["x509", "-noout", "-pubkey"], tls[TEMPO_INGEST_TLS.certificateKey]).stdout);

      // The certificate's profile.
      const text = openssl(["x509", "-noout", "-text"], tls[TEMPO_INGEST_TLS.certificateKey]).stdout;
      expect(text).toMatch(/X509v3 Extended Key Usage:\s*\n\s*TLS Web Server Authentication\s*\n/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s*\n\s*Digital Signature\s*\n/);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s*\n\s*CA:FALSE\s*\n/);
      expect(/X509v3 Subject Alternative Name:\s*\n\s*(.+)\n/.exec(text)?.[1]?.trim()).toBe(`DNS:${host}`);
      expect(text).toContain("Public-Key: (256 bit)");
      expect(text).toContain("NIST CURVE: P-256");
      expect(text).toContain("Signature Algorithm: ecdsa-with-SHA256");
      expect(validityDays(tls[TEMPO_INGEST_TLS.certificateKey]!)).toBe(config.observability.tempo.ingestTls.certificateValidityDays);

      // The CA's: signs certificates only, no intermediates, only the monitoring namespace's Service names.
      const ca = openssl(["x509", "-noout", "-text"], bundle[TEMPO_INGEST_TLS.caKey]).stdout;
      expect(ca).toMatch(/X509v3 Basic Constraints: critical\s*\n\s*CA:TRUE, pathlen:0\s*\n/);
      expect(ca).toMatch(/X509v3 Key Usage: critical\s*\n\s*Certificate Sign, CRL Sign\s*\n/);
      expect(ca).toMatch(new RegExp(`X509v3 Name Constraints: critical\\s*\\n\\s*Permitted:\\s*\\n\\s*DNS:${config.eks.monitoringNamespace}\\.svc\\.cluster\\.local\\s*\\n`));
      expect(ca).toContain("NIST CURVE: P-256");
      expect(validityDays(bundle[TEMPO_INGEST_TLS.caKey]!)).toBe(config.observability.tempo.ingestTls.caValidityDays);
      // The CA certificate in the key's entry is the bundle's.
      expect(caKey[TEMPO_INGEST_TLS.caKey]).toBe(bundle[TEMPO_INGEST_TLS.caKey]);
    },
  );

  it("S2: seeded: openssl rejects the certificate for another host name, one signed by another CA, and a certificate the CA signs for a host outside its name constraints", () => {
    const { ws, run } = firstIssue("prod");
    const ids = secretIds("prod");
    expect(run.status).toBe(0);
    const dir = tempDir("fx-trader-tempo-verify-");
    const caFile = file(dir, "ca.crt", stored(ws, ids.ca)![TEMPO_INGEST_TLS.caKey]!);
    const crtFile = file(dir, "server.crt", stored(ws, ids.certificate)![TEMPO_INGEST_TLS.certificateKey]!);
    const host = alloyTempoHost("prod");

    // The single binary's name (dev's Service) is not what prod's certificate is for.
    const wrongHost = openssl(["verify", "-CAfile", caFile, "-verify_hostname", alloyTempoHost("dev"), crtFile]);
    expect(wrongHost.status).not.toBe(0);
    expect(wrongHost.stderr).toContain("hostname mismatch");

    // Another CA (same profile): prod's certificate does not chain to it.
    const other = tempDir("fx-trader-other-ca-");
    expect(openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path.join(other, "ca.key"), "-subj", "/CN=another CA", "-days", "30", "-out", path.join(other, "ca.crt")]).status).toBe(0);
    const otherCa = openssl(["verify", "-CAfile", path.join(other, "ca.crt"), "-verify_hostname", host, crtFile]);
    expect(otherCa.status).not.toBe(0);
    expect(otherCa.stderr).toContain("unable to get local issuer certificate");

    // A certificate signed with the environment's own CA key for a host outside the monitoring namespace's Services.
    const caEntry = stored(ws, ids.caKey)!;
    const caKeyFile = file(dir, "ca.key", caEntry[TEMPO_INGEST_TLS.caPrivateKeyKey]!);
    const caCrtFile = file(dir, "ca-of-key.crt", caEntry[TEMPO_INGEST_TLS.caKey]!);
    const outside = "grafana.example.com";
    const ext = file(dir, "ext.cnf", `basicConstraints = critical,CA:FALSE\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:${outside}\n`);
    expect(openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path.join(dir, "o.key"), "-subj", `/CN=${outside}`, "-out", path.join(dir, "o.csr")]).status).toBe(0);
    expect(openssl(["x509", "-req", "-in", path.join(dir, "o.csr"), "-CA", caCrtFile, "-CAkey", caKeyFile, "-CAcreateserial", "-days", "1", "-extfile", ext, "-out", path.join(dir, "o.crt")]).status).toBe(0);
    const constrained = openssl(["verify", "-CAfile", caFile, "-verify_hostname", outside, path.join(dir, "o.crt")]);
    expect(constrained.status).not.toBe(0);
    expect(constrained.stderr).toContain("permitted subtree violation");
  });

  it("S2: a renewal signs a new certificate with the stored CA (bundle untouched); a CA rotation keeps the old CA in the bundle and issues no certificate; the next renewal is the new CA's and verifies against the bundle", () => {
    // From staging's first issue (--new-ca --apply), in a workspace of its own.
    expect(firstIssue("staging").run.status).toBe(0);
    const ws = workspaceWithStoreOf(firstIssue("staging").ws);
    const ids = secretIds("staging");
    const host = alloyTempoHost("staging");
    const first = stored(ws, ids.certificate)![TEMPO_INGEST_TLS.certificateKey]!;
    const firstBundle = stored(ws, ids.ca)![TEMPO_INGEST_TLS.caKey]!;
    const dir = tempDir("fx-trader-tempo-verify-");
    const verifies = (certificate: string, bundle: string) => openssl(["verify", "-CAfile", file(dir, "ca.crt", bundle), "-verify_hostname", host, file(dir, "server.crt", certificate)]).status === 0;
    const serial = (certificate: string) => openssl(["x509", "-noout", "-serial"], certificate).stdout;
    const issuerKeyId = (certificate: string) => /Authority Key Identifier:\s*\n\s*(?:keyid:)?([0-9A-F:]+)/.exec(openssl(["x509", "-noout", "-text"], certificate).stdout)?.[1];

    fs.writeFileSync(ws.log, "");
    const renew = issue(ws, "staging", "--apply", "--out-dir", path.join(ws.dir, "w2"));
    expect(renew.status).toBe(0);
    const calls = fs.readFileSync(ws.log, "utf8").trim().split("\n");
    expect(calls.filter((c) => c.includes("put-secret-value")).map((c) => /--secret-id (\S+)/.exec(c)![1])).toEqual([ids.certificate]);
    const renewed = stored(ws, ids.certificate)![TEMPO_INGEST_TLS.certificateKey]!;
    expect(serial(renewed)).not.toBe(serial(first));
    expect(issuerKeyId(renewed)).toBe(issuerKeyId(first));
    expect(stored(ws, ids.ca)![TEMPO_INGEST_TLS.caKey]).toBe(firstBundle);
    expect(verifies(renewed, firstBundle)).toBe(true);

    const rotate = issue(ws, "staging", "--new-ca", "--apply", "--out-dir", path.join(ws.dir, "w3"));
    expect(rotate.status).toBe(0);
    expect(rotate.stdout).toContain("kept the old CA in the bundle");
    expect(stored(ws, ids.certificate)![TEMPO_INGEST_TLS.certificateKey]).toBe(renewed);
    const bothBundle = stored(ws, ids.ca)![TEMPO_INGEST_TLS.caKey]!;
    expect(bothBundle.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(bothBundle).toContain(firstBundle.trim());
    // Alloy, restarted with the two-CA bundle, still accepts the certificate Tempo serves.
    expect(verifies(renewed, bothBundle)).toBe(true);

    expect(issue(ws, "staging", "--apply", "--out-dir", path.join(ws.dir, "w4")).status).toBe(0);
    const fromNew = stored(ws, ids.certificate)![TEMPO_INGEST_TLS.certificateKey]!;
    expect(issuerKeyId(fromNew)).not.toBe(issuerKeyId(first));
    expect(verifies(fromNew, bothBundle)).toBe(true);
    // Seeded: without the rotation's bundle (the old CA only), the new CA's certificate would be refused.
    expect(verifies(fromNew, firstBundle)).toBe(false);
  });

  it("S2: refuses a working folder inside the repository before writing anything, and names the environments for an unknown one", () => {
    const ws = workspace();
    const inside = path.join(ROOT, "tempo-keys-must-not-be-here");
    const refused = issue(ws, "prod", "--new-ca", "--apply", "--out-dir", inside);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`the working folder ${inside} is inside the repository`);
    expect(fs.existsSync(inside)).toBe(false);
    expect(fs.existsSync(ws.log)).toBe(false);

    const unknown = issue(ws, "qa", "--new-ca");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`unknown environment "qa"; environments are ${ENVIRONMENT_NAMES.join(", ")}`);
    // A renewal without a CA fails with the secret it could not read, and stores nothing.
    const noCa = issue(ws, "prod", "--apply", "--out-dir", path.join(ws.dir, "w"));
    expect(noCa.status).toBe(1);
    expect(noCa.stderr).toContain(`cannot read ${secretIds("prod").caKey}`);
    expect(noCa.stderr).toContain("on the first issue run with --new-ca");
    expect(fs.readdirSync(ws.store)).toEqual([]);
  });
});
