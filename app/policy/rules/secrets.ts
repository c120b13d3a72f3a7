/** No secret value in the synthesized JSON or the YAML and JSON it embeds (house rule; S3 secure coding). */
import { findPlaintextSecrets } from "../private/secret-scan";
import type { PolicyRule } from "../rule";

/** CKV_SECRET_6: no plaintext secret anywhere in a stack. */
export const noPlaintextSecrets: PolicyRule = {
  id: "CKV_SECRET_6",
  title: "No plaintext secrets in the synthesized configuration",
  requirements: ["S3"],
  reportsOn: ["*"],
  passesWhen:
    "no resource, data source or provider argument — nor any key of a JSON or YAML document embedded in one (Helm values, config files) — holds a literal under a secret-like name (last word password, passwd, pwd, passphrase, secret, token, apikey, credential(s); or api/access/secret/private/signing/ssh key; or such a word followed by string/value/binary/data/text as in `secret_string`; `auth` with a `user:password`), no Helm `set_sensitive` and no SecureString `aws_ssm_parameter` value is literal, and no value is in a known secret format (AWS access key ID, PEM private key, Slack webhook URL, GitHub token). References (`${...}`), Grafana `$__file{}`/`$__env{}` values, ARNs, and names that only refer to a secret (`existingSecret`, `secretName`, `passwordKey`, `token_file`) pass. Mirrors checkov's secrets framework (CKV_SECRET_6 and its keyword detector), tuned to not flag references to secrets",
  check: (model) =>
    model.blocks.flatMap((block) => {
      const hits = findPlaintextSecrets(block.type, block.attrs);
      return hits.length === 0
        ? []
        : [
            {
              block,
              message: `plaintext secret: ${hits.map((h) => `${h.location} ${h.reason}`).join("; ")}. Read it at apply time from AWS Secrets Manager (a data source reference) or mount it as a file, never inline it`,
            },
          ];
    }),
};
