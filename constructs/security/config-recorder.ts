/**
 * AWS Config: a recorder of every supported resource type (global IAM types included, so the IAM rules have
 * data) and a delivery channel into the account's evidence bucket, KMS-encrypted. Config writes through its
 * own role, whose inline policy names only the evidence prefix and the evidence key.
 */
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { AwsAccount, ConfigFrequency } from "../../config/types";
import { accountResourceName } from "../core/naming";
import type { SecureBucket } from "../core/secure-bucket";

/** AWS's managed policy for the Config recorder role (read-only describe permissions). */
export const CONFIG_ROLE_MANAGED_POLICY = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole";

export interface ConfigRecorderProps {
  readonly account: AwsAccount;
  readonly bucket: SecureBucket;
  readonly key: KmsKey;
  /** Key prefix of Config's objects in the bucket. */
  readonly prefix: string;
  readonly snapshotFrequency: ConfigFrequency;
  /**
   * Provider of the recorder's region.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /**
   * The recorder role of another region's recorder (IAM is global: one role serves every region).
   * @default a new role
   */
  readonly role?: IamRole;
  /**
   * Record global resource types (IAM). Only one region should, or every IAM change is recorded twice.
   * @default true
   */
  readonly includeGlobalResourceTypes?: boolean;
}

/** AWS Config's recorder, delivery channel and role for one account. */
export class ConfigRecorder extends Construct {
  readonly role: IamRole;
  readonly recorder: ConfigConfigurationRecorder;
  readonly deliveryChannel: ConfigDeliveryChannel;
  readonly status: ConfigConfigurationRecorderStatus;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { account, bucket, key, prefix, provider } = props;
    if (props.role !== undefined) {
      this.role = props.role;
    } else {
      this.role = this.createRole(account, bucket, key, prefix);
    }
    this.recorder = new ConfigConfigurationRecorder(this, "recorder", {
      provider,
      name: accountResourceName(account, "config"),
      roleArn: this.role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? true },
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, "delivery-channel", {
      provider,
      name: accountResourceName(account, "config"),
      s3BucketName: bucket.bucket.id,
      s3KeyPrefix: prefix,
      s3KmsKeyArn: key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: props.snapshotFrequency },
      dependsOn: [this.recorder],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, "status", {
      provider,
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });
  }

  private createRole(account: AwsAccount, bucket: SecureBucket, key: KmsKey, prefix: string): IamRole {
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["config.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] }],
        },
      ],
    });
    const role = new IamRole(this, "role", { name: accountResourceName(account, "config-recorder"), assumeRolePolicy: trust.json });
    new IamRolePolicyAttachment(this, "managed-policy", { role: role.name, policyArn: CONFIG_ROLE_MANAGED_POLICY });
    const delivery = new DataAwsIamPolicyDocument(this, "delivery", {
      statement: [
        { sid: "CheckBucket", actions: ["s3:GetBucketAcl"], resources: [bucket.bucket.arn] },
        {
          sid: "DeliverHistoryAndSnapshots",
          actions: ["s3:PutObject"],
          resources: [`${bucket.bucket.arn}/${prefix}/AWSLogs/${account.id}/*`],
        },
        { sid: "EncryptEvidence", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [key.arn] },
      ],
    });
    new IamRolePolicy(this, "delivery-policy", { name: "deliver-to-evidence-bucket", role: role.id, policy: delivery.json });
    return role;
  }
}
