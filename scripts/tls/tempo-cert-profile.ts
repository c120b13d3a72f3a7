/**
 * Prints what `scripts/tls/issue-tempo-cert.sh` needs for an environment (constructs/observability/tempo-ingest-tls.ts),
 * one `key=value` a line: `hostname` once per SAN, the CA's permitted DNS domain, the validity days, the region and
 * the Secrets Manager names to write. Exits 2 naming the environments for an unknown one.
 *
 *   node dist/tempo-cert-profile.js <environment>
 */
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from "../../config/environments";
import { validateEnvironmentConfig } from "../../config/validate";
import { tempoIngestCertificate } from "../../constructs/observability/tempo-ingest-tls";

const name = process.argv[2];
const config = ENVIRONMENT_NAMES.find((n) => n === name);
if (config === undefined) {
  console.error(`tempo-cert-profile: unknown environment ${JSON.stringify(name ?? "")}; environments are ${ENVIRONMENT_NAMES.join(", ")}`);
  process.exit(2);
}
// The config as synth sees it: a validity outside its bounds fails here with the field, the value and what is allowed.
let p: ReturnType<typeof tempoIngestCertificate>;
try {
  p = tempoIngestCertificate(validateEnvironmentConfig(ENVIRONMENTS[config]));
} catch (error) {
  console.error(`tempo-cert-profile: ${(error as Error).message}`);
  process.exit(2);
}
const lines = [
  `environment=${p.environment}`,
  `region=${p.region}`,
  ...p.hostnames.map((h) => `hostname=${h}`),
  `permitted_dns_domain=${p.permittedDnsDomain}`,
  `certificate_validity_days=${p.certificateValidityDays}`,
  `ca_validity_days=${p.caValidityDays}`,
  `secret_certificate=${p.secrets.certificate}`,
  `secret_ca=${p.secrets.ca}`,
  `secret_ca_key=${p.secrets.caKey}`,
];
console.log(lines.join("\n"));
