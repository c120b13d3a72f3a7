/**
 * Finds secret-like values in synthesized output: credential-shaped strings anywhere (access keys, private
 * keys, tokens), and literal values of credential-named keys in JSON and YAML (including the YAML documents
 * embedded in JSON strings, such as Helm values). A Terraform reference (`${...}`) is not a secret value.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

export interface SecretFinding {
  readonly file: string;
  readonly where: string;
  readonly why: string;
}

/** Shapes of real credentials, whatever key they sit under. */
const CREDENTIAL_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ["AWS access key ID", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["Slack token", /\bxox[abprs]-[0-9A-Za-z-]{10,}/],
  ["Slack webhook URL", /hooks\.slack\.com\/services\/T[0-9A-Z]+\//],
  ["GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ["JSON web token", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/],
  ["password in a URL", /[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:[^/\s@"'$]+@/i],
];

/** Key names that hold credentials. */
const CREDENTIAL_KEY = /pass(word|wd)?|secret|token|api[_-]?key|auth|credential|private[_-]?key|routing[_-]?key|webhook/i;
/**
 * Key names that only name or locate a credential: a Secret's or secret's name, ID or ARN, a mounted file's
 * path, the key of an entry inside a Secret (camel-case `passwordKey`, not `routing_key`), a switch.
 */
const REFERENCE_KEY = /([Nn]ame|[a-z]Key|[Rr]ef|[Ff]ile|[Pp]ath|[Aa]rn|[Ii]d|[Uu]id|[Ee]nabled|[Tt]ype|[Mm]ode|[Ss]ecrets)$|^existing/;
/** Values that are not literals: Terraform references, or nothing at all. */
const NOT_A_LITERAL = /^(\$\{[^]*\})?$/;

/** Visits every value with the key it sits under (list items inherit their list's key). */
function walk(node: unknown, where: string, key: string, visit: (where: string, key: string, value: unknown) => void): void {
  visit(where, key, node);
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${where}[${i}]`, key, visit));
  else if (typeof node === "object" && node !== null) {
    for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`, k, visit);
  }
}

/** A YAML mapping embedded in a string (Helm values), or undefined. */
function embeddedYaml(text: string): unknown {
  if (!text.includes("\n") || !/^[\w"'.-]+:/m.test(text)) return undefined;
  try {
    const doc = YAML.parse(text) as unknown;
    return typeof doc === "object" && doc !== null ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Findings in one parsed document (JSON or YAML). */
export function scanDocument(file: string, doc: unknown): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const visit = (where: string, key: string, value: unknown) => {
    if (typeof value !== "string") return;
    if (CREDENTIAL_KEY.test(key) && !REFERENCE_KEY.test(key) && !NOT_A_LITERAL.test(value)) {
      findings.push({ file, where, why: `credential-named key "${key}" holds a literal value` });
    }
    const nested = embeddedYaml(value);
    if (nested !== undefined) walk(nested, `${where}|yaml`, "", visit);
  };
  walk(doc, "$", "", visit);
  return findings;
}

/** Findings in one file's text. */
export function scanText(file: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = CREDENTIAL_SHAPES.filter(([, re]) => re.test(text)).map(([what]) => ({ file, where: "text", why: `looks like a ${what}` }));
  // A Helm chart's templates (a cdktf asset of a local chart) are Go templates, not YAML: shapes only.
  if (/(^|\/)templates\/[^/]+\.(ya?ml|tpl)$/.test(file)) return findings;
  let doc: unknown;
  try {
    if (file.endsWith(".json")) doc = JSON.parse(text);
    else if (/\.ya?ml$/.test(file)) doc = YAML.parseAllDocuments(text).map((d) => d.toJS());
  } catch {
    findings.push({ file, where: "text", why: "could not be parsed for a key-based scan" });
  }
  return doc === undefined ? findings : [...findings, ...scanDocument(file, doc)];
}

/** Every file under `dir`, relative paths, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
