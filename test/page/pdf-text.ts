import { inflateSync } from "node:zlib";

/**
 * The text of a PDF as Chromium prints it, enough for a test to read a report: objects and
 * their streams, each font's ToUnicode map, and the strings shown with Tj / TJ in the page
 * contents. Chromium (Skia) writes every font as a CID font with a ToUnicode map, which is
 * what this relies on; it is not a general PDF reader.
 */

interface PdfObject { dict: string; stream?: Buffer }

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const found = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    const body = text.slice(start, end);
    const at = body.search(/\bstream\r?\n/);
    if (at < 0) {
      found.set(Number(m[1]), { dict: body });
      continue;
    }
    const dataStart = start + at + body.slice(at).indexOf("\n") + 1;
    const dataEnd = text.lastIndexOf("endstream", end);
    let stream = pdf.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(body.slice(0, at))) stream = inflateSync(stream, { finishFlush: 2 });
    found.set(Number(m[1]), { dict: body.slice(0, at), stream });
  }
  return found;
}

interface CMap { bytes: number; map: Map<number, string> }

function utf16(hex: string): string {
  let out = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

function parseCMap(source: string): CMap {
  const map = new Map<number, string>();
  const range = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(source);
  const bytes = range ? range[1]!.length / 2 : 2;
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src!, 16), utf16(dst!));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const first = parseInt(dst!, 16);
      for (let c = parseInt(lo!, 16); c <= parseInt(hi!, 16); c++) map.set(c, String.fromCharCode(first + c - parseInt(lo!, 16)));
    }
  }
  return { bytes, map };
}

function decode(hex: string, cmap: CMap | undefined): string {
  if (!cmap) return "";
  const width = cmap.bytes * 2;
  let out = "";
  for (let i = 0; i + width <= hex.length; i += width) out += cmap.map.get(parseInt(hex.slice(i, i + width), 16)) ?? "";
  return out;
}

export function pdfText(pdf: Buffer): string {
  const all = objects(pdf);
  const fontCMap = new Map<number, CMap>();
  for (const [n, o] of all) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict)?.[1];
    const cmap = ref ? all.get(Number(ref))?.stream : undefined;
    if (cmap) fontCMap.set(n, parseCMap(cmap.toString("latin1")));
  }
  const fontByName = new Map<string, number>();
  for (const o of all.values()) {
    for (const [, name, ref] of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontByName.set(name!, Number(ref));
  }
  let text = "";
  for (const o of all.values()) {
    if (!o.stream || fontCMap.size === 0) continue;
    const content = o.stream.toString("latin1");
    if (!/\bTf\b/.test(content)) continue;
    let cmap: CMap | undefined;
    for (const token of content.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)>|\b(ET)\b/g)) {
      if (token[1]) cmap = fontCMap.get(fontByName.get(token[1]) ?? -1);
      else if (token[2] !== undefined) text += decode(token[2], cmap);
      else text += "\n";
    }
  }
  return text;
}
