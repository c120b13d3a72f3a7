import { AUDIT_ARCHIVE_PREFIX, auditArchiveTarget } from "../../../constructs/observability/audit-archive";
import type { EnvironmentName } from "../../../config/environments";
import { ACCOUNT_ROOT_SID } from "../../../constructs/core/customer-key";
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from "../../../constructs/core/lifecycle-rules";
import { ENVIRONMENT_NAMES, envConfig, resources } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";
import { attached, bucket, lifecycleRulesOf, synthesized } from "./support";

const PURPOSES = ["loki-chunks", "loki-ruler", "tempo-traces"];
const protectedIn = (env: EnvironmentName) => env !== "dev";

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}

function onlyKey(env: EnvironmentName): string {
  const keys = Object.keys(resources(synthesized(env).platform, "aws_kms_key"));
  expect(keys).toHaveLength(1);
  return keys[0]!;
}

describe("C4, C5: observability buckets", () => {
  const cases = ENVIRONMENT_NAMES.flatMap((env) => PURPOSES.map((p) => [env, p] as const));

  it.each(cases)("%s %s bucket is KMS-encrypted with the storage key, private, TLS-only and has a lifecycle", (env, purpose) => {
    const json = synthesized(env).platform;
    const { id } = bucket(json, purpose);
    expect(attached(json, "aws_s3_bucket_server_side_encryption_configuration", id)!.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: `\${aws_kms_key.${onlyKey(env)}.arn}` }, bucket_key_enabled: true },
    ]);
    expect(attached(json, "aws_s3_bucket_public_access_block", id)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(attached(json, "aws_s3_bucket_ownership_controls", id)!.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    const arn = `arn:aws:s3:::${bucket(json, purpose).resource.bucket as string}`;
    expect(policyDocumentStatements(json, attached(json, "aws_s3_bucket_policy", id)!.policy)).toEqual([
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        principals: [{ type: "*", identifiers: ["*"] }],
        actions: ["s3:*"],
        resources: [arn, `${arn}/*`],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
    ]);
    const rules = lifecycleRulesOf(json, purpose);
    expect(rules.find((r) => r.id === "abort-incomplete-uploads")).toMatchObject({ status: "Enabled", abort_incomplete_multipart_upload: [{ days_after_initiation: ABORT_INCOMPLETE_UPLOAD_DAYS }] });
  });

  it.each(cases)("%s %s bucket logs its access into the environment's access-log bucket and is tagged with its purpose", (env, purpose) => {
    const json = synthesized(env).platform;
    const { id, resource } = bucket(json, purpose);
    const account = env === "prod" ? "222222222222" : "111111111111";
    expect(attached(json, "aws_s3_bucket_logging", id)).toEqual({
      bucket: `\${aws_s3_bucket.${id}.id}`,
      target_bucket: `fx-trader-${env}-access-logs-${account}-ap-northeast-1`,
      target_prefix: `s3/${purpose}/`,
    });
    expect((resource.tags as Record<string, string>).purpose).toBe(purpose);
  });

  it.each(cases)("%s %s bucket is protected from destruction exactly outside dev", (env, purpose) => {
    expect(bucket(synthesized(env).platform, purpose).resource.lifecycle).toEqual(protectedIn(env) ? { prevent_destroy: true } : undefined);
  });

  it.each(ENVIRONMENT_NAMES)("%s storage key rotates, has the configured deletion window and is protected outside dev", (env) => {
    const key = resources(synthesized(env).platform, "aws_kms_key")[onlyKey(env)]!;
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(env === "dev" ? 7 : 30);
    expect(key.lifecycle).toEqual(protectedIn(env) ? { prevent_destroy: true } : undefined);
    expect(policyDocumentStatements(synthesized(env).platform, key.policy).map((s) => s.sid)).toEqual([ACCOUNT_ROOT_SID]);
  });

  it.each(ENVIRONMENT_NAMES)("%s versions only the ruler bucket (chunk and trace retention deletes objects)", (env) => {
    const json = synthesized(env).platform;
    const versioned = Object.values(resources(json, "aws_s3_bucket_versioning")).map((v) => v.bucket);
    expect(versioned).toEqual([`\${aws_s3_bucket.${bucket(json, "loki-ruler").id}.id}`]);
    expect(lifecycleRulesOf(json, "loki-ruler").find((r) => r.id === "expire-noncurrent-versions")).toMatchObject({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] });
  });

  it("C1: prod's AMP workspace is protected from destruction", () => {
    expect(Object.values(resources(synthesized("prod").platform, "aws_prometheus_workspace"))).toEqual([
      { alias: "fx-trader-prod-metrics", lifecycle: { prevent_destroy: true } },
    ]);
  });
});

describe("pod roles: least privilege through EKS Pod Identity", () => {
  it.each(ENVIRONMENT_NAMES)("%s pod role policies name every action and resource (no *), and only their own buckets, key and workspace", (env) => {
    const json = synthesized(env).platform;
    const key = `\${aws_kms_key.${onlyKey(env)}.arn}`;
    const arn = (p: string) => `\${aws_s3_bucket.${bucket(json, p).id}.arn}`;
    const allowed: Record<string, string[]> = {
      loki: [arn("loki-chunks"), `${arn("loki-chunks")}/*`, arn("loki-ruler"), `${arn("loki-ruler")}/*`, key],
      tempo: [arn("tempo-traces"), `${arn("tempo-traces")}/*`, key],
      "prometheus-remote-write": Object.keys(resources(json, "aws_prometheus_workspace")).map((id) => `\${aws_prometheus_workspace.${id}.arn}`),
      // S5: the operator reads only this environment's synced secrets (secrets/catalog.ts). S2: Tempo's certificate and
      // the CA bundle, never the CA's key (monitoring/tempo-ingest-ca-key: operator-only). D4: the Enterprise licence,
      // only where the environment runs Grafana Enterprise.
      "external-secrets": [
        "alertmanager/receivers",
        "grafana/admin",
        ...(envConfig(env).observability.grafana.edition.kind === "enterprise" ? ["grafana/enterprise-license"] : []),
        "grafana/oidc-client",
        "monitoring/postgres",
        "monitoring/rds-ca-bundle",
        "monitoring/redis",
        "monitoring/tempo-ingest-ca",
        "monitoring/tempo-ingest-tls",
      ].map(
        (p) => `arn:aws:secretsmanager:ap-northeast-1:${env === "prod" ? "222222222222" : "111111111111"}:secret:fx-trader/${env}/${p}-??????`,
      ),
      // S6: Alloy may only add objects under the archive prefix of the audit bucket, encrypted with the log key.
      "alloy-audit-archive": [
        `arn:aws:s3:::${auditArchiveTarget(envConfig(env)).bucket}/${AUDIT_ARCHIVE_PREFIX}/*`,
        `\${data.aws_kms_alias.${Object.keys(json.data!.aws_kms_alias!)[0]}.target_key_arn}`,
      ],
    };
    const policies = Object.values(resources(json, "aws_iam_role_policy"));
    expect(policies.map((p) => p.name).sort()).toEqual(env === "prod" ? ["alloy-audit-archive", "external-secrets", "loki", "prometheus-remote-write", "tempo"] : ["alloy-audit-archive", "external-secrets", "loki", "tempo"]);
    for (const p of policies) {
      const doc = JSON.parse(p.policy as string) as { Statement: Statement[] };
      for (const s of doc.Statement) {
        expect(s.Effect).toBe("Allow");
        for (const action of s.Action) expect(action).not.toContain("*");
        for (const resource of s.Resource) {
          expect(resource).not.toBe("*");
          expect(allowed[p.name as string]).toContain(resource);
        }
      }
    }
  });

  it("C4: the Loki role grants exactly object access to its two buckets and data-key use of the storage key", () => {
    const json = synthesized("prod").platform;
    const arn = (p: string) => `\${aws_s3_bucket.${bucket(json, p).id}.arn}`;
    const loki = Object.values(resources(json, "aws_iam_role_policy")).find((p) => p.name === "loki")!;
    expect(JSON.parse(loki.policy as string).Statement).toEqual([
      { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [arn("loki-chunks"), arn("loki-ruler")] },
      { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`${arn("loki-chunks")}/*`, `${arn("loki-ruler")}/*`] },
      { Sid: "UseStorageKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [`\${aws_kms_key.${onlyKey("prod")}.arn}`] },
    ]);
  });

  it.each(ENVIRONMENT_NAMES)("%s pod roles trust only EKS Pod Identity for this account and cluster, bound to one service account each", (env) => {
    const json = synthesized(env).platform;
    const roles = resources(json, "aws_iam_role");
    for (const role of Object.values(roles)) {
      expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
        {
          Sid: "EksPodIdentity",
          Effect: "Allow",
          Principal: { Service: ["pods.eks.amazonaws.com"] },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: {
            StringEquals: { "aws:SourceAccount": [env === "prod" ? "222222222222" : "111111111111"] },
            ArnEquals: { "aws:SourceArn": [expect.stringMatching(/^\$\{data\.aws_eks_cluster\..+\.arn\}$/)] },
          },
        },
      ]);
    }
    const associations = Object.values(resources(json, "aws_eks_pod_identity_association")).map((a) => `${a.cluster_name} ${a.namespace}/${a.service_account}`).sort();
    const expected = [...["alloy", "loki", "tempo", ...(env === "prod" ? ["prometheus"] : [])].map((sa) => `fx-trader-${env} monitoring/${sa}`), `fx-trader-${env} external-secrets/external-secrets`].sort();
    expect(associations).toEqual(expected);
  });
});
