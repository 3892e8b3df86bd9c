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
