/**
 * The synth bundle's replacements of cdktf's token resolution (scripts/build/fast-resolve.cjs for
 * lib/tokens/private/resolve.js, scripts/build/fast-encoding.cjs for lib/tokens/private/encoding.js) return what
 * the originals return and throw what they throw. Each replacement is loaded as the module it replaces (its
 * `require`s reach the installed cdktf's other modules), beside the original, in one module registry outside
 * jest's, and both run over the same inputs: plain values, every kind of token, escapes, Terraform functions,
 * post-processors and every error. (The whole app is compared too: __tests__/build/bundle.test.ts checks that the
 * bundle writes byte for byte what the TypeScript sources write with the original modules.)
 */
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { ROOT } from "../support";

const PRIVATE = path.join(ROOT, "node_modules/cdktf/lib/tokens/private");

type NodeModule = Module & { _compile(source: string, file: string): void; paths: string[]; require(id: string): unknown };

/** A node module at `file`, not yet compiled: its `require` is node's own (jest's `createRequire` is jest's registry). */
function moduleAt(file: string): NodeModule {
  const m = new Module(file) as NodeModule;
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  return m;
}

const nodeRequire = (id: string): unknown => moduleAt(path.join(PRIVATE, "resolve.js")).require(id);

/**
 * `replacement`'s exports, compiled as if it were the module at `original` (so its relative requires are the
 * originals'); `mutate` edits its source first (the seeded failures).
 */
function loadAs<T>(replacement: string, original: string, mutate: (source: string) => string = (s) => s): T {
  const m = moduleAt(original);
  m._compile(mutate(fs.readFileSync(path.join(ROOT, replacement), "utf8")), original);
  return m.exports as T;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- cdktf's private modules, loaded untyped outside jest's registry */
type ResolveFn = (obj: unknown, options: Record<string, unknown>) => unknown;
const cdktf = nodeRequire("cdktf") as any;
const original = nodeRequire("./resolve.js") as { resolve: ResolveFn; findTokens: (scope: unknown, fn: () => unknown) => unknown[] };
const replaced = loadAs<typeof original>("scripts/build/fast-resolve.cjs", path.join(PRIVATE, "resolve.js"));
const originalEncoding = nodeRequire("./encoding.js") as any;
const replacedEncoding = loadAs<any>("scripts/build/fast-encoding.cjs", path.join(PRIVATE, "encoding.js"));

const app = new cdktf.App();
const stack = new cdktf.TerraformStack(app, "stack");
const variable = new cdktf.TerraformVariable(stack, "name", { type: "string" });
const numbers = new cdktf.TerraformVariable(stack, "numbers", { type: "list(number)" });
const tags = new cdktf.TerraformVariable(stack, "tags", { type: "map(string)" });
const lazyString = cdktf.Lazy.stringValue({ produce: () => `lazy-${variable.stringValue}` });
const lazyNumber = cdktf.Lazy.numberValue({ produce: () => 42 });
const lazyObject = cdktf.Lazy.anyValue({ produce: () => ({ nested: [variable.stringValue, undefined, 1, { deep: lazyString }] }) });

/** What `resolve` returns or throws for `input` (an error as its class name and message). */
function outcome(resolve: ResolveFn, input: unknown, preparing = false): unknown {
  try {
    const resolver = new cdktf.DefaultTokenResolver(new cdktf.StringConcat());
    return { value: resolve(input, { scope: stack, resolver, preparing }) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { [`k${i}`]: value };
  return value;
}

function nestedArray(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const CASES: ReadonlyArray<readonly [string, () => unknown]> = [
  ["plain values", () => ({ a: "text", b: 1.5, c: true, d: null, e: undefined, f: [1, "two", undefined, null, false], g: {}, h: [] })],
  ["strings that look like numbers or escapes", () => ({ a: "1e5", b: "-1.8e+30", c: "${literal}", d: "$${escaped}", e: "a}b{c", f: "TfToken[" })],
  ["a string token", () => ({ name: variable.stringValue, joined: `arn:${variable.stringValue}:x`, many: `${variable.stringValue}/${lazyString}` })],
  ["tokens beside escapes and braces", () => [`\${a} ${variable.stringValue} }} \${b}`, `{"k":"${variable.stringValue}","j":"\${x}"}`, `$\${y}${lazyString}}`]],
  ["a long string with a token and many braces", () => `${"{\n".repeat(400)}${variable.stringValue}${"}\n".repeat(400)}\${tail}${lazyString}`],
  ["number tokens", () => ({ n: lazyNumber, inString: `n=${cdktf.Token.asString(lazyNumber)}`, plain: 7, list: [lazyNumber, 3] })],
  ["list and map tokens", () => ({ list: numbers.listValue, numberList: numbers.numberListValue, map: tags.stringMapValue, anyMap: cdktf.Token.asAnyMap(lazyObject) })],
  ["a token as a key", () => ({ [variable.stringValue]: "v", plain: "w" })],
  ["a lazy returning more tokens and undefined values", () => ({ x: lazyObject, y: [lazyObject, undefined] })],
  ["Terraform functions (braces suppressed, escapes)", () => ({
    json: cdktf.Fn.jsonencode({ a: variable.stringValue, b: "${literal}", c: [1, lazyNumber] }),
    join: cdktf.Fn.join(",", [variable.stringValue, "b"]),
    lookup: cdktf.Fn.lookup(tags.stringMapValue, "k", "default"),
    nested: cdktf.Fn.upper(cdktf.Fn.lower(`x-${variable.stringValue}`)),
  })],
  ["a post-processor", () => ({ p: { resolve: (ctx: any) => { ctx.registerPostProcessor({ postProcess: (x: unknown) => ({ wrapped: x }) }); return { v: variable.stringValue }; } } })],
  ["a resolvable that reads the context", () => ({ r: { resolve: (ctx: any) => [ctx.preparing, ctx.suppressBraces ?? null, ctx.ignoreEscapes ?? null] } })],
  ["depth 200 (the limit)", () => nested(199, { leaf: "x", n: 1 })],
  ["depth 201 through objects (a leaf past the limit)", () => nested(201, "x")],
  ["depth 201 through arrays", () => nestedArray(201, 1)],
  ["depth 201 with an undefined leaf", () => nested(201, undefined)],
  ["fails: a function", () => ({ a: { b: () => 1 } })],
  ["fails: a construct", () => ({ a: [stack] })],
  ["a list token inside a string", () => ({ a: `x${cdktf.Token.asString(numbers.listValue)}` })],
  ["fails: a map token value in string context", () => ({ a: cdktf.Token.STRING_MAP_TOKEN_VALUE })],
  ["fails: a map token value in number context", () => ({ a: [cdktf.Token.NUMBER_MAP_TOKEN_VALUE] })],
  ["fails: a key that resolves to no string", () => ({ [cdktf.Token.asString(lazyNumber)]: 1 })],
  ["fails: a token that throws", () => ({ a: { b: cdktf.Lazy.stringValue({ produce: () => { throw new Error("boom"); } }) } })],
];

describe("synth bundle: cdktf token resolution replacements", () => {
  it.each(CASES)("resolve(): %s — the same result or error as cdktf's original", (_name, make) => {
    const input = make(); // one input for both: its tokens (and their creation stacks) are the same objects
    for (const preparing of [false, true]) {
      const expected = outcome(original.resolve, input, preparing);
      expect(outcome(replaced.resolve, input, preparing)).toEqual(expected);
    }
  });

  it("the cases above cover values, tokens and each error", () => {
    const outcomes = CASES.map(([, make]) => outcome(original.resolve, make()) as { error?: string });
    const failing = CASES.filter(([name]) => name.startsWith("fails") || name.startsWith("depth 201"));
    expect(outcomes.filter((o) => o.error !== undefined)).toHaveLength(failing.length);
    expect(JSON.stringify(outcomes)).toContain("${var.name}");
    expect(JSON.stringify(outcomes)).toContain("Unable to resolve object tree with circular reference");
  });

  it("findTokens(): the same tokens, in the same order", () => {
    for (const [, make] of CASES.filter(([name]) => !name.startsWith("fails") && !name.startsWith("depth 201"))) {
      const input = make();
      const expected = original.findTokens(stack, () => input);
      const actual = replaced.findTokens(stack, () => input);
      // Terraform functions make new tokens while they resolve: those are new objects on every run (of the original
      // too), so they are compared by class; every other token is the same object.
      const again = original.findTokens(stack, () => input);
      const same = (token: unknown, i: number) =>
        token === expected[i] || (expected[i] !== again[i] && (token as object).constructor === (expected[i] as object).constructor);
      expect(actual.length).toBe(expected.length);
      expect(actual.map(same)).toEqual(expected.map(() => true));
    }
  });

  it("TokenString.split(): the same fragments, with escapes (also a long string with many braces)", () => {
    expect(splitDifferences(replacedEncoding)).toEqual([]);
  });

  it("fails when a replacement differs: a string token taken as a plain leaf, or a next match off by one", () => {
    const tokensAsPlain = loadAs<typeof original>("scripts/build/fast-resolve.cjs", path.join(PRIVATE, "resolve.js"), (s) =>
      replaceOnce(s, 'return (!x.includes("TfToken[") &&', "return (true &&"),
    );
    const input = CASES.find(([name]) => name === "a string token")![1]();
    expect(outcome(tokensAsPlain.resolve, input)).not.toEqual(outcome(original.resolve, input));
    const offByOne = loadAs<any>("scripts/build/fast-encoding.cjs", path.join(PRIVATE, "encoding.js"), (s) =>
      replaceOnce(s, "lastIndex: re.lastIndex }", "lastIndex: re.lastIndex + 1 }"),
    );
    expect(splitDifferences(offByOne).length).toBeGreaterThan(0);
  });
});

function replaceOnce(source: string, from: string, to: string): string {
  expect(source.split(from)).toHaveLength(2);
  return source.replace(from, to);
}

/** The test strings whose split by `encoding` (a TokenString module) differs from the original's. */
function splitDifferences(encoding: any): string[] {
    const strings = [
      "plain",
      `\${a}${variable.stringValue}`,
      `${variable.stringValue}\${b}}`,
      `{ "a": "\${x}", "b": "${variable.stringValue}" }}}{{`,
      `${"{\"k\": {\n".repeat(300)}${variable.stringValue}${"}\n".repeat(300)}\${z}${lazyString}\${open`,
      `}}\${\${${variable.stringValue}}}`,
    ];
    const tokenMap = (nodeRequire("./token-map.js") as any).TokenMap.instance();
    const lookup = (id: string) => tokenMap.lookupToken(id);
    const differences: string[] = [];
    for (const s of strings) {
      for (const escapes of [true, false]) {
        const expected = originalEncoding.TokenString.forString(s, escapes, false).split(lookup).fragments;
        const actual = encoding.TokenString.forString(s, escapes, false).split(lookup).fragments;
        if (!equal(actual, expected)) differences.push(s);
      }
    }
    return differences;
}

function equal(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
