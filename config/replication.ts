/** Replication of the logs and traces write paths, shared by their validation and their Helm values. */

/** Replication factor of Loki's and Tempo's write path when they run highly available (quorum of 2 out of 3). */
export const HA_REPLICATION_FACTOR = 3;
