import type { EnvironmentName } from "../../../config/environments";
import { CHARTS } from "../../../config/charts";
import type { HelmChartRef } from "../../../config/types";
import { ENVIRONMENT_NAMES } from "../../support";
import { loadChartReference, referenceFolderOf, ruleProblems, unknownValueKeys, type KeyRules } from "../../support/helm-reference";
import { releaseOf, sharedPlatform, type SynthesizedRelease } from "./support";

/** The platform stack's helm_releases from jest's shared synthesis (the real synth command's output), parsed once. */
const releases = (env: EnvironmentName): SynthesizedRelease[] => sharedPlatform(env).releases;
const release = (env: EnvironmentName, chart: string): SynthesizedRelease => releaseOf(releases(env), env, chart);

/**
 * What each chart's values may contain beyond its defaults, listed explicitly. Free-form maps hold labels,
 * annotations, Kubernetes objects or a component's own configuration, which the chart passes through verbatim.
 */
const RULES: Readonly<Record<string, KeyRules>> = {
  "kube-prometheus-stack": {
    freeForm: [
      ["additionalPrometheusRulesMap"], // PrometheusRule specs by name
      ["defaultRules", "disabled"], // alert names of the chart's default rules to leave out
      ["alertmanager", "config"], // alertmanager.yaml
      ["prometheus", "prometheusSpec", "externalLabels"], // label map
      ["prometheus", "prometheusSpec", "storageSpec"], // Kubernetes StorageSpec
      ["grafana", "grafana.ini"], // grafana.ini sections
      ["grafana", "ingress", "annotations"], // annotation map
      ["grafana", "envValueFrom"], // environment variables by name (the OIDC client secret)
    ],
    commented: [["grafana", "ingress", "ingressClassName"], ["grafana", "persistence", "storageClassName"]],
  },
  loki: {
    freeForm: [
      ["loki", "schemaConfig"], // Loki schema_config
      ["loki", "limits_config"], // Loki limits_config
      ["loki", "compactor"], // Loki compactor config
      ["write", "affinity"], // Kubernetes Affinity
      ["read", "affinity"],
      ["backend", "affinity"],
    ],
    commented: [["loki", "storage", "bucketNames"]],
  },
  tempo: {
    freeForm: [
      ["tempo", "storage", "trace", "s3"], // Tempo s3 storage config
      ["tempo", "receivers", "otlp", "protocols", "grpc"], // the OTLP gRPC receiver's collector settings (S2: its tls), passed through toYaml
    ],
    commented: [["persistence", "storageClassName"]],
  },
  "tempo-distributed": {
    freeForm: [
      ["storage", "trace", "s3"], // Tempo s3 storage config
      ["traces", "otlp", "grpc", "receiverConfig"], // the OTLP gRPC receiver's collector settings (S2: its tls), passed through toYaml
    ],
    commented: [],
  },
  alloy: { freeForm: [], commented: [] },
};

/** Charts whose reference values REFERENCE_DIR does not hold (yet): their keys cannot be checked here. */
const WITHOUT_REFERENCE = ["prometheus-postgres-exporter", "prometheus-redis-exporter", "external-secrets"];

/**
 * S5: the operator's values are checked by Helm itself against the chart's values.schema.json, and the
 * project chart is ours (both rendered in __tests__/constructs/secrets/external-secrets-render.test.ts).
 */
const SECRETS_RELEASES = ["external-secrets", "fx-external-secrets"];

/** S2: the project chart of the NetworkPolicies is ours too (rendered and evaluated in __tests__/stacks/helm-render.test.ts). */
const OWN_RELEASES = [...SECRETS_RELEASES, "fx-network-policies"];

const PINNED: readonly HelmChartRef[] = Object.values(CHARTS);

describe("Helm values keys exist in the pinned charts", () => {
  it.each(ENVIRONMENT_NAMES)("C1–C6: %s deploys every chart as a helm_release with pinned version and repository", (env) => {
    const found = releases(env).filter((r) => !OWN_RELEASES.includes(r.name)).map((r) => `${r.name} ${r.repository} ${r.chart} ${r.version} → ${r.namespace}`).sort();
    const tempo = env === "dev" ? CHARTS.tempo : CHARTS.tempoDistributed;
    const expected = [
      ["kps", CHARTS.kubePrometheusStack],
      ["loki", CHARTS.loki],
      ["tempo", tempo],
      ["alloy", CHARTS.alloy],
      ["postgres-exporter", CHARTS.postgresExporter],
      ["redis-exporter", CHARTS.redisExporter],
    ] as const;
    expect(found).toEqual(expected.map(([name, c]) => `${name} ${c.repository} ${c.chart} ${c.version} → monitoring`).sort());
  });

  const cases = ENVIRONMENT_NAMES.flatMap((env) => releases(env).filter((r) => !WITHOUT_REFERENCE.includes(r.chart) && !OWN_RELEASES.includes(r.name)).map((r) => [env, r.chart] as const));
  it.each(cases)("%s: every key set for %s is in its values.yaml/schema, under a listed free-form map, or a listed commented key", (env, chart) => {
    const r = release(env, chart);
    const ref = loadChartReference({ repository: r.repository, chart: r.chart, version: r.version });
    expect(unknownValueKeys(r.values, ref, RULES[chart]!)).toEqual([]);
  });

  it.each(Object.keys(RULES))("the free-form and commented lists of %s are themselves real keys of the chart", (chart) => {
    const pinned = PINNED.find((c) => c.chart === chart)!;
    expect(ruleProblems(loadChartReference(pinned), RULES[chart]!)).toEqual([]);
  });

  it("fails when a key has a typo, in the chart or in a subchart", () => {
    const r = release("prod", "kube-prometheus-stack");
    const ref = loadChartReference(CHARTS.kubePrometheusStack);
    const values = r.values as { prometheus: { prometheusSpec: Record<string, unknown> }; grafana: { admin: Record<string, unknown> } };
    const typo = {
      ...values,
      prometheus: { ...values.prometheus, prometheusSpec: { ...values.prometheus.prometheusSpec, retension: "15d" } },
      grafana: { ...values.grafana, admin: { ...values.grafana.admin, existingSecrett: "grafana-admin" } },
    };
    expect(unknownValueKeys(typo, ref, RULES["kube-prometheus-stack"]!)).toEqual(["prometheus.prometheusSpec.retension", "grafana.admin.existingSecrett"]);
  });

  it("fails when a Loki key has a typo (a chart with values.schema.json)", () => {
    const r = release("dev", "loki");
    const typo = { ...r.values, singleBinary: { ...(r.values.singleBinary as object), replica: 1 } };
    expect(unknownValueKeys(typo, loadChartReference(CHARTS.loki), RULES.loki!)).toEqual(["singleBinary.replica"]);
  });

  it("fails when a listed free-form map or commented key is not a real key", () => {
    const problems = ruleProblems(loadChartReference(CHARTS.loki), { freeForm: [["lokii", "limits_config"]], commented: [["loki", "storage", "bucketNamez"]] });
    expect(problems).toEqual([
      "free-form lokii.limits_config: parent is not a key of the chart",
      'commented loki.storage.bucketNamez: no "# bucketNamez:" comment in values.yaml',
    ]);
  });

  it("fails when the reference is for another chart version than the pin", () => {
    expect(() => loadChartReference({ ...CHARTS.loki, version: "18.10.0" })).toThrow(/is loki 18.11.0, but config\/charts.ts pins loki 18.10.0/);
  });

  it("lists exactly the pinned charts REFERENCE_DIR has no values for", () => {
    expect(PINNED.filter((c) => referenceFolderOf(c) === undefined).map((c) => c.chart)).toEqual(WITHOUT_REFERENCE);
  });
});
