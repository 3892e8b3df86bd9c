// Builds the `cloud15` command into dist/cli/: plain JavaScript, so a start compiles nothing.
// `npm ci` runs it (the `prepare` script); `npm test` and `npm run demo` run it again so they
// never start a stale build.
import { readFile, rm } from "node:fs/promises";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { awsSdkSchemaKeysInlined } from "./esbuild-plugins.mjs";

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

/** Leaves every package external but those `bundled` matches. */
function bundleOnly(bundled) {
  return {
    name: "cloud15-bundle-only",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:") || bundled.test(args.path)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

// Chunk names change with their content: old ones would pile up beside the new.
await rm("dist/cli", { recursive: true, force: true });
await build({
  entryPoints: { main: "cli/main.ts" },
  outdir: "dist/cli",
  bundle: true,
  // Dependencies stay in node_modules, loaded when a command first needs them; the AWS SDK
  // and TypeBox are bundled instead (tree-shaken ESM, as in the Lambda bundles): loaded from
  // node_modules, each client's whole CommonJS build costs a scan tens of MB.
  mainFields: ["module", "main"],
  plugins: [sourceUrlsFromDist, awsSdkSchemaKeysInlined, bundleOnly(/^(@aws-sdk|@smithy|@aws-crypto|@aws\/|@sinclair\/typebox|mnemonist|obliterator)/)],
  // Every dynamic import() becomes its own chunk: `--help` loads none of the scan code.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});
