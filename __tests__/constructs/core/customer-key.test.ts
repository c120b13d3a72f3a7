import { Testing } from "cdktf";
import { ACCOUNT_ROOT_SID, CustomerKey, type CustomerKeyProps } from "../../../constructs/core/customer-key";
import { allowService } from "../../../constructs/core/policy-statements";
import { onlyResource, parse, resources, synthInStack } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

const ACCOUNT = "111111111111";
const props = (extra: Partial<CustomerKeyProps> = {}): CustomerKeyProps => ({ aliasName: "alias/fx-trader-test-data", description: "test data", accountId: ACCOUNT, ...extra });

describe("CustomerKey", () => {
  describe("with the defaults", () => {
    const json = parse(synthInStack("dev", (scope) => new CustomerKey(scope, "key", props())));
    const key = onlyResource(json, "aws_kms_key");

    it("rotates yearly, keeps KMS's 30-day deletion window and is protected from destruction", () => {
      expect(key).toMatchObject({ description: "test data", enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
      expect(key).not.toHaveProperty("deletion_window_in_days");
      expect(key).not.toHaveProperty("multi_region");
    });

    it("is named by its alias", () => {
      expect(onlyResource(json, "aws_kms_alias")).toEqual({ name: "alias/fx-trader-test-data", target_key_id: `\${aws_kms_key.${Object.keys(resources(json, "aws_kms_key"))[0]}.key_id}` });
    });

    it("delegates administration to the account's IAM policies and grants nothing else", () => {
      expect(policyDocumentStatements(json, key.policy)).toEqual([
        { sid: ACCOUNT_ROOT_SID, effect: "Allow", principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }], actions: ["kms:*"], resources: ["*"] },
      ]);
    });
  });

  it("adds service statements after the account root, given or added later", () => {
    const logs = allowService("Logs", "logs.ap-northeast-1.amazonaws.com", ["kms:Encrypt*"], ["*"]);
    const trail = allowService("Trail", "cloudtrail.amazonaws.com", ["kms:GenerateDataKey*"], ["*"]);
    const json = parse(synthInStack("dev", (scope) => new CustomerKey(scope, "key", props({ policyStatements: [logs] })).addToPolicy(trail)));
    expect(policyDocumentStatements(json, onlyResource(json, "aws_kms_key").policy).map((s) => s.sid)).toEqual([ACCOUNT_ROOT_SID, "Logs", "Trail"]);
  });

  it("B1: can be a multi-Region primary with a set deletion window, unprotected and on a given provider", () => {
    const json = parse(
      synthInStack("dev", (scope) => new CustomerKey(scope, "key", props({ multiRegion: true, deletionWindowDays: 7, protect: false, provider: scope.node.findChild("aws-dr") as CustomerKeyProps["provider"] }))),
    );
    const key = onlyResource(json, "aws_kms_key");
    expect(key).toMatchObject({ provider: "aws.dr", multi_region: true, enable_key_rotation: true, deletion_window_in_days: 7 });
    expect(key).not.toHaveProperty("lifecycle");
    expect(onlyResource(json, "aws_kms_alias").provider).toBe("aws.dr");
    expect(Object.values(json.data!.aws_iam_policy_document!)[0]!.provider).toBe("aws.dr");
  });

  it("fails when the deletion window is outside AWS KMS's 7–30 days, naming where it came from", () => {
    expect(() => Testing.synthScope((scope) => new CustomerKey(scope, "key", props({ deletionWindowDays: 3, deletionWindowSource: "[prod] backup.keyDeletionWindowDays" })))).toThrow(
      "CustomerKey stack/key: deletionWindowDays = 3: must be an integer from 7 to 30 (AWS KMS limit; from [prod] backup.keyDeletionWindowDays)",
    );
    expect(() => Testing.synthScope((scope) => new CustomerKey(scope, "key", props({ deletionWindowDays: 31 })))).toThrow("CustomerKey stack/key: deletionWindowDays = 31: must be an integer from 7 to 30 (AWS KMS limit)");
  });

  it("fails when the alias is not a customer alias", () => {
    for (const aliasName of ["backup", "alias/aws/s3"]) {
      expect(() => Testing.synthScope((scope) => new CustomerKey(scope, "key", props({ aliasName })))).toThrow(
        `CustomerKey stack/key: aliasName = "${aliasName}": must be "alias/" followed by letters, digits, "/", "_" or "-", and not start with "alias/aws/" (reserved for AWS managed keys)`,
      );
    }
  });
});
