/**
 * S3: Amazon Inspector scans container images in ECR, Lambda functions (and their code) and EC2 instances (the
 * EKS nodes) for vulnerable dependencies continuously; findings reach Security Hub.
 */
import { Inspector2Enabler } from "@cdktf/provider-aws/lib/inspector2-enabler";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { AwsAccount, InspectorResourceType } from "../../config/types";

export interface InspectorScanningProps {
  readonly account: AwsAccount;
  readonly resourceTypes: readonly InspectorResourceType[];
  /**
   * Provider of the region scanned.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** S3: Amazon Inspector scanning for the account. */
export class InspectorScanning extends Construct {
  readonly enabler: Inspector2Enabler;

  constructor(scope: Construct, id: string, props: InspectorScanningProps) {
    super(scope, id);
    if (props.resourceTypes.length === 0) {
      throw new Error(`InspectorScanning ${this.node.path}: resourceTypes is empty; S3 needs at least ECR and LAMBDA (security.inspectorResourceTypes of account ${props.account.name})`);
    }
    this.enabler = new Inspector2Enabler(this, "enabler", { provider: props.provider, accountIds: [props.account.id], resourceTypes: [...props.resourceTypes] });
  }
}
