import type { IncomingHttpHeaders } from "node:http";
import { request } from "node:https";
import pkg from "../../package.json" with { type: "json" };
import { ForbiddenAddressError, guardedLookup, literalAddressProblem, type AddressPolicy } from "../../tickets/tracker-url.ts";

/**
 * The shop's pages come from the operator's own config, and a shop under test often sits on a
 * private network or this machine, so private ranges are allowed; link-local and cloud metadata
 * addresses are refused whatever this says (tickets/tracker-url.ts).
 */
export const SITE_ADDRESS_POLICY: AddressPolicy = { allowPrivateNetwork: true };

export const SITE_USER_AGENT = `cloud15/${pkg.version}`;

export interface SiteFetchLimits {
  /** The whole request, body included. */
  timeoutMs: number;
  /** A body larger than this is not read further: the resource is an error. */
  maxBytes: number;
  maxRedirects: number;
  /** A CA to trust besides the system's (the simulated shop's generated certificate). */
  ca?: string;
}

/** What the shop's server answered, after redirects. */
export interface FetchedResource {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SiteFetchErrorCode = "Timeout" | "TooLarge" | "TlsError" | "TooManyRedirects" | "OffOrigin" | "Refused" | "NetworkError";

export class SiteFetchError extends Error {
  override name = "SiteFetchError";
  constructor(readonly code: SiteFetchErrorCode, message: string) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET as a browser would, over https only: redirects followed up to the limit, each hop
 * checked by `allowed` (a page may only lead to the configured origins) and by the address
 * guard on the socket actually used; the body read up to `maxBytes`. Any HTTP status is an
 * answer: the caller decides what a 404 means for its resource.
 */
export async function fetchResource(url: URL, allowed: (url: URL) => boolean, limits: SiteFetchLimits): Promise<FetchedResource> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    if (current.protocol !== "https:") throw new SiteFetchError("Refused", `${current.href}: only https is fetched`);
    if (!allowed(current)) throw new SiteFetchError("OffOrigin", `${current.href}: not an origin cloud15 was configured to fetch`);
    const problem = literalAddressProblem(current, SITE_ADDRESS_POLICY);
    if (problem) throw new SiteFetchError("Refused", `${current.href}: ${problem}`);
    const answer = await getOnce(current, limits);
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.status) || typeof location !== "string") return answer;
    if (hop >= limits.maxRedirects) throw new SiteFetchError("TooManyRedirects", `${url.href}: more than ${limits.maxRedirects} redirects`);
    current = new URL(location, current);
  }
}

function getOnce(url: URL, limits: SiteFetchLimits): Promise<FetchedResource> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "GET",
      headers: { "user-agent": SITE_USER_AGENT, accept: "text/html,application/javascript,*/*;q=0.8", "accept-encoding": "identity" },
      lookup: guardedLookup(false, SITE_ADDRESS_POLICY),
      ...(limits.ca ? { ca: limits.ca } : {}),
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) req.destroy(new SiteFetchError("TooLarge", `${url.href}: larger than ${limits.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on("error", (err) => reject(asFetchError(url, err)));
      res.on("end", () => resolve({ url: url.href, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    const timer = setTimeout(() => req.destroy(new SiteFetchError("Timeout", `${url.href}: no complete answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("error", (err) => reject(asFetchError(url, err)));
    req.end();
  });
}

/** TLS verification failures carry OpenSSL's codes (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, ...). */
function asFetchError(url: URL, err: Error): SiteFetchError {
  if (err instanceof SiteFetchError) return err;
  if (err instanceof ForbiddenAddressError) return new SiteFetchError("Refused", err.message);
  const code = (err as NodeJS.ErrnoException).code ?? "";
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return new SiteFetchError("TlsError", `${url.host}: ${code}`);
  return new SiteFetchError("NetworkError", `${url.host}: ${code || err.message}`);
}
