import { isIpv4Cidr } from "../../../config/validation/observability";
import { configIssues, ENVIRONMENT_NAMES } from "../../support";

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

describe("isIpv4Cidr", () => {
  it.each([["10.0.0.0/8", true], ["192.168.1.0/24", true], ["256.0.0.0/8", false], ["10.0.0.0", false], ["10.0.0.0/40", false]])("%s → %s", (cidr, ok) => {
    expect(isIpv4Cidr(cidr)).toBe(ok);
  });
});
