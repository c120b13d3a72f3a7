/**
 * S5 (issue #21): every Secret key a pod in the monitoring namespace reads is produced by an ExternalSecret of the
 * project's secrets chart (fx-external-secrets) with the same name, namespace and key. Renders every helm_release of
 * every environment with the real charts (as the V2 render suite does: one synth to a temporary folder, then
 * renderReleases) and collects each pod's Secret references: `env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`,
 * `volumes[].secret` (its `items[].key` when given), projected volume sources, and the operator CRs' Secrets
 * (`Prometheus`/`Alertmanager` `spec.secrets`, the Alertmanager config Secret and the secret files that config reads).
 *
 * A reference not produced by an ExternalSecret passes only through an entry of EXCEPTIONS, each naming the Secret,
 * the release that produces it, how, and why; an exception must hold in every environment (no stale entries), and the
 * release must really render that Secret (with the key) or the certificate Job that writes it.
 *
 * Known gap: the reference set lacks kube-prometheus-stack's grafana subchart (see KNOWN_GAPS in helm-render.test.ts),
 * so the Grafana Deployment, the consumer of the Grafana admin Secret, does not render. Its ExternalSecret's keys are
 * checked against the values the kps release passes to Grafana (`grafana.admin.existingSecret`, `userKey`,
 * `passwordKey`) instead; that test fails once the subchart renders, so the consumer is then checked like the others.
 */
import YAML from "yaml";
import { PROJECT_CHART_NAME } from "../../constructs/secrets/project-chart";
import { sharedSynthesis } from "../support/shared-synthesis";
import { releasesOf, renderPrerequisiteMissing, renderReleases, type K8sObject, type ReleaseUnderTest, type RenderResult } from "../support/helm-render";
import { workloads, type Container } from "../support/rendered-cluster";
import { LICENSE_TEXT_ENV, OIDC_SECRET_ENV } from "../../constructs/observability/grafana-access";
import { GRAFANA_LICENSE_KEY, KUBERNETES_SECRET_NAMES } from "../../secrets/catalog";

const missing = renderPrerequisiteMissing();
if (missing !== undefined && process.env.CI) throw new Error(`secret consumer suite cannot run in CI: ${missing}`);
if (missing !== undefined) console.warn(`skipping the secret consumer suite: ${missing}`);
const suite = missing === undefined ? describe : describe.skip;

const ENVS = ["dev", "staging", "prod"] as const;

type Block = Record<string, unknown>;

/** One (namespace, Secret, key) a pod reads; `key` undefined when the pod reads the whole Secret. */
interface SecretReference {
  readonly release: string;
  readonly workload: string;
  readonly where: string;
  readonly namespace: string;
  readonly secret: string;
  readonly key?: string;
  readonly optional: boolean;
}

/** A Secret a pod reads that no ExternalSecret produces: who produces it instead, and why that is right. */
interface Exception {
  readonly secret: string;
  /** Release name (helm_release `name`) that produces it. */
  readonly release: string;
  /** `chart`: the release's chart renders the Secret itself; `certificate-job`: a Job of the release writes it at install. */
  readonly producer: "chart" | "certificate-job";
  readonly reason: string;
}

const EXCEPTIONS: readonly Exception[] = [
  {
    secret: "alertmanager-kps-alertmanager",
    release: "kps",
    producer: "chart",
    reason:
      "kube-prometheus-stack renders Alertmanager's generated config (alertmanager.yaml from the release's alertmanager.config values) as this Secret, which the operator reads by default (alertmanager-<name>); it holds no credential: receivers read theirs as files of alertmanager-receivers, an ExternalSecret checked below",
  },
  {
    secret: "kps-admission",
    release: "kps",
    producer: "certificate-job",
    reason:
      "the prometheus-operator's admission webhook TLS certificate: the kube-webhook-certgen Jobs kps-admission-create/-patch generate it at install (--secret-name=kps-admission); a self-signed cluster-internal certificate, nothing to keep in Secrets Manager",
  },
];

const str = (x: unknown) => String(x);
const releaseName = (r: RenderResult) => str(r.release.resource.name);
const releaseNamespace = (r: RenderResult) => str(r.release.resource.namespace ?? "default");
const isProjectSecretsChart = (o: K8sObject) => (o.metadata.labels?.["helm.sh/chart"] ?? "").startsWith(`${PROJECT_CHART_NAME}-`);

/** Where a Prometheus/Alertmanager pod finds the Secrets of `spec.secrets`. */
const SECRET_MOUNT: Readonly<Record<string, string>> = { Alertmanager: "/etc/alertmanager/secrets/", Prometheus: "/etc/prometheus/secrets/" };

function decoded(o: K8sObject, key: string): string | undefined {
  const b64 = o.data?.[key];
  if (b64 !== undefined) return Buffer.from(b64, "base64").toString("utf8");
  return (o.stringData as Record<string, string> | undefined)?.[key];
}

/** Every Secret reference a pod of `results` makes in `namespace`. */
function secretReferences(results: readonly RenderResult[], namespace: string): SecretReference[] {
  const refs: SecretReference[] = [];
  for (const r of results) {
    const all = r.objects.filter((o) => o?.metadata !== undefined);
    for (const w of workloads(all, releaseNamespace(r)).filter((x) => x.namespace === namespace)) {
      const add = (where: string, secret: string, key: string | undefined, optional: unknown) => {
        const ref = { release: releaseName(r), workload: w.id, where, namespace: w.namespace, secret, key, optional: optional === true };
        if (!refs.some((x) => JSON.stringify(x) === JSON.stringify(ref))) refs.push(ref); // a config may read one file twice
      };
      const containers: Container[] = [...w.containers, ...w.initContainers, ...(((w.pod.ephemeralContainers as Container[] | undefined) ?? []))];
      for (const c of containers) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref) add(`container ${c.name} env ${e.name}`, ref.name, ref.key, ref.optional);
        }
        for (const e of c.envFrom ?? []) if (e.secretRef) add(`container ${c.name} envFrom`, e.secretRef.name, undefined, e.secretRef.optional);
      }
      type SecretSource = { secretName?: string; name?: string; optional?: boolean; items?: Array<{ key: string }> };
      const volumes = (w.pod.volumes ?? []) as Array<{ name: string; secret?: SecretSource; projected?: { sources?: Array<{ secret?: SecretSource }> } }>;
      const fromSource = (where: string, name: string, s: SecretSource) => {
        if (s.items && s.items.length > 0) for (const item of s.items) add(where, name, item.key, s.optional);
        else add(where, name, undefined, s.optional);
      };
      for (const v of volumes) {
        if (v.secret) fromSource(`volume ${v.name}`, str(v.secret.secretName), v.secret);
        for (const s of v.projected?.sources ?? []) if (s.secret) fromSource(`projected volume ${v.name}`, str(s.secret.name), s.secret);
      }
      const kind = w.object.kind;
      if (kind === "Prometheus" || kind === "Alertmanager") {
        const spec = w.pod;
        const mounted = (spec.secrets ?? []) as string[];
        for (const name of mounted) add("spec.secrets", name, undefined, false);
        const keyRef = (where: string, sel: unknown) => {
          const s = sel as { name?: string; key?: string; optional?: boolean } | undefined;
          if (s?.name) add(where, s.name, s.key, s.optional);
        };
        keyRef("spec.additionalScrapeConfigs", spec.additionalScrapeConfigs);
        keyRef("spec.additionalAlertManagerConfigs", spec.additionalAlertManagerConfigs);
        keyRef("spec.additionalAlertRelabelConfigs", spec.additionalAlertRelabelConfigs);
        for (const [i, rw] of ((spec.remoteWrite ?? []) as Block[]).entries()) {
          const basic = rw.basicAuth as Block | undefined;
          keyRef(`spec.remoteWrite[${i}].basicAuth.username`, basic?.username);
          keyRef(`spec.remoteWrite[${i}].basicAuth.password`, basic?.password);
          keyRef(`spec.remoteWrite[${i}].bearerTokenSecret`, rw.bearerTokenSecret);
          keyRef(`spec.remoteWrite[${i}].authorization.credentials`, (rw.authorization as Block | undefined)?.credentials);
          keyRef(`spec.remoteWrite[${i}].oauth2.clientSecret`, (rw.oauth2 as Block | undefined)?.clientSecret);
        }
        if (kind === "Alertmanager") {
          // The operator reads the config from spec.configSecret, by default alertmanager-<name>, key alertmanager.yaml.
          const configName = str(spec.configSecret ?? `alertmanager-${w.object.metadata.name}`);
          add("config Secret", configName, "alertmanager.yaml", false);
          const config = all.find((o) => o.kind === "Secret" && o.metadata.name === configName && (o.metadata.namespace ?? releaseNamespace(r)) === w.namespace);
          const text = config === undefined ? undefined : decoded(config, "alertmanager.yaml");
          // Each secret file the config reads (…/secrets/<Secret>/<key>) is a key of a Secret of spec.secrets.
          for (const m of (text ?? "").matchAll(/\/etc\/alertmanager\/secrets\/([^/\s"']+)\/([^/\s"']+)/g)) {
            const [, name, key] = m as unknown as [string, string, string];
            add(`alertmanager.yaml file ${m[0]}${mounted.includes(name) ? "" : ` (NOT in spec.secrets: ${mounted.join(", ") || "none"})`}`, name, key, false);
          }
        }
        if (kind === "Prometheus") {
          for (const m of JSON.stringify(spec).matchAll(new RegExp(`${SECRET_MOUNT.Prometheus}([^/\\s"']+)/([^/\\s"']+)`, "g"))) add(`file ${m[0]}`, m[1]!, m[2], false);
        }
      }
    }
  }
  return refs;
}

/** Keys each ExternalSecret of the project's secrets chart produces, by `namespace/target name`; "any" for dataFrom. */
function externalSecretKeys(results: readonly RenderResult[]): Map<string, Set<string> | "any"> {
  const out = new Map<string, Set<string> | "any">();
  for (const r of results) {
    for (const o of r.objects.filter((x) => x?.kind === "ExternalSecret" && isProjectSecretsChart(x))) {
      const spec = (o.spec ?? {}) as { target?: { name?: string }; data?: Array<{ secretKey: string }>; dataFrom?: unknown[] };
      const id = `${o.metadata.namespace ?? releaseNamespace(r)}/${spec.target?.name ?? o.metadata.name}`;
      const prev = out.get(id);
      if (prev === "any" || (spec.dataFrom ?? []).length > 0) out.set(id, "any");
      else out.set(id, new Set([...(prev ?? []), ...(spec.data ?? []).map((d) => d.secretKey)]));
    }
  }
  return out;
}

/** Whether the exception's release really produces Secret `namespace/name` (with `key`); a problem otherwise. */
function exceptionProblem(e: Exception, results: readonly RenderResult[], namespace: string, key: string | undefined): string | undefined {
  const r = results.find((x) => releaseName(x) === e.release);
  if (r === undefined) return `exception ${e.secret}: release ${e.release} is not rendered`;
  const objs = r.objects.filter((o) => o?.metadata !== undefined && (o.metadata.namespace ?? releaseNamespace(r)) === namespace);
  if (e.producer === "chart") {
    const s = objs.find((o) => o.kind === "Secret" && o.metadata.name === e.secret);
    if (s === undefined) return `exception ${e.secret}: release ${e.release} renders no Secret ${namespace}/${e.secret}`;
    const keys = Object.keys({ ...(s.data ?? {}), ...((s.stringData as Block | undefined) ?? {}) });
    if (key !== undefined && !keys.includes(key)) return `exception ${e.secret}: the Secret release ${e.release} renders has no key ${key} (only ${keys.join(", ") || "none"})`;
    return undefined;
  }
  const job = workloads(objs, namespace).some((w) => w.object.kind === "Job" && w.containers.some((c) => (c.args ?? []).includes(`--secret-name=${e.secret}`)));
  return job ? undefined : `exception ${e.secret}: release ${e.release} renders no certificate Job with --secret-name=${e.secret} in ${namespace}`;
}

/** Problems of an environment's references: each not produced by an ExternalSecret (nor by its exception) with release, pod, secret and key. */
function consumerProblems(results: readonly RenderResult[], namespace: string): { required: string[]; optional: string[]; exceptionsUsed: string[] } {
  const produced = externalSecretKeys(results);
  const required: string[] = [];
  const optional: string[] = [];
  const used = new Set<string>();
  for (const ref of secretReferences(results, namespace)) {
    const label = `release ${ref.release} ${ref.workload} ${ref.where} reads ${ref.key === undefined ? "" : `key ${ref.key} of `}Secret ${ref.namespace}/${ref.secret}`;
    const exception = EXCEPTIONS.find((e) => e.secret === ref.secret);
    let problem: string | undefined;
    if (exception !== undefined) {
      used.add(exception.secret);
      problem = exceptionProblem(exception, results, ref.namespace, ref.key);
      if (problem !== undefined) problem = `${label}: ${problem}`;
    } else {
      const keys = produced.get(`${ref.namespace}/${ref.secret}`);
      if (keys === undefined) problem = `${label}, which no ExternalSecret of ${PROJECT_CHART_NAME} produces (and no exception lists)`;
      else if (ref.key !== undefined && keys !== "any" && !keys.has(ref.key)) problem = `${label}, but ExternalSecret ${ref.namespace}/${ref.secret} produces only ${[...keys].join(", ")}`;
      if (problem === undefined && ref.where.includes("NOT in spec.secrets")) problem = `${label}: the Secret is not mounted`;
    }
    if (problem !== undefined) (ref.optional ? optional : required).push(ref.optional ? `(optional) ${problem}` : problem);
  }
  return { required, optional, exceptionsUsed: [...used].sort() };
}

/** The Secret keys the kps release hands Grafana as environment variables (`grafana.envValueFrom`). */
function grafanaEnvSecretRefs(values: string): Array<{ env: string; secret: string; key: string }> {
  const parsed = YAML.parse(values) as { grafana?: { envValueFrom?: Record<string, { secretKeyRef?: { name: string; key: string } }> } };
  return Object.entries(parsed.grafana?.envValueFrom ?? {}).flatMap(([env, from]) => (from.secretKeyRef ? [{ env, secret: from.secretKeyRef.name, key: from.secretKeyRef.key }] : []));
}

/** Each of `refs` not produced by an ExternalSecret of the secrets chart, with the env var, Secret and key. */
function grafanaEnvProblems(refs: ReturnType<typeof grafanaEnvSecretRefs>, produced: Map<string, Set<string> | "any">, namespace: string): string[] {
  return refs.flatMap((r) => {
    const label = `release kps Grafana env ${r.env} reads key ${r.key} of Secret ${namespace}/${r.secret}`;
    const keys = produced.get(`${namespace}/${r.secret}`);
    if (keys === undefined) return [`${label}, which no ExternalSecret of ${PROJECT_CHART_NAME} produces`];
    if (keys !== "any" && !keys.has(r.key)) return [`${label}, but the ExternalSecret produces only ${[...keys].join(", ")}`];
    return [];
  });
}

let releases: ReleaseUnderTest[] = [];
let results: RenderResult[] = [];
let seeded: Record<"droppedKey" | "renamedSecret" | "droppedTlsKey", RenderResult> | undefined;

const valuesOf = (r: ReleaseUnderTest) => (r.resource.values as string[])[0]!;
const find = (env: string, name: string) => {
  const r = releases.find((x) => x.env.name === env && x.resource.name === name);
  if (r === undefined) throw new Error(`no release ${name} in ${env}`);
  return r;
};
const forEnv = (env: string) => results.filter((r) => r.release.env.name === env);
const nsOf = (env: string) => forEnv(env)[0]!.release.env.eks.monitoringNamespace;
/** The environment's results with `replacement` standing in for the result of the same release. */
const withResult = (env: string, replacement: RenderResult) => forEnv(env).map((r) => (releaseName(r) === releaseName(replacement) ? replacement : r));

suite("S5: every Secret key a monitoring pod reads is produced by an ExternalSecret of the same name, namespace and key", () => {
  beforeAll(async () => {
    {
      releases = releasesOf(sharedSynthesis().outdir);
      const secrets = find("prod", PROJECT_CHART_NAME);
      const pg = find("prod", "postgres-exporter");
      // (a) the redis-exporter-auth ExternalSecret loses its "password" key.
      const dropped = JSON.parse(valuesOf(secrets)) as { externalSecrets: Array<{ name: string; keys: string[] }> };
      const redis = dropped.externalSecrets.find((s) => s.name === "redis-exporter-auth")!;
      redis.keys = redis.keys.filter((k) => k !== "password");
      if (redis.keys.length === 0) redis.keys = ["token"]; // the chart requires at least one key
      const droppedKey: ReleaseUnderTest = { ...secrets, resource: { ...structuredClone(secrets.resource), values: [JSON.stringify(dropped)] } };
      // (b) the postgres exporter reads a renamed Secret.
      const renamedSecret: ReleaseUnderTest = { ...pg, resource: { ...structuredClone(pg.resource), values: [valuesOf(pg).split('"postgres-exporter-credentials"').join('"postgres-exporter-creds"')] } };
      // (c) S2: the tempo-ingest-tls ExternalSecret loses the private key Tempo's receiver serves.
      const noTlsKey = JSON.parse(valuesOf(secrets)) as { externalSecrets: Array<{ name: string; keys: string[] }> };
      const tls = noTlsKey.externalSecrets.find((s) => s.name === "tempo-ingest-tls")!;
      tls.keys = tls.keys.filter((k) => k !== "tls.key");
      const droppedTlsKey: ReleaseUnderTest = { ...secrets, resource: { ...structuredClone(secrets.resource), values: [JSON.stringify(noTlsKey)] } };
      const out = await renderReleases([...releases, droppedKey, renamedSecret, droppedTlsKey]);
      results = out.slice(0, releases.length);
      seeded = { droppedKey: out[releases.length]!, renamedSecret: out[releases.length + 1]!, droppedTlsKey: out[releases.length + 2]! };
    }
  }, 180000);

  it("renders every release without an error", () => {
    expect(results.filter((r) => r.error).map((r) => r.error)).toEqual([]);
    expect(seeded?.droppedKey.error).toBeUndefined();
    expect(seeded?.renamedSecret.error).toBeUndefined();
    expect(seeded?.droppedTlsKey.error).toBeUndefined();
  });

  it.each(ENVS)("S2: %s: the Tempo ingest TLS Secrets are read where the TLS is served and verified, and the secrets chart produces them (certificate and key for Tempo, the CA bundle for Alloy)", (env) => {
    const ns = nsOf(env);
    const ingest = forEnv(env)[0]!.release.env.observability.tempo.deploymentMode === "distributed" ? "Deployment/tempo-distributor" : "StatefulSet/tempo";
    const reads = secretReferences(forEnv(env), ns)
      .filter((r) => r.secret.startsWith("tempo-ingest-"))
      .map((r) => `${r.workload} ${r.secret} ${r.key ?? "(all)"}${r.optional ? " optional" : ""}`)
      .sort();
    expect(reads).toEqual(["DaemonSet/alloy tempo-ingest-ca ca.crt", `${ingest} tempo-ingest-tls tls.crt`, `${ingest} tempo-ingest-tls tls.key`].sort());
    const produced = externalSecretKeys(forEnv(env));
    expect([...((produced.get(`${ns}/tempo-ingest-tls`) as Set<string> | undefined) ?? [])].sort()).toEqual(["tls.crt", "tls.key"]);
    expect([...((produced.get(`${ns}/tempo-ingest-ca`) as Set<string> | undefined) ?? [])]).toEqual(["ca.crt"]);
    // The CA's private key is operator-only: no ExternalSecret syncs it into the cluster.
    expect([...produced.keys()].filter((k) => k.includes("tempo-ingest-ca-key"))).toEqual([]);
  });

  it.each(ENVS)("%s: each (namespace, Secret, key) a monitoring pod reads is produced by an ExternalSecret of the secrets chart or an exception", (env) => {
    const ns = nsOf(env);
    const refs = secretReferences(forEnv(env), ns);
    // The collector sees the consumers it is meant to see (not vacuously green).
    expect(refs.some((r) => r.workload === "Alertmanager/kps-alertmanager" && r.secret === "alertmanager-receivers" && r.key !== undefined)).toBe(true);
    const { required, optional, exceptionsUsed } = consumerProblems(forEnv(env), ns);
    expect(required).toEqual([]);
    // Optional references are reported separately (a missing optional Secret silently drops its setting).
    expect(optional).toEqual([]);
    // Every exception is needed in every environment: a stale one must be removed.
    expect(exceptionsUsed).toEqual(EXCEPTIONS.map((e) => e.secret).sort());
  });

  it.each(ENVS)("%s: the Grafana admin ExternalSecret has the Secret name and keys the kps release passes to Grafana (the grafana subchart does not render: known gap)", (env) => {
    const kps = forEnv(env).find((r) => releaseName(r) === "kps")!;
    // Known gap: once the reference set holds the grafana subchart, its Deployment renders and the test above checks it.
    expect(kps.omittedSubcharts).toContain("grafana");
    const values = YAML.parse(valuesOf(kps.release)) as { grafana?: { admin?: { existingSecret?: string; userKey?: string; passwordKey?: string } } };
    const admin = values.grafana?.admin ?? {};
    expect(admin.existingSecret).toBeTruthy();
    expect(admin.userKey).toBeTruthy();
    expect(admin.passwordKey).toBeTruthy();
    // Grafana runs in the kps release's namespace, the monitoring namespace.
    expect(releaseNamespace(kps)).toBe(nsOf(env));
    const keys = externalSecretKeys(forEnv(env)).get(`${releaseNamespace(kps)}/${String(admin.existingSecret)}`);
    const missingKeys = keys === "any" ? [] : [admin.userKey, admin.passwordKey].filter((k) => !(keys ?? new Set()).has(String(k)));
    expect({ secret: admin.existingSecret, produced: keys !== undefined, missingKeys }).toEqual({ secret: admin.existingSecret, produced: true, missingKeys: [] });
  });

  it.each(ENVS)("%s: each Secret key the kps release passes to Grafana as an environment variable (OIDC client secret; the Enterprise licence where the edition is enterprise) is produced by an ExternalSecret (the grafana subchart does not render: known gap)", (env) => {
    const kps = forEnv(env).find((r) => releaseName(r) === "kps")!;
    expect(kps.omittedSubcharts).toContain("grafana");
    const refs = grafanaEnvSecretRefs(valuesOf(kps.release));
    const enterprise = kps.release.env.observability.grafana.edition.kind === "enterprise";
    // Not vacuous: the OIDC client secret always, the licence exactly where Grafana is Enterprise.
    expect(refs.map((r) => r.env)).toEqual(enterprise ? [OIDC_SECRET_ENV, LICENSE_TEXT_ENV] : [OIDC_SECRET_ENV]);
    expect(grafanaEnvProblems(refs, externalSecretKeys(forEnv(env)), releaseNamespace(kps))).toEqual([]);
  });

  it("fails when the licence's ExternalSecret is missing or Grafana reads a key it does not produce", () => {
    const kps = forEnv("prod").find((r) => releaseName(r) === "kps")!;
    const ns = releaseNamespace(kps);
    const produced = externalSecretKeys(forEnv("prod"));
    const withoutLicence = new Map([...produced].filter(([id]) => id !== `${ns}/${KUBERNETES_SECRET_NAMES.grafanaLicense}`));
    expect(grafanaEnvProblems(grafanaEnvSecretRefs(valuesOf(kps.release)), withoutLicence, ns)).toEqual([
      `release kps Grafana env ${LICENSE_TEXT_ENV} reads key ${GRAFANA_LICENSE_KEY} of Secret ${ns}/${KUBERNETES_SECRET_NAMES.grafanaLicense}, which no ExternalSecret of ${PROJECT_CHART_NAME} produces`,
    ]);
    const renamedKey = valuesOf(kps.release).split(`"${GRAFANA_LICENSE_KEY}"`).join('"license.txt"');
    expect(grafanaEnvProblems(grafanaEnvSecretRefs(renamedKey), produced, ns)).toEqual([
      `release kps Grafana env ${LICENSE_TEXT_ENV} reads key license.txt of Secret ${ns}/${KUBERNETES_SECRET_NAMES.grafanaLicense}, but the ExternalSecret produces only ${GRAFANA_LICENSE_KEY}`,
    ]);
  });

  describe("seeded failures name the release, pod, Secret and key", () => {
    it("(a) a key removed from an ExternalSecret: its consumer is reported", () => {
      const { required } = consumerProblems(withResult("prod", seeded!.droppedKey), nsOf("prod"));
      expect(required).toEqual([
        "release redis-exporter Deployment/redis-exporter container prometheus-redis-exporter env REDIS_PASSWORD reads key password of Secret monitoring/redis-exporter-auth, but ExternalSecret monitoring/redis-exporter-auth produces only token",
      ]);
    });
    it("(b) a consumer's Secret renamed: each key it reads is reported", () => {
      const { required } = consumerProblems(withResult("prod", seeded!.renamedSecret), nsOf("prod"));
      expect(required).toEqual([
        `release postgres-exporter Deployment/postgres-exporter container prometheus-postgres-exporter env DATA_SOURCE_USER reads key username of Secret monitoring/postgres-exporter-creds, which no ExternalSecret of ${PROJECT_CHART_NAME} produces (and no exception lists)`,
        `release postgres-exporter Deployment/postgres-exporter container prometheus-postgres-exporter env DATA_SOURCE_PASS reads key password of Secret monitoring/postgres-exporter-creds, which no ExternalSecret of ${PROJECT_CHART_NAME} produces (and no exception lists)`,
      ]);
    });
    it("(c) S2: the private key dropped from the tempo-ingest-tls ExternalSecret: Tempo's distributor is reported", () => {
      const { required } = consumerProblems(withResult("prod", seeded!.droppedTlsKey), nsOf("prod"));
      expect(required).toEqual([
        "release tempo Deployment/tempo-distributor volume tempo-ingest-tls reads key tls.key of Secret monitoring/tempo-ingest-tls, but ExternalSecret monitoring/tempo-ingest-tls produces only tls.crt",
      ]);
    });
  });
});
