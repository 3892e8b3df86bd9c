import { connect, type ConnectionOptions, type SecureVersion } from "node:tls";
import { guardedLookup } from "../../tickets/tracker-url.ts";
import { SITE_ADDRESS_POLICY } from "./fetcher.ts";
import { SiteFetchError } from "./fetcher.ts";
import type { LegacyProtocols, TlsCertificate } from "./facts.ts";

export interface TlsProbeTarget {
  host: string;
  port: number;
  ca?: string;
  timeoutMs: number;
}

/**
 * The server's certificate as it presents it, read without verifying (an expired or
 * untrusted certificate is exactly what the check must see); whether it verifies is recorded.
 */
export async function probeCertificate(target: TlsProbeTarget): Promise<TlsCertificate> {
  return handshake(target, {}, (socket) => {
    const cert = socket.getPeerCertificate();
    const issuer = cert.issuer ?? {};
    return {
      subject: String(cert.subject?.CN ?? ""),
      issuer: String(issuer.O ?? issuer.CN ?? ""),
      validFrom: new Date(cert.valid_from).toISOString(),
      validTo: new Date(cert.valid_to).toISOString(),
      trusted: socket.authorized,
      ...(socket.authorizationError ? { trustProblem: String(socket.authorizationError) } : {}),
      protocol: socket.getProtocol() ?? "",
    };
  });
}

/**
 * Whether TLS 1.0 and 1.1 still complete a handshake. OpenSSL 3 refuses them at its default
 * security level, so the probe lowers it for itself: it must see what an old client could do.
 */
export async function probeLegacyProtocols(target: TlsProbeTarget): Promise<LegacyProtocols> {
  const accepts = (version: SecureVersion) => handshake(
    target,
    { minVersion: version, maxVersion: version, ciphers: "DEFAULT@SECLEVEL=0" },
    () => true,
  ).catch((err: unknown) => {
    if (err instanceof SiteFetchError) throw err;
    // The probe's own OpenSSL refusing to offer the version says nothing about the server.
    if ((err as NodeJS.ErrnoException).code === "ERR_SSL_NO_PROTOCOLS_AVAILABLE") {
      throw new SiteFetchError("NetworkError", `this Node.js cannot offer ${version}, so whether ${target.host} accepts it is unknown`);
    }
    return false;
  });
  const [tls10, tls11] = await Promise.all([accepts("TLSv1"), accepts("TLSv1.1")]);
  return { tls10, tls11 };
}

/**
 * One handshake. A refusal during the handshake (an alert, a reset) rejects with the socket's
 * own error; a server that does not answer at all rejects with a SiteFetchError, which the
 * legacy probe must not mistake for "refused".
 */
function handshake<T>(target: TlsProbeTarget, options: ConnectionOptions, read: (socket: ReturnType<typeof connect>) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    let connected = false;
    const socket = connect({
      host: target.host,
      port: target.port,
      servername: /^[\d.]+$|:/.test(target.host) ? undefined : target.host,
      rejectUnauthorized: false,
      lookup: guardedLookup(false, SITE_ADDRESS_POLICY),
      ...(target.ca ? { ca: target.ca } : {}),
      ...options,
    } as ConnectionOptions);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SiteFetchError("Timeout", `${target.host}:${target.port}: no TLS handshake within ${target.timeoutMs} ms`));
    }, target.timeoutMs);
    socket.once("connect", () => { connected = true; });
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      try {
        resolve(read(socket));
      } catch (err) {
        reject(err);
      } finally {
        socket.destroy();
      }
    });
    socket.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // No TCP connection: the server is unreachable, which says nothing about its protocols.
      reject(connected ? err : new SiteFetchError("NetworkError", `${target.host}:${target.port}: ${err.code ?? err.message}`));
    });
  });
}
