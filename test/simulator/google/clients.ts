import { admin, auth } from "@googleapis/admin";
import { cloudidentity } from "@googleapis/cloudidentity";
import { drive } from "@googleapis/drive";
import type { GoogleSimulator } from "../../../simulator/google/server.ts";

export const SCOPE = {
  users: "https://www.googleapis.com/auth/admin.directory.user.readonly",
  metadata: "https://www.googleapis.com/auth/drive.metadata.readonly",
  drive: "https://www.googleapis.com/auth/drive.readonly",
  policies: "https://www.googleapis.com/auth/cloud-identity.policies.readonly",
  alerts: "https://www.googleapis.com/auth/apps.alerts",
  licensing: "https://www.googleapis.com/auth/apps.licensing",
  labels: "https://www.googleapis.com/auth/drive.admin.labels.readonly",
} as const;

/**
 * The real googleapis clients and google-auth-library JWTs pointed at the simulator: API
 * calls through `rootUrl`, the JWT bearer grant through a request interceptor (the library
 * has no option for the token URL).
 */
export function googleApis(sim: GoogleSimulator, opts: { retries?: number; timeoutMs?: number } = {}) {
  const key = JSON.parse(sim.serviceAccountKey) as { client_email: string; private_key: string };
  const credential = (subject: string | undefined, scope: string, privateKey = key.private_key) => {
    const jwt = new auth.JWT({
      email: key.client_email,
      key: privateKey,
      scopes: [scope],
      ...(subject ? { subject } : {}),
      transporterOptions: {
        retryConfig: { retry: opts.retries ?? 3, retryDelay: 5, maxRetryDelay: 20 },
        ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
      },
    });
    jwt.transporter.interceptors.request.add({
      resolved: async (o) => {
        if (String(o.url) === "https://oauth2.googleapis.com/token") o.url = new URL(sim.tokenUrl);
        return o;
      },
    });
    return jwt;
  };
  return {
    credential,
    directory: admin({ version: "directory_v1", rootUrl: sim.rootUrl }),
    drive: drive({ version: "v3", rootUrl: sim.rootUrl }),
    cloudIdentity: cloudidentity({ version: "v1", rootUrl: sim.rootUrl }),
    /**
     * A GET of an API without a googleapis package (Alert Center, License Manager, Drive
     * Labels), through the JWT's own transport as those clients would send it.
     */
    get: <T = any>(jwt: ReturnType<typeof credential>, path: string, params: Record<string, string | number | boolean> = {}) =>
      jwt.request<T>({ url: new URL(path, sim.rootUrl).href, params, retry: true }),
  };
}

export interface CaughtGoogleError {
  status?: number;
  message: string;
  response?: { status: number; data: any; headers: Headers };
}

/** The error a call rejects with, for asserting on its status and Google's body. */
export async function errorOf(promise: Promise<unknown>): Promise<CaughtGoogleError> {
  try {
    await promise;
  } catch (err) {
    return err as CaughtGoogleError;
  }
  throw new Error("expected the call to fail");
}
