import { constants, createHash, createPrivateKey, randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
import type { MicrosoftSecrets, RawAnswer } from "./transport.ts";

const ENTRA_PUBLIC_CLOUD = "https://login.microsoftonline.com";

export interface AppToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** When to sign in again: five minutes before it expires, or halfway for a shorter-lived token. */
  refreshAt: number;
}

/** POSTs a form through the provider's own connection pool (and the CA it trusts). */
export type TokenPost = (url: string, init: { headers: Record<string, string>; body: string }) => Promise<RawAnswer>;

/**
 * The app's sign-in to Entra ID: the OAuth 2.0 client credentials grant (RFC 6749 §4.4),
 * authenticated by the client secret in the form, or by a client assertion (RFC 7523) signed
 * with the app's certificate as learn.microsoft.com/entra/identity-platform/certificate-credentials
 * specifies it (PS256, `x5t#S256`, the token endpoint as audience). One form POST over the
 * scan's own https pool: no fetch, so no undici to load before the first read.
 * Entra's refusals (RFC 6749 §5.2) come back as errors named by its `error`, with its AADSTS description.
 */
export function appSignIn(config: MicrosoftTenantConfig, secrets: MicrosoftSecrets, scope: string, post: TokenPost): () => Promise<AppToken> {
  const tenant = `${new URL(config.authorityHost ?? ENTRA_PUBLIC_CLOUD).origin}/${encodeURIComponent(config.tenantId)}`;
  const tokenEndpoint = `${tenant}/oauth2/v2.0/token`;
  let credentials: Promise<() => Record<string, string>> | undefined;
  return async () => {
    credentials ??= clientCredentials(secrets, config.clientId, tokenEndpoint);
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: config.clientId, scope, ...(await credentials)() });
    const answer = await post(tokenEndpoint, {
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8", accept: "application/json" },
      body: form.toString(),
    });
    const { accessToken, expiresIn } = tokenResponse(answer);
    const lifetimeMs = (expiresIn ?? 3599) * 1000;
    const expiresAt = Date.now() + lifetimeMs;
    return { token: accessToken, expiresAt, refreshAt: expiresAt - Math.min(300_000, lifetimeMs / 2) };
  };
}

/** The form fields that authenticate the app, made afresh for each sign-in (an assertion lives a minute). */
async function clientCredentials(secrets: MicrosoftSecrets, clientId: string, tokenEndpoint: string): Promise<() => Record<string, string>> {
  if (secrets.certificatePem) {
    const { key, thumbprint } = certificateKey(secrets.certificatePem);
    return () => ({
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion(key, thumbprint, clientId, tokenEndpoint),
    });
  }
  const secret = secrets.clientSecret;
  if (secret) return () => ({ client_secret: secret });
  throw new Error("no client secret or certificate to sign in with");
}

/** A JWT the app signs to prove itself (RFC 7523 §3): PS256 is RSASSA-PSS with SHA-256 and a 32-byte salt (RFC 7518 §3.5). */
function assertion(key: KeyObject, thumbprint: string, clientId: string, tokenEndpoint: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "PS256", typ: "JWT", "x5t#S256": thumbprint };
  const payload = { jti: randomBytes(32).toString("base64url"), aud: tokenEndpoint, exp: now + 60, iat: now, nbf: now, iss: clientId, sub: clientId };
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign("sha256", Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${signature.toString("base64url")}`;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The PEM's RSA private key, and its certificate's SHA-256 thumbprint. */
function certificateKey(pem: string): { key: KeyObject; thumbprint: string } {
  let key;
  let certificate;
  try {
    key = createPrivateKey(pem);
    certificate = new X509Certificate(pem);
  } catch (err) {
    throw new Error(`the certificate file must hold the app's private key and its certificate, both PEM: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new Error(`the certificate's key is ${key.asymmetricKeyType}; Entra ID signs app assertions with RSA keys only`);
  }
  return { key, thumbprint: createHash("sha256").update(certificate.raw).digest("base64url") };
}

/**
 * The access token of a successful answer (RFC 6749 §5.1), or Entra's refusal (§5.2) as an
 * error named by its `error` code; an answer that is neither fails the sign-in with its status.
 */
function tokenResponse(answer: RawAnswer): { accessToken: string; expiresIn?: number } {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(answer.body);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  if (answer.status !== 200) {
    if (typeof body?.error === "string") {
      const description = typeof body.error_description === "string" ? body.error_description : `HTTP ${answer.status} ${body.error}`;
      throw named(body.error, description);
    }
    throw named("SignInFailed", `the token endpoint answered without an OAuth error (HTTP ${answer.status})`);
  }
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = body ?? {};
  if (typeof accessToken !== "string" || accessToken === "") throw named("SignInFailed", "the token endpoint's answer has no access_token (HTTP 200)");
  if (typeof tokenType !== "string" || tokenType.toLowerCase() !== "bearer") {
    throw named("SignInFailed", `the token endpoint's answer is not a bearer token (token_type ${String(tokenType).slice(0, 40)})`);
  }
  if (expiresIn !== undefined && (typeof expiresIn !== "number" || !(expiresIn > 0))) {
    throw named("SignInFailed", "the token endpoint's answer has an expires_in that is not a positive number");
  }
  return { accessToken, ...(expiresIn !== undefined ? { expiresIn } : {}) };
}

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}
