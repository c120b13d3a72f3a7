// ESLint rule: no `instanceof` against a class of the CDK runtime (cdktf or its fork cdktn), constructs or a
// provider binding. Their class identity depends on which installed copy a module resolved: with two copies
// of the runtime (imports switched to `cdktn` while the @cdktf providers still depend on `cdktf`, or a nested
// install) `resource instanceof TerraformResource` is false for every provider resource, and whatever relies on
// it (policy waivers, stack lists) silently skips them. The runtimes' static type guards
// (`TerraformResource.isTerraformResource(x)`) test a `Symbol.for` brand that every copy shares.
"use strict";

/** Modules whose classes may exist in more than one installed copy. */
const RUNTIME_MODULES = [/^(cdktf|cdktn|constructs)(\/|$)/, /^@cdktf\//, /(^|\/)\.gen\/providers\//];

/** The static type guard of each runtime class we use or could reach for. */
const GUARDS = {
  App: "isApp",
  Construct: "isConstruct",
  TerraformBackend: "isBackend",
  TerraformDataSource: "isTerraformDataSource",
  TerraformElement: "isTerraformElement",
  TerraformOutput: "isTerraformOutput",
  TerraformProvider: "isTerraformProvider",
  TerraformResource: "isTerraformResource",
  TerraformStack: "isStack",
};

const isRuntimeModule = (source) => typeof source === "string" && RUNTIME_MODULES.some((pattern) => pattern.test(source));

/** `require("<module>")` → "<module>", otherwise undefined. */
function requiredModule(node) {
  return node?.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal"
    ? node.arguments[0].value
    : undefined;
}

module.exports = {
  meta: {
    type: "problem",
    docs: { description: "Disallow instanceof against classes of the CDK runtime, constructs or provider bindings; use their static type guards" },
    schema: [],
    messages: {
      runtimeInstanceof:
        "`instanceof {{name}}`: {{name}} comes from {{source}}, and an object made by another installed copy of it (cdktf beside cdktn, a provider's own runtime) is not an instance of this copy's class; use {{guard}} instead.",
    },
  },
  create(context) {
    /** Local name → module, for classes bound by name; namespace and default bindings in `namespaces`. */
    const classes = new Map();
    const namespaces = new Map();
    const report = (node, name, source) => {
      const guard = GUARDS[name] ? `${name}.${GUARDS[name]}(x)` : `the runtime's static type guard of ${name} (\`${name}.is…(x)\`)`;
      context.report({ node, messageId: "runtimeInstanceof", data: { name, source, guard } });
    };
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type" || !isRuntimeModule(node.source.value)) return;
        for (const specifier of node.specifiers) {
          if (specifier.type === "ImportSpecifier" && specifier.importKind !== "type") classes.set(specifier.local.name, node.source.value);
          else if (specifier.type !== "ImportSpecifier") namespaces.set(specifier.local.name, node.source.value);
        }
      },
      VariableDeclarator(node) {
        const source = requiredModule(node.init);
        if (!isRuntimeModule(source)) return;
        if (node.id.type === "Identifier") namespaces.set(node.id.name, source);
        else if (node.id.type === "ObjectPattern") {
          for (const property of node.id.properties) {
            if (property.type === "Property" && property.value.type === "Identifier") classes.set(property.value.name, source);
          }
        }
      },
      "BinaryExpression[operator='instanceof']"(node) {
        const right = node.right;
        if (right.type === "Identifier" && classes.has(right.name)) report(node, right.name, classes.get(right.name));
        else if (right.type === "MemberExpression" && right.object.type === "Identifier" && namespaces.has(right.object.name) && right.property.type === "Identifier") {
          report(node, right.property.name, namespaces.get(right.object.name));
        }
      },
    };
  },
};
