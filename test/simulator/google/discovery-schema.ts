import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Google's documented response shapes, read from the googleapis clients' sources: their
 * `Schema$…` interfaces are generated from the APIs' discovery documents, field for field.
 * A contract test holds the simulator's JSON to them, so the simulator cannot drift into
 * shapes of its own (or share an assumption with the parser).
 */
export type Shape =
  | { kind: "string" | "number" | "boolean" | "any" }
  | { kind: "array"; of: Shape }
  | { kind: "object"; fields: Map<string, Shape>; name: string }
  | { kind: "map"; of: Shape };

const require = createRequire(import.meta.url);

export interface Discovery {
  schema(name: string): Shape;
  /** The values a field's documentation lists in backticks ("Supported values include: * `owner` …"). */
  documentedValues(schema: string, field: string): string[];
}

/** The generated source of one API version, e.g. `("@googleapis/drive", "v3.ts")`. */
export function discovery(pkg: string, file: string): Discovery {
  return discoveryAt(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

/** A copy of the generated types of an API without a client package, under `discovery/`. */
export function copiedDiscovery(file: string): Discovery {
  return discoveryAt(fileURLToPath(new URL(`discovery/${file}`, import.meta.url)));
}

function discoveryAt(source: string): Discovery {
  const file = basename(source);
  const sf = ts.createSourceFile(source, readFileSync(source, "utf8"), ts.ScriptTarget.Latest, false);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text.startsWith("Schema$")) interfaces.set(node.name.text, node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const cache = new Map<string, Shape>();

  const members = (list: ts.NodeArray<ts.TypeElement>, name: string): Shape => {
    const index = list.find(ts.isIndexSignatureDeclaration);
    if (index) return { kind: "map", of: shapeOf(index.type) };
    const fields = new Map<string, Shape>();
    const shape: Shape = { kind: "object", fields, name };
    for (const m of list) {
      if (ts.isPropertySignature(m) && m.type) fields.set((m.name as ts.Identifier).text, shapeOf(m.type));
    }
    return shape;
  };
  const named = (name: string): Shape => {
    const known = cache.get(name);
    if (known) return known;
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`${file} has no ${name}`);
    // Registered before its members are read: schemas refer to themselves (a Drive file's parents).
    const shape: Shape = { kind: "object", fields: new Map(), name };
    cache.set(name, shape);
    const read = members(decl.members, name);
    if (read.kind === "object") for (const [k, v] of read.fields) shape.fields.set(k, v);
    else cache.set(name, read);
    return cache.get(name)!;
  };
  function shapeOf(node: ts.TypeNode): Shape {
    if (ts.isUnionTypeNode(node)) {
      const rest = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      return rest.length === 1 ? shapeOf(rest[0]!) : { kind: "any" };
    }
    if (ts.isArrayTypeNode(node)) return { kind: "array", of: shapeOf(node.elementType) };
    if (ts.isTypeLiteralNode(node)) return members(node.members, "(inline)");
    if (ts.isTypeReferenceNode(node)) {
      const ref = node.typeName.getText(sf);
      return ref.startsWith("Schema$") ? named(ref) : { kind: "any" };
    }
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword: return { kind: "string" };
      case ts.SyntaxKind.NumberKeyword: return { kind: "number" };
      case ts.SyntaxKind.BooleanKeyword: return { kind: "boolean" };
      default: return { kind: "any" };
    }
  }
  return {
    schema: named,
    documentedValues(schema, field) {
      const member = interfaces.get(schema)?.members.find((m) => ts.isPropertySignature(m) && (m.name as ts.Identifier).text === field);
      if (!member) throw new Error(`${schema} has no ${field}`);
      const doc = ts.getLeadingCommentRanges(sf.text, member.pos)?.map((r) => sf.text.slice(r.pos, r.end)).join("\n") ?? "";
      return [...doc.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!);
    },
  };
}

/** Where `value` departs from `shape`: a field the schema does not document, or a value of another type. */
export function departures(value: unknown, shape: Shape, path = "$"): string[] {
  switch (shape.kind) {
    case "any":
      return [];
    case "string":
    case "number":
    case "boolean":
      return typeof value === shape.kind ? [] : [`${path}: ${JSON.stringify(value)} is not a ${shape.kind}`];
    case "array":
      return Array.isArray(value) ? value.flatMap((v, i) => departures(v, shape.of, `${path}[${i}]`)) : [`${path}: not an array`];
    case "map":
      return isObject(value) ? Object.entries(value).flatMap(([k, v]) => departures(v, shape.of, `${path}.${k}`)) : [`${path}: not an object`];
    case "object":
      if (!isObject(value)) return [`${path}: not an object (${shape.name})`];
      return Object.entries(value).flatMap(([k, v]) => {
        const field = shape.fields.get(k);
        return field ? departures(v, field, `${path}.${k}`) : [`${path}.${k}: not a documented field of ${shape.name}`];
      });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
