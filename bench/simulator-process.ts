/**
 * The simulated account of the benchmark, in its own process so that its work does not
 * count against the scanner's wall time or memory. Prints the endpoint, then serves until killed.
 */
import { largeAccount } from "../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../simulator/aws/server.ts";

const [buckets = "1000", users = "1000", latencyMs = "20"] = process.argv.slice(2);
const sim = await startAwsSimulator({
  account: largeAccount({ buckets: Number(buckets), users: Number(users) }),
  latencyMs: Number(latencyMs),
});
process.stdout.write(`${JSON.stringify({ endpoint: sim.endpoint })}\n`);
process.on("SIGTERM", () => { void sim.stop().then(() => process.exit(0)); });
