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
}

/** AWS Config's recorder, delivery channel and role for one account. */
export class ConfigRecorder extends Construct {
  readonly role: IamRole;
  readonly recorder: ConfigConfigurationRecorder;
  readonly deliveryChannel: ConfigDeliveryChannel;
  readonly status: ConfigConfigurationRecorderStatus;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { account, bucket, key, prefix } = props;
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["config.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] }],
        },
      ],
    });
    this.role = new IamRole(this, "role", { name: accountResourceName(account, "config-recorder"), assumeRolePolicy: trust.json });
    new IamRolePolicyAttachment(this, "managed-policy", { role: this.role.name, policyArn: CONFIG_ROLE_MANAGED_POLICY });
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
    new IamRolePolicy(this, "delivery-policy", { name: "deliver-to-evidence-bucket", role: this.role.id, policy: delivery.json });

    this.recorder = new ConfigConfigurationRecorder(this, "recorder", {
      name: accountResourceName(account, "config"),
      roleArn: this.role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, "delivery-channel", {
      name: accountResourceName(account, "config"),
      s3BucketName: bucket.bucket.id,
      s3KeyPrefix: prefix,
      s3KmsKeyArn: key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: props.snapshotFrequency },
      dependsOn: [this.recorder],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, "status", {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });
  }
}
