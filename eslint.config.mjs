// Lint rules that protect the toolchain's speed and the architecture's boundaries.
import tseslint from "typescript-eslint";
import noRuntimeInstanceof from "./scripts/lint/no-runtime-instanceof.cjs";

const providerBarrels = {
  paths: [
    { name: "@cdktf/provider-aws", message: "Import @cdktf/provider-aws/lib/<resource>: the barrel loads all 2,230 modules." },
    { name: "@cdktf/provider-aws/lib", message: "Import @cdktf/provider-aws/lib/<resource>: the barrel loads all 2,230 modules." },
    { name: "@cdktf/provider-helm", message: "Import @cdktf/provider-helm/lib/<resource>." },
    { name: "@cdktf/provider-kubernetes", message: "Import @cdktf/provider-kubernetes/lib/<resource>." },
  ],
  patterns: [
    { regex: "\\.gen/providers/grafana(/index)?$", message: "Import .gen/providers/grafana/<resource>, not the barrel." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "cdktf.out/", "out/", ".gen/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    // No instanceof against cdktf/cdktn, constructs or provider classes: a second copy of the runtime would
    // make it false (see scripts/lint/no-runtime-instanceof.cjs); their static type guards hold across copies.
    plugins: { fx: { rules: { "no-runtime-instanceof": noRuntimeInstanceof } } },
    rules: { "fx/no-runtime-instanceof": "error" },
  },
  {
    rules: {
      "no-restricted-imports": ["error", providerBarrels],
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/consistent-type-imports": "error",
      // main.ts is the only place that reads the process environment.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Only main.ts (and scripts/tests) read process.env; pass values as props." }],
    },
  },
  {
    // The build and launcher scripts are CommonJS so that `npm run synth` is one plain node start.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["main.ts", "scripts/**", "__tests__/**", "bench/**", "tools/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // alerts/ and dashboards/ are pure data and builders: no cdktf, constructs or provider imports.
    files: ["alerts/**/*.ts", "dashboards/**/*.ts", "metrics/**/*.ts", "signals/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        ...providerBarrels,
        patterns: [
          ...providerBarrels.patterns,
          { group: ["cdktf", "cdktf/*", "constructs", "@cdktf/*", "**/.gen/**", "**/constructs/**", "**/stacks/**", "**/app/**"], message: "alerts/, dashboards/, metrics/ and signals/ are pure data: no cdktf imports." },
        ],
      }],
    },
  },
);
