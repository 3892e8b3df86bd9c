import { createHash, createPrivateKey, webcrypto, X509Certificate } from "node:crypto";
import * as oauth from "oauth4webapi";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
import type { MicrosoftSecrets } from "./transport.ts";

const ENTRA_PUBLIC_CLOUD = "https://login.microsoftonline.com";

export interface AppToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** When to sign in again: five minutes before it expires, or halfway for a shorter-lived token. */
  refreshAt: number;
}

/** A `fetch` that goes through the provider's own connection pool (and the CA it trusts). */
export type TokenFetch = (url: string, init: { method: string; headers: Headers; body: string }) => Promise<Response>;

/**
 * The app's sign-in to Entra ID: OAuth 2.0 client credentials, authenticated by the client
 * secret or by an assertion signed with the app's certificate, as
 * learn.microsoft.com/entra/identity-platform/certificate-credentials specifies it (PS256,
 * `x5t#S256`, the token endpoint as audience). oauth4webapi makes the grant; MSAL would too,
 * at 330 kB of the Lambda bundle for the one flow used here.
 * Entra's refusals come back as errors named by Entra's `error`, with its AADSTS description.
 */
export function appSignIn(config: MicrosoftTenantConfig, secrets: MicrosoftSecrets, scope: string, fetch: TokenFetch): () => Promise<AppToken> {
  const tenant = `${new URL(config.authorityHost ?? ENTRA_PUBLIC_CLOUD).origin}/${encodeURIComponent(config.tenantId)}`;
  const as: oauth.AuthorizationServer = { issuer: `${tenant}/v2.0`, token_endpoint: `${tenant}/oauth2/v2.0/token` };
  const client: oauth.Client = { client_id: config.clientId };
  let auth: Promise<oauth.ClientAuth> | undefined;
  return async () => {
    auth ??= clientAuth(secrets, as.token_endpoint!);
    try {
      const response = await oauth.clientCredentialsGrantRequest(as, client, await auth, { scope }, {
        [oauth.customFetch]: (url, init) => fetch(url, { method: init.method, headers: new Headers(init.headers), body: String(init.body) }),
      });
      const token = await oauth.processClientCredentialsResponse(as, client, response);
      const lifetimeMs = (token.expires_in ?? 3599) * 1000;
      const expiresAt = Date.now() + lifetimeMs;
      return { token: token.access_token, expiresAt, refreshAt: expiresAt - Math.min(300_000, lifetimeMs / 2) };
    } catch (err) {
      throw await entraError(err);
    }
  };
}

async function clientAuth(secrets: MicrosoftSecrets, tokenEndpoint: string): Promise<oauth.ClientAuth> {
  if (secrets.certificatePem) {
    const { key, thumbprint } = await certificateKey(secrets.certificatePem);
    return oauth.PrivateKeyJwt({ key }, {
      [oauth.modifyAssertion]: (header, payload) => {
        header.typ = "JWT";
        header["x5t#S256"] = thumbprint;
        payload.aud = tokenEndpoint;
      },
    });
  }
  if (secrets.clientSecret) return oauth.ClientSecretPost(secrets.clientSecret);
  throw new Error("no client secret or certificate to sign in with");
}

/** The PEM's RSA private key for PS256 signing, and its certificate's SHA-256 thumbprint. */
async function certificateKey(pem: string): Promise<{ key: CryptoKey; thumbprint: string }> {
  let privateKey;
  let certificate;
  try {
    privateKey = createPrivateKey(pem);
    certificate = new X509Certificate(pem);
  } catch (err) {
    throw new Error(`the certificate file must hold the app's private key and its certificate, both PEM: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== "rsa") {
    throw new Error(`the certificate's key is ${privateKey.asymmetricKeyType}; Entra ID signs app assertions with RSA keys only`);
  }
  const key = await webcrypto.subtle.importKey("pkcs8", privateKey.export({ format: "der", type: "pkcs8" }), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]);
  return { key, thumbprint: createHash("sha256").update(certificate.raw).digest("base64url") };
}

async function entraError(err: unknown): Promise<Error> {
  if (err instanceof oauth.ResponseBodyError) {
    return Object.assign(new Error(err.error_description ?? `HTTP ${err.status} ${err.error}`), { name: err.error });
  }
  // A refusal that also carries a WWW-Authenticate challenge: Entra's reason is still in the body.
  if (err instanceof oauth.WWWAuthenticateChallengeError) {
    const body = (await err.response.json().catch(() => ({}))) as { error?: string; error_description?: string };
    return Object.assign(new Error(body.error_description ?? `HTTP ${err.status}: ${err.message}`), { name: body.error ?? "invalid_client" });
  }
  if (err instanceof oauth.OperationProcessingError && err.cause instanceof Response) {
    return Object.assign(new Error(`${err.message} (HTTP ${err.cause.status})`), { name: "SignInFailed" });
  }
  return err instanceof Error ? err : new Error(String(err));
}
