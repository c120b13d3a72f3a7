/** One entry of a Prometheus rule file's `groups` list (the shape `promtool check rules` reads). */
export interface PrometheusRuleGroup {
  readonly name: string;
  /** Alerting (`alert`, `expr`, …) or recording (`record`, `expr`) rules, as Prometheus defines them. */
  readonly rules: Array<Record<string, unknown>>;
}

/**
 * Problems in `groups` (empty when valid): duplicate or empty group names, empty groups, and rules that are
 * not exactly one of an alerting or a recording rule with a PromQL `expr`.
 */
export function ruleGroupProblems(groups: readonly PrometheusRuleGroup[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  groups.forEach((group, gi) => {
    const where = `ruleGroups[${gi}] (${JSON.stringify(group.name)})`;
    if (typeof group.name !== "string" || group.name.trim() === "") problems.push(`${where}: name is empty`);
    else if (seen.has(group.name)) problems.push(`${where}: name is used by an earlier group; group names must be unique`);
    seen.add(group.name);
    if (!Array.isArray(group.rules) || group.rules.length === 0) {
      problems.push(`${where}: rules is empty; a group needs at least one rule`);
      return;
    }
    group.rules.forEach((rule, ri) => {
      const kinds = ["alert", "record"].filter((k) => typeof rule[k] === "string" && (rule[k] as string) !== "");
      if (kinds.length !== 1) problems.push(`${where}.rules[${ri}]: has ${kinds.length === 0 ? "neither" : "both"} "alert" and "record"; exactly one is allowed`);
      if (typeof rule.expr !== "string" || rule.expr.trim() === "") problems.push(`${where}.rules[${ri}]: expr = ${JSON.stringify(rule.expr)}: must be a non-empty PromQL expression`);
    });
  });
  return problems;
}
