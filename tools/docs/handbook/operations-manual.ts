/**
 * `docs/operations-manual.md` (O1): the deploy procedure as the workflows run it, backup and restore, and the
 * troubleshooting guide per component with real names per environment, plus the failure modes the program itself
 * guards against.
 */
import { generatedHeader, markdownTable, type DocGenerator } from "../types";
import { dashboardUrl } from "../../../config/urls";
import { deployedEnvironments, namesOf, type DeployedEnvironment } from "./deployed";
import { COMPONENTS, PROGRAM_FAILURES, componentRelease, type CheckContext, type Symptom } from "./troubleshooting";
import { readWorkflows } from "./workflows";

function context(env: DeployedEnvironment, release?: CheckContext["release"]): CheckContext {
  return { env, config: env.config, release, kubectl: `kubectl -n ${release?.namespace ?? env.config.eks.monitoringNamespace}` };
}

function kubeconfig(env: DeployedEnvironment): string {
  return `aws eks update-kubeconfig --region ${env.config.region} --name ${env.config.eks.clusterName}`;
}

function symptomBlock(s: Symptom, envs: readonly DeployedEnvironment[], release: (e: DeployedEnvironment) => CheckContext["release"]): string {
  let out = `#### ${s.symptom}\n\n`;
  if (s.dashboard) out += `- Dashboard: ${envs.map((e) => `[${e.config.name}](${dashboardUrl(e.config, s.dashboard!)})`).join(", ")} (uid \`${s.dashboard}\`)\n`;
  if (s.query) out += `- Query (Grafana Explore): \`${s.query}\`\n`;
  out += "- Check:\n\n";
  for (const e of envs) {
    out += `  ${e.config.name}:\n\n  \`\`\`sh\n`;
    for (const cmd of s.commands(context(e, release(e)))) out += `  ${cmd}\n`;
    out += "  ```\n\n";
  }
  out += `- Fix: ${s.fix}\n\n`;
  return out;
}

function deploySection(envs: readonly DeployedEnvironment[]): string {
  let out = "## Deploy\n\n";
  out += "Deploys run from CI; the workflows below are read from `.github/workflows/` when this page is generated.\n\n";
  for (const w of readWorkflows()) {
    out += `### \`${w.file}\` (${w.name})\n\n`;
    if (w.purpose) out += `${w.purpose}\n\n`;
    out += `Triggers: ${w.triggers.map((t) => `\`${t}\``).join(", ") || "—"}.\n\n`;
    out += markdownTable(
      ["job", "after", "environment (protection)", "calls"],
      w.jobs.map((j) => [`\`${j.id}\`${j.name !== j.id ? ` (${j.name})` : ""}`, j.needs.map((n) => `\`${n}\``).join(", ") || "—", j.environment ? `\`${j.environment}\`` : "—", j.uses ? `\`${j.uses}\`` : "—"]),
    );
    out += "\n";
  }
  out += "### By hand (break-glass), per environment\n\n";
  out += "Apply the stacks one at a time, in this order, reviewing each plan before the next:\n\n";
  for (const e of envs) {
    out += `${e.config.name}:\n\n\`\`\`sh\n${kubeconfig(e)}\nFX_ENVIRONMENTS=${e.config.name} npm run synth\n`;
    for (const s of e.stacks) out += `npx cdktf diff ${s.name} && npx cdktf deploy ${s.name}\n`;
    out += "```\n\n";
  }
  return out;
}

function backupSection(envs: readonly DeployedEnvironment[]): string {
  let out = "## Backup and restore\n\n";
  out += "What is backed up, when and where, and the restore procedure step by step: [backup and DR](backup-and-dr.md)\n";
  out += "(section *Restore procedure*). The vaults to restore from:\n\n";
  out += markdownTable(
    ["environment", "vaults", "latest recovery points"],
    envs.map((e) => {
      const vaults = namesOf(e, "aws_backup_vault");
      return [e.config.name, vaults.map((v) => `\`${v}\``).join(", "), vaults[0] ? `\`aws backup list-recovery-points-by-backup-vault --region ${e.config.region} --backup-vault-name ${vaults[0]} --max-results 5\`` : "—"];
    }),
  );
  return out + "\n";
}

function troubleshootingSection(envs: readonly DeployedEnvironment[]): string {
  let out = "## Troubleshooting\n\n";
  out += "How to approach a problem (judgement, not generated): [troubleshooting approach](handbook/troubleshooting-approach.md).\n";
  out += "Before any `kubectl` command, point it at the environment's cluster:\n\n```sh\n";
  for (const e of envs) out += `${kubeconfig(e)}   # ${e.config.name}\n`;
  out += "```\n\n";
  for (const component of COMPONENTS) {
    const present = envs.filter((e) => componentRelease(e, component));
    if (present.length === 0) continue;
    const releases = [...new Set(present.map((e) => `\`${componentRelease(e, component)!.name}\` (${componentRelease(e, component)!.chart})`))];
    out += `### ${component.name}\n\nRelease ${releases.join(", ")} in ${present.map((e) => e.config.name).join(", ")}.\n\n`;
    for (const s of component.symptoms) out += symptomBlock(s, present, (e) => componentRelease(e, component));
  }
  out += "### This program's own guards\n\n";
  for (const s of PROGRAM_FAILURES) out += symptomBlock(s, envs, () => undefined);
  return out;
}

export const operationsManualDoc: DocGenerator = {
  path: "docs/operations-manual.md",
  render(environments) {
    const envs = deployedEnvironments(environments);
    let out = generatedHeader("the workflows, the synthesized stacks and tools/docs/handbook/troubleshooting.ts");
    out += "# Operations manual\n\n";
    out += "Deploy, backup and restore, and troubleshooting. Index of every page: [docs](README.md); system and data flow:\n";
    out += "[architecture](architecture.md); routines and incident response: [procedures](procedures.md).\n\n";
    out += deploySection(envs);
    out += backupSection(envs);
    out += troubleshootingSection(envs);
    return out;
  },
};
