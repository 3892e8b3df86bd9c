import type { GoogleCaller } from "./caller.ts";
import type { GoogleClients } from "./clients.ts";
import type { DelegatedCredentials } from "./credentials.ts";

/** What every collector of one scan shares: the calls, the clients, the tokens, the administrator. */
export interface GoogleSession {
  caller: GoogleCaller;
  clients: GoogleClients;
  credentials: DelegatedCredentials;
  /** The super administrator tenant-wide reads act as. */
  adminEmail: string;
  /** `my_customer` or the configured customer id. */
  customer: string;
}

/** Thrown for an answer the provider cannot read as Google documents it. */
export class MalformedResponse extends Error {
  override readonly name = "MalformedResponse";
}
