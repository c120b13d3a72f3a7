import { SummaryNote } from "../../../constructs/core/summary-note";
import { waive, waiversIn } from "../../../constructs/policy/waiver";
import { FixtureBucket, JUSTIFICATION, policyError, policyStack } from "../../app/policy/fixtures";

describe("waive(resource, ruleId, justification)", () => {
  it("S3: covers only the resource it names", () => {
    const stack = policyStack();
    const waived = new FixtureBucket(stack, "waived", { omit: ["logging"] }).bucket;
    new FixtureBucket(stack, "other", { omit: ["logging"] });
    waive(waived, "CKV_AWS_18", JUSTIFICATION);
    const error = policyError(stack);
    expect(error?.violations.map((v) => [v.ruleId, v.path])).toEqual([["CKV_AWS_18", "test/other/bucket"]]);
  });

  it("S4: is printed by synth (a summary note of its stack) and listed with its resource", () => {
    const stack = policyStack();
    const bucket = new FixtureBucket(stack, "logs", { omit: ["logging", "replication"] }).bucket;
    waive(bucket, "CKV_AWS_18", JUSTIFICATION);
    const notes = stack.node.findAll().filter(SummaryNote.isSummaryNote);
    expect(notes.map((n) => `${n.topic}: ${n.text}`)).toEqual([`policy waiver: CKV_AWS_18 on test/logs/bucket: ${JUSTIFICATION}`]);
    expect(waiversIn(stack)).toEqual([{ ruleId: "CKV_AWS_18", justification: JUSTIFICATION, address: `aws_s3_bucket.${bucket.friendlyUniqueId}`, path: "test/logs/bucket", stack: "test" }]);
  });

  it("fails when the justification is too short to say why", () => {
    const stack = policyStack();
    const bucket = new FixtureBucket(stack, "logs").bucket;
    expect(() => waive(bucket, "CKV_AWS_18", "n/a")).toThrow('waive(test/logs/bucket, CKV_AWS_18): justification "n/a" is too short');
  });

  it("fails when the same rule is waived twice on one resource", () => {
    const stack = policyStack();
    const bucket = new FixtureBucket(stack, "logs").bucket;
    waive(bucket, "CKV_AWS_18", JUSTIFICATION);
    expect(() => waive(bucket, "CKV_AWS_18", JUSTIFICATION)).toThrow("waive(test/logs/bucket, CKV_AWS_18): already waived on this resource");
  });
});
