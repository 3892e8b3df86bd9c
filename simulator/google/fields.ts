import { GoogleError } from "./wire.ts";

/**
 * Google's partial response (`fields=users(primaryEmail,name/fullName),nextPageToken`):
 * a response keeps only what the mask names. A list page whose mask leaves out
 * `nextPageToken` therefore tells the client nothing about a next page.
 */
export type Selection = Map<string, Selection | null>;

export function parseFields(mask: string): Selection {
  const parser = new MaskParser(mask);
  const selection = parser.list();
  if (!parser.done()) throw invalidSelection(mask);
  return selection;
}

export function applyFields(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFields(item, selection));
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const wildcard = selection.get("*");
  for (const key of Object.keys(source)) {
    const sub = selection.has(key) ? selection.get(key)! : wildcard;
    if (sub === undefined) continue;
    out[key] = sub === null ? source[key] : applyFields(source[key], sub);
  }
  return out;
}

/** Applies `fields` when the request has one, otherwise the method's default selection. */
export function select(response: unknown, fields: string | null, defaults: string): unknown {
  return applyFields(response, parseFields(fields ?? defaults));
}

function invalidSelection(mask: string): GoogleError {
  return new GoogleError(400, "invalidParameter", `Invalid field selection ${mask}`, { location: "fields" });
}

class MaskParser {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at === this.text.length;
  }

  list(): Selection {
    const selection: Selection = new Map();
    do {
      this.item(selection);
    } while (this.eat(","));
    return selection;
  }

  private item(into: Selection): void {
    const path = [this.name()];
    while (this.eat("/")) path.push(this.name());
    let sub: Selection | null = null;
    if (this.eat("(")) {
      sub = this.list();
      if (!this.eat(")")) throw invalidSelection(this.text);
    }
    let level = into;
    for (const [i, key] of path.entries()) {
      const last = i === path.length - 1;
      const existing = level.get(key);
      if (last) {
        level.set(key, existing === null || sub === null ? null : merge(existing ?? new Map(), sub));
        return;
      }
      if (existing === null) return;
      const next = existing ?? new Map();
      level.set(key, next);
      level = next;
    }
  }

  private name(): string {
    const match = /^(\*|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.text.slice(this.at).trimStart());
    if (!match) throw invalidSelection(this.text);
    this.at = this.text.length - this.text.slice(this.at).trimStart().length + match[0].length;
    return match[0];
  }

  private eat(ch: string): boolean {
    const rest = this.text.slice(this.at);
    const skipped = rest.length - rest.trimStart().length;
    if (rest.trimStart().startsWith(ch)) {
      this.at += skipped + 1;
      return true;
    }
    return false;
  }
}

function merge(a: Selection, b: Selection): Selection {
  const out = new Map(a);
  for (const [key, sub] of b) {
    const existing = out.get(key);
    out.set(key, existing === null || sub === null ? null : existing === undefined ? sub : merge(existing, sub));
  }
  return out;
}
