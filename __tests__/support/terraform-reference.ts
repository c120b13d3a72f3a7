/** The Terraform reference an element of a stack synthesizes to, for asserting that constructs are wired by reference. */
import type { TerraformElement, TerraformStack } from "cdktf";

/** `${<type>.<logical id>.<attribute>}` (with `data.` in front for a data source). */
export function reference(stack: TerraformStack, element: TerraformElement & { terraformResourceType: string }, attribute: string, data = false): string {
  return `\${${data ? "data." : ""}${element.terraformResourceType}.${stack.getLogicalId(element)}.${attribute}}`;
}
