/**
 * Parameters and answers of the three APIs that have no googleapis package (Alert Center
 * v1beta1, Enterprise License Manager v1, Drive Labels v2), as their discovery documents define
 * them: only the fields cloud15 sends or reads, each optional and nullable like the generated
 * `Schema$…` types, since Google may leave any of them out.
 */

/** Alert Center `alerts.list` (GET /v1beta1/alerts). */
export interface AlertsListParams {
  /** Inferred from the caller when absent; sent without its leading "C". */
  customerId?: string;
  /** e.g. `createTime >= "2026-11-04T00:00:00Z"` (Alert Center query filters). */
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
  fields?: string;
}

export interface Alert {
  alertId?: string | null;
  createTime?: string | null;
  /** "Output only. `True` if this alert is marked for deletion." */
  deleted?: boolean | null;
  metadata?: AlertMetadata;
  source?: string | null;
  type?: string | null;
}

export interface AlertMetadata {
  /** "Defaults to an empty string when it could not be determined"; otherwise HIGH, MEDIUM or LOW. */
  severity?: string | null;
  /** NOT_STARTED, IN_PROGRESS or CLOSED. */
  status?: string | null;
}

export interface ListAlertsResponse {
  alerts?: Alert[];
  /** "If not empty, indicates that there may be more alerts." */
  nextPageToken?: string | null;
}

/** Enterprise License Manager `licenseAssignments.listForProduct` (GET /apps/licensing/v1/product/{productId}/users). */
export interface ListForProductParams {
  productId: string;
  /** The customer's `C…` id: `my_customer` is not accepted here. */
  customerId: string;
  maxResults?: number;
  pageToken?: string;
  fields?: string;
}

export interface LicenseAssignment {
  productId?: string | null;
  productName?: string | null;
  skuId?: string | null;
  skuName?: string | null;
  /** The user's primary e-mail address. */
  userId?: string | null;
}

export interface LicenseAssignmentList {
  items?: LicenseAssignment[];
  nextPageToken?: string | null;
}

/** Drive Labels `labels.list` (GET /v2/labels). */
export interface LabelsListParams {
  /** true: every label of the customer, which the caller must administer. */
  useAdminAccess?: boolean;
  publishedOnly?: boolean;
  view?: "LABEL_VIEW_BASIC" | "LABEL_VIEW_FULL";
  /** Default 50, at most 200. */
  pageSize?: number;
  pageToken?: string;
  fields?: string;
}

export interface DriveLabelResource {
  id?: string | null;
  labelType?: string | null;
  lifecycle?: { state?: string | null };
  properties?: { title?: string | null };
}

export interface ListLabelsResponse {
  labels?: DriveLabelResource[];
  nextPageToken?: string | null;
}
