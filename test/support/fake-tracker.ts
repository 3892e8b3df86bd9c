import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as it arrived on the wire. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A local HTTP server standing in for a tracker's API: every request is recorded and answered
 * by the test's handler, which asserts the documented request shape and answers as the
 * documentation says. A handler that throws answers 599 with the message, and the test sees
 * the assertion in `failures`.
 */
export interface FakeTracker {
  url: string;
  requests: SeenRequest[];
  failures: string[];
  /** Requests whose method and path match, e.g. `"POST /rest/api/3/issue"`. */
  calls(route: string): SeenRequest[];
  stop(): Promise<void>;
}

export async function startFakeTracker(handle: (req: SeenRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<FakeTracker> {
  const requests: SeenRequest[] = [];
  const failures: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const seen: SeenRequest = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(seen);
      let answer: FakeAnswer;
      try {
        answer = await handle(seen);
      } catch (err) {
        failures.push(`${seen.method} ${seen.path}: ${(err as Error).message}`);
        answer = { status: 599, body: { error: (err as Error).message } };
      }
      const body = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    calls: (route) => requests.filter((r) => `${r.method} ${r.path}` === route),
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
