/** What `cloud15` exits with; scripts and CI branch on these, so they never change meaning. */
export const EXIT = {
  /** The scan ran (findings or not, below `--fail-on`). */
  ok: 0,
  /** The scan could not run: a store failure, or no provider of a tenant could be reached. */
  scanFailed: 1,
  /** Bad usage or a bad config; nothing in the data folder changed. */
  usage: 2,
  /** Findings at or above `--fail-on`. */
  findings: 3,
} as const;
