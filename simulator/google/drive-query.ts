import { visibilityOf, type SimFile } from "./model.ts";
import { invalidValue } from "./wire.ts";

/** A file as a `q` expression sees it. */
export interface QueryTarget {
  file: SimFile;
  /** Owner's e-mail; shared-drive items have none. */
  owner?: string;
  /** The user the request speaks for, whom `'me'` means. */
  requester: string;
}

export type FilePredicate = (target: QueryTarget) => boolean;

export interface DriveQuery {
  test: FilePredicate;
  /**
   * Set when the query only matches files of this owner (`'me'` for the requester), so the
   * server can look at that owner's files alone instead of everything the requester can see.
   */
  owner?: string;
}

/**
 * The part of Drive's search query language the scanner and tests use: `visibility`,
 * `trashed`, `mimeType`, `name`, `'…' in owners`, joined with `and`, `or`, `not` and
 * parentheses. Anything else gets Drive's own answer to a query it cannot parse.
 */
export function parseDriveQuery(q: string): DriveQuery {
  const tokens = tokenize(q);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const t = tokens[at++];
    if (t === undefined) throw invalidValue("q");
    return t;
  };
  const keyword = (word: string) => {
    const t = peek();
    if (t?.kind === "word" && t.text.toLowerCase() === word) {
      at++;
      return true;
    }
    return false;
  };

  const or = (): DriveQuery => {
    const parts = [and()];
    while (keyword("or")) parts.push(and());
    const owners = new Set(parts.map((p) => p.owner));
    const owner = owners.size === 1 ? [...owners][0] : undefined;
    return { test: (x) => parts.some((p) => p.test(x)), ...(owner !== undefined ? { owner } : {}) };
  };
  const and = (): DriveQuery => {
    const parts = [unary()];
    while (keyword("and")) parts.push(unary());
    const owner = parts.find((p) => p.owner !== undefined)?.owner;
    return { test: (x) => parts.every((p) => p.test(x)), ...(owner !== undefined ? { owner } : {}) };
  };
  const unary = (): DriveQuery => {
    if (keyword("not")) {
      const inner = unary();
      return { test: (x) => !inner.test(x) };
    }
    if (peek()?.kind === "(") {
      at++;
      const inner = or();
      if (next().kind !== ")") throw invalidValue("q");
      return inner;
    }
    return term();
  };
  const term = (): DriveQuery => {
    const first = next();
    if (first.kind === "string") {
      if (!keyword("in")) throw invalidValue("q");
      const collection = next();
      if (collection.kind !== "word" || collection.text !== "owners") throw invalidValue("q");
      const who = first.text;
      return { test: (x) => x.owner !== undefined && x.owner === (who === "me" ? x.requester : who), owner: who };
    }
    if (first.kind !== "word") throw invalidValue("q");
    const op = next();
    if (op.kind !== "op" && !(op.kind === "word" && op.text === "contains")) throw invalidValue("q");
    const value = next();
    return { test: comparison(first.text, op.text, value) };
  };

  const query = or();
  if (at !== tokens.length) throw invalidValue("q");
  return query;
}

type Token = { kind: "string" | "word" | "op" | "(" | ")"; text: string };

function comparison(field: string, op: string, value: Token): FilePredicate {
  const equality = (actual: (x: QueryTarget) => unknown, expected: unknown): FilePredicate => {
    if (op === "=") return (x) => actual(x) === expected;
    if (op === "!=") return (x) => actual(x) !== expected;
    throw invalidValue("q");
  };
  switch (field) {
    case "visibility":
      if (value.kind !== "string") throw invalidValue("q");
      if (!["anyoneCanFind", "anyoneWithLink", "domainCanFind", "domainWithLink", "limited"].includes(value.text)) throw invalidValue("q");
      return equality((x) => visibilityOf(x.file.permissions), value.text);
    case "trashed":
      if (value.kind !== "word" || !["true", "false"].includes(value.text)) throw invalidValue("q");
      return equality((x) => x.file.trashed === true, value.text === "true");
    case "mimeType":
      if (value.kind !== "string") throw invalidValue("q");
      return equality((x) => x.file.mimeType, value.text);
    case "name":
      if (value.kind !== "string") throw invalidValue("q");
      if (op === "contains") return (x) => x.file.name.includes(value.text);
      return equality((x) => x.file.name, value.text);
    default:
      throw invalidValue("q");
  }
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let text = "";
      i++;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === "\\" && i + 1 < q.length) i++;
        text += q[i];
        i++;
      }
      if (i >= q.length) throw invalidValue("q");
      i++;
      tokens.push({ kind: "string", text });
    } else if (ch === "(" || ch === ")") {
      tokens.push({ kind: ch, text: ch });
      i++;
    } else if (ch === "!" && q[i + 1] === "=") {
      tokens.push({ kind: "op", text: "!=" });
      i += 2;
    } else if (ch === "=") {
      tokens.push({ kind: "op", text: "=" });
      i++;
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i));
      if (!word) throw invalidValue("q");
      tokens.push({ kind: "word", text: word[0] });
      i += word[0].length;
    }
  }
  return tokens;
}
