/** Columns a terminal gives a string: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** The text cut to `width` columns, ending in "…" when cut. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f)
    || (cp >= 0x2e80 && cp <= 0x303e)
    || (cp >= 0x3041 && cp <= 0x33ff)
    || (cp >= 0x3400 && cp <= 0x4dbf)
    || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0xa000 && cp <= 0xa4cf)
    || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff)
    || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6)
    || (cp >= 0x20000 && cp <= 0x3fffd);
}

/**
 * The text in lines of at most `width` columns, the later ones indented by `indent`: broken
 * at a space where there is one (English), anywhere otherwise (Japanese has no spaces).
 */
export function wrapWidth(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let rest = text;
  while (displayWidth(rest) > width) {
    let cut = "";
    for (const ch of rest) {
      if (displayWidth(cut + ch) > width) break;
      cut += ch;
    }
    const space = cut.lastIndexOf(" ");
    const head = space > indent.length + 8 ? cut.slice(0, space) : cut;
    lines.push(head.trimEnd());
    rest = indent + rest.slice(head.length).trimStart();
  }
  lines.push(rest);
  return lines;
}
