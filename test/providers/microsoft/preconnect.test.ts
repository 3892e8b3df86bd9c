import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ThrottleGate } from "../../../providers/microsoft/throttle.ts";
import { openGraphTransport, type GraphTransport } from "../../../providers/microsoft/transport.ts";
import { EXAMPLE_CO_CLIENT_SECRET, exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { microsoftSimulatorCertificate, startMicrosoftSimulator, type MicrosoftSimulator } from "../../../simulator/microsoft/server.ts";
import { microsoftConfig } from "../../support/microsoft.ts";

/** A Graph host apart from the token host, as in production: it records its TLS connections and what arrives on each. */
async function recordingGraph(certificate: { certPem: string; keyPem: string }) {
  const connections: number[] = [];
  const requests: { connection: number; path: string; authorization?: string }[] = [];
  const server = https.createServer({ key: certificate.keyPem, cert: certificate.certPem, keepAlive: true }, (req, res) => {
    requests.push({ connection: (req.socket as unknown as { id: number }).id, path: req.url ?? "", authorization: req.headers.authorization });
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ responses: [] })));
  });
  server.on("secureConnection", (socket) => {
    (socket as unknown as { id: number }).id = connections.length;
    connections.push(connections.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, connections, requests, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let sim: MicrosoftSimulator | undefined;
let graph: Awaited<ReturnType<typeof recordingGraph>> | undefined;
let transport: GraphTransport | undefined;
afterEach(async () => {
  transport?.destroy();
  await Promise.all([sim?.stop(), graph?.stop()]);
  sim = undefined;
  graph = undefined;
  transport = undefined;
});

describe("opening the Graph connections while the token is on its way", () => {
  it("connects to the Graph host, not the token host, sends nothing there before the token, then sends every slot's first $batch on those connections", async () => {
    const certificate = microsoftSimulatorCertificate();
    // The token answer takes long enough for the handshakes to finish before it.
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant(), certificate, latencyMs: 300 });
    graph = await recordingGraph(certificate);
    const g = graph;
    transport = openGraphTransport(microsoftConfig(sim, { graphUrl: g.origin }), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, new ThrottleGate(),
      { requestTimeoutMs: 10_000, maxSockets: 16, maxRetries: 0, caCertificatePem: sim.caCertificatePem });

    transport.preconnect(3);
    let signedIn = false;
    const token = transport.signIn().then((t) => { signedIn = true; return t; });
    while (g.connections.length < 3 && !signedIn) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signedIn).toBe(false);
    expect(g.connections).toHaveLength(3);
    expect(g.requests).toEqual([]);

    const { token: bearer } = await token;
    const body = { requests: [{ id: "1", method: "GET" as const, url: "/organization" }] };
    await Promise.all([transport.batch("v1.0", body), transport.batch("v1.0", body), transport.batch("beta", body)]);
    expect(g.connections).toHaveLength(3);
    expect(new Set(g.requests.map((r) => r.connection)).size).toBe(3);
    expect(g.requests.every((r) => r.authorization === `Bearer ${bearer}` && r.path.endsWith("/$batch"))).toBe(true);
    expect(sim.calls.token).toBe(1);
  });
});
