import type { GoogleOperation, GoogleScope } from "./scopes.ts";
import type { DelegatedJwt } from "./clients.ts";
import type { GoogleSession } from "./session.ts";

interface Listing {
  nextPageToken?: string | null;
}

/**
 * Every page of a tenant-wide listing read as the administrator, one call per page; an empty
 * `nextPageToken` ends it as an absent one does ("if not empty, there may be more").
 */
export async function* adminPages<T extends Listing>(
  s: GoogleSession,
  operation: GoogleOperation,
  scope: GoogleScope,
  send: (auth: DelegatedJwt, pageToken: string | undefined) => Promise<{ data: T }>,
): AsyncGenerator<T> {
  let pageToken: string | undefined;
  do {
    const auth = await s.credentials.actingAs(s.adminEmail, scope, "tenant");
    const token = pageToken;
    const { data } = await s.caller.call({ operation, scope, subject: s.adminEmail }, () => send(auth, token), "tenant");
    yield data;
    pageToken = data.nextPageToken || undefined;
  } while (pageToken);
}
