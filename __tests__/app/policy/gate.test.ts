import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Manifest, type ISynthesisSession, type IStackSynthesizer } from "cdktf";
import fs from "node:fs";
import path from "node:path";
import { PolicyViolationError } from "../../../app/policy/security-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { waive } from "../../../constructs/policy/waiver";
import { FixtureBucket, JUSTIFICATION, policyError, policyStack } from "./fixtures";

/** Stands in for cdktf's synthesizer: writes `json` where the manifest says the stack's file goes. */
class WritesFile implements IStackSynthesizer {
  constructor(private readonly json: unknown) {}
  synthesize(session: ISynthesisSession): void {
    const file = path.join(session.outdir, Manifest.stacksFolder, "test", "cdk.tf.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(this.json));
  }
}

describe("S4: the policy gate checks the Terraform JSON that synthesis wrote", () => {
  it("passes a compliant stack and fails a stray bucket, through cdktf's own synthesizer", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "logs", { versioned: true });
    expect(policyError(stack)).toBeUndefined();
    new S3Bucket(stack, "stray", { bucket: "fx-trader-stray" });
    expect(policyError(stack)?.violations.map((v) => v.address)).toContain("aws_s3_bucket.stray");
  });

  it("reads the written file, not a second rendering of the stack", () => {
    const stack = policyStack();
    // The stack itself is empty and clean; only the file on disk has the unencrypted, unlogged bucket.
    const gate = stack.synthesizer as unknown as { inner: IStackSynthesizer };
    gate.inner = new WritesFile({ resource: { aws_s3_bucket: { written: { bucket: "fx-trader-written" } } } });
    const error = policyError(stack);
    expect(error).toBeInstanceOf(PolicyViolationError);
    expect(error!.violations.map((v) => v.address)).toContain("aws_s3_bucket.written");
  });

  it("checks the stack's JSON when synthesis writes HCL (`cdktf synth --hcl`)", () => {
    const stack = policyStack();
    new S3Bucket(stack, "stray", { bucket: "fx-trader-stray" });
    const gate = stack.synthesizer as unknown as { inner: IStackSynthesizer };
    gate.inner = { synthesize: () => undefined };
    expect(policyError(stack, { hcl: true })?.message).toMatch(/policy check failed for stack test .*\n.*aws_s3_bucket\.stray/);
  });
});

describe("S4: the policy gate checks every waiver against the rule catalog (waive() in constructs/ cannot see it)", () => {
  it("fails synthesis when a waiver names an unknown rule, listing the rules", () => {
    const stack = policyStack();
    const bucket = new FixtureBucket(stack, "logs").bucket;
    waive(bucket, "CKV_AWS_999", JUSTIFICATION);
    expect(() => policyError(stack)).toThrow('waive(test/logs/bucket): unknown rule "CKV_AWS_999"; rules are CKV_AWS_19, CKV_AWS_145');
  });

  it("fails synthesis when a waived rule does not report on the resource's type", () => {
    const stack = policyStack();
    const key = new KmsKey(stack, "key", { enableKeyRotation: true });
    waive(key, "CKV_AWS_18", JUSTIFICATION);
    expect(() => policyError(stack)).toThrow("waive(test/key): rule CKV_AWS_18 does not report on aws_kms_key (it reports on aws_s3_bucket)");
  });
});
