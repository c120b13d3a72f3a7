/**
 * Amazon GuardDuty: the account's threat-detection detector with the protection plans relevant to an EKS
 * workload with S3 data (S3 data events, EKS audit logs, runtime monitoring with the managed EKS agent,
 * malware scans of EBS volumes).
 */
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { Construct } from "constructs";
import type { AccountSecurityConfig } from "../../config/types";

/** GuardDuty protection plans enabled on the detector, with their additional configuration. */
export const GUARDDUTY_FEATURES: ReadonlyArray<{ readonly name: string; readonly additional?: readonly string[] }> = [
  { name: "S3_DATA_EVENTS" },
  { name: "EKS_AUDIT_LOGS" },
  { name: "EBS_MALWARE_PROTECTION" },
  { name: "RUNTIME_MONITORING", additional: ["EKS_ADDON_MANAGEMENT"] },
];

export interface GuardDutyProps {
  readonly findingPublishingFrequency: AccountSecurityConfig["guardDutyFindingFrequency"];
}

/** The account's GuardDuty detector and protection plans. */
export class GuardDuty extends Construct {
  readonly detector: GuarddutyDetector;

  constructor(scope: Construct, id: string, props: GuardDutyProps) {
    super(scope, id);
    this.detector = new GuarddutyDetector(this, "detector", { enable: true, findingPublishingFrequency: props.findingPublishingFrequency });
    for (const feature of GUARDDUTY_FEATURES) {
      new GuarddutyDetectorFeature(this, feature.name.toLowerCase(), {
        detectorId: this.detector.id,
        name: feature.name,
        status: "ENABLED",
        additionalConfiguration: feature.additional?.map((name) => ({ name, status: "ENABLED" })),
      });
    }
  }
}
