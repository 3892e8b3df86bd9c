// Builds the `cloud15` command into dist/cli/: plain JavaScript, so a start compiles nothing.
// `npm ci` runs it (the `prepare` script); `npm test` and `npm run demo` run it again so they
// never start a stale build.
import { readFile, rm } from "node:fs/promises";
import { build } from "esbuild";

/**
 * page/assets.ts finds the page's source files next to itself through import.meta.url. Bundled,
 * that URL is the chunk's in dist/cli/, so it is pointed back at page/ from there.
 */
const pageSourcesFromDist = {
  name: "cloud15-page-sources-from-dist",
  setup(b) {
    b.onLoad({ filter: /[\\/]page[\\/]assets\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8"))
        .replaceAll("import.meta.url", 'new URL("../../page/assets.ts", import.meta.url)'),
      loader: "ts",
    }));
  },
};

// Chunk names change with their content: old ones would pile up beside the new.
await rm("dist/cli", { recursive: true, force: true });
await build({
  entryPoints: { main: "cli/main.ts" },
  outdir: "dist/cli",
  bundle: true,
  // Dependencies stay in node_modules, loaded when a command first needs them.
  packages: "external",
  // Every dynamic import() becomes its own chunk: `--help` loads none of the scan code.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [pageSourcesFromDist],
});
