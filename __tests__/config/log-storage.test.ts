import { STORAGE_CLASS_RULES, TRANSITION_STORAGE_CLASSES, transitionProblems } from "../../config/log-storage";
import type { StorageTransition } from "../../config/types";

describe("transitionProblems", () => {
  it("accepts STANDARD_IA at 30 days then GLACIER_IR at 90 days for a 365-day retention", () => {
    expect(transitionProblems([{ days: 30, storageClass: "STANDARD_IA" }, { days: 90, storageClass: "GLACIER_IR" }], 365)).toEqual([]);
  });

  it("accepts the boundary: exactly the minimum storage duration before expiry", () => {
    expect(transitionProblems([{ days: 30, storageClass: "STANDARD_IA" }], 60)).toEqual([]);
    expect(transitionProblems([{ days: 30, storageClass: "STANDARD_IA" }], 59)).toEqual([
      { index: 0, field: "days", value: 30, allowed: "must leave ≥ 30 days in STANDARD_IA before expiry at 59 days: S3 bills STANDARD_IA for a minimum of 30 days" },
    ]);
  });

  it("fails when DEEP_ARCHIVE is left before its 180 days", () => {
    expect(transitionProblems([{ days: 200, storageClass: "DEEP_ARCHIVE" }], 365)[0]!.allowed).toBe(
      "must leave ≥ 180 days in DEEP_ARCHIVE before expiry at 365 days: S3 bills DEEP_ARCHIVE for a minimum of 180 days",
    );
  });

  it("fails when transitions are out of order", () => {
    const plan: StorageTransition[] = [{ days: 100, storageClass: "INTELLIGENT_TIERING" }, { days: 100, storageClass: "GLACIER" }];
    expect(transitionProblems(plan, 365)).toEqual([{ index: 1, field: "days", value: 100, allowed: "must be later than the previous transition (100 days)" }]);
  });

  it("fails when a storage class is unknown", () => {
    const plan = [{ days: 30, storageClass: "STANDARD" }] as unknown as StorageTransition[];
    expect(transitionProblems(plan, 90)[0]).toMatchObject({ field: "storageClass", allowed: `must be one of ${TRANSITION_STORAGE_CLASSES.join(", ")}` });
  });

  it("fails when days is not a whole number", () => {
    expect(transitionProblems([{ days: 30.5, storageClass: "GLACIER" }], 365)[0]!.allowed).toBe("must be an integer ≥ 0 (days after object creation)");
  });

  it("lists S3's supported next classes only further down the waterfall", () => {
    for (const [i, c] of TRANSITION_STORAGE_CLASSES.entries()) {
      for (const next of STORAGE_CLASS_RULES[c].next) expect(TRANSITION_STORAGE_CLASSES.indexOf(next)).toBeGreaterThan(i);
    }
  });
});
