/**
 * Why `cdktf synth --hcl` (HashiCorp's suggested way off cdktf: keep the HCL, drop the program) is not an exit path
 * today, on cdktf 0.21.0 and cdktn 0.24.0 alike: a string holding a Terraform reference (`${...}`) is written into HCL
 * without escaping its quotes, and Terraform cannot parse the file. scripts/cdktn/hcl-check.cjs checks every stack
 * (8 of 11 do not parse: the two account stacks, the three platform and the three grafana stacks); this test runs
 * the same check with the real `terraform fmt` on one stack of each kind, the cheap ones (Terraform's error
 * recovery on the large broken files costs seconds each). When the runtime is fixed this test fails, and the
 * README's "Moving to CDK Terrain" must say so.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS check script
const { synthesizeHcl, terraformParses } = require("../../scripts/cdktn/hcl-check.cjs") as {
  synthesizeHcl: (dir: string) => string;
  terraformParses: (file: string) => { parses: boolean; error?: string };
};

const available = (() => {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!available && process.env.CI) throw new Error("CI: terraform must be installed for the HCL output test");
if (!available) console.warn("skipping the --hcl output test: install Terraform");
const describeTf = available ? describe : describe.skip;

describeTf("cdktf synth --hcl: HCL that Terraform cannot parse", () => {
  const stacksDir = synthesizeHcl(tempDir("fx-hcl-"));

  it("writes every stack as HCL (cdk.tf instead of cdk.tf.json)", () => {
    const stacks = fs.readdirSync(stacksDir).sort();
    expect(stacks).toHaveLength(11);
    for (const stack of stacks) expect(fs.readdirSync(path.join(stacksDir, stack)).filter((f) => f.startsWith("cdk."))).toEqual(["cdk.tf"]);
  });

  it("an account stack does not parse: a schedule's JSON input with references is written unescaped", () => {
    const file = path.join(stacksDir, "fx-trader-account-fx-nonprod/cdk.tf");
    expect(fs.readFileSync(file, "utf8")).toMatch(/input\s*=\s*"\{"ConfigRuleNames":\["\$\{aws_config_config_rule\./);
    expect(terraformParses(file)).toEqual({ parses: false, error: "Missing newline after argument" });
  });

  it("a data stack parses (its JSON strings hold no reference, and are escaped)", () => {
    expect(terraformParses(path.join(stacksDir, "fx-trader-dev-data/cdk.tf"))).toEqual({ parses: true });
  });

  it("the check can tell: the same string escaped as HCL requires parses, unescaped it does not (seeded)", () => {
    const file = path.join(tempDir("fx-hcl-seeded-"), "main.tf");
    fs.writeFileSync(file, 'locals {\n  input = "{\\"ConfigRuleNames\\":[\\"${aws_config_config_rule.a.name}\\"]}"\n}\n');
    expect(terraformParses(file)).toEqual({ parses: true });
    fs.writeFileSync(file, 'locals {\n  input = "{"ConfigRuleNames":["${aws_config_config_rule.a.name}"]}"\n}\n');
    expect(terraformParses(file)).toEqual({ parses: false, error: "Missing newline after argument" });
  });
});
