/**
 * The one escaping of text embedded in Terraform string arguments. Terraform reads every string of its JSON
 * syntax as a template: `${…}` is an interpolation and `%{…}` a directive, so literal text that contains them
 * (Grafana's dashboard variables `${datasource}`, `${__value.raw}`, an IAM policy variable `${aws:username}`)
 * must be written `$${…}` and `%%{…}`, or Terraform rejects the configuration ("Invalid reference") or, worse,
 * substitutes something. References that cdktf puts in the text (tokens, e.g. a bucket's ARN) stay references.
 * Every JSON document the program embeds in a Terraform string goes through `terraformJson`.
 */
import { Token, Tokenization } from "cdktf";

/** Escapes Terraform's template sequences in literal text (no tokens in it). */
function escapeLiteral(text: string): string {
  return text.replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
}

/**
 * `text` as a Terraform string: template sequences in its literal parts escaped, cdktf tokens (references)
 * kept as they are, so Terraform reads back exactly `text` with the references resolved.
 */
export function terraformString(text: string): string {
  if (!Token.isUnresolved(text)) return escapeLiteral(text);
  // Each token has one string form (cdktf caches it per token), so the text splits on those forms exactly.
  const tokens = [...new Set(Tokenization.reverseString(text).tokens.map((t) => Token.asString(t)))];
  let out = "";
  let rest = text;
  while (rest.length > 0) {
    let at = -1;
    let token = "";
    for (const t of tokens) {
      const i = rest.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) [at, token] = [i, t];
    }
    if (at < 0) return out + escapeLiteral(rest);
    out += escapeLiteral(rest.slice(0, at)) + token;
    rest = rest.slice(at + token.length);
  }
  return out;
}

/** `data` as a JSON document for a Terraform string argument (`JSON.stringify`'s `space` for indented output). */
export function terraformJson(data: unknown, space?: number): string {
  return terraformString(JSON.stringify(data, null, space));
}
