import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Testing } from "cdktf";
import type { PolicyStatement } from "../../../constructs/core/policy-statements";
import { PodIdentityRole } from "../../../constructs/observability/pod-identity-role";
import { bucketObjectAccess, keyUse } from "../../../constructs/observability/policy-statement";
import { POD_ROLE_ENVIRONMENT, podRoleStack, reference } from "./fixtures";

// Builds only a pod role: the three-field environment slice, a cluster data source, a bucket and a key.
function podRole(statements?: (bucket: S3Bucket, key: KmsKey) => readonly PolicyStatement[]) {
  const { stack, cluster } = podRoleStack();
  const bucket = new S3Bucket(stack, "bucket", { bucket: "fx-trader-test-chunks" });
  const key = new KmsKey(stack, "key", {});
  const grants = statements ?? ((b, k) => [...bucketObjectAccess([b.arn]), keyUse(k.arn)]);
  const build = () =>
    new PodIdentityRole(stack, "role", { config: POD_ROLE_ENVIRONMENT, cluster, name: "loki", namespace: "monitoring", serviceAccount: "loki", statements: grants(bucket, key) });
  return { stack, cluster, bucket, key, build };
}

/** The one resource of a type in a synthesized stack. */
function onlyResource(synthesized: string, type: string): Record<string, string> {
  const all = Object.values((JSON.parse(synthesized) as { resource: Record<string, Record<string, Record<string, string>>> }).resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe("PodIdentityRole (small fixture)", () => {
  it("C4: trusts EKS Pod Identity for this account and cluster only, and binds to one service account", () => {
    const { stack, cluster, build } = podRole();
    const role = build();
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      cluster_name: "fx-trader-test",
      namespace: "monitoring",
      service_account: "loki",
      role_arn: reference(stack, role.role, "arn"),
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "fx-trader-dev-loki" });
    expect(JSON.parse(onlyResource(synthesized, "aws_iam_role").assume_role_policy).Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: ["pods.eks.amazonaws.com"] },
        Condition: { StringEquals: { "aws:SourceAccount": ["111111111111"] }, ArnEquals: { "aws:SourceArn": [reference(stack, cluster, "arn", true)] } },
      }),
    ]);
    // Seeded failure: the matcher rejects an association bound to another namespace.
    expect(synthesized).not.toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: "default" });
  });

  it("C4: the inline policy grants exactly the bucket and key constructs it is given", () => {
    const { stack, bucket, key, build } = podRole();
    build();
    const synthesized = Testing.synth(stack);
    const arn = reference(stack, bucket, "arn");
    expect(JSON.parse(onlyResource(synthesized, "aws_iam_role_policy").policy).Statement).toEqual([
      { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [arn] },
      { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`${arn}/*`] },
      { Sid: "UseStorageKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [reference(stack, key, "arn")] },
    ]);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: "loki" });
  });

  it("fails when a pod role statement uses a wildcard action", () => {
    expect(podRole(() => [{ sid: "All", actions: ["s3:*"], resources: ["arn:aws:s3:::b"] }]).build).toThrow(
      '[dev] PodIdentityRole loki: statement All action "s3:*": actions must be named in full (no "*", at least one)',
    );
  });

  it("fails when a pod role statement grants every resource", () => {
    expect(podRole(() => [{ sid: "Any", actions: ["s3:GetObject"], resources: ["*"] }]).build).toThrow(
      '[dev] PodIdentityRole loki: statement Any resource "*": resources must be named ARNs (only a trailing "/*" for the objects of one bucket)',
    );
  });

  it("fails when a pod role grants nothing", () => {
    expect(podRole(() => []).build).toThrow("[dev] PodIdentityRole loki: statements is empty: a pod role must grant at least one action");
  });
});
