/**
 * Base of every per-environment stack: S3 remote state (own key, locking, encryption), the AWS provider
 * with default tags (tags are applied once, here), and a DR-region provider alias.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/types";
import { stackName } from "../constructs/core/naming";

/** The layers of an environment, in apply order. See README "Stacks and layers" for why they are split. */
export const LAYERS = ["data", "platform", "grafana"] as const;
export type Layer = (typeof LAYERS)[number];

export interface EnvironmentStackProps {
  readonly config: EnvironmentConfig;
  readonly layer: Layer;
}

/** Tags every AWS resource of an environment carries (provider default tags). */
export function defaultTags(config: EnvironmentConfig, layer: string): Record<string, string> {
  return {
    project: "fx-trader",
    environment: config.name,
    owner: config.owner,
    "cost-centre": config.costCentre,
    "managed-by": "cdktf",
    "stack-layer": layer,
  };
}

/** Configures the S3 backend for a stack: its own key, S3-native locking, KMS encryption. */
export function configureBackend(stack: TerraformStack, state: EnvironmentConfig["stateBackend"], key: string): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: state.bucket,
    key,
    region: state.region,
    encrypt: true,
    kmsKeyId: state.kmsKeyId,
  });
  // cdktf 0.21's S3BackendConfig predates Terraform 1.10's `use_lockfile` (S3-native state locking,
  // which replaces the deprecated DynamoDB lock table), so it can only be set as an override.
  backend.addOverride("use_lockfile", true);
  return backend;
}

export class EnvironmentStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly layer: Layer;
  /** Provider in the environment's primary region. */
  readonly aws: AwsProvider;
  /** Provider alias `dr` in the disaster-recovery region (backup copies, replica keys). */
  readonly awsDr: AwsProvider;

  constructor(scope: Construct, props: EnvironmentStackProps) {
    super(scope, stackName(props.config, props.layer));
    this.config = props.config;
    this.layer = props.layer;
    configureBackend(this, props.config.stateBackend, `fx-trader/${props.config.name}/${props.layer}.tfstate`);
    const tags = [{ tags: defaultTags(props.config, props.layer) }];
    const allowedAccountIds = [props.config.account.id];
    this.aws = new AwsProvider(this, "aws", { region: props.config.region, allowedAccountIds, defaultTags: tags });
    this.awsDr = new AwsProvider(this, "aws-dr", { alias: "dr", region: props.config.drRegion, allowedAccountIds, defaultTags: tags });
  }
}
