import { exampleCoGoogle, exampleCoMicrosoft, exampleCoTenant, SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import type { Feed } from "../../feed/schema.ts";
import { scanTenant } from "../../scan/scan-tenant.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../../simulator/aws/server.ts";
import { exampleCoWorkspace } from "../../simulator/google/example-co.ts";
import { startGoogleSimulator } from "../../simulator/google/server.ts";
import { EXAMPLE_CO_CLIENT_SECRET, exampleCoTenant as exampleCoMicrosoftTenant } from "../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator } from "../../simulator/microsoft/server.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";

/** Scans Example Co. in all three simulated clouds, as `cloud15 demo` does, into `dataDir`. */
export async function scanExampleCo(dataDir: string): Promise<Feed> {
  const aws = await startAwsSimulator({ account: exampleCoAccount() });
  const workspace = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
  const m365 = await startMicrosoftSimulator({ tenant: exampleCoMicrosoftTenant() });
  try {
    return await scanTenant({
      tenant: exampleCoTenant(aws.endpoint, exampleCoGoogle(workspace), exampleCoMicrosoft(m365)),
      store: new FsFeedStore(dataDir),
      answers: new FsAnswerStore(dataDir),
      credentials: {
        aws: SIMULATOR_CREDENTIALS,
        google: { serviceAccountKey: workspace.serviceAccountKey },
        microsoft: { clientSecret: EXAMPLE_CO_CLIENT_SECRET, caCertificatePem: m365.caCertificatePem },
      },
    });
  } finally {
    await Promise.all([aws.stop(), workspace.stop(), m365.stop()]);
  }
}
