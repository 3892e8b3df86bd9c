// The response types of Alert Center API v1beta1 alerts.list, as googleapis generates them from
// the discovery document (google-api-nodejs-client, src/apis/alertcenter/v1beta1.ts, Apache-2.0);
// copied because no @googleapis/alertcenter package is installed. Read by discovery-schema.ts.
/* eslint-disable */
export namespace alertcenter_v1beta1 {
  /**
   * An alert affecting a customer.
   */
  export interface Schema$Alert {
    /** Output only. The unique identifier for the alert. */
    alertId?: string | null;
    /** Output only. The time this alert was created. */
    createTime?: string | null;
    /** Output only. The unique identifier of the Google account of the customer. */
    customerId?: string | null;
    /** Optional. The data associated with this alert, for example google.apps.alertcenter.type.DeviceCompromised. */
    data?: {[key: string]: any} | null;
    /** Output only. `True` if this alert is marked for deletion. */
    deleted?: boolean | null;
    /** Optional. The time the event that caused this alert ceased being active. If provided, the end time must not be earlier than the start time. If not provided, it indicates an ongoing alert. */
    endTime?: string | null;
    /** Optional. `etag` is used for optimistic concurrency control as a way to help prevent simultaneous updates of an alert from overwriting each other. */
    etag?: string | null;
    /** Output only. The metadata associated with this alert. */
    metadata?: Schema$AlertMetadata;
    /** Output only. An optional [Security Investigation Tool](https://support.google.com/a/answer/7575955) query for this alert. */
    securityInvestigationToolLink?: string | null;
    /** Required. A unique identifier for the system that reported the alert. This is output only after alert is created. */
    source?: string | null;
    /** Required. The time the event that caused this alert was started or detected. */
    startTime?: string | null;
    /** Required. The type of the alert. This is output only after alert is created. */
    type?: string | null;
    /** Output only. The time this alert was last updated. */
    updateTime?: string | null;
  }
  /**
   * An alert metadata.
   */
  export interface Schema$AlertMetadata {
    /** Output only. The alert identifier. */
    alertId?: string | null;
    /** The email address of the user assigned to the alert. */
    assignee?: string | null;
    /** Output only. The unique identifier of the Google account of the customer. */
    customerId?: string | null;
    /** Optional. `etag` is used for optimistic concurrency control. */
    etag?: string | null;
    /** The severity value of the alert. Alert Center will set this field at alert creation time, default's to an empty string when it could not be determined. The supported values for update actions on this field are the following: * HIGH * MEDIUM * LOW */
    severity?: string | null;
    /** The current status of the alert. The supported values are the following: * NOT_STARTED * IN_PROGRESS * CLOSED */
    status?: string | null;
    /** Output only. The time this metadata was last updated. */
    updateTime?: string | null;
  }
  /**
   * Response message for an alert listing request.
   */
  export interface Schema$ListAlertsResponse {
    /** The list of alerts. */
    alerts?: Schema$Alert[];
    /** The token for the next page. If not empty, indicates that there may be more alerts that match the listing request; this value can be used in a subsequent ListAlertsRequest to get alerts continuing from last result of the current list call. */
    nextPageToken?: string | null;
  }
}
