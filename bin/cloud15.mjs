#!/usr/bin/env node
import { access } from "node:fs/promises";

// The AWS SDK prints a Node-version notice when it loads on Node 20; it would bury the
// scan's output. Set before anything imports the SDK (the imports below are dynamic).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const built = new URL("../dist/cli/main.js", import.meta.url);
try {
  await access(built);
} catch {
  process.stderr.write("cloud15 is not built yet: run `npm run build` (npm ci does it) in its folder.\n");
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
