// The response types of Enterprise License Manager API v1 licenseAssignments.listForProduct, as
// googleapis generates them from the discovery document (google-api-nodejs-client,
// src/apis/licensing/v1.ts, Apache-2.0); copied because no @googleapis/licensing package is
// installed. Read by discovery-schema.ts.
/* eslint-disable */
export namespace licensing_v1 {
  /**
   * Representation of a license assignment.
   */
  export interface Schema$LicenseAssignment {
    /** ETag of the resource. */
    etags?: string | null;
    /** Identifies the resource as a LicenseAssignment, which is `licensing#licenseAssignment`. */
    kind?: string | null;
    /** A product's unique identifier. For more information about products in this version of the API, see Product and SKU IDs. */
    productId?: string | null;
    /** Display Name of the product. */
    productName?: string | null;
    /** Link to this page. */
    selfLink?: string | null;
    /** A product SKU's unique identifier. For more information about available SKUs in this version of the API, see Products and SKUs. */
    skuId?: string | null;
    /** Display Name of the sku of the product. */
    skuName?: string | null;
    /** The user's current primary email address. */
    userId?: string | null;
  }
  export interface Schema$LicenseAssignmentList {
    /** ETag of the resource. */
    etag?: string | null;
    /** The LicenseAssignments in this page of results. */
    items?: Schema$LicenseAssignment[];
    /** Identifies the resource as a collection of LicenseAssignments. */
    kind?: string | null;
    /** The token that you must submit in a subsequent request to retrieve additional license results matching your query parameters. */
    nextPageToken?: string | null;
  }
}
