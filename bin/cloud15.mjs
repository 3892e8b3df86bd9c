#!/usr/bin/env node
import { fileURLToPath } from "node:url";

// The AWS SDK prints a Node-version notice when it loads on Node 20; it would bury the
// scan's output. Set before anything imports the SDK (the imports below are dynamic).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const { register } = await import("tsx/esm/api");
// Our tsconfig, not whichever one sits in the directory cloud15 is run from.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
