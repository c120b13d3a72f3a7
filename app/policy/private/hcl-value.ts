/**
 * Reads the value inside `${jsonencode(...)}` as cdktf renders `Fn.jsonencode(object)`: HCL object and tuple
 * literals (`{"Key" = value, ...}`, `[a, b]`), quoted strings (with `${...}` interpolations kept verbatim),
 * numbers, booleans and null. Anything else (a reference, a function call) becomes an {@link Opaque} value,
 * so a policy document built with `Fn.jsonencode` can be checked like a JSON one.
 */

/** An expression the parser does not evaluate (e.g. `aws_s3_bucket.x.arn`), kept as source text. */
export class Opaque {
  constructor(readonly expression: string) {}
}

/** A value read from an HCL literal; expressions stay {@link Opaque}. */
export type HclValue = string | number | boolean | null | Opaque | HclValue[] | { [key: string]: HclValue };

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseAll(): HclValue {
    const value = this.value();
    this.ws();
    if (this.pos !== this.src.length) throw new Error(`unexpected ${JSON.stringify(this.src.slice(this.pos, this.pos + 20))}`);
    return value;
  }

  private ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  private value(): HclValue {
    this.ws();
    const c = this.src[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.tuple();
    if (c === '"') return this.string();
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)(?=[\s,\]}):]|$)/.exec(this.src.slice(this.pos));
    if (literal !== null) {
      this.pos += literal[0].length;
      const text = literal[0];
      return text === "true" ? true : text === "false" ? false : text === "null" ? null : Number(text);
    }
    return new Opaque(this.expression());
  }

  private object(): { [key: string]: HclValue } {
    const out: { [key: string]: HclValue } = {};
    this.pos++;
    for (;;) {
      this.ws();
      if (this.src[this.pos] === "}") {
        this.pos++;
        return out;
      }
      const key = this.src[this.pos] === '"' ? this.string() : this.identifier();
      this.ws();
      const sep = this.src[this.pos];
      if (sep !== "=" && sep !== ":") throw new Error(`expected "=" after key ${JSON.stringify(key)}`);
      this.pos++;
      out[key] = this.value();
      this.ws();
      if (this.src[this.pos] === ",") this.pos++;
    }
  }

  private tuple(): HclValue[] {
    const out: HclValue[] = [];
    this.pos++;
    for (;;) {
      this.ws();
      if (this.src[this.pos] === "]") {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.src[this.pos] === ",") this.pos++;
    }
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (match === null) throw new Error(`expected a key at ${JSON.stringify(this.src.slice(this.pos, this.pos + 20))}`);
    this.pos += match[0].length;
    return match[0];
  }

  /** A quoted string; escapes decoded, `${...}` interpolations (which may contain quotes) kept as written. */
  private string(): string {
    let out = "";
    this.pos++;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const next = this.src[this.pos + 1]!;
        out += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next;
        this.pos += 2;
        continue;
      }
      if (c === "$" && this.src[this.pos + 1] === "{") {
        const start = this.pos;
        this.pos += 2;
        this.skipBalanced("}");
        out += this.src.slice(start, this.pos);
        continue;
      }
      out += c;
      this.pos++;
    }
    throw new Error("unterminated string");
  }

  /** Skips to just after the `close` that balances what has been opened, honouring nested strings. */
  private skipBalanced(close: string): void {
    const stack = [close];
    while (this.pos < this.src.length && stack.length > 0) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === "{" || c === "[" || c === "(") stack.push(c === "{" ? "}" : c === "[" ? "]" : ")");
      else if (c === stack[stack.length - 1]) stack.pop();
      this.pos++;
    }
    if (stack.length > 0) throw new Error("unbalanced expression");
  }

  /** An unevaluated expression: up to the next `,`, `]`, `}` or `)` at depth 0. */
  private expression(): string {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === "," || c === "]" || c === "}" || c === ")") break;
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === "{" || c === "[" || c === "(") {
        this.pos++;
        this.skipBalanced(c === "{" ? "}" : c === "[" ? "]" : ")");
        continue;
      }
      this.pos++;
    }
    if (this.pos === start) throw new Error(`expected a value at ${JSON.stringify(this.src.slice(this.pos, this.pos + 20))}`);
    return this.src.slice(start, this.pos).trim();
  }
}

/**
 * The value of `expression` when it is exactly `${jsonencode(<literal>)}`; undefined for any other string.
 * Throws when it is a `jsonencode` call whose argument cannot be read.
 */
export function parseJsonencode(expression: string): HclValue | undefined {
  const match = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(expression);
  return match === null ? undefined : new Parser(match[1]!).parseAll();
}
