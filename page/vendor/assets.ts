import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The vendor overview's files; like the owner's page, they hold no tenant data. */
export interface VendorAssets {
  html: string;
  script: string;
  styles: string;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Bundled apart from the owner's page: an owner's browser never loads the vendor's code, nor the other way round. */
export async function buildVendorAssets(): Promise<VendorAssets> {
  const [bundle, html, styles] = await Promise.all([
    build({
      entryPoints: [here("./client.ts")],
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
    readFile(here("./vendor.css"), "utf8"),
  ]);
  const script = bundle.outputFiles[0]?.text;
  if (script === undefined) throw new Error("esbuild produced no vendor page script");
  return { html, script, styles };
}
