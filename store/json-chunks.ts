/**
 * `JSON.stringify(value, null, 2)` as a sequence of pieces whose concatenation is that text,
 * byte for byte. A feed of a few hundred buckets is megabytes of text (two bytes a character
 * once it holds Japanese); built whole, it and its UTF-8 copy come on top of the feed object at
 * the scan's memory peak. Pieces are written as they come and dropped.
 *
 * Objects and arrays are walked down to `depth` levels; each value below is one piece, given
 * to JSON.stringify itself and indented to its place, so what a piece holds is one finding,
 * not the feed.
 */
export function* prettyJsonChunks(value: unknown, depth = 2): Generator<string> {
  const json = jsonValue(value, "");
  if (!hasJsonForm(json)) throw new TypeError("the value has no JSON form");
  yield* chunksOf(json, "", depth);
}

const INDENT = "  ";

/** Yields the pieces of a value that has a JSON form, placed at `indent`. */
function* chunksOf(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth <= 0 || !isObject(value) || isBoxed(value)) {
    const text = JSON.stringify(value, null, 2);
    yield indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "[" : ","}\n${inner}`;
      const element = jsonValue(value[i], String(i));
      // An array keeps its places: what has no JSON form is null there.
      if (hasJsonForm(element)) yield* chunksOf(element, inner, depth - 1);
      else yield "null";
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const name of Object.keys(value)) {
    const member = jsonValue((value as Record<string, unknown>)[name], name);
    if (!hasJsonForm(member)) continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(name)}: `;
    first = false;
    yield* chunksOf(member, inner, depth - 1);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** A value as JSON.stringify sees it: what its toJSON (a Date's) gives, called with its key. */
function jsonValue(value: unknown, key: string): unknown {
  return isObject(value) && typeof (value as { toJSON?: unknown }).toJSON === "function"
    ? (value as { toJSON: (key: string) => unknown }).toJSON(key)
    : value;
}

/** What JSON.stringify writes rather than leaving a member out: not undefined, a function or a symbol. */
function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** `new String("x")` and the like are written as their primitive. */
function isBoxed(value: object): boolean {
  return value instanceof String || value instanceof Number || value instanceof Boolean;
}
