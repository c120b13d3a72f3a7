/** Lifecycle settings the backup domain's buckets share. */

/** Days after which an unfinished multipart upload into a backup bucket is aborted (its parts are billed until then). */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
