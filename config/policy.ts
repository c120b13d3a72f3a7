/**
 * The operations guide's fixed values (REQUIREMENTS.md, marked *guide*), in one place.
 *
 * `staging` and `prod` run with `policy: "guide"` and validation holds them to these numbers; `dev` runs
 * with `policy: "relaxed"` and may deviate, but only through its own environment config. Constructs never
 * read this module directly: they receive the environment's values, so a relaxed environment cannot be
 * tightened or loosened by editing a construct.
 */
export const GUIDE = {
  /** L2: log retention per log kind, in days. */
  logRetention: {
    applicationDays: 30,
    accessDays: 90,
    auditDays: 365,
  },
  /** B4: recovery objectives. */
  recovery: {
    rpoHours: 1,
    rtoHours: 4,
  },
  /** B2: database backups, daily full plus hourly incremental. */
  backupFrequency: {
    databaseFullEveryHours: 24,
    databaseIncrementalEveryHours: 1,
  },
  /** B3: a randomly chosen backup is restored and verified every week. */
  verification: {
    restoreTestEveryDays: 7,
  },
  /** K1: scale-out and expansion thresholds. */
  capacity: {
    cpuScaleOutPercent: 70,
    memoryScaleOutPercent: 80,
    diskExpansionPercent: 70,
  },
  /** A1, A5, A6: the guide's critical alert thresholds. */
  alerts: {
    httpErrorRatioPercent: 1,
    memoryUsageCriticalPercent: 90,
    diskFreeCriticalPercent: 10,
  },
} as const;

/**
 * S1: the CIS AWS Foundations Benchmark values the account baseline is held to (the guide names the
 * password policy and unused credentials but no numbers; CIS supplies them). Accounts may be stricter.
 */
export const CIS = {
  /** CIS 1.8–1.9 (v1.4): length ≥ 14, reuse prevention 24; v1.2's 90-day maximum age is kept. */
  passwordPolicy: {
    minimumLength: 14,
    reusePrevention: 24,
    maxAgeDays: 90,
  },
  /** CIS 1.12 (v1.4): credentials unused for 45 days or more are disabled. */
  unusedCredentialsMaxAgeDays: 45,
} as const;

/** Whether an environment is held to {@link GUIDE} (`guide`) or may relax it through its own config (`relaxed`). */
export type PolicyLevel = "guide" | "relaxed";
