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
 * (runtimes.json; the build refuses another). Only cdktf 0.21.0 gets these replacements: on cdktn (other
 * modules) the bundle keeps the runtime's own, and this suite checks that instead. Each runtime gets only the tests
 * that hold on it (chosen by an `if`, nothing skipped: CI fails on a skipped test): on cdktf 0.21.0 the
 * comparisons; on cdktn that the bundle's resolve.js and encoding.js are the runtime's own code (its metafile lists
 * them and no replacement; none of the replacements' code is in them) and that they are not the cdktf originals
 * runtimes.json pins. The cdktn checks are also run on cdktf, where they must fail on the real bundle and pins.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { selectEnvironments } from "../../config";
import { synthesize } from "../../app/synthesize";
import { ROOT, tempDir } from "../support";
import { mainBundle } from "../support/cli";
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
/** The runtime the replacements were compared with: the comparisons run on it. */
const ON_CDKTF = RUNTIME === "cdktf@0.21.0";
/** CDK Terrain installed as `cdktf`: its bundle keeps its own modules, which the cdktn checks prove. */
const ON_CDKTN = installed.name === "cdktn";
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
const originalEncoding = nodeRequire("./encoding.js") as any;

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
    // was compared with them); on cdktn this suite checks that instead of comparing.
    expect(replaced("cdktn@0.24.0")).toEqual([]);
  });

  it(`the installed runtime (${RUNTIME}) is cdktf 0.21.0 or cdktn: one of the two sets of tests below is defined for it`, () => {
    expect(ON_CDKTF || ON_CDKTN).toBe(true);
  });
});

/*
 * The cdktn checks: the bundle keeps the runtime's own modules where cdktf 0.21.0 gets a replacement, and those
 * modules are not the cdktf originals the replacements were compared with. On cdktn they must pass; on cdktf 0.21.0
 * (whose bundle carries the replacements and whose modules are the pinned originals) they must fail.
 */

/** The modules the build replaces on cdktf 0.21.0, with their replacement (paths relative to the project root). */
const CDKTF_REPLACED = RUNTIMES["cdktf@0.21.0"]!.patches.flatMap((p) => (p.replacement === undefined ? [] : [{ module: p.module, replacement: p.replacement }]));
/** Every replacement module of scripts/build/ that runtimes.json names, for any runtime. */
const ALL_REPLACEMENTS = [...new Set(Object.values(RUNTIMES).flatMap((r) => r.patches.flatMap((p) => (p.replacement === undefined ? [] : [p.replacement]))))];

/** The identifiers (and keywords) of JavaScript `code`, comments left out. */
function identifiers(code: string): Set<string> {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:"'\\])\/\/.*$/gm, "$1");
  return new Set(withoutComments.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** The code esbuild emitted for `module` in `bundle` (up to the next module), or undefined when it is not there. */
function bundledModule(bundle: string, module: string): string | undefined {
  const start = bundle.indexOf(`"${module}"(exports`);
  if (start < 0) return undefined;
  const end = bundle.indexOf("__commonJS({", start);
  return bundle.slice(start, end < 0 ? undefined : end);
}

/**
 * Where a bundle does not keep the installed runtime's own modules: for each module cdktf 0.21.0 replaces, its
 * metafile (`meta`, as the build writes it) must list the module and not its replacement, and the module's code in
 * `bundle` must have none of the identifiers that only the replacement has (compared with the installed module).
 */
function replacementProblems(meta: { inputs: Record<string, unknown> }, bundle: string, installedSource = (module: string) => fs.readFileSync(path.join(ROOT, module), "utf8")): string[] {
  const inputs = Object.keys(meta.inputs);
  const problems: string[] = [];
  for (const replacement of ALL_REPLACEMENTS.filter((r) => inputs.includes(r))) problems.push(`${replacement} is an input of the bundle (its metafile lists it)`);
  for (const { module, replacement } of CDKTF_REPLACED) {
    if (!inputs.includes(module)) problems.push(`${module} is not an input of the bundle (its metafile lists ${inputs.length} inputs)`);
    const own = identifiers(installedSource(module));
    const onlyReplacement = [...identifiers(fs.readFileSync(path.join(ROOT, replacement), "utf8"))].filter((i) => !own.has(i));
    const code = bundledModule(bundle, module);
    if (code === undefined) problems.push(`${module} is not in the bundle`);
    else if (onlyReplacement.length === 0) problems.push(`${module}: ${replacement} has no identifier the installed module lacks, so its code cannot be told apart`);
    else {
      const bundled = identifiers(code);
      const found = onlyReplacement.filter((i) => bundled.has(i));
      if (found.length > 0) problems.push(`${module} in the bundle has code only ${replacement} has: ${found.join(", ")}`);
    }
  }
  return problems;
}

/** The modules of this suite whose installed sha256 is one `runtimes` pins for a cdktf runtime (an original a replacement was compared with). */
function pinnedCdktfOriginals(runtimes: Record<string, { patches: Patch[] }>): string[] {
  const pinned = Object.entries(runtimes).filter(([runtime]) => runtime.startsWith("cdktf@")).flatMap(([runtime, r]) => r.patches.map((p) => ({ runtime, sha256: p.sha256 })));
  return CDKTF_REPLACED.filter((p) => REPLACEMENTS.includes(p.replacement)).flatMap(({ module }) => {
    const actual = sha256(path.join(ROOT, module));
    return pinned.filter((p) => p.sha256 === actual).map((p) => `${module} (sha256 ${actual}) is the original runtimes.json pins for ${p.runtime} (the one its replacement was compared with)`);
  });
}

/** The test bundle of main.ts for the installed runtime (built as `npm run synth` builds dist/main.js) and its metafile. */
function builtBundle(): { bundle: string; meta: { runtime: string; inputs: Record<string, unknown> } } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's CommonJS module
  const { metafileOf } = require(path.join(ROOT, "scripts/build/build.cjs")) as { metafileOf: (outfile: string) => string };
  const file = mainBundle();
  return { bundle: fs.readFileSync(file, "utf8"), meta: JSON.parse(fs.readFileSync(metafileOf(file), "utf8")) };
}

if (ON_CDKTF) {
  describe("synth bundle on cdktf 0.21.0: the originals compared here, and the cdktn checks fail on this runtime", () => {
    it(`the installed originals are the ones compared here (sha256 as runtimes.json pins them for ${RUNTIME})`, () => {
      expect(PATCHES.map((p) => p.replacement)).toEqual(REPLACEMENTS);
      for (const p of PATCHES) expect([p.module, sha256(path.join(ROOT, p.module))]).toEqual([p.module, p.sha256]);
    });

    it("the cdktn checks catch the replacements in this runtime's bundle and the pinned originals installed here", () => {
      const { meta, bundle } = builtBundle();
      const problems = replacementProblems(meta, bundle);
      expect(problems.map((p) => p.slice(0, p.indexOf(": ")))).toEqual(CDKTF_REPLACED.map(({ module, replacement }) => `${module} in the bundle has code only ${replacement} has`));
      expect(problems.every((p) => /: [\w$]+/.test(p))).toBe(true);
      expect(pinnedCdktfOriginals(RUNTIMES)).toEqual(
        PATCHES.map((p) => `${p.module} (sha256 ${p.sha256}) is the original runtimes.json pins for cdktf@0.21.0 (the one its replacement was compared with)`),
      );
    });
  });

  describe("synth bundle: cdktf token resolution replacements", () => {
    const replaced = loadAs<typeof original>("scripts/build/fast-resolve.cjs", path.join(PRIVATE, "resolve.js"));
    const replacedEncoding = loadAs<any>("scripts/build/fast-encoding.cjs", path.join(PRIVATE, "encoding.js"));

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
}

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

if (ON_CDKTF) {
  describe("synth bundle: cdktf token resolution replacements over the real synthesis", () => {
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
}
if (ON_CDKTN) {
  describe(`synth bundle on cdktn (${RUNTIME}): the runtime's own token resolution, no cdktf replacement`, () => {
    const MODULES = CDKTF_REPLACED.filter((p) => REPLACEMENTS.includes(p.replacement)).map((p) => p.module);

    it("on cdktn the bundle keeps the runtime's own resolve.js and encoding.js: the metafile lists them and no replacement, and their code is the runtime's", () => {
      const { meta, bundle } = builtBundle();
      expect(meta.runtime).toBe(RUNTIME);
      expect(MODULES).toEqual(["node_modules/cdktf/lib/tokens/private/resolve.js", "node_modules/cdktf/lib/tokens/private/encoding.js"]);
      expect(Object.keys(meta.inputs)).toEqual(expect.arrayContaining(MODULES));
      expect(Object.keys(meta.inputs).filter((i) => i.startsWith("scripts/build/"))).toEqual([]);
      expect(replacementProblems(meta, bundle)).toEqual([]);
    });

    it("the runtime's resolve.js and encoding.js are not the cdktf originals the replacements were compared with (no cdktf sha256 in runtimes.json)", () => {
      expect(pinnedCdktfOriginals(RUNTIMES)).toEqual([]);
    });

    it("fails when the bundle carries a replacement: its metafile lists one, lacks the runtime's module, or the module's code is the replacement's", () => {
      const { meta, bundle } = builtBundle();
      const [resolveModule, encodingModule] = MODULES as [string, string];
      const withReplacement = { inputs: { ...meta.inputs, "scripts/build/fast-resolve.cjs": {} } };
      expect(replacementProblems(withReplacement, bundle)).toEqual(["scripts/build/fast-resolve.cjs is an input of the bundle (its metafile lists it)"]);
      const withoutModule = { inputs: Object.fromEntries(Object.entries(meta.inputs).filter(([i]) => i !== encodingModule)) };
      expect(replacementProblems(withoutModule, bundle)).toEqual([`${encodingModule} is not an input of the bundle (its metafile lists ${Object.keys(meta.inputs).length - 1} inputs)`]);
      // The module's code in the bundle swapped for the replacement's, as the build emits it on cdktf 0.21.0.
      const code = bundledModule(bundle, resolveModule)!;
      const replaced = bundle.replace(code, `"${resolveModule}"(exports2) {\n${fs.readFileSync(path.join(ROOT, "scripts/build/fast-resolve.cjs"), "utf8")}\n}});\n`);
      const problems = replacementProblems(meta, replaced);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^node_modules\/cdktf\/lib\/tokens\/private\/resolve\.js in the bundle has code only scripts\/build\/fast-resolve\.cjs has: .*\bisPlainLeaf\b/);
    });

    it("fails when runtimes.json pins the installed resolve.js's sha256 for cdktf", () => {
      const actual = sha256(path.join(ROOT, MODULES[0]!));
      const seeded = { ...RUNTIMES, "cdktf@0.21.0": { patches: RUNTIMES["cdktf@0.21.0"]!.patches.map((p) => (p.module === MODULES[0] ? { ...p, sha256: actual } : p)) } };
      expect(pinnedCdktfOriginals(seeded)).toEqual([`${MODULES[0]} (sha256 ${actual}) is the original runtimes.json pins for cdktf@0.21.0 (the one its replacement was compared with)`]);
    });
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */
