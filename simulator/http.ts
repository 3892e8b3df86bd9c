import type { IncomingMessage, RequestListener, Server } from "node:http";

/** What every simulated service answers: a status, headers and a text body. */
export interface SimHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The request loop the simulators share: read the whole body, answer what `answer` returns,
 * and turn a simulator bug into a plain 500 the test can read. `undefined` never answers,
 * which is how a simulator hangs a call.
 */
export function simulatorListener(
  answer: (req: IncomingMessage, body: string) => Promise<SimHttpResponse | undefined>,
): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      answer(req, Buffer.concat(chunks).toString("utf8"))
        .catch((err: unknown): SimHttpResponse => ({
          status: 500,
          headers: { "content-type": "text/plain" },
          body: `simulator bug: ${err instanceof Error ? err.stack : String(err)}`,
        }))
        .then((response) => {
          if (response === undefined) return;
          res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
          res.end(response.body);
        });
    });
  };
}

/** Stops a simulator; hung requests would otherwise keep the server open forever. */
export function closeSimulator(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
