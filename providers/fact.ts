/**
 * A fact is what a provider collected, or why it could not. Checks never see a
 * half-collected value: they unwrap a fact with `value()`, which throws when the
 * collection failed, so the framework turns the result into `error` (fail closed).
 */
export interface CollectionError {
  /** API operation that failed, e.g. `GetBucketPolicy`. */
  operation: string;
  /** IAM action / OAuth scope / Graph permission that would allow it, when known. */
  permission?: string;
  /** Service error code (`AccessDenied`, `Throttling`, `TimeoutError`, ...). */
  code: string;
  message: string;
}

export type Fact<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CollectionError };

export function collected<T>(value: T): Fact<T> {
  return { ok: true, value };
}

export function failed(error: CollectionError): Fact<never> {
  return { ok: false, error };
}

/** Thrown by `value()`; caught by the check framework, never by checks. */
export class FactUnavailable extends Error {
  constructor(readonly error: CollectionError) {
    super(`${error.operation}: ${error.code}`);
  }
}

/** A fact that was not collected at all (the collector decided it was not needed). */
const NOT_COLLECTED: CollectionError = {
  operation: "(not collected)",
  code: "NotCollected",
  message: "the collector did not gather this fact",
};

export function value<T>(fact: Fact<T> | undefined): T {
  if (fact === undefined) throw new FactUnavailable(NOT_COLLECTED);
  if (!fact.ok) throw new FactUnavailable(fact.error);
  return fact.value;
}

/**
 * A feature the tenant's edition or licence does not include (Entra ID P1, a Workspace
 * edition without the Policy API): checks that need it are `skipped` with this reason,
 * never `pass` and never `fail`.
 */
export interface Unlicensed {
  readonly unlicensed: { ja: string; en: string };
}

export function isUnlicensed(v: unknown): v is Unlicensed {
  return typeof v === "object" && v !== null && "unlicensed" in v;
}
