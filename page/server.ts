import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildPageAssets } from "./assets.ts";
import { apiToken, signLinkToken, VENDOR_PRINCIPAL } from "./auth.ts";
import { FsTenantFeeds } from "./feeds.ts";
import { createPageHandler, MAX_BODY, type PageHandler, type PageRequest } from "./handler.ts";
import { FsTenantSecrets } from "./secrets.ts";
import { FsAnswerStore } from "../store/fs-answer-store.ts";

/** How long a printed link can be exchanged for a session: the owner may open it days later. */
export const LINK_SECONDS = 7 * 24 * 60 * 60;

export interface TenantLink {
  tenantId: string;
  /** Opens the page and signs in: `<base>/t/<tenant>/#link=<expiry>.<mac>`. Expires after LINK_SECONDS. */
  url: string;
  /** `Authorization: Bearer <apiToken>` reads `GET <base>/api/tenants/<tenant>/feed` (dashboards). */
  apiToken: string;
}

export interface FindingsServer {
  url: string;
  links: TenantLink[];
  /** Opens the IT vendor's overview of every tenant and signs in: `<base>/vendor/#link=<expiry>.<mac>`. */
  vendorLink: string;
  stop(): Promise<void>;
}

/**
 * Serves the findings page for every tenant in `dataDir` (`cloud15 serve`, `npm run demo`).
 * Each tenant's secret is created on first start in `DATA/<tenant>/.page-secret`.
 */
export async function startFindingsServer(opts: { dataDir: string; port?: number; host?: string }): Promise<FindingsServer> {
  const host = opts.host ?? "127.0.0.1";
  const feeds = new FsTenantFeeds(opts.dataDir);
  const secrets = new FsTenantSecrets(opts.dataDir);
  const handle = createPageHandler({
    feeds, answers: new FsAnswerStore(opts.dataDir), secrets, assets: await buildPageAssets(), secureCookies: !isLoopback(host),
  });

  const server = createServer((req, res) => void serve(handle, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Port 0 (the default) lets the OS pick a free port; the links carry whichever it is.
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;

  const expiresAt = new Date(Date.now() + LINK_SECONDS * 1000);
  const links = await Promise.all((await feeds.tenantIds()).map(async (tenantId) => {
    const secret = await secrets.ensure(tenantId);
    return { tenantId, url: `${url}/t/${tenantId}/#link=${signLinkToken(secret, tenantId, expiresAt)}`, apiToken: apiToken(secret, tenantId) };
  }));
  const vendorLink = `${url}/vendor#link=${signLinkToken(await secrets.ensureVendor(), VENDOR_PRINCIPAL, expiresAt)}`;

  return {
    url,
    links,
    vendorLink,
    stop: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Browsers keep connections alive; without this, close() waits for them to time out.
      server.closeAllConnections();
    }),
  };
}

/** node:http ⇄ PageRequest/PageResponse. */
async function serve(handle: PageHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end("too large");
      return;
    }
    const request: PageRequest = {
      method: req.method ?? "GET",
      path: new URL(req.url ?? "/", "http://localhost").pathname,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v])),
      body,
    };
    const response = await handle(request);
    res.writeHead(response.status, response.headers).end(req.method === "HEAD" ? undefined : response.body);
  } catch (error) {
    console.error("findings page:", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("internal error");
  }
}

/** The body as text, or undefined once it passes the limit (a page request never needs more). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** A wildcard address is not somewhere to browse to; an IPv6 literal needs brackets in a URL. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
