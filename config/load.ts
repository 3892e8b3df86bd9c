import { readFile } from "node:fs/promises";
import { Errors, ValueErrorType, type ValueError } from "@sinclair/typebox/errors";
import type { TSchema } from "@sinclair/typebox";
import { DEFAULT_POLICY, type TenantPolicy } from "../checks/framework.ts";
import type { OwnerPolicy } from "../feed/items.ts";
import "../feed/formats.ts";
import { SecretRefSchema } from "../secrets/secret-ref.ts";
import { ticketTargetIssues } from "../tickets/target-config.ts";
import { jsonErrorOffset } from "./json-error-offset.ts";
import { nearestKey } from "./nearest-key.ts";
import { siteConfigIssues } from "./site-config.ts";
import { ConfigSchema, type Config, type TenantConfig } from "./schema.ts";

/** One thing wrong with a config: where, what should be there, what is. */
export interface ConfigIssue {
  /** A key path such as `tenants[0].aws.region`, or `line 3, column 5` for broken JSON. */
  where: string;
  expected: string;
  found: string;
}

/**
 * A config that cannot be used; the message names the file and each issue, one per line, and
 * how many more there are beyond those shown.
 */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly issues: readonly ConfigIssue[], readonly more = 0) {
    const lines = issues.map((i) => `${file}: ${i.where}: expected ${i.expected}, found ${i.found}`);
    if (more > 0) lines.push(`${file}: and ${more} more problem${more === 1 ? "" : "s"}`);
    super(lines.join("\n"));
    this.name = "ConfigError";
  }
}

/** More than this many issues is one mistake repeated; the first ones are enough to fix it, the rest are counted. */
const MAX_ISSUES = 10;

export async function loadConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const found = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder" : (err as Error).message;
    throw new ConfigError(path, [{ where: "file", expected: "a readable JSON file", found }]);
  }
  return parseConfig(text, path);
}

/** Parses and validates config text; `file` only names it in errors. */
export function parseConfig(text: string, file: string): Config {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new ConfigError(file, [jsonIssue(text, (err as Error).message)]);
  }
  const issues = schemaIssues(value);
  if (issues.length === 0) issues.push(...meaningIssues(value as Config));
  if (issues.length > 0) throw new ConfigError(file, issues.slice(0, MAX_ISSUES), Math.max(0, issues.length - MAX_ISSUES));
  return value as Config;
}

/** The tenant's policy with every setting it leaves out taken from the defaults. */
export function resolvePolicy(tenant: TenantConfig): TenantPolicy {
  const own = tenant.policy ?? {};
  return {
    allowedRegions: own.allowedRegions ? [...own.allowedRegions] : [...DEFAULT_POLICY.allowedRegions],
    accessKeyMaxAgeDays: own.accessKeyMaxAgeDays ?? DEFAULT_POLICY.accessKeyMaxAgeDays,
    inactiveDays: own.inactiveDays ?? DEFAULT_POLICY.inactiveDays,
    administrators: { ...(own.administrators ?? DEFAULT_POLICY.administrators) },
    anyoneLinks: own.anyoneLinks ?? DEFAULT_POLICY.anyoneLinks,
  };
}

/** The rules in force, and which of them the tenant's config sets: the grid says which are defaults. */
export function ownerPolicyOf(tenant: TenantConfig): OwnerPolicy {
  const own = tenant.policy ?? {};
  return {
    rules: resolvePolicy(tenant),
    setByOwner: (Object.keys(DEFAULT_POLICY) as (keyof TenantPolicy)[]).filter((key) => own[key] !== undefined),
  };
}

function jsonIssue(text: string, message: string): ConfigIssue {
  // V8 appends a position or a quoted snippet of the text; the location is given separately.
  const found = message.replace(/ in JSON at position \d+.*$/s, "").replace(/, ".*" is not valid JSON$/s, "");
  const before = text.slice(0, jsonErrorOffset(text)).split("\n");
  return { where: `line ${before.length}, column ${before[before.length - 1]!.length + 1}`, expected: "valid JSON", found };
}

function schemaIssues(value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const reported = new Set<string>();
  for (const error of byKind(Errors(ConfigSchema, value))) {
    // TypeBox reports a missing key twice (required, then wrong type): the first says it best.
    if (reported.has(error.path)) continue;
    reported.add(error.path);
    issues.push({ where: keyPath(error.path, value), expected: expectation(error), found: describeFound(error) });
  }
  return issues;
}

/**
 * A union of objects told apart by `kind` (a ticket target) fails as a whole, and "expected
 * union value" says nothing: the errors of the variant the value names say what is wrong.
 */
function* byKind(errors: Iterable<ValueError>): Generator<ValueError> {
  for (const error of errors) {
    const kind = (error.value as { kind?: unknown } | null | undefined)?.kind;
    const variants = (error.schema.anyOf as TSchema[] | undefined) ?? [];
    const chosen = error.type === ValueErrorType.Union && typeof kind === "string"
      ? variants.findIndex((v) => (v.properties as Record<string, TSchema> | undefined)?.kind?.const === kind)
      : -1;
    const inner = error.errors[chosen];
    if (inner) yield* byKind(inner);
    else yield error;
  }
}

/** Rules a JSON Schema cannot say. */
function meaningIssues(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstIndex = new Map<string, number>();
  config.tenants.forEach((tenant, i) => {
    const first = firstIndex.get(tenant.id);
    if (first === undefined) firstIndex.set(tenant.id, i);
    else {
      issues.push({
        where: `tenants[${i}].id`,
        expected: `an id no other tenant uses (tenants[${first}] already has it)`,
        found: JSON.stringify(tenant.id),
      });
    }
    const admins = tenant.policy?.administrators;
    if (admins && admins.min > admins.max) {
      issues.push({
        where: `tenants[${i}].policy.administrators`,
        expected: "min not greater than max",
        found: `min ${admins.min}, max ${admins.max}`,
      });
    }
    issues.push(...ticketTargetIssues(tenant.tickets ?? [], `tenants[${i}].tickets`));
    issues.push(...siteConfigIssues(tenant.sites ?? [], `tenants[${i}].sites`));
  });
  return issues;
}

/**
 * `/tenants/0/aws/region` → `tenants[0].aws.region`. The value is walked alongside, so an
 * object key that looks like a number (an attestation's "3") is not shown as a list index.
 */
function keyPath(pointer: string, root: unknown): string {
  if (pointer === "") return "(top level)";
  let path = "";
  let node = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) path += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path === "" ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function expectation(error: ValueError): string {
  const schema = error.schema;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties: {
      const allowed = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
      const meant = nearestKey(error.path.slice(error.path.lastIndexOf("/") + 1), allowed);
      if (meant) return `no such key: did you mean "${meant}"? (allowed here: ${allowed.join(", ")})`;
      if (allowed.length > 0) return `no such key (allowed here: ${allowed.join(", ")})`;
      return `no such key (${schema.description ?? "keys must match the schema"})`;
    }
    case ValueErrorType.ObjectRequiredProperty:
      return `this key, required: ${describeSchema(schema)}`;
    case ValueErrorType.StringFormat:
      return FORMATS[schema.format as string] ?? `a string in format ${schema.format}`;
    default:
      return describeSchema(schema, error.message);
  }
}

const FORMATS: Record<string, string> = {
  date: "a date as YYYY-MM-DD, e.g. 2026-04-01",
  "date-time": "a date and time as in 2026-04-01T09:00:00Z",
};

function describeSchema(schema: TSchema, fallback?: string): string {
  const literals = (schema.anyOf as TSchema[] | undefined)?.map((s) => s.const);
  if (literals && literals.every((l) => l !== undefined)) {
    return `one of ${literals.map((l) => JSON.stringify(l)).join(", ")}`;
  }
  // Said first, so a single value where a list belongs reads as that mistake.
  if (schema.type === "array") {
    const list = schema.minItems ? `a list of at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}` : "a list";
    return typeof schema.description === "string" ? `${list} (${schema.description})` : list;
  }
  if (typeof schema.description === "string") return schema.description;
  const parts: string[] = [];
  if (schema.type === "integer" || schema.type === "number") {
    parts.push(schema.type === "integer" ? "a whole number" : "a number");
    if (schema.minimum !== undefined) parts.push(`at least ${schema.minimum}`);
    if (schema.maximum !== undefined) parts.push(`at most ${schema.maximum}`);
    return parts.join(", ");
  }
  if (schema.type === "string") {
    if (schema.pattern) return `a string matching ${schema.pattern}`;
    if (schema.minLength) return `a string of at least ${schema.minLength} character${schema.minLength === 1 ? "" : "s"}`;
    return "a string";
  }
  if (schema.type === "object") return "an object";
  if (schema.type === "boolean") return "true or false";
  return fallback ? fallback.replace(/^Expected /, "") : "a valid value";
}

function describeFound(error: ValueError): string {
  if (error.type === ValueErrorType.ObjectRequiredProperty) return "nothing";
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return "an unknown key";
  const value = error.value;
  // A secret typed in where its reference belongs must not be echoed to a terminal or a log.
  if (error.schema.anyOf === SecretRefSchema.anyOf && typeof value === "string") return "a plain string (not shown: it may be the secret itself)";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
