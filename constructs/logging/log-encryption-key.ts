/**
 * The customer KMS key that encrypts an environment's log buckets, CloudTrail log files and CloudWatch log
 * groups. Rotated yearly by KMS (`enable_key_rotation`) and protected from destruction.
 *
 * The key policy starts with the account root (so IAM policies govern use, as AWS recommends) and grows with
 * one statement per AWS service that writes logs with it, added by the construct that sets up that service
 * (`addToPolicy`), each scoped to this account and to the resources that service writes.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { resourceName } from "../core/naming";
import { protectStateful } from "../core/protection";
import { allowAws } from "../core/policy-statements";

export interface LogEncryptionKeyProps {
  readonly config: EnvironmentConfig;
}

export class LogEncryptionKey extends Construct {
  /** The key's alias, `alias/fx-trader-<env>-logs`. */
  static aliasNameFor(config: Pick<EnvironmentConfig, "name">): string {
    return `alias/${resourceName(config, "logs")}`;
  }

  readonly key: KmsKey;
  readonly alias: KmsAlias;
  /** `alias/fx-trader-<env>-logs`. */
  readonly aliasName: string;
  readonly policyDocument: DataAwsIamPolicyDocument;
  private readonly statements: DataAwsIamPolicyDocumentStatement[];

  constructor(scope: Construct, id: string, props: LogEncryptionKeyProps) {
    super(scope, id);
    const { config } = props;
    this.statements = [allowAws("AccountAdministration", `arn:aws:iam::${config.account.id}:root`, ["kms:*"], ["*"])];
    this.policyDocument = new DataAwsIamPolicyDocument(this, "policy", { statement: [...this.statements] });
    // The deletion window is left at KMS's default and maximum, 30 days: the longest chance to undo a
    // scheduled deletion of the key every log archive depends on.
    this.key = protectStateful(
      new KmsKey(this, "key", {
        description: `${resourceName(config, "logs")}: log buckets, CloudTrail and CloudWatch log groups (L2)`,
        enableKeyRotation: true,
        policy: this.policyDocument.json,
      }),
      config.protectStatefulResources,
    );
    this.aliasName = LogEncryptionKey.aliasNameFor(config);
    this.alias = new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: this.key.keyId });
  }

  /** Key ARN. */
  get arn(): string {
    return this.key.arn;
  }

  /** Adds a statement to the key policy (e.g. a log-writing AWS service). */
  addToPolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.statements.push(statement);
    this.policyDocument.putStatement([...this.statements]);
  }
}
