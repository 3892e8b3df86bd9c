import { connect, createServer, type Server, type Socket } from "node:net";
import { waitUntil } from "../simulator/wait-until.ts";

/**
 * The moto benchmark's network: a forwarding proxy that holds every request `latencyMs`, from
 * the moment it has all of it, before passing it on, so no answer comes back sooner than that.
 *
 * It shares the 2 cores with the scanner and moto it measures, while a real network adds its
 * latency without using their CPU; so it does as little per call as HTTP/1.1 framing allows:
 * raw sockets, a request read by its Content-Length, one connection to moto per request (moto
 * closes each after its answer anyway), the answer read to that close and written back to the
 * scanner's kept-alive connection in one piece. The SDK's calls send no chunked request bodies;
 * one that did would be refused (501) rather than forwarded half-read.
 */
export async function startLatencyProxy(target: string, latencyMs: number): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const port = Number(upstream.port);
  const server = createServer({ noDelay: true }, (client) => serveConnection(client, upstream.hostname, port, latencyMs));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the proxy has no port");
  return { server, url: `http://127.0.0.1:${address.port}` };
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** One kept-alive connection from the scanner: its requests one after another, as HTTP/1.1 sends them. */
function serveConnection(client: Socket, host: string, port: number, latencyMs: number): void {
  let pending: Buffer = Buffer.alloc(0);
  let busy = false;
  client.on("error", () => client.destroy());
  client.on("data", (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    next();
  });

  function next(): void {
    if (busy) return;
    const headerEnd = pending.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = pending.toString("latin1", 0, headerEnd);
    if (/\r\ntransfer-encoding:/i.test(head)) {
      client.end(answer("501 Not Implemented", "the latency proxy reads request bodies by Content-Length only"));
      return;
    }
    const end = headerEnd + HEADER_END.length + Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (pending.length < end) return;
    const body = pending.subarray(headerEnd + HEADER_END.length, end);
    pending = pending.subarray(end);
    busy = true;
    void forward(Buffer.concat([Buffer.from(`${withoutConnectionHeaders(head)}\r\nConnection: close\r\n\r\n`, "latin1"), body]), performance.now() + latencyMs);
  }

  async function forward(request: Buffer, due: number): Promise<void> {
    await waitUntil(due);
    const parts: Buffer[] = [];
    let answered = false;
    const reply = (response: Buffer) => {
      if (answered) return;
      answered = true;
      busy = false;
      client.write(response);
      next();
    };
    const moto = connect({ host, port, noDelay: true }, () => moto.end(request));
    moto.on("data", (chunk: Buffer) => parts.push(chunk));
    moto.on("error", (err) => {
      moto.destroy();
      reply(answer("502 Bad Gateway", String(err)));
    });
    moto.on("end", () => reply(toKeptAlive(Buffer.concat(parts))));
  }
}

/**
 * moto's answer, delimited by its closing the connection, made fit for the scanner's kept-alive
 * one: its `Connection: close` dropped (the proxy keeps its connections to each side to itself,
 * RFC 9110 7.6.1) and a Content-Length added where it had none.
 */
function toKeptAlive(response: Buffer): Buffer {
  const headerEnd = response.indexOf(HEADER_END);
  if (headerEnd < 0) return answer("502 Bad Gateway", "moto closed the connection before a whole answer");
  const head = withoutConnectionHeaders(response.toString("latin1", 0, headerEnd));
  const body = response.subarray(headerEnd + HEADER_END.length);
  const framed = /\r\n(content-length|transfer-encoding):/i.test(head) ? head : `${head}\r\nContent-Length: ${body.length}`;
  return Buffer.concat([Buffer.from(`${framed}\r\n\r\n`, "latin1"), body]);
}

/** The header block without the hop-by-hop headers that say how long a connection lives. */
function withoutConnectionHeaders(head: string): string {
  return head.replace(/\r\n(connection|keep-alive|proxy-connection):[^\r]*/gi, "");
}

function answer(status: string, text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`, "latin1"), body]);
}
