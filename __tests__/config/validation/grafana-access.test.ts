import { TEAM_ROLE_KEYS, type EnvironmentConfig } from "../../../config/types";
import { findConfigIssues } from "../../../config/validate";
import { formatIssue } from "../../../config/validation/checker";
import { isIpv4Cidr, MIN_EDITION_REASON_LENGTH } from "../../../config/validation/observability";
import { TEAM_ROLES } from "../../../dashboards/team-roles";
import { configIssues, ENVIRONMENT_NAMES, envConfig } from "../../support";

describe.each(ENVIRONMENT_NAMES.map((n) => [n]))("S1, S2: %s Grafana access config", (name) => {
  const sso = (overrides: Record<string, unknown>) => configIssues(name, { observability: { grafana: { sso: overrides } } } as never);

  it("is valid as shipped", () => {
    expect(configIssues(name)).toEqual([]);
  });

  it("fails when the load balancer admits every address or a CIDR is malformed", () => {
    expect(configIssues(name, { observability: { grafana: { inboundCidrs: ["0.0.0.0/0", "10.0.0.0/33"] } } } as never)).toEqual([
      `[${name}] observability.grafana.inboundCidrs[0] = "0.0.0.0/0": must not admit every address: Grafana is reached from the offices and the VPN only`,
      `[${name}] observability.grafana.inboundCidrs[1] = "10.0.0.0/33": must be an IPv4 CIDR block (a.b.c.d/n)`,
    ]);
    expect(configIssues(name, { observability: { grafana: { inboundCidrs: [] } } } as never)).toEqual([`[${name}] observability.grafana.inboundCidrs = []: must list at least one client network (IPv4 CIDR)`]);
  });

  it("fails when the issuer is not https or an endpoint is on another host", () => {
    expect(sso({ issuerUrl: "http://sso.fx-trader.example.com/realms/fx-trader" })).toEqual(
      expect.arrayContaining([`[${name}] observability.grafana.sso.issuerUrl = "http://sso.fx-trader.example.com/realms/fx-trader": must be an https URL without query or fragment`]),
    );
    expect(sso({ tokenUrl: "https://evil.example.net/token" })).toEqual([
      `[${name}] observability.grafana.sso.tokenUrl = "https://evil.example.net/token": must be an https URL on the issuer's host (sso.fx-trader.example.com)`,
    ]);
  });

  it("fails when a group is in two roles, has a quote (it would break the JMESPath), or no group administers", () => {
    expect(sso({ roleGroups: { Admin: [], Editor: ["fx-sre"], Viewer: ["fx-sre", "o'brien"] } })).toEqual([
      `[${name}] observability.grafana.sso.roleGroups.Admin = []: must name at least one group (someone must administer Grafana without the break-glass login)`,
      `[${name}] observability.grafana.sso.roleGroups.Viewer[0] = "fx-sre": must not also be in roleGroups.Editor: a group maps to one role`,
      `[${name}] observability.grafana.sso.roleGroups.Viewer[1] = "o'brien": must be a group name (letters, digits, space . _ @ / -; no quotes)`,
    ]);
  });

  it("fails when the client ID or the groups claim is malformed", () => {
    expect(sso({ clientId: "", groupsClaim: "groups[*]" })).toEqual([
      `[${name}] observability.grafana.sso.clientId = "": must be an OIDC client ID (letters, digits, . _ : -)`,
      `[${name}] observability.grafana.sso.groupsClaim = "groups[*]": must be a claim name (letters, digits, _)`,
    ]);
  });
});

describe.each(ENVIRONMENT_NAMES.map((n) => [n]))("D4, S1: %s identity-provider groups → Grafana teams, and the Grafana edition", (name) => {
  const grafana = (overrides: Record<string, unknown>) => configIssues(name, { observability: { grafana: overrides } } as never);
  const teams = (teamGroups: Record<string, unknown>) => grafana({ sso: { teamGroups } });
  /** Issues of the environment with its Grafana section replaced (overrides cannot remove a key). */
  const issuesWithGrafana = (change: (g: EnvironmentConfig["observability"]["grafana"]) => EnvironmentConfig["observability"]["grafana"]) => {
    const config = envConfig(name);
    return findConfigIssues({ ...config, observability: { ...config.observability, grafana: change(config.observability.grafana) } }).map(formatIssue);
  };

  it("maps every team role of dashboards/team-roles.ts, each to its own groups", () => {
    const config = envConfig(name);
    expect(Object.keys(config.observability.grafana.sso.teamGroups).sort()).toEqual([...TEAM_ROLE_KEYS].sort());
    for (const key of TEAM_ROLE_KEYS) expect(config.observability.grafana.sso.teamGroups[key].length).toBeGreaterThan(0);
    expect(Object.keys(TEAM_ROLES).sort()).toEqual([...TEAM_ROLE_KEYS].sort());
  });

  it("fails when a team has no group, a group is in two teams or twice in one, or a group name has a quote", () => {
    expect(teams({ sre: [], developers: ["fx-sre-oncall", "fx-sre-oncall"], business: ["fx-sre-oncall", "o'brien"] })).toEqual([
      `[${name}] observability.grafana.sso.teamGroups.sre = []: must name at least one identity-provider group (team sync puts exactly their members into team sre)`,
      `[${name}] observability.grafana.sso.teamGroups.developers[1] = "fx-sre-oncall": must not be listed twice in one team`,
      `[${name}] observability.grafana.sso.teamGroups.business[0] = "fx-sre-oncall": must not also be in teamGroups.developers: a group maps to one team (put a person who needs both teams into both teams' groups)`,
      `[${name}] observability.grafana.sso.teamGroups.business[1] = "o'brien": must be a group name (letters, digits, space . _ @ / -; no quotes)`,
    ]);
  });

  it("fails when a team role is missing from the mapping or an unknown team is named", () => {
    const { business: _business, ...withoutBusiness } = envConfig(name).observability.grafana.sso.teamGroups;
    void _business;
    const issues = issuesWithGrafana((g) => ({ ...g, sso: { ...g.sso, teamGroups: { ...withoutBusiness, traders: ["fx-traders"] } as never } }));
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^\[[a-z]+\] observability\.grafana\.sso\.teamGroups\.business = undefined: .*missing/)]));
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^\[[a-z]+\] observability\.grafana\.sso\.teamGroups\.traders = \["fx-traders"\]: unknown field/)]));
  });

  it("fails when an OSS environment gives no reason, a multi-line one, or an enterprise one gives a reason", () => {
    expect(issuesWithGrafana((g) => ({ ...g, edition: { kind: "oss" } }))).toEqual([
      `[${name}] observability.grafana.edition.reason = null: must say in one line of at least ${MIN_EDITION_REASON_LENGTH} characters why this environment runs Grafana OSS (no team sync: team membership by hand); synth prints it`,
    ]);
    expect(grafana({ edition: { kind: "oss", reason: "no licence\nin this environment at all" } })).toHaveLength(1);
    expect(grafana({ edition: { kind: "enterprise", reason: "we bought a licence for this one" } })).toEqual([
      `[${name}] observability.grafana.edition.reason = "we bought a licence for this one": must be absent when edition.kind is enterprise (a reason is printed for oss only)`,
    ]);
  });

  it("fails when the edition is neither enterprise nor oss", () => {
    expect(grafana({ edition: { kind: "cloud" } })).toEqual([expect.stringMatching(new RegExp(`^\\[${name}\\] observability\\.grafana\\.edition\\.kind = "cloud": .*"enterprise".*"oss"`))]);
  });
});

describe("isIpv4Cidr", () => {
  it.each([["10.0.0.0/8", true], ["192.168.1.0/24", true], ["256.0.0.0/8", false], ["10.0.0.0", false], ["10.0.0.0/40", false]])("%s → %s", (cidr, ok) => {
    expect(isIpv4Cidr(cidr)).toBe(ok);
  });
});
