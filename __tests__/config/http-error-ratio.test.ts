import { ConfigValidationError, validateEnvironmentConfig } from "../../config";
import { GUIDE } from "../../config/policy";
import { ENVIRONMENT_NAMES, envConfig } from "../support";

function issuesOf(config: ReturnType<typeof envConfig>): string {
  try {
    validateEnvironmentConfig(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return (e as ConfigValidationError).message;
  }
  throw new Error("expected validation to fail");
}

describe("alerts.httpErrorRatioPercent (A1; the 1% line on the dashboards)", () => {
  it.each(ENVIRONMENT_NAMES)("A1: %s uses the guide's 1%", (env) => {
    expect(envConfig(env).alerts.httpErrorRatioPercent).toBe(GUIDE.alerts.httpErrorRatioPercent);
  });

  it("fails when staging moves the error-ratio threshold off the guide's value", () => {
    expect(issuesOf(envConfig("staging", { alerts: { httpErrorRatioPercent: 5 } }))).toContain(
      "[staging] alerts.httpErrorRatioPercent = 5: must be 1 in staging (guide A1)",
    );
  });

  it("fails when the error-ratio threshold is not a percentage", () => {
    expect(issuesOf(envConfig("dev", { alerts: { httpErrorRatioPercent: 0 } }))).toContain(
      "[dev] alerts.httpErrorRatioPercent = 0: must be a number from 0.01 to 100 (percent of requests)",
    );
  });

  it("lets dev, which relaxes the guide, choose another threshold", () => {
    expect(() => validateEnvironmentConfig(envConfig("dev", { alerts: { httpErrorRatioPercent: 5 } }))).not.toThrow();
  });
});
