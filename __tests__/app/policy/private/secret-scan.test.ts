import { findPlaintextSecrets, isSecretName } from "../../../../app/policy/private/secret-scan";

describe("secret-like names", () => {
  it.each(["password", "adminPassword", "admin_password", "client-secret", "token", "bearerToken", "api_key", "apiKey", "secretAccessKey", "private_key", "secret_string", "credentials"])(
    "%s names a secret",
    (name) => expect(isSecretName(name)).toBe(true),
  );
  it.each(["existingSecret", "secretName", "passwordKey", "token_file", "secret_id", "kms_key_id", "password_reuse_prevention", "max_password_age", "secrets", "tokenRef"])(
    "%s only refers to one",
    (name) => expect(isSecretName(name)).toBe(false),
  );
});

describe("findPlaintextSecrets", () => {
  it("finds values in well-known secret formats under any name", () => {
    const hits = findPlaintextSecrets("kubernetes_config_map", {
      data: { "notes.txt": "key AKIAABCDEFGHIJKLMNOP", webhook: "https://hooks.slack.com/services/T000/B000/XXXXXXXX" },
    });
    expect(hits.map((h) => h.reason)).toEqual(["holds an AWS access key ID", "holds a Slack webhook URL"]);
  });

  it("reads embedded JSON and YAML documents", () => {
    const hits = findPlaintextSecrets("kubernetes_secret_v1", { data: { "alertmanager.yaml": "global:\n  slack_api_url_file: /etc/x\nreceivers:\n  - name: x\n    http_config:\n      authorization:\n        credentials: s3cr3t-value\n" } });
    expect(hits).toEqual([{ location: "data.alertmanager.yaml (embedded document).receivers[0].http_config.authorization.credentials", reason: "has a literal value under a secret-like name" }]);
  });

  it("leaves numbers, booleans, empty values and references alone", () => {
    expect(findPlaintextSecrets("aws_iam_account_password_policy", { minimum_password_length: 14, require_symbols: true })).toEqual([]);
    expect(findPlaintextSecrets("x", { password: "", token: "${data.aws_secretsmanager_secret_version.x.secret_string}", secret: "arn:aws:secretsmanager:ap-northeast-1:1:secret:x" })).toEqual([]);
  });

  it("finds literal SecureString parameters", () => {
    expect(findPlaintextSecrets("aws_ssm_parameter", { name: "/x", type: "SecureString", value: "plain" })).toEqual([{ location: "value", reason: "is a literal SecureString parameter value" }]);
  });
});
