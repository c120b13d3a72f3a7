import { logClassPolicy } from "../../../config/retention-policy";
import { LifecyclePolicy } from "../../../constructs/logging/lifecycle-policy";
import { envConfig } from "../../support";

describe("LifecyclePolicy", () => {
  it("L2: renders expiry, noncurrent-version expiry and upload abort for every object, transitions for large ones", () => {
    const config = envConfig("prod");
    const policy = LifecyclePolicy.forLogClass(logClassPolicy(config, "audit"), config.logRetention, "prod");
    expect(policy.rules()).toEqual([
      {
        id: "retention",
        status: "Enabled",
        filter: [{}],
        expiration: [{ days: 365 }],
        noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
      {
        id: "transitions",
        status: "Enabled",
        filter: [{ objectSizeGreaterThan: 131072 }],
        transition: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 90, storageClass: "GLACIER_IR" },
        ],
      },
    ]);
  });

  it("renders no transition rule when objects stay in STANDARD", () => {
    const policy = new LifecyclePolicy({ expirationDays: 30, noncurrentVersionDays: 1, abortIncompleteUploadDays: 1 });
    expect(policy.rules().map((r) => r.id)).toEqual(["retention"]);
    expect(policy.transitionMinObjectSizeBytes).toBe(128 * 1024);
  });

  it("fails when a transition would run after expiry, naming where the values came from", () => {
    expect(
      () =>
        new LifecyclePolicy({
          expirationDays: 30,
          noncurrentVersionDays: 1,
          abortIncompleteUploadDays: 1,
          transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
          source: "[dev] logRetention (access)",
        }),
    ).toThrow("[dev] logRetention (access): invalid lifecycle:\n  - transitions[0].days = 30: must be less than the expiry (30 days): a transition at or after expiry never runs");
  });

  it("fails when small objects would be transitioned and expiry is missing", () => {
    expect(() => new LifecyclePolicy({ expirationDays: 0, noncurrentVersionDays: 1, abortIncompleteUploadDays: 1, transitionMinObjectSizeBytes: 0 })).toThrow(
      "LifecyclePolicy: invalid lifecycle:\n  - expirationDays = 0: must be an integer ≥ 1\n  - transitionMinObjectSizeBytes = 0: must be an integer ≥ 131072",
    );
  });
});
