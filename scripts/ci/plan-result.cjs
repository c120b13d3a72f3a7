/**
 * Summarizes one stack's plan for the pull-request comment, the approver's job summary and the deploy:
 * `node plan-result.cjs <stack> <terraform plan -detailed-exitcode status> <out-dir>` prints result.json.
 * Counts come from `terraform show -json` of the saved plan (`<out>/plan.json`), as Terraform counts them
 * (a replacement is one add and one destroy); stateful resources (tools/review/stateful-types.json) destroyed or
 * replaced are listed by address.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const STATEFUL = new Set(require("../../tools/review/stateful-types.json"));

/** @param {string} stack @param {number} exitCode @param {any} plan `terraform show -json` output or undefined */
function summarize(stack, exitCode, plan, planSha256) {
  const counts = { add: 0, change: 0, destroy: 0, replace: 0 };
  const stateful = [];
  for (const rc of (plan && plan.resource_changes) || []) {
    const actions = rc.change.actions;
    const replace = actions.includes("create") && actions.includes("delete");
    if (replace) counts.replace++;
    if (actions.includes("create")) counts.add++;
    if (actions.includes("update")) counts.change++;
    if (actions.includes("delete")) counts.destroy++;
    if (actions.includes("delete") && STATEFUL.has(rc.type)) stateful.push({ address: rc.address, action: replace ? "replace" : "destroy" });
  }
  const status = exitCode === 1 || (exitCode !== 0 && exitCode !== 2) ? "failed" : exitCode === 2 ? "changes" : "no-changes";
  return {
    stack,
    status,
    exitCode,
    ...(status === "failed" ? {} : counts),
    stateful: stateful.sort((a, b) => a.address.localeCompare(b.address)),
    commit: process.env.GITHUB_SHA || "",
    planSha256: planSha256 || "",
  };
}

function main() {
  const [stack, statusText, out] = process.argv.slice(2);
  if (!stack || statusText === undefined || !out) {
    console.error("usage: plan-result.cjs <stack> <exit-status> <out-dir>");
    process.exit(2);
  }
  const exitCode = Number(statusText);
  const jsonFile = path.join(out, "plan.json");
  const planFile = path.join(out, "plan.tfplan");
  const plan = exitCode !== 1 && fs.existsSync(jsonFile) ? JSON.parse(fs.readFileSync(jsonFile, "utf8")) : undefined;
  const sha = fs.existsSync(planFile) ? crypto.createHash("sha256").update(fs.readFileSync(planFile)).digest("hex") : "";
  console.log(JSON.stringify(summarize(stack, exitCode, plan, sha), null, 2));
}

if (require.main === module) main();
module.exports = { summarize };
