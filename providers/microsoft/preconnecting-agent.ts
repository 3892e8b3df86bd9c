import https from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";

/**
 * An https keep-alive pool that can open connections before any request needs them: the TCP
 * and TLS handshakes to Graph then run while the token request is on its way, and the first
 * `$batch` of each slot leaves on a connection that is ready. Only the handshakes happen
 * early: nothing is written on a connection until the pool hands it to a request, and every
 * request to Graph carries the token.
 */
export class PreconnectingAgent extends https.Agent {
  /** Open connections no request has taken yet, by `host:port`. */
  private readonly opened = new Map<string, Duplex[]>();

  /** Opens `count` connections to the origin (`https://host[:port]`), for the next requests there to take. */
  preconnect(origin: string, count: number): void {
    const url = new URL(origin);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const port = Number(url.port || 443);
    const key = `${host}:${port}`;
    const opened = this.opened.get(key) ?? this.opened.set(key, []).get(key)!;
    for (let i = 0; i < count; i++) {
      // As the pool itself connects: its options (CA, keep-alive, no delay), SNI for a name, none for an address.
      const socket = super.createConnection({ ...this.options, host, port, servername: isIP(host) ? "" : host } as https.RequestOptions);
      if (!socket) continue;
      // A connection that fails before any request takes it is dropped, not reported: a
      // request that needs one opens its own and sees that error itself.
      socket.on("error", ignore);
      opened.push(socket);
    }
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const opened = this.opened.get(`${options.host}:${options.port}`);
    for (let socket = opened?.shift(); socket !== undefined; socket = opened?.shift()) {
      if (socket.destroyed) continue;
      socket.off("error", ignore);
      return socket;
    }
    return super.createConnection(options, callback);
  }

  override destroy(): void {
    for (const sockets of this.opened.values()) for (const socket of sockets) socket.destroy();
    this.opened.clear();
    super.destroy();
  }
}

function ignore(): void {}
