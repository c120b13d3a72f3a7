/**
 * The synth bundle's replacements of cdktf's token resolution (scripts/build/fast-resolve.cjs for
 * lib/tokens/private/resolve.js, scripts/build/fast-encoding.cjs for lib/tokens/private/encoding.js) return what
 * the originals return and throw what they throw. Each replacement is loaded as the module it replaces (its
 * `require`s reach the installed cdktf's other modules), beside the original, in one module registry outside
 * jest's, and both run over the same inputs: plain values, every kind of token, escapes, Terraform functions,
 * post-processors and every error. Then over the real inputs: every environment is synthesized in-process with
 * each call of the originals also run through the replacement and compared, and that synthesis must write what the
 * synth bundle wrote (the whole app is also compared by __tests__/build/bundle.test.ts: the bundle writes byte for
 * byte what the TypeScript sources write with the original modules). Each original is pinned by its sha256
 * (runtimes.json; the build refuses another). Only cdktf 0.21.0 gets these replacements: on cdktn 0.24 (other
 * modules) the bundle keeps the runtime's own and the comparisons here are skipped.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { selectEnvironments } from "../../config";
import { synthesize } from "../../app/synthesize";
import { ROOT, tempDir } from "../support";
import { sharedSynthesis } from "../support/shared-synthesis";
import { listTree } from "../support/tree";

const PRIVATE = path.join(ROOT, "node_modules/cdktf/lib/tokens/private");

interface Patch {
  readonly module: string;
  readonly sha256: string;
  readonly replacement?: string;
}
const RUNTIMES = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/build/runtimes.json"), "utf8")) as Record<string, { patches: Patch[] }>;
const installed = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/cdktf/package.json"), "utf8")) as { name: string; version: string };
const RUNTIME = `${installed.name}@${installed.version}`;
const REPLACEMENTS = ["scripts/build/fast-resolve.cjs", "scripts/build/fast-encoding.cjs"];
/** This suite's patches for the installed runtime: both on cdktf 0.21.0, none on cdktn (its bundle keeps its own modules). */
const PATCHES = (RUNTIMES[RUNTIME]?.patches ?? []).filter((p) => p.replacement !== undefined && REPLACEMENTS.includes(p.replacement));
const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

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

describe("synth bundle: which runtimes get the token resolution replacements", () => {
  it("cdktf 0.21.0 gets both, each pinned to the sha256 of the original it was compared with; cdktn 0.24 gets neither", () => {
    const replaced = (runtime: string) => RUNTIMES[runtime]!.patches.filter((p) => REPLACEMENTS.includes(p.replacement ?? "")).map((p) => [p.module, p.sha256]);
    expect(replaced("cdktf@0.21.0")).toEqual([
      ["node_modules/cdktf/lib/tokens/private/resolve.js", "08c4dba33a40b05fd4f4c1957bd4102695c1b30df595bbb1ad1fb95fdc4a0382"],
      ["node_modules/cdktf/lib/tokens/private/encoding.js", "5afaace6c605ac7a2da2a91f5fe0142ff0beadb69bc0c3650e9d071d136fd29f"],
    ]);
    // cdktn's resolve.js and encoding.js differ from cdktf's: the build bundles them as they are (no replacement
    // was compared with them), and this suite's comparisons are skipped when cdktn is installed.
    expect(replaced("cdktn@0.24.0")).toEqual([]);
  });

  it(`the installed originals are the ones compared here (sha256 as runtimes.json pins them for ${RUNTIME})`, () => {
    for (const p of PATCHES) expect([p.module, sha256(path.join(ROOT, p.module))]).toEqual([p.module, p.sha256]);
  });
});

const describeReplaced = PATCHES.length === REPLACEMENTS.length ? describe : describe.skip;

describeReplaced("synth bundle: cdktf token resolution replacements", () => {
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

/*
 * The same comparison over what synthesis really resolves: every environment's stacks are synthesized in-process
 * (jest's registry, cdktf's original modules) with cdktf's resolve(), findTokens() and TokenString.split() wrapped
 * so that each call also runs the replacement on the same arguments and records any difference; the original's
 * result is what synthesis gets, so the output must be what the synth bundle (the replacements) wrote.
 */

/** `replacement`'s exports, compiled as the module at `original` inside jest's registry (its requires are the app's modules). */
function loadInRegistry<T>(replacement: string, original: string, mutate: (source: string) => string = (s) => s): T {
  const compiled = { exports: {} as T };
  const localRequire = (id: string): unknown =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed cdktf's CommonJS modules, as the app loads them
    require(id.startsWith(".") ? path.resolve(path.dirname(original), id) : id);
  // A CommonJS module body, compiled as node's loader would (node's loader would register it outside jest's registry).
  const body = new Function("exports", "require", "module", "__filename", "__dirname", mutate(fs.readFileSync(path.join(ROOT, replacement), "utf8")));
  body(compiled.exports, localRequire, compiled, original, path.dirname(original));
  return compiled.exports;
}

type Outcome = { value: unknown } | { error: unknown };
function run(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}
const errorText = (o: Outcome) => ("error" in o ? `${(o.error as Error)?.name}: ${(o.error as Error)?.message}` : undefined);

interface Comparison {
  readonly calls: { resolve: number; findTokens: number; split: number };
  readonly differences: string[];
  readonly dir: string;
}

/** Synthesizes `environments` with each of the three functions compared with `fast`'s (the replacements' exports). */
function compareOverSynthesis(fastResolve: typeof original, fastEncoding: any, environments = selectEnvironments(undefined)): Comparison {
  /* eslint-disable @typescript-eslint/no-require-imports -- the app's instances of cdktf's private modules, wrapped for the run */
  const resolveModule = require(path.join(PRIVATE, "resolve.js")) as typeof original;
  const tokenString = (require(path.join(PRIVATE, "encoding.js")) as any).TokenString;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const saved = { resolve: resolveModule.resolve, findTokens: resolveModule.findTokens, split: tokenString.prototype.split };
  const calls = { resolve: 0, findTokens: 0, split: 0 };
  const differences: string[] = [];
  const where = (options: any) => options?.scope?.node?.path ?? "?";
  resolveModule.resolve = (obj, options) => {
    calls.resolve++;
    const actual = run(() => fastResolve.resolve(obj, options));
    const expected = run(() => saved.resolve(obj, options));
    if ("error" in expected ? errorText(actual) !== errorText(expected) : !("value" in actual) || !isDeepStrictEqual(actual.value, expected.value)) {
      differences.push(`resolve() in ${where(options)} (preparing: ${Boolean(options.preparing)}): ${JSON.stringify(actual).slice(0, 300)} instead of ${JSON.stringify(expected).slice(0, 300)}`);
    }
    if ("error" in expected) throw expected.error;
    return expected.value;
  };
  resolveModule.findTokens = (scope, fn) => {
    calls.findTokens++;
    const actual = run(() => fastResolve.findTokens(scope, fn));
    const expected = run(() => saved.findTokens(scope, fn));
    const classes = (o: Outcome) => ("value" in o ? (o.value as object[]).map((t) => t.constructor.name) : errorText(o));
    if (!isDeepStrictEqual(classes(actual), classes(expected))) differences.push(`findTokens() in ${(scope as any)?.node?.path}: ${classes(actual)} instead of ${classes(expected)}`);
    if ("error" in expected) throw expected.error;
    return expected.value as unknown[];
  };
  tokenString.prototype.split = function (this: any, lookup: unknown) {
    calls.split++;
    const actual = run(() => new fastEncoding.TokenString(this.str, this.re, this.regexMatchIndex, this.includeEscapeSequences, false).split(lookup).fragments);
    const expected = run(() => saved.split.call(this, lookup));
    if ("error" in expected ? errorText(actual) !== errorText(expected) : !("value" in actual) || !isDeepStrictEqual(actual.value, (expected.value as any).fragments)) {
      differences.push(`TokenString.split() of ${JSON.stringify(String(this.str).slice(0, 120))} (${String(this.str).length} chars)`);
    }
    if ("error" in expected) throw expected.error;
    return expected.value;
  };
  const dir = tempDir();
  try {
    synthesize({ environments, outdir: path.join(dir, "cdktf.out"), reviewDir: path.join(dir, "out") });
  } finally {
    resolveModule.resolve = saved.resolve;
    resolveModule.findTokens = saved.findTokens;
    tokenString.prototype.split = saved.split;
  }
  return { calls, differences, dir };
}

describeReplaced("synth bundle: cdktf token resolution replacements over the real synthesis", () => {
  const fastResolve = loadInRegistry<typeof original>("scripts/build/fast-resolve.cjs", path.join(PRIVATE, "resolve.js"));
  const fastEncoding = loadInRegistry<any>("scripts/build/fast-encoding.cjs", path.join(PRIVATE, "encoding.js"));

  it("every resolve(), findTokens() and TokenString.split() of every environment's stacks: the replacements give the original's results", () => {
    const { calls, differences, dir } = compareOverSynthesis(fastResolve, fastEncoding);
    expect(differences).toEqual([]);
    // 2,768 resolve() and 5,718 split() calls on 2026-12-07: every stack's preparing pass, elements and
    // documents, and the strings with tokens in them (the long Helm values among them). Synthesis calls no
    // findTokens() (the hand-made cases above compare it).
    expect(calls.resolve).toBeGreaterThan(2000);
    expect(calls.split).toBeGreaterThan(4000);
    // The run synthesized with the originals' results: exactly what the synth bundle (the replacements) wrote
    // in jest's globalSetup.
    const shared = sharedSynthesis();
    expect(listTree(path.join(dir, "cdktf.out"))).toEqual(listTree(shared.outdir));
    expect(listTree(path.join(dir, "out"))).toEqual(listTree(shared.reviewDir));
  });

  it("fails when a replacement differs on the real stacks: a string token taken as a plain leaf, or a next escape match off by one", () => {
    const dev = selectEnvironments("dev");
    const tokensAsPlain = loadInRegistry<typeof original>("scripts/build/fast-resolve.cjs", path.join(PRIVATE, "resolve.js"), (s) =>
      replaceOnce(s, 'return (!x.includes("TfToken[") &&', "return (true &&"),
    );
    expect(compareOverSynthesis(tokensAsPlain, fastEncoding, dev).differences.length).toBeGreaterThan(0);
    const offByOne = loadInRegistry<any>("scripts/build/fast-encoding.cjs", path.join(PRIVATE, "encoding.js"), (s) =>
      replaceOnce(s, "lastIndex: re.lastIndex }", "lastIndex: re.lastIndex + 1 }"),
    );
    expect(compareOverSynthesis(fastResolve, offByOne, dev).differences.some((d) => d.startsWith("TokenString.split()"))).toBe(true);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
