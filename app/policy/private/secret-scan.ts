/**
 * Finds plaintext secrets in a block's arguments: literal values under secret-like names (password, token,
 * api_key, secretAccessKey, ...), literal `set_sensitive` values of Helm releases, and values in well-known
 * secret formats whatever their name. Walks into embedded JSON and YAML documents (Helm values, config files),
 * because a secret in rendered YAML is as exposed as one in an argument.
 */
import { parse as parseYaml } from "yaml";

/** Last words that make a name secret-like (`admin_password`, `clientSecret`, `bearer-token`). */
const SECRET_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "credentials"]);
/** Last two words that make a name secret-like (`api_key`, `secretAccessKey`, `private-key`). */
const SECRET_PAIRS = new Set(["api key", "access key", "secret key", "private key", "signing key", "ssh key", "account key", "master key"]);

/** Last words that, after a secret word, still name the secret itself (`secret_string`, `password_value`). */
const VALUE_SUFFIXES = new Set(["string", "value", "binary", "data", "text"]);

/** Values in unambiguous secret formats, found under any name. Each match is at least `SHORTEST_FORMAT` characters long. */
const SECRET_FORMATS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key ID"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/, "a Slack webhook URL"],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, "a GitHub token"],
];
/**
 * No value shorter than this matches a format (an access key ID is 20 characters; the PEM line, the webhook URL
 * and a GitHub token are longer), so most values skip the four searches.
 */
const SHORTEST_FORMAT = 20;

/** Values that name where a secret is rather than being one: Terraform expressions, Grafana file/env providers, ARNs. */
function isIndirection(value: string): boolean {
  return value.includes("${") || /^\$__(file|env|vault)\{.*\}$/.test(value) || /^arn:aws[a-z-]*:/.test(value);
}

/** A value that is itself the secret if its name says so: not blank, no indirection, no boolean. */
function isLiteral(value: string): boolean {
  return value.trim().length > 0 && !isIndirection(value) && !/^(true|false)$/i.test(value.trim());
}

/** Splits a key into lowercase words: `secretAccessKey` → secret, access, key; `admin-password` → admin, password. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * Answers of `isSecretName` by key: a stack's values sit under a few hundred distinct keys (`name`, `value`,
 * `tags`, ...), asked about tens of thousands of times across a synth.
 */
const secretNames = new Map<string, boolean>();

/** True when a name says its value is a secret (not a reference to one: `existingSecret`, `secretName`, `passwordKey`, `password_file`). */
export function isSecretName(key: string): boolean {
  let answer = secretNames.get(key);
  if (answer === undefined) {
    answer = secretNameByWords(key);
    secretNames.set(key, answer);
  }
  return answer;
}

function secretNameByWords(key: string): boolean {
  const w = words(key);
  if (w.length === 0 || w[0] === "existing") return false;
  const last = w[w.length - 1]!;
  const secretValue = w.length >= 2 && VALUE_SUFFIXES.has(last) && SECRET_WORDS.has(w[w.length - 2]!);
  return SECRET_WORDS.has(last) || SECRET_PAIRS.has(w.slice(-2).join(" ")) || secretValue || key === "auth";
}

/** A secret found: where (a readable path) and why. Never the value. */
export interface SecretHit {
  readonly location: string;
  readonly reason: string;
}

function embeddedDocument(value: string): unknown {
  const trimmed = value.trim();
  try {
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) return JSON.parse(trimmed);
    if (trimmed.includes("\n")) {
      const doc: unknown = parseYaml(trimmed);
      return typeof doc === "object" && doc !== null ? doc : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function scan(value: unknown, key: string, location: string, hits: SecretHit[]): void {
  if (typeof value === "string") {
    if (value.length >= SHORTEST_FORMAT) {
      for (const [pattern, what] of SECRET_FORMATS) {
        if (pattern.test(value)) hits.push({ location, reason: `holds ${what}` });
      }
    }
    if (isSecretName(key) && isLiteral(value) && !(key === "auth" && !value.includes(":"))) {
      hits.push({ location, reason: "has a literal value under a secret-like name" });
      return;
    }
    const doc = embeddedDocument(value);
    if (doc !== undefined) scan(doc, key, `${location} (embedded document)`, hits);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => scan(item, key, `${location}[${i}]`, hits));
    return;
  }
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) scan(v, k, location === "" ? k : `${location}.${k}`, hits);
  }
}

/** Helm `set` / `set_sensitive` entries are `{name, value}`: the name's last segment is the value's key. */
function scanHelmSets(attrs: Readonly<Record<string, unknown>>, hits: SecretHit[]): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...attrs };
  for (const field of ["set", "set_sensitive"] as const) {
    const entries = attrs[field];
    if (!Array.isArray(entries)) continue;
    delete rest[field];
    entries.forEach((entry: Record<string, unknown>, i) => {
      const name = typeof entry.name === "string" ? entry.name : "";
      const value = entry.value;
      const location = `${field}[${i}] (${name})`;
      if (field === "set_sensitive" && typeof value === "string" && value.length > 0 && !isIndirection(value)) {
        hits.push({ location, reason: "is a literal set_sensitive value" });
        return;
      }
      scan(value, name.split(/(?<!\\)\./).pop() ?? name, location, hits);
    });
  }
  return rest;
}

/** Every plaintext secret in a block's arguments. */
export function findPlaintextSecrets(type: string, attrs: Readonly<Record<string, unknown>>): readonly SecretHit[] {
  const hits: SecretHit[] = [];
  const rest = type === "helm_release" ? scanHelmSets(attrs, hits) : attrs;
  if (type === "aws_ssm_parameter" && attrs.type === "SecureString" && typeof attrs.value === "string" && !isIndirection(attrs.value)) {
    hits.push({ location: "value", reason: "is a literal SecureString parameter value" });
  }
  scan(rest, "", "", hits);
  return hits;
}
