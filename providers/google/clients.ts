// Each API's one version we call, not the packages' indexes: those load every version of
// the API (the Lambda bundle measures them), and googleapis-common's AuthPlus with them.
import { admin_directory_v1 } from "@googleapis/admin/build/directory_v1.js";
import { cloudidentity_v1 } from "@googleapis/cloudidentity/build/v1.js";
import { drive_v3 } from "@googleapis/drive/build/v3.js";
import { JWT } from "googleapis-common";
import type { GoogleTenantConfig } from "../../config/schema.ts";
import type { ServiceAccountKey } from "./key.ts";
import { GOOGLE_TOKEN_URL, type GoogleScope } from "./scopes.ts";

export interface GoogleTuning {
  /**
   * Retries after the first attempt. The clients' own retry (429 and 5xx, token requests
   * included) and ours (403 rate limits, which they do not retry) both use this budget.
   */
  retries: number;
  /** First backoff delay; each later one doubles, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A request with no answer within this many ms fails. */
  requestTimeoutMs: number;
}

/**
 * google-auth-library's JWT, taken from the googleapis clients' own copy (googleapis-common
 * pins google-auth-library 10.5.0): the clients accept only that copy's credential type.
 */
export type DelegatedJwt = JWT;

export const DEFAULT_TUNING: GoogleTuning = { retries: 4, retryBaseMs: 1_000, retryMaxMs: 32_000, requestTimeoutMs: 30_000 };

/**
 * The googleapis clients for one tenant, and one JWT credential per (user, scope) it acts
 * as. The API clients carry no credential: each call names the one it runs as, so 2,000
 * users share three client objects.
 */
export class GoogleClients {
  readonly directory: admin_directory_v1.Admin;
  readonly drive: drive_v3.Drive;
  readonly cloudIdentity: cloudidentity_v1.Cloudidentity;

  constructor(
    private readonly config: GoogleTenantConfig,
    private readonly key: ServiceAccountKey,
    private readonly tuning: GoogleTuning,
  ) {
    const rootUrl = config.rootUrl ? { rootUrl: config.rootUrl.endsWith("/") ? config.rootUrl : `${config.rootUrl}/` } : {};
    this.directory = new admin_directory_v1.Admin(rootUrl);
    this.drive = new drive_v3.Drive(rootUrl);
    this.cloudIdentity = new cloudidentity_v1.Cloudidentity(rootUrl);
  }

  /** The OAuth client id domain-wide delegation is granted to (shown in error messages). */
  get clientId(): string {
    return this.key.clientId ?? this.key.clientEmail;
  }

  /** A JWT credential acting as `subject` with one scope; it fetches its token on `authorize()`. */
  credential(subject: string, scope: GoogleScope): DelegatedJwt {
    const jwt = new JWT({
      email: this.key.clientEmail,
      // Typed as PEM text, but handed straight to Node's crypto, which takes the parsed KeyObject.
      key: this.key.privateKey as unknown as string,
      scopes: [scope],
      subject,
      transporterOptions: {
        timeout: this.tuning.requestTimeoutMs,
        retryConfig: { retry: this.tuning.retries, retryDelay: this.tuning.retryBaseMs, maxRetryDelay: this.tuning.retryMaxMs },
      },
    });
    const tokenUrl = this.config.tokenUrl;
    if (tokenUrl) {
      // google-auth-library has no option for the token URL and ignores the key file's
      // token_uri. It must become a URL object: gaxios's error redactor reads url.searchParams.
      jwt.transporter.interceptors.request.add({
        resolved: async (opts) => {
          if (String(opts.url) === GOOGLE_TOKEN_URL) opts.url = new URL(tokenUrl);
          return opts;
        },
      });
    }
    return jwt;
  }
}
