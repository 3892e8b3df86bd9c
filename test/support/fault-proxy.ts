import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: an endpoint for an SDK client instead of the upstream's. */
  endpoint: string;
  /** Answers the next `count` requests that match with S3's 500 InternalError, as an outage would. */
  refuse(count: number, matches: (method: string, path: string) => boolean): void;
  stop(): Promise<void>;
}

const INTERNAL_ERROR = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code>' +
  "<Message>We encountered an internal error. Please try again.</Message><RequestId>FAULTPROXY</RequestId></Error>";

/**
 * A reverse proxy in front of an S3 endpoint (moto) that fails chosen requests on the wire:
 * the client under test is the real SDK, retries included, and only the network misbehaves.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let remaining = 0;
  let matches: (method: string, path: string) => boolean = () => false;
  const server = http.createServer((req, res) => {
    if (remaining > 0 && matches(req.method ?? "GET", req.url ?? "/")) {
      remaining--;
      req.resume();
      req.on("end", () => res.writeHead(500, { "content-type": "application/xml" }).end(INTERNAL_ERROR));
      return;
    }
    const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", (err) => res.writeHead(502).end(err.message));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refuse(count, match) {
      remaining = count;
      matches = match;
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
