/**
 * How long real work may take when the machine running the tests is busy: CI runners and
 * developer machines share their cores. Each limit only ends work that hangs; readiness is
 * always waited for by its event (a first answer, an exit), never by the clock. Measured on
 * 2 cores at load 20, where a process gets a few percent of a core.
 */

/** `osls package` and `osls offline`'s bundling: ~6.5 s of CPU; 205 s of wall time at load 20. */
export const PACKAGING_MS = 900_000;

/** moto_server's first answer: under 1 s of CPU; 40 s of wall time at load 20. */
export const MOTO_START_MS = 180_000;

/** Redmine's boot under thin, or its one-time setup (`rails runner`): seconds of CPU, over 90 s at load 20. */
export const REDMINE_BOOT_MS = 300_000;
