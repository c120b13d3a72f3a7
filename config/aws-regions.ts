/**
 * Every AWS Region code, as AWS lists them ("Regions and Availability Zones", AWS General Reference), so a
 * well-formed typo (`ap-northest-1`) fails synth instead of the first `terraform plan`. A Region AWS opens later
 * is added here, in one line; the validation message lists the near matches.
 */
export const AWS_REGIONS = [
  // United States
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  // Africa
  "af-south-1",
  // Asia Pacific
  "ap-east-1", "ap-east-2",
  "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  // Canada, Mexico, South America
  "ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
  // Europe
  "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1",
  // Middle East, Israel
  "il-central-1", "me-south-1", "me-central-1",
  // AWS GovCloud (US), China, European Sovereign Cloud: separate partitions
  "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1", "eusc-de-east-1",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

export function isAwsRegion(value: unknown): value is AwsRegion {
  return typeof value === "string" && (AWS_REGIONS as readonly string[]).includes(value);
}
