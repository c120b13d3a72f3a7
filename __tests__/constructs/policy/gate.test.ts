import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Manifest, type ISynthesisSession, type IStackSynthesizer } from "cdktf";
import fs from "node:fs";
import path from "node:path";
import { PolicyViolationError } from "../../../constructs/policy/security-policy";
import { FixtureBucket, policyError, policyStack } from "./fixtures";

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
