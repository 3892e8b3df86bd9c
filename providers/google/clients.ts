import type { admin_directory_v1 } from "@googleapis/admin";
import type { cloudidentity_v1 } from "@googleapis/cloudidentity";
import type { drive_v3 } from "@googleapis/drive";
import { JWT } from "google-auth-library";
import type { GoogleTenantConfig } from "../../config/schema.ts";
import type { ServiceAccountKey } from "./key.ts";
import { jsonBody } from "./parse.ts";
import type {
  AlertsListParams, LabelsListParams, LicenseAssignmentList, ListAlertsResponse, ListForProductParams, ListLabelsResponse,
} from "./rest-shapes.ts";
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

/** A service account's credential acting as one user with one scope. */
export type DelegatedJwt = JWT;

/** A method's parameters as the googleapis client types them, with the credential it runs as. */
type Call<P> = Omit<P, "auth"> & { auth: DelegatedJwt };

export const DEFAULT_TUNING: GoogleTuning = { retries: 4, retryBaseMs: 1_000, retryMaxMs: 32_000, requestTimeoutMs: 30_000 };

/**
 * The Google API reads the provider makes, for one tenant, and one JWT credential per
 * (user, scope) it acts as. Each read is a GET through google-auth-library's `request` (gaxios,
 * its retries and the token refresh, as under the googleapis clients), sent as those clients
 * send it (retry on, gzip, undefined parameters left out) and typed with their parameter and
 * response types; the clients themselves are the whole surface of each API, 250 kB of the
 * Lambda bundle for these few GETs (Alert Center, License Manager and Drive Labels have no
 * client package: their shapes are in rest-shapes.ts). Each call names
 * the credential it runs as, so 2,000 users share one object.
 */
export class GoogleClients {
  readonly directory = {
    users: { list: (p: Call<admin_directory_v1.Params$Resource$Users$List>) => this.get<admin_directory_v1.Schema$Users>("https://admin.googleapis.com/admin/directory/v1/users", p) },
    orgunits: {
      list: ({ customerId, ...p }: Call<admin_directory_v1.Params$Resource$Orgunits$List> & { customerId: string }) =>
        this.get<admin_directory_v1.Schema$OrgUnits>(`https://admin.googleapis.com/admin/directory/v1/customer/${encodeURIComponent(customerId)}/orgunits`, p),
    },
  };
  readonly drive = {
    drives: { list: (p: Call<drive_v3.Params$Resource$Drives$List>) => this.get<drive_v3.Schema$DriveList>("https://www.googleapis.com/drive/v3/drives", p) },
    files: { list: (p: Call<drive_v3.Params$Resource$Files$List>) => this.get<drive_v3.Schema$FileList>("https://www.googleapis.com/drive/v3/files", p) },
    permissions: {
      list: ({ fileId, ...p }: Call<drive_v3.Params$Resource$Permissions$List> & { fileId: string }) =>
        this.get<drive_v3.Schema$PermissionList>(`https://www.googleapis.com/drive/v3/files/${encodeURIComponent(fileId)}/permissions`, p),
    },
  };
  readonly cloudIdentity = {
    policies: { list: (p: Call<cloudidentity_v1.Params$Resource$Policies$List>) => this.get<cloudidentity_v1.Schema$ListPoliciesResponse>("https://cloudidentity.googleapis.com/v1/policies", p) },
  };

  readonly alertCenter = {
    alerts: { list: (p: Call<AlertsListParams>) => this.get<ListAlertsResponse>("https://alertcenter.googleapis.com/v1beta1/alerts", p) },
  };
  readonly licensing = {
    licenseAssignments: {
      listForProduct: ({ productId, ...p }: Call<ListForProductParams>) =>
        this.get<LicenseAssignmentList>(`https://licensing.googleapis.com/apps/licensing/v1/product/${encodeURIComponent(productId)}/users`, p),
    },
  };
  readonly driveLabels = {
    labels: { list: (p: Call<LabelsListParams>) => this.get<ListLabelsResponse>("https://drivelabels.googleapis.com/v2/labels", p) },
  };

  constructor(
    private readonly config: GoogleTenantConfig,
    private readonly key: ServiceAccountKey,
    private readonly tuning: GoogleTuning,
  ) {}

  /** A GET of `url` (on the config's `rootUrl` instead of Google's host, if one is set). */
  private async get<T>(url: string, { auth, ...params }: { auth: DelegatedJwt }): Promise<{ data: T }> {
    const at = new URL(url);
    const target = this.config.rootUrl ? new URL(at.pathname, this.config.rootUrl.endsWith("/") ? this.config.rootUrl : `${this.config.rootUrl}/`) : at;
    const answer = await auth.request<T>({
      url: target.href,
      method: "GET",
      // googleapis' own serializer leaves an undefined parameter out; URLSearchParams would send "undefined".
      params: Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)),
      retry: true,
      // Google compresses an answer only for a user agent that says "gzip" (its performance guide).
      headers: { "accept-encoding": "gzip", "user-agent": "cloud15 (gzip)" },
    });
    return { data: jsonBody<T>(answer.data, url) };
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
