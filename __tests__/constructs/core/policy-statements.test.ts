/**
 * S6/B4: the one IAM statement vocabulary (constructs/core/policy-statements.ts). A statement written for an
 * `aws_iam_policy_document` renders as an IAM JSON document with the same meaning: the statement and its JSON
 * give the same decision for every request (evaluated with __tests__/support/iam-evaluate.ts), in IAM's key order
 * with every list an array. Seeded: a statement whose JSON loses its condition is told apart, and what JSON cannot
 * hold (a token block, a condition stated twice) fails by name.
 */
import { Token } from "cdktf";
import { allow, allowAws, allowService, condition, policyDocument, type PolicyStatement } from "../../../constructs/core/policy-statements";
import { evaluate, type IamRequest } from "../../support/iam-evaluate";

const breakGlass = "arn:aws:iam::111111111111:role/break-glass";
/** A Deny of recovery-point deletion to everyone, under one condition. */
const denyDelete = (sid: string, when: ReturnType<typeof condition>): PolicyStatement => ({
  sid,
  effect: "Deny",
  principals: [{ type: "AWS", identifiers: ["*"] }],
  actions: ["backup:DeleteRecoveryPoint"],
  resources: ["*"],
  condition: [when],
});
const denyExceptBreakGlass = denyDelete("DenyDeleteExceptBreakGlass", condition("ArnNotEquals", "aws:PrincipalArn", [breakGlass]));
const denyWithoutMfa = denyDelete("DenyDeleteWithoutMfa", condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]));
const allowAdmins = allowAws("AllowAdmins", "*", ["backup:DeleteRecoveryPoint", "backup:ListRecoveryPoints"], ["*"]);

const requests: IamRequest[] = [
  { principalArn: "arn:aws:iam::111111111111:role/deploy", action: "backup:DeleteRecoveryPoint" },
  { principalArn: breakGlass, action: "backup:DeleteRecoveryPoint", mfa: false },
  { principalArn: breakGlass, action: "backup:DeleteRecoveryPoint", mfa: true },
  { principalArn: "arn:aws:iam::111111111111:role/deploy", action: "backup:ListRecoveryPoints" },
];
type Evaluated = Parameters<typeof evaluate>[0];
const decisions = (statements: Evaluated) => requests.map((r) => evaluate(statements, r));
/** The statements as plain data (the shape the evaluator reads from a synthesized `aws_iam_policy_document`). */
const asData = (statements: readonly PolicyStatement[]) => JSON.parse(JSON.stringify(statements)) as Evaluated;

describe("S6/B4: one IAM statement vocabulary", () => {
  const statements = [denyExceptBreakGlass, denyWithoutMfa, allowAdmins];
  const json = JSON.parse(policyDocument(statements)) as { Version: string; Statement: Parameters<typeof evaluate>[0] };

  it("renders the statements as IAM JSON in IAM's key order, every list an array", () => {
    expect(json.Version).toBe("2012-10-17");
    expect(JSON.stringify(json.Statement[0])).toBe(
      JSON.stringify({
        Sid: "DenyDeleteExceptBreakGlass",
        Effect: "Deny",
        Principal: { AWS: ["*"] },
        Action: ["backup:DeleteRecoveryPoint"],
        Resource: ["*"],
        Condition: { ArnNotEquals: { "aws:PrincipalArn": [breakGlass] } },
      }),
    );
    expect(JSON.parse(policyDocument([allow("UseKey", ["kms:Decrypt"], ["arn:aws:kms:eu-west-1:1:key/k"])])).Statement).toEqual([
      { Sid: "UseKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["arn:aws:kms:eu-west-1:1:key/k"] },
    ]);
    const twoTests = [condition("StringEquals", "aws:SourceAccount", ["1"]), condition("ArnLike", "aws:SourceArn", ["arn:a"]), condition("StringEquals", "aws:SourceOrgID", ["o"])];
    expect(JSON.parse(policyDocument([{ actions: ["sts:AssumeRole"], condition: twoTests }])).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": ["1"], "aws:SourceOrgID": ["o"] },
      ArnLike: { "aws:SourceArn": ["arn:a"] },
    });
    expect(JSON.parse(policyDocument([allowService("Svc", "events.amazonaws.com", ["sns:Publish"], ["arn:t"])])).Statement[0].Principal).toEqual({ Service: ["events.amazonaws.com"] });
  });

  it("the JSON decides every request as the statements do", () => {
    expect(decisions(json.Statement)).toEqual(["denied", "denied", "allowed", "allowed"]);
    expect(decisions(json.Statement)).toEqual(decisions(asData(statements)));
  });

  it("fails when the JSON loses a condition (seeded): the decisions differ", () => {
    const seeded = JSON.parse(policyDocument([{ ...denyExceptBreakGlass, condition: [] }, denyWithoutMfa, allowAdmins])).Statement;
    expect(decisions(seeded)).not.toEqual(decisions(asData(statements)));
  });

  it("fails when a block is a token or a condition is stated twice", () => {
    expect(() => policyDocument([{ sid: "Tok", principals: Token.asAny("${var.p}") as never, actions: ["s3:GetObject"] }])).toThrow(
      "policy statement Tok: principals is a token; policyDocument needs its blocks as values",
    );
    expect(() => policyDocument([{ sid: "Twice", actions: ["s3:GetObject"], condition: [condition("StringEquals", "aws:SourceAccount", ["1"]), condition("StringEquals", "aws:SourceAccount", ["2"])] }])).toThrow(
      "policy condition StringEquals on aws:SourceAccount is stated twice; merge its values into one condition",
    );
  });
});
