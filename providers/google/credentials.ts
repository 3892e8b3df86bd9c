import type { CallLane, GoogleCaller } from "./caller.ts";
import type { DelegatedJwt, GoogleClients } from "./clients.ts";
import { GoogleCallError, type CallTarget } from "./errors.ts";
import type { GoogleScope } from "./scopes.ts";

/**
 * Access tokens for the users the scanner acts as, one per (user, scope), each fetched once
 * per scan. A scope that domain-wide delegation does not grant is refused for every user
 * alike, so after the first `unauthorized_client` no other token is asked for that scope.
 */
export class DelegatedCredentials {
  private readonly tokens = new Map<string, Promise<DelegatedJwt>>();
  private readonly refused = new Map<GoogleScope, GoogleCallError>();

  constructor(private readonly caller: GoogleCaller, private readonly clients: GoogleClients) {}

  actingAs(subject: string, scope: GoogleScope, lane: CallLane): Promise<DelegatedJwt> {
    const key = `${scope} ${subject}`;
    let token = this.tokens.get(key);
    if (!token) {
      const target: CallTarget = { operation: "token", scope, subject };
      token = this.caller.call(target, async () => {
        const jwt = this.clients.credential(subject, scope);
        try {
          await jwt.authorize();
        } catch (err) {
          // Recorded before the queue starts its next call, which may be for the same scope.
          if (oauthError(err) === "unauthorized_client") this.refused.set(scope, new GoogleCallError(target, err));
          throw err;
        }
        return jwt;
      }, lane, () => this.refused.get(scope));
      token.catch(() => this.tokens.delete(key));
      this.tokens.set(key, token);
    }
    return token;
  }
}

function oauthError(err: unknown): string | undefined {
  const data = (err as { response?: { data?: { error?: unknown } } })?.response?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}
