import { constants, createHash, createHmac, randomBytes, randomUUID, timingSafeEqual, verify, X509Certificate } from "node:crypto";
import type { SimApp, SimMicrosoftTenant } from "./model.ts";

/**
 * The Entra ID endpoints an app-only client uses: OpenID discovery and the OAuth 2.0 token
 * endpoint (client credentials with a secret, or a certificate-signed client assertion).
 * Tokens are JWTs carrying the app's granted permissions in `roles`, as Entra's do; Graph
 * reads them from there.
 */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AccessToken {
  tenantId: string;
  appId: string;
  roles: string[];
}

const TOKEN_LIFETIME_S = 3599;

export class TokenService {
  /** HMAC key: the simulator checks its own tokens; clients never verify them. */
  private readonly key = randomBytes(32);

  constructor(private readonly tenant: () => SimMicrosoftTenant, private readonly origin: () => string) {}

  /** `/{tenant}/v2.0/.well-known/openid-configuration`: what MSAL reads before asking for a token. */
  openIdConfiguration(tenantRef: string): SimResponse {
    const tenant = this.tenant();
    if (!this.isTenant(tenantRef)) return oauthError(400, "invalid_tenant", 90002, `Tenant '${tenantRef}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    const base = `${this.origin()}/${tenant.tenantId}`;
    return json(200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      tenant_region_scope: "AS",
      cloud_instance_name: "microsoftonline.com",
    });
  }

  /** `POST /{tenant}/oauth2/v2.0/token` with `grant_type=client_credentials`. */
  token(tenantRef: string, form: URLSearchParams): SimResponse {
    if (!this.isTenant(tenantRef)) return oauthError(400, "invalid_request", 90002, `Tenant '${tenantRef}' not found.`);
    if (form.get("grant_type") !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    const clientId = form.get("client_id") ?? "";
    const app = this.tenant().apps.find((a) => a.clientId === clientId);
    if (!app) {
      return oauthError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${this.tenant().organization.displayName}'.`);
    }
    const refused = this.authenticate(app, form, `${this.origin()}/${tenantRef}/oauth2/v2.0/token`);
    if (refused) return refused;
    const scope = form.get("scope") ?? "";
    if (!scope.endsWith("/.default")) {
      return oauthError(400, "invalid_scope", 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
    }
    return json(200, {
      token_type: "Bearer",
      expires_in: TOKEN_LIFETIME_S,
      ext_expires_in: TOKEN_LIFETIME_S,
      access_token: this.issue(app, scope.slice(0, -"/.default".length)),
    });
  }

  /** The token's claims when it is one of ours, for this tenant and audience, and not expired. */
  verify(bearer: string | undefined, audience: string): AccessToken | undefined {
    const token = /^Bearer (.+)$/.exec(bearer ?? "")?.[1];
    const parts = token?.split(".");
    if (parts?.length !== 3) return undefined;
    const expected = createHmac("sha256", this.key).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2]!, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString()) as Record<string, unknown>;
    if (claims.aud !== audience || claims.tid !== this.tenant().tenantId) return undefined;
    if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now()) return undefined;
    return { tenantId: String(claims.tid), appId: String(claims.appid), roles: (claims.roles as string[] | undefined) ?? [] };
  }

  private isTenant(ref: string): boolean {
    const t = this.tenant();
    return ref.toLowerCase() === t.tenantId.toLowerCase() || ref.toLowerCase() === t.initialDomain.toLowerCase();
  }

  private authenticate(app: SimApp, form: URLSearchParams, tokenEndpoint: string): SimResponse | undefined {
    const secret = form.get("client_secret");
    if (secret !== null) {
      if (app.clientSecret !== undefined && secret === app.clientSecret) return undefined;
      return oauthError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + app.clientId + "'.");
    }
    const assertion = form.get("client_assertion");
    if (assertion !== null && form.get("client_assertion_type") === "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
      return assertionRefusal(assertion, app, tokenEndpoint);
    }
    return oauthError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }

  private issue(app: SimApp, audience: string): string {
    const now = Math.floor(Date.now() / 1000);
    const tenantId = this.tenant().tenantId;
    const header = b64({ typ: "JWT", alg: "HS256" });
    const payload = b64({
      aud: audience, iss: `https://sts.windows.net/${tenantId}/`, iat: now, nbf: now, exp: now + TOKEN_LIFETIME_S,
      appid: app.clientId, app_displayname: app.displayName, idtyp: "app", roles: app.roles, tid: tenantId,
      uti: randomUUID(), ver: "1.0",
    });
    const signature = createHmac("sha256", this.key).update(`${header}.${payload}`).digest("base64url");
    return `${header}.${payload}.${signature}`;
  }
}

/**
 * Why Entra would refuse a client assertion, or undefined when it takes it: signed (PS256, or
 * RS256 as before) with the key of a certificate registered on the app, which the header names
 * by its thumbprint (`x5t#S256`, or SHA-1 `x5t`), for this token endpoint, by the app, in time
 * (learn.microsoft.com/entra/identity-platform/certificate-credentials).
 */
function assertionRefusal(assertion: string, app: SimApp, tokenEndpoint: string): SimResponse | undefined {
  const refuse = (code: number, message: string) => oauthError(401, "invalid_client", code, message);
  const [h, p, s] = assertion.split(".");
  if (!h || !p || !s || app.certificatePem === undefined) return refuse(700027, "Client assertion failed signature validation.");
  const header = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string; x5t?: string; "x5t#S256"?: string };
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { aud?: string; iss?: string; sub?: string; exp?: number };
  const certificate = new X509Certificate(app.certificatePem);
  const thumbprint = header["x5t#S256"] ?? header.x5t ?? "";
  const registered = [createHash("sha256").update(certificate.raw).digest("base64url"), createHash("sha1").update(certificate.raw).digest("base64url")];
  if (!registered.includes(thumbprint)) {
    return refuse(700027, `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}']`);
  }
  if (claims.aud !== tokenEndpoint) {
    return refuse(50013, `Assertion audience claim does not match the required value. The audience in the assertion was '${claims.aud ?? ""}' and the expected audience is '${tokenEndpoint}'.`);
  }
  if (claims.iss !== app.clientId || claims.sub !== app.clientId || (claims.exp ?? 0) * 1000 < Date.now()) {
    return refuse(700027, "Client assertion failed signature validation.");
  }
  const data = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, "base64url");
  const key = certificate.publicKey;
  const valid = header.alg === "RS256" ? verify("sha256", data, key, signature)
    : header.alg === "PS256" ? verify("sha256", data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature)
    : false;
  return valid ? undefined : refuse(700027, "Client assertion failed signature validation.");
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

/** Entra's error shape: `AADSTS<code>: <message>` with the code again in `error_codes`. */
function oauthError(status: number, error: string, code: number, message: string): SimResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  });
}
