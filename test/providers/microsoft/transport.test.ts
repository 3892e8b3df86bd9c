import https from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { httpsRequest } from "../../../providers/microsoft/transport.ts";
import { microsoftSimulatorCertificate } from "../../../simulator/microsoft/server.ts";

/** A host that sends each answer in pieces, pausing between them, so they arrive as several chunks and interleave. */
async function chunkingHost(answers: Record<string, Buffer>) {
  const certificate = microsoftSimulatorCertificate();
  const server = https.createServer({ key: certificate.keyPem, cert: certificate.certPem, noDelay: true }, (req, res) => {
    const body = answers[req.url ?? ""]!;
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    void (async () => {
      const pieces = 5;
      for (let i = 0; i < pieces; i++) {
        res.write(body.subarray(Math.floor((body.length * i) / pieces), Math.floor((body.length * (i + 1)) / pieces)));
        await sleep(5);
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const agent = new https.Agent({ ca: certificate.certPem, keepAlive: true, maxSockets: 8 });
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    agent,
    stop: () => {
      agent.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let host: Awaited<ReturnType<typeof chunkingHost>> | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** JSON text of about `bytes` bytes whose characters take 1, 2, 3 and 4 bytes in UTF-8, so piece boundaries fall inside characters. */
function answerText(label: string, bytes: number): string {
  const names: string[] = [];
  for (let size = 0; size < bytes; size += 40) names.push(`${label}-${names.length} 営業部 café 📁`);
  return JSON.stringify({ value: names });
}

describe("reading an answer whole", () => {
  it("decodes answers that arrive in chunks at the same time, small and larger than the kept buffer, each to its own text", async () => {
    const texts = { "/a": answerText("a", 40_000), "/b": answerText("b", 200_000), "/c": answerText("c", 2_000_000), "/d": answerText("d", 1_000) };
    host = await chunkingHost(Object.fromEntries(Object.entries(texts).map(([path, text]) => [path, Buffer.from(text)])));
    const paths = ["/a", "/b", "/c", "/d", "/a", "/b"] as const;
    const answers = await Promise.all(paths.map((path) => httpsRequest(host!.agent, 10_000, `${host!.origin}${path}`, { method: "GET", headers: {} })));
    answers.forEach((answer, i) => expect(answer.body).toBe(texts[paths[i]!]));
    // A later, smaller answer is not mixed with what a larger one left in the kept buffer.
    expect((await httpsRequest(host.agent, 10_000, `${host.origin}/d`, { method: "GET", headers: {} })).body).toBe(texts["/d"]);
  });
});
