// esbuild plugins for the Lambda packages (serverless.yml: custom.esbuild.plugins).
// serverless-esbuild loads this file with require(), which takes ES modules without
// top-level await on Node 20.19 and later.
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Built once per packaging run, however many functions include the page. */
let assets;
function builtPageAssets() {
  assets ??= tsImport("../page/assets.ts", import.meta.url).then((m) => m.buildPageAssets());
  return assets;
}

/**
 * functions/page-assets.ts bundles the page's files with esbuild when it runs. In a package it
 * becomes those files, built now: the Lambda serves them from memory and needs no esbuild.
 */
const prebuiltPageAssets = {
  name: "cloud15-prebuilt-page-assets",
  setup(build) {
    build.onLoad({ filter: /[\\/]functions[\\/]page-assets\.ts$/ }, async () => ({
      contents: `export function pageAssets() { return Promise.resolve(${JSON.stringify(await builtPageAssets())}); }`,
      loader: "js",
    }));
  },
};

/**
 * A plugin that answers imports matching `filter` with generated code instead of the module:
 * `contents(path)` is the replacement, resolved from the repository when it imports anything.
 */
function replaceModules(name, filter, contents) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, (args) => ({ contents: contents(args.path), loader: "js", resolveDir: ROOT }));
    },
  };
}

/**
 * page/assets.ts imports esbuild for its build function, which a Lambda never calls (see
 * above). esbuild's own package is a native binary plus a CommonJS wrapper that cannot be
 * tree-shaken, so it is replaced by a stub that says why it is missing.
 */
const noEsbuild = replaceModules("cloud15-no-esbuild", /^esbuild$/, () =>
  'export function build() { throw new Error("esbuild is not in the Lambda package: the page files are built when packaging"); }');

/**
 * Modules a dependency imports for environments a Lambda is not, each replaced by a stub that
 * fails loudly should the reasoning below ever stop holding:
 * - bowser: the AWS SDK parses a browser's user agent with it; on Node it reads process.versions.
 * - web-streams-polyfill: fetch-blob (node-fetch, under gaxios) loads it only when
 *   globalThis.ReadableStream is missing, which Node has had since 18.
 */
const notForLambda = replaceModules("cloud15-not-for-lambda", /^(bowser|web-streams-polyfill(\/.*)?)$/, (path) =>
  `throw new Error(${JSON.stringify(`${path} is not in the Lambda package (deploy/esbuild-plugins.mjs says why)`)});`);

/**
 * In Lambda the function's role arrives as environment variables, and the SDK's default
 * credential chain stops at its first link, fromEnv. The other links (SSO, profiles, web
 * identity, container and instance metadata) are 100 kB of chunks every function would carry
 * unread, so a package gets a chain of that one link. `osls offline` and `osls invoke local`
 * keep the whole chain: on a developer's machine the credentials may well come from a profile.
 */
const lambdaCredentials = replaceModules("cloud15-lambda-credentials", /^@aws-sdk\/credential-provider-node$/, () =>
  'import { fromEnv } from "@aws-sdk/credential-provider-env"; export const defaultProvider = (init = {}) => fromEnv(init);');
/** `osls package` or `osls deploy`, as opposed to `osls offline` or `osls invoke local`. */
const PACKAGING = process.argv.some((arg) => arg === "package" || arg === "deploy");

/**
 * With code splitting (serverless.yml), what a function loads only when needed (the SSM
 * client until a secret is read, a cloud's collector until it runs) goes into chunk files next
 * to its handler. Every function is built into the same folder, so each function's chunks are
 * named after it: serverless-esbuild leaves `functions/<other>.*` out of a function's zip,
 * and each zip then holds its own handler and chunks only.
 */
const chunksNamedAfterFunction = {
  name: "cloud15-chunks-named-after-function",
  setup(build) {
    const [entry] = build.initialOptions.entryPoints;
    build.initialOptions.chunkNames = `${basename(entry, extname(entry))}.[name]-[hash]`;
  },
};

/**
 * Each AWS SDK client describes every shape of its API in one module (dist-es/schemas/
 * schemas_0.js: 1.3 MB for EC2; the same in @aws-sdk/nested-clients' submodules), as plain arrays that are tree-shaken when unused. But their
 * member traits are objects with computed keys (`{ [_xN]: "Volume" }`, `_xN` a string constant
 * of the same module), and esbuild keeps every statement with a computed key that is not a
 * literal, since converting a key to a string could run code. So the whole module stayed in
 * (560 kB of the EC2 client's 860 kB). Writing those keys as the string literals they are
 * changes nothing at run time and lets the unused shapes go.
 */
export const awsSdkSchemaKeysInlined = {
  name: "cloud15-aws-sdk-schema-keys-inlined",
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const strings = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)].map((m) => [m[1], m[2]]));
      const inlined = source.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key));
      const contents = READ_ONLY_SCAN_CLIENTS.test(args.path) ? withoutModeledErrors(inlined) : inlined;
      return { contents: pureSchemaStatements(contents, args.path), loader: "js" };
    });
  },
};

/**
 * The clients the scan only reads customers' settings with. Each registers a class for every
 * error its service models (CloudTrail: 85, 40 kB with their schemas for RDS), which keeps
 * them all in the bundle. cloud15 reads only an error's name, message and status, and the SDK
 * still throws an unregistered error as the service's base exception with that name and
 * message (@aws-sdk/core ProtocolLib). Not for clients whose errors the code tests with
 * `instanceof` (DynamoDB's ConditionalCheckFailedException in store/).
 */
const READ_ONLY_SCAN_CLIENTS = /[\\/]@aws-sdk[\\/]client-(rds|cloudtrail|ec2|efs|guardduty|accessanalyzer|account|support|macie2)[\\/]/;

function withoutModeledErrors(source) {
  return source.replace(/^\w+_registry\.registerError\((\w+)\$, \1\);\n/gm, (line, name) => (name.endsWith("ServiceException") ? line : ""));
}

/**
 * Some schema statements still hold what esbuild cannot prove free of effects (a key from
 * another module, a call): each `export var X$ = [...]` becomes a pure IIFE of the same literal,
 * evaluated at the same place, so an unused one drops out anyway. A statement that does not end
 * where expected would leave an unbalanced parenthesis: the build fails rather than ship it.
 */
function pureSchemaStatements(source, path) {
  let open = false;
  const lines = source.split("\n").map((line) => {
    if (/^export var \w+\$ = \[/.test(line)) {
      const wrapped = line.replace(" = [", " = /* @__PURE__ */ (() => [");
      if (line.endsWith("];")) return `${wrapped.slice(0, -2)}])();`;
      open = true;
      return wrapped;
    }
    if (open && line === "];") {
      open = false;
      return "])();";
    }
    return line;
  });
  if (open) throw new Error(`${path}: a schema statement without its closing line`);
  return lines.join("\n");
}

export default [
  prebuiltPageAssets, noEsbuild, notForLambda, awsSdkSchemaKeysInlined, ...(PACKAGING ? [lambdaCredentials] : []), chunksNamedAfterFunction,
];
