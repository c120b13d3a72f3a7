/**
 * Amazon GuardDuty: the account's threat-detection detector with the protection plans relevant to an EKS
 * workload with S3 data and Aurora (S3 data events, EKS audit logs, runtime monitoring with the managed EKS
 * agent, malware scans of EBS volumes, RDS login events). One detector per region the environments use.
 */
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { AccountSecurityConfig } from "../../config/types";

/** GuardDuty protection plans enabled on the detector, with their additional configuration. */
export const GUARDDUTY_FEATURES: ReadonlyArray<{ readonly name: string; readonly additional?: readonly string[] }> = [
  { name: "S3_DATA_EVENTS" },
  { name: "EKS_AUDIT_LOGS" },
  { name: "EBS_MALWARE_PROTECTION" },
  { name: "RDS_LOGIN_EVENTS" },
  { name: "RUNTIME_MONITORING", additional: ["EKS_ADDON_MANAGEMENT"] },
];

export interface GuardDutyProps {
  readonly findingPublishingFrequency: AccountSecurityConfig["guardDutyFindingFrequency"];
  /**
   * Provider of the detector's region.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The account's GuardDuty detector and protection plans. */
export class GuardDuty extends Construct {
  readonly detector: GuarddutyDetector;

  constructor(scope: Construct, id: string, props: GuardDutyProps) {
    super(scope, id);
    this.detector = new GuarddutyDetector(this, "detector", { provider: props.provider, enable: true, findingPublishingFrequency: props.findingPublishingFrequency });
    for (const feature of GUARDDUTY_FEATURES) {
      new GuarddutyDetectorFeature(this, feature.name.toLowerCase(), {
        provider: props.provider,
        detectorId: this.detector.id,
        name: feature.name,
        status: "ENABLED",
        additionalConfiguration: feature.additional?.map((name) => ({ name, status: "ENABLED" })),
      });
    }
  }
}
