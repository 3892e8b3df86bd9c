import { randomBytes, verify, type KeyObject } from "node:crypto";
import type { SimWorkspace } from "./model.ts";
import { GoogleError, json, type Caller, type SimResponse } from "./wire.ts";

/** The audience Google requires in a JWT bearer assertion, whatever URL it was posted to. */
export const GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_LIFETIME_S = 3599;
const CLOCK_SKEW_S = 300;

interface Grant extends Caller {
  expiresAt: number;
}

/**
 * Google's OAuth 2.0 token endpoint for the JWT bearer grant (RFC 7523) as a service
 * account with domain-wide delegation uses it, and the access tokens it hands out.
 */
export class TokenService {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly workspace: () => SimWorkspace, private readonly publicKey: KeyObject) {}

  exchange(body: string): SimResponse {
    const form = new URLSearchParams(body);
    const grantType = form.get("grant_type");
    if (grantType !== JWT_BEARER) return oauthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
    const parts = (form.get("assertion") ?? "").split(".");
    if (parts.length !== 3) return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    const [header, payload, signature] = parts as [string, string, string];
    let claims: { iss?: string; sub?: string; scope?: string; aud?: string; iat?: number; exp?: number };
    try {
      const alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string }).alg;
      if (alg !== "RS256") return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
    } catch {
      return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    }
    const ws = this.workspace();
    if (claims.iss !== ws.serviceAccount.clientEmail) return oauthError(400, "invalid_grant", "Invalid grant: account not found");
    const signed = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, "base64url"));
    if (!signed) return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    if (claims.aud !== GOOGLE_TOKEN_AUDIENCE) {
      return oauthError(400, "invalid_grant", `Invalid JWT: Failed audience check. The right audience is ${GOOGLE_TOKEN_AUDIENCE}`);
    }
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== "number" || typeof exp !== "number" || exp - iat > 3600 || iat > now + CLOCK_SKEW_S || exp < now - CLOCK_SKEW_S) {
      return oauthError(400, "invalid_grant",
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    }
    const scopes = (claims.scope ?? "").split(" ").filter(Boolean);
    if (scopes.length === 0) return oauthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");

    const clientId = ws.serviceAccount.clientId;
    if (claims.sub !== undefined) {
      const granted = ws.delegation[clientId];
      if (!granted || !scopes.every((s) => granted.includes(s))) {
        return oauthError(401, "unauthorized_client",
          "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.");
      }
      const user = ws.users.find((u) => u.primaryEmail === claims.sub);
      if (!user || user.suspended || user.archived) return oauthError(400, "invalid_grant", "Invalid email or User ID");
    }
    const token = `ya29.sim-${randomBytes(24).toString("base64url")}`;
    this.grants.set(token, { subject: claims.sub, scopes, clientId, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
    return json(200, { access_token: token, expires_in: TOKEN_LIFETIME_S, token_type: "Bearer" });
  }

  /** The caller an API request speaks for, or Google's 401 for a missing or unknown token. */
  callerOf(authorization: string | undefined): Caller {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
    if (token === undefined) {
      throw new GoogleError(401, "required",
        "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        { rpcStatus: "UNAUTHENTICATED", location: "Authorization", locationType: "header", headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } });
    }
    const grant = this.grants.get(token);
    if (!grant || grant.expiresAt < Date.now()) {
      throw new GoogleError(401, "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        { rpcStatus: "UNAUTHENTICATED", location: "Authorization", locationType: "header", headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } });
    }
    return grant;
  }
}

/**
 * Each method accepts a set of scopes (its reference page lists them); a token with none of
 * them gets 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT, whatever the user could otherwise do.
 */
export function requireScope(caller: Caller, accepted: readonly string[], service: string, method: string): void {
  if (caller.scopes.some((s) => accepted.includes(s))) return;
  throw new GoogleError(403, "insufficientPermissions", "Request had insufficient authentication scopes.", {
    rpcStatus: "PERMISSION_DENIED",
    itemMessage: "Insufficient Permission",
    details: [{
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
      domain: "googleapis.com",
      metadata: { service, method },
    }],
    headers: {
      "www-authenticate": `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${accepted.join(" ")}"`,
    },
  });
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description });
}
