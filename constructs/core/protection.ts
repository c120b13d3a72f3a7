/** Deletion protection for stateful resources (log buckets, backup vaults, KMS keys). */
import type { TerraformResource } from "cdktf";

/**
 * Sets `lifecycle.prevent_destroy` on a stateful resource when `protect` is true. Environments turn
 * protection off only through `protectStatefulResources` in their config (validation allows it in dev only).
 */
export function protectStateful<T extends TerraformResource>(resource: T, protect: boolean): T {
  if (protect) resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: true };
  return resource;
}
