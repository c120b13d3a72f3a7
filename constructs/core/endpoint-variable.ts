/**
 * S5: an SNS subscription's HTTPS endpoint as a sensitive Terraform input variable, named exactly `variable` (no hash
 * suffix: the pipeline sets it as `TF_VAR_<variable>` from its own secret, `npm run ci:matrix -- variables <stack>`),
 * required (no default, not null) and refused unless it is an https:// URL. An SNS endpoint is stored on the
 * subscription and in state by nature; it cannot be ephemeral, since `endpoint` is not a write-only argument.
 */
import { Fn, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";

export function endpointVariable(scope: Construct, id: string, variable: string, description: string): TerraformVariable {
  const endpoint = new TerraformVariable(scope, id, { type: "string", sensitive: true, nullable: false, description });
  endpoint.overrideLogicalId(variable);
  endpoint.addValidation({ condition: Fn.startswith(endpoint.stringValue, "https://"), errorMessage: `${variable} must be an https:// URL (SNS protocol https).` });
  return endpoint;
}
