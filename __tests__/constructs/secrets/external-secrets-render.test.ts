/**
 * S5, V2: the project chart renders with the real Helm (`.tools/bin/helm`) from the values the platform
 * stacks carry, every ClusterSecretStore / ExternalSecret it renders validates against the CRDs' OpenAPI v3
 * schemas from the reference folder, and the operator chart renders with our values (Helm checks them
 * against the chart's values.schema.json).
 */
import Ajv from "ajv";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { materializeProjectChart } from "../../../constructs/secrets/project-chart";
import { syncedSecretsValues } from "../../../constructs/secrets/synced-secrets";
import { ENVIRONMENT_NAMES, REFERENCE_DIR, ROOT, envConfig, tempDir } from "../../support";

const HELM = path.join(ROOT, ".tools/bin/helm");
const CRDS = path.join(REFERENCE_DIR, "helm-charts/external-secrets-2.9.0-crds/external-secrets.io-crds.yaml");
const ESO_CHART = path.join(REFERENCE_DIR, "helm-charts/external-secrets-2.9.0");
const available = fs.existsSync(HELM) && fs.existsSync(CRDS);
if (!available && process.env.CI === "true") throw new Error(`helm (${HELM}) or the CRDs (${CRDS}) missing in CI: run scripts/ensure-tools.sh`);
const maybe = available ? describe : describe.skip;
if (!available) console.warn(`skipping: needs ${HELM} (bash scripts/ensure-tools.sh) and ${CRDS}`);

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> };

function helmTemplate(chart: string, values: unknown, namespace: string): Manifest[] {
  const file = path.join(tempDir(), "values.json");
  fs.writeFileSync(file, JSON.stringify(values));
  const out = execFileSync(HELM, ["template", "r", chart, "-n", namespace, "-f", file, "--kube-version", "1.33.0"], { encoding: "utf8" });
  return YAML.parseAllDocuments(out).map((d) => d.toJS() as Manifest).filter((m) => m !== null);
}

/** One ajv validator per kind, from the served (storage) version of each CRD. */
function crdValidators(): Map<string, (m: unknown) => string[]> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const byKind = new Map<string, (m: unknown) => string[]>();
  // The reference file concatenates config/crds/bases without `---`: each CRD starts at a top-level apiVersion.
  const texts = fs.readFileSync(CRDS, "utf8").split(/^(?=apiVersion: apiextensions\.k8s\.io\/v1$)/m);
  for (const text of texts) {
    const crd = YAML.parse(text) as { spec: { names: { kind: string }; versions: Array<{ name: string; storage: boolean; schema: { openAPIV3Schema: object } }> } } | null;
    const version = crd?.spec.versions.find((v) => v.storage);
    if (!crd || !version) continue;
    const validate = ajv.compile(version.schema.openAPIV3Schema);
    byKind.set(`external-secrets.io/${version.name}/${crd.spec.names.kind}`, (m) => (validate(m) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)));
  }
  return byKind;
}

maybe("fx-external-secrets chart and External Secrets Operator render (real helm, CRD schemas)", () => {
  const validators = crdValidators();
  const chart = materializeProjectChart(tempDir());
  const validate = (m: Manifest) => {
    const v = validators.get(`${m.apiVersion}/${m.kind}`);
    return v === undefined ? [`no CRD schema for ${m.apiVersion} ${m.kind}`] : v(m);
  };

  it.each(ENVIRONMENT_NAMES)("S5: %s renders one ClusterSecretStore and one ExternalSecret per synced secret, all valid against the CRDs", (env) => {
    const config = envConfig(env);
    const values = syncedSecretsValues(config) as { externalSecrets: Array<{ name: string; namespace: string; remoteKey: string; keys: string[] }> };
    const manifests = helmTemplate(chart, values, config.eks.monitoringNamespace);
    expect(manifests.map((m) => `${m.kind} ${m.metadata.name}`)).toEqual(["ClusterSecretStore fx-trader-" + env, ...values.externalSecrets.map((s) => `ExternalSecret ${s.name}`)]);
    for (const m of manifests) expect({ name: m.metadata.name, problems: validate(m) }).toEqual({ name: m.metadata.name, problems: [] });
    for (const m of manifests.filter((x) => x.kind === "ExternalSecret")) {
      const spec = m.spec as { refreshInterval: string; target: { name: string }; data: Array<{ secretKey: string; remoteRef: { key: string } }> };
      expect(spec.refreshInterval).toBe(`${config.secrets.refreshIntervalMinutes}m`);
      expect(spec.target.name).toBe(m.metadata.name);
      for (const d of spec.data) expect(d.remoteRef.key.startsWith(`${config.secrets.pathPrefix}/`)).toBe(true);
    }
  });

  it("fails when a rendered ExternalSecret is invalid for its CRD (seeded: unknown creationPolicy, missing store kind)", () => {
    const [, es] = helmTemplate(chart, syncedSecretsValues(envConfig("dev")), "monitoring");
    const broken = structuredClone(es!) as Manifest & { spec: { target: { creationPolicy: string }; secretStoreRef: { kind: string } } };
    broken.spec.target.creationPolicy = "Sometimes";
    broken.spec.secretStoreRef.kind = "VaultStore";
    expect(validate(broken)).toEqual(["/spec/secretStoreRef/kind must be equal to one of the allowed values", "/spec/target/creationPolicy must be equal to one of the allowed values"]);
  });

  it("fails to render without a store name (the chart refuses its own defaults)", () => {
    const r = spawnSync(HELM, ["template", "r", chart], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("store.name is required");
  });

  it("S5: the external-secrets 2.9.0 chart renders with the operator's values (checked against its values.schema.json)", () => {
    const values = { fullnameOverride: "external-secrets", installCRDs: true, serviceAccount: { create: true, name: "external-secrets" } };
    const kinds = helmTemplate(ESO_CHART, values, "external-secrets").map((m) => `${m.kind} ${m.metadata.name}`);
    expect(kinds).toContain("Deployment external-secrets");
    expect(kinds).toContain("ServiceAccount external-secrets");
    const r = spawnSync(HELM, ["template", "r", ESO_CHART, "--set", "installCRDs=maybe"], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
  });
});
