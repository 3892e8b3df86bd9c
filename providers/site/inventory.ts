import { createHash } from "node:crypto";
import { parse, type DefaultTreeAdapterTypes } from "parse5";

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document | DefaultTreeAdapterTypes.DocumentFragment;
type Element = DefaultTreeAdapterTypes.Element;

/** What the HTML of a page holds, before any script is fetched. */
export interface PageMarkup {
  scripts: ({ inline: false; src: string } | { inline: true; text: string })[];
  forms: { action: string; method: string }[];
  iframes: string[];
  generator?: string;
  metaCsp?: string;
}

/**
 * Script types a browser runs. Others (JSON-LD, templates) are data: a change in them is no
 * tampering with code, and counting them would raise an alarm at every price change.
 */
const EXECUTABLE = new Set(["", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript", "application/x-javascript"]);

/**
 * Reads a page as a browser's parser does (parse5 follows the HTML standard, so a script
 * hidden by malformed markup is still found). URLs are resolved against `<base href>` when
 * there is one, as the browser would.
 */
export function readMarkup(html: string, pageUrl: string): PageMarkup {
  const document = parse(html);
  const elements = [...walk(document)];
  const baseHref = elements.find((e) => e.tagName === "base" && attr(e, "href") !== undefined);
  const base = resolve(attr(baseHref!, "href") ?? "", pageUrl) ?? pageUrl;
  const markup: PageMarkup = { scripts: [], forms: [], iframes: [] };
  for (const element of elements) {
    if (element.tagName === "script") {
      const type = (attr(element, "type") ?? "").trim().toLowerCase();
      if (!EXECUTABLE.has(type)) continue;
      const src = attr(element, "src");
      if (src !== undefined && src.trim() !== "") {
        const url = resolve(src, base);
        if (url) markup.scripts.push({ inline: false, src: url });
      } else {
        markup.scripts.push({ inline: true, text: textOf(element) });
      }
    } else if (element.tagName === "form") {
      const action = attr(element, "action");
      markup.forms.push({
        action: (action && resolve(action, base)) || pageUrl,
        method: (attr(element, "method") ?? "get").toLowerCase(),
      });
    } else if (element.tagName === "iframe") {
      const src = attr(element, "src");
      if (src) markup.iframes.push(resolve(src, base) ?? src);
    } else if (element.tagName === "meta") {
      const name = attr(element, "name")?.toLowerCase();
      const equiv = attr(element, "http-equiv")?.toLowerCase();
      if (name === "generator") markup.generator = attr(element, "content") ?? "";
      if (equiv === "content-security-policy") markup.metaCsp = attr(element, "content") ?? "";
    }
  }
  return markup;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function* walk(node: Node): Generator<Element> {
  if ("tagName" in node) yield node;
  if ("childNodes" in node) for (const child of node.childNodes) yield* walk(child);
}

function attr(element: Element | undefined, name: string): string | undefined {
  return element?.attrs.find((a) => a.name === name)?.value;
}

function textOf(element: Element): string {
  return element.childNodes.map((n) => ("value" in n && n.nodeName === "#text" ? n.value : "")).join("");
}

function resolve(href: string, base: string): string | undefined {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}
