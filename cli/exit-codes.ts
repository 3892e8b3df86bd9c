/** What `cloud15` exits with; scripts and CI branch on these, so they never change meaning. */
export const EXIT = {
  /** The scan ran and read everything (findings or not, below `--fail-on`). */
  ok: 0,
  /**
   * The scan could not run: a store failure, or it collected nothing from a tenant (every
   * provider unreachable; its feed keeps the previous verdicts, marked stale).
   */
  scanFailed: 1,
  /** Bad usage or a bad config; nothing in the data folder changed. */
  usage: 2,
  /** Findings at or above `--fail-on`. */
  findings: 3,
  /**
   * The scan ran but did not read everything: a permission was denied, or a provider could not
   * be reached (its previous verdicts are kept, marked stale). The feed says what was not seen.
   */
  incomplete: 4,
} as const;
