/**
 * A scan in a process of its own, for the one setting that only works at process start:
 * NODE_EXTRA_CA_CERTS. Reads the simulator's origin from argv, prints the collection errors.
 */
import { collectMicrosoftFacts } from "../../providers/microsoft/collect.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, EXAMPLE_CO_TENANT_ID } from "../../simulator/microsoft/example-co.ts";

const origin = process.argv[2]!;
const collection = await collectMicrosoftFacts(
  { tenantId: EXAMPLE_CO_TENANT_ID, clientId: EXAMPLE_CO_CLIENT_ID, graphUrl: origin, authorityHost: origin },
  { secrets: { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, ownerPolicy: { anyoneLinks: "not_allowed" } },
);
process.stdout.write(`${JSON.stringify({ errors: collection.errors, organization: collection.organization })}\n`);
