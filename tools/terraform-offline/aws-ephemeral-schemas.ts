/**
 * Ephemeral resource schemas of the AWS provider that `@cdktf/provider-aws` 21.x has no bindings for (cdktf 0.21
 * generates no ephemeral resources), written from the provider's documentation so `terraform validate` checks the
 * `ephemeral` blocks the stacks declare. One entry per type the stacks use; add a type here, from its page, when a
 * stack starts to use it.
 *
 * Source: hashicorp/terraform-provider-aws, website/docs/ephemeral-resources/<type>.html.markdown (Argument and
 * Attribute Reference), provider v6.x.
 */
import type { SchemaJson } from "./schema-json";

export const AWS_EPHEMERAL_RESOURCE_SCHEMAS: Readonly<Record<string, SchemaJson>> = {
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/ephemeral-resources/secretsmanager_secret_version
  aws_secretsmanager_secret_version: {
    version: 0,
    block: {
      attributes: {
        arn: { type: "string", computed: true },
        created_date: { type: "string", computed: true },
        id: { type: "string", computed: true },
        region: { type: "string", optional: true, computed: true },
        secret_binary: { type: "string", computed: true, sensitive: true },
        secret_id: { type: "string", required: true },
        secret_string: { type: "string", computed: true, sensitive: true },
        version_id: { type: "string", optional: true, computed: true },
        version_stage: { type: "string", optional: true },
      },
    },
  },
};
