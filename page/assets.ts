import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { buildVendorAssets, type VendorAssets } from "./vendor/assets.ts";

/** The files the page is made of. None holds tenant data. */
export interface PageAssets {
  html: string;
  script: string;
  styles: string;
  icon: string;
  /** The IT vendor's overview (page/vendor/). */
  vendor: VendorAssets;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Bundles the client (TypeScript, several modules) into one ES module in memory. Type-only
 * imports from the feed schema vanish, so the browser gets no TypeBox and no Node code.
 * A Lambda can run this at build time and ship the result instead.
 */
export async function buildPageAssets(): Promise<PageAssets> {
  const [bundle, html, styles, icon, vendor] = await Promise.all([
    build({
      entryPoints: [here("./client/main.ts")],
      bundle: true,
      format: "esm",
      target: "es2022",
      platform: "browser",
      minify: true,
      write: false,
      legalComments: "none",
      logLevel: "silent",
    }),
    readFile(here("./index.html"), "utf8"),
    readFile(here("./styles.css"), "utf8"),
    readFile(here("./icon.svg"), "utf8"),
    buildVendorAssets(),
  ]);
  const script = bundle.outputFiles[0]?.text;
  if (script === undefined) throw new Error("esbuild produced no page script");
  return { html, script, styles, icon, vendor };
}

/** A strong ETag, so browsers revalidate the assets cheaply instead of downloading them again. */
export function etag(content: string): string {
  return `"${createHash("sha256").update(content).digest("base64url").slice(0, 22)}"`;
}
