// Builds the `cloud15` command into dist/cli/: plain JavaScript, so a start compiles nothing.
// `npm ci` runs it (the `prepare` script); `npm test` and `npm run demo` run it again so they
// never start a stale build.
import { readFile, rm } from "node:fs/promises";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Some modules find files beside their source through import.meta.url (the page's HTML, CSS
 * and client code). Bundled, that URL is the chunk's in dist/cli/, so each such module's URL
 * is pointed back at where its source is, from there.
 */
const sourceUrlsFromDist = {
  name: "cloud15-source-urls-from-dist",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const contents = await readFile(args.path, "utf8");
      if (!contents.includes("import.meta.url")) return undefined;
      const fromDist = JSON.stringify(`../../${relative(ROOT, args.path).split(sep).join("/")}`);
      return { contents: contents.replaceAll("import.meta.url", `new URL(${fromDist}, import.meta.url)`), loader: "ts" };
    });
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
  plugins: [sourceUrlsFromDist],
});
