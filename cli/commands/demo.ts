import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../../simulator/aws/server.ts";
import { exampleCoWorkspace } from "../../simulator/google/example-co.ts";
import { startGoogleSimulator } from "../../simulator/google/server.ts";
import { EXAMPLE_CO_CLIENT_SECRET, exampleCoTenant as exampleCoMicrosoftTenant } from "../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator } from "../../simulator/microsoft/server.ts";
import { exampleCoSites, tamperedExampleCoShop } from "../../simulator/site/example-co.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";
import { loadRunScans, type Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { exampleCoGoogle, exampleCoMicrosoft, exampleCoTenant, SIMULATOR_CREDENTIALS } from "../example-co.ts";
import { loadPageServer, printLinks } from "./serve.ts";
import { untilInterrupted } from "../until-interrupted.ts";
import { outputLanguage } from "../language.ts";
import { parseCommandArgs, parsePort } from "../usage-error.ts";

export const demoCommand: Command = {
  name: "demo",
  usage: `Usage: cloud15 demo [--data DIR] [--no-serve] [--port N] [--lang ja|en]

Starts a simulated AWS account, Microsoft 365 tenant, Google Workspace and online shop (one of its scripts tampered with)
for Example Co. (株式会社エグザンプル) in this process,
scans it as tenant "example-co", writes DATA/example-co/feed.json and prints the summary.
Then serves the findings page and prints its signed link, until Ctrl-C.
Needs no cloud account and no credentials.

Options:
  --data DIR     where the feed is written (default ./demo-data)
  --no-serve     stop after the scan instead of serving the page
  --port N       port for the page (default: a free one)
  --lang ja|en   the summary's language (default: en when LANG is English, else ja)
  -h, --help     show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      data: { type: "string", default: "./demo-data" },
      "no-serve": { type: "boolean", default: false },
      port: { type: "string" },
      lang: { type: "string" },
    });
    const port = parsePort(values.port);
    const lang = outputLanguage(values.lang);

    const simulator = await startAwsSimulator({ account: exampleCoAccount() });
    const workspace = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
    const m365 = await startMicrosoftSimulator({ tenant: exampleCoMicrosoftTenant() });
    const answers = new FsAnswerStore(values.data);
    const shop = await tamperedExampleCoShop(answers, "example-co");
    let code: number;
    try {
      code = await (await loadRunScans())({
        tenants: [exampleCoTenant(simulator.endpoint, exampleCoGoogle(workspace), exampleCoMicrosoft(m365), exampleCoSites(shop))],
        store: new FsFeedStore(values.data),
        answers,
        lang,
        credentials: {
          aws: SIMULATOR_CREDENTIALS,
          google: { serviceAccountKey: workspace.serviceAccountKey },
          microsoft: { clientSecret: EXAMPLE_CO_CLIENT_SECRET, caCertificatePem: m365.caCertificatePem },
          site: { caCertificatePem: shop.caCertificatePem },
        },
      });
    } finally {
      await simulator.stop();
      await workspace.stop();
      await m365.stop();
      await shop.stop();
    }
    if (code === EXIT.scanFailed || values["no-serve"]) return code;

    const { startFindingsServer } = await loadPageServer();
    const server = await startFindingsServer({ dataDir: values.data, ...(port !== undefined ? { port } : {}) });
    printLinks(server);
    await untilInterrupted();
    await server.stop();
    return code;
  },
};
