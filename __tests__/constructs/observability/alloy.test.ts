import { tplLiteral } from "../../../constructs/core/helm-values";
import { App } from "cdktf";
import { alloyPipeline, LOG_LEVELS } from "../../../constructs/observability/alloy";
import { block, expr, renderAlloy } from "../../../constructs/observability/private/alloy-syntax";
import { collectReviewFiles } from "../../../app/synthesize";
import { ENVIRONMENT_NAMES, envConfig } from "../../support";
import { at, release, synthesized } from "./support";

describe("Alloy (C6, L1–L3)", () => {
  it.each(ENVIRONMENT_NAMES)("%s deploys the rendered pipeline as a DaemonSet reading the node's pod logs and exposing OTLP", (env) => {
    const v = release(env, "alloy").values;
    // The chart runs tpl over the content: the pipeline's own `{{` is escaped for it (the render suite proves it).
    expect(at(v, "alloy.configMap.content")).toBe(tplLiteral(renderAlloy(alloyPipeline(envConfig(env)))));
    expect(at(v, "controller.type")).toBe("daemonset");
    expect(at(v, "alloy.mounts.varlog")).toBe(true);
    expect((at(v, "alloy.extraPorts") as Array<{ port: number }>).map((p) => p.port)).toEqual([4317, 4318]);
  });

  it.each(ENVIRONMENT_NAMES)("%s writes the pipeline, one escaped string in the Helm values, to out/<env>/alloy/config.alloy for review", (env) => {
    const files = collectReviewFiles(App.of(synthesized(env).stacks.platform));
    expect(tplLiteral(files.get(`${env}/alloy/config.alloy`)!)).toBe(at(release(env, "alloy").values, "alloy.configMap.content"));
  });

  it.each(ENVIRONMENT_NAMES)("L3: %s turns a JSON line's level into a level label with exactly DEBUG, INFO, WARN, ERROR, FATAL", (env) => {
    const content = renderAlloy(alloyPipeline(envConfig(env)));
    expect(content).toContain('stage.json {\n    expressions = {\n      "level_claim" = "level",');
    const levels = [...content.matchAll(/"level" = "([A-Z]+)"/g)].map((m) => m[1]);
    expect([...new Set(levels)].sort()).toEqual([...LOG_LEVELS].sort());
    expect(content).toContain('values = ["level_claim", "log_type_claim"]');
  });

  it("L1: only the application namespace may claim access or audit logs", () => {
    const content = renderAlloy(alloyPipeline(envConfig("prod")));
    expect(content).toContain('selector = "{namespace=\\"fx-trader\\", log_type_claim=\\"access\\"}"');
    expect(content).toContain('selector = "{namespace=\\"fx-trader\\", log_type_claim=\\"audit\\"}"');
    expect(content).toMatch(/rule \{\n\s+source_labels = \["__meta_kubernetes_namespace"\]\n\s+regex\s+= "fx-trader"\n\s+target_label\s+= "log_type"\n\s+replacement\s+= "application"/);
  });

  it.each([
    ["dev", "tempo.monitoring.svc.cluster.local:4317"],
    ["prod", "tempo-distributor.monitoring.svc.cluster.local:4317"],
  ] as const)("C6: %s forwards OTLP traces to Tempo at %s and logs to Loki's gateway", (env, tempo) => {
    const content = renderAlloy(alloyPipeline(envConfig(env)));
    expect(content).toContain(`endpoint = "${tempo}"`);
    expect(content).toContain('url = "http://loki-gateway.monitoring.svc.cluster.local/loki/api/v1/push"');
    expect(content).toContain("traces = [otelcol.exporter.otlp.tempo.input]");
  });
});

describe("Alloy syntax writer", () => {
  it("renders blocks, labels, attributes, objects, lists and expressions", () => {
    const text = renderAlloy([
      block("loki.write", "default", { external_labels: { cluster: "c" }, n: 1, on: true }, block("endpoint", undefined, { url: "http://x" })),
      block("loki.source.file", "f", { forward_to: [expr("loki.write.default.receiver")] }),
      block("stage.cri", undefined),
    ]);
    expect(text).toBe(
      'loki.write "default" {\n  external_labels = {\n    "cluster" = "c",\n  }\n  n               = 1\n  on              = true\n\n  endpoint {\n    url = "http://x"\n  }\n}\n\n' +
        'loki.source.file "f" {\n  forward_to = [loki.write.default.receiver]\n}\n\nstage.cri {}\n',
    );
  });

  it("escapes quotes in strings", () => {
    expect(renderAlloy([block("stage.match", undefined, { selector: '{a="b"}' })])).toContain('selector = "{a=\\"b\\"}"');
  });

  it("fails when a block name is not an identifier path", () => {
    expect(() => block("loki write", undefined)).toThrow('Alloy block name "loki write" is not a valid identifier path');
  });

  it("fails when an expression spans lines or opens a block", () => {
    expect(() => expr("a }\nb {")).toThrow("must be one line without braces");
  });
});
