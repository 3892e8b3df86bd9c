import { buildPageAssets, type PageAssets } from "../page/assets.ts";

/**
 * The findings page's files. Run from source (tests, `tsx`), this bundles them with esbuild;
 * in a Lambda package, deploy/esbuild-page-assets.mjs replaces this module with the files
 * built at packaging time, so no function ships or runs esbuild.
 */
export function pageAssets(): Promise<PageAssets> {
  return buildPageAssets();
}
