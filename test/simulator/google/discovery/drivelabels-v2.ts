// The response types of Drive Labels API v2 labels.list, as googleapis generates them from the
// discovery document (google-api-nodejs-client, src/apis/drivelabels/v2.ts, Apache-2.0); copied
// because no @googleapis/drivelabels package is installed. Read by discovery-schema.ts.
// Left out: Label.fields (the label's field definitions, a large tree of its own), which the
// simulator never sends; a field it sent that is not here would be reported as undocumented.
/* eslint-disable */
export namespace drivelabels_v2 {
  export interface Schema$GoogleAppsDriveLabelsV2Label {
    /** Output only. The capabilities related to this label on applied metadata. */
    appliedCapabilities?: Schema$GoogleAppsDriveLabelsV2LabelAppliedCapabilities;
    /** Output only. Behavior of this label when it's applied to Drive items. */
    appliedLabelPolicy?: Schema$GoogleAppsDriveLabelsV2LabelAppliedLabelPolicy;
    /** Output only. The time this label was created. */
    createTime?: string | null;
    /** Output only. The user who created this label. */
    creator?: Schema$GoogleAppsDriveLabelsV2UserInfo;
    /** Output only. The user who disabled this label. */
    disabler?: Schema$GoogleAppsDriveLabelsV2UserInfo;
    /** Output only. The time this label was disabled. */
    disableTime?: string | null;
    /** Output only. UI display hints for rendering the label. */
    displayHints?: Schema$GoogleAppsDriveLabelsV2LabelDisplayHints;
    /** Output only. Globally unique identifier of this label. Matches the regex: `([a-zA-Z0-9])+` */
    id?: string | null;
    /** Required. The type of label. */
    labelType?: string | null;
    /** Custom URL to present to users to allow them to learn more about this label and how it should be used. */
    learnMoreUri?: string | null;
    /** Output only. The lifecycle state of the label including whether it's published, deprecated, and has draft changes. */
    lifecycle?: Schema$GoogleAppsDriveLabelsV2Lifecycle;
    /** Output only. The LockStatus of this label. */
    lockStatus?: Schema$GoogleAppsDriveLabelsV2LockStatus;
    /** Output only. Resource name of the label. Will be in the form of either: `labels/{id}` or `labels/{id}@{revision_id}` depending on the request. */
    name?: string | null;
    /** Required. The basic properties of the label. */
    properties?: Schema$GoogleAppsDriveLabelsV2LabelProperties;
    /** Output only. The user who published this label. */
    publisher?: Schema$GoogleAppsDriveLabelsV2UserInfo;
    /** Output only. The time this label was published. */
    publishTime?: string | null;
    /** Output only. The time this label revision was created. */
    revisionCreateTime?: string | null;
    /** Output only. The user who created this label revision. */
    revisionCreator?: Schema$GoogleAppsDriveLabelsV2UserInfo;
    /** Output only. Revision ID of the label. Matches the regex: `([a-zA-Z0-9])+` */
    revisionId?: string | null;
    /** Output only. The capabilities the user has on this label. */
    schemaCapabilities?: Schema$GoogleAppsDriveLabelsV2LabelSchemaCapabilities;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LabelAppliedCapabilities {
    canApply?: boolean | null;
    canRead?: boolean | null;
    canRemove?: boolean | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LabelAppliedLabelPolicy {
    copyMode?: string | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LabelDisplayHints {
    disabled?: boolean | null;
    hiddenInSearch?: boolean | null;
    priority?: string | null;
    shownInApply?: boolean | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LabelProperties {
    /** The description of the label. */
    description?: string | null;
    /** Required. Title of the label. */
    title?: string | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LabelSchemaCapabilities {
    canDelete?: boolean | null;
    canDisable?: boolean | null;
    canEnable?: boolean | null;
    canUpdate?: boolean | null;
  }
  /**
   * The lifecycle state of an object, such as label, field, or choice. The lifecycle enforces the following transitions: * `UNPUBLISHED_DRAFT` (starting state) * `UNPUBLISHED_DRAFT` -> `PUBLISHED` * `UNPUBLISHED_DRAFT` -> (Deleted) * `PUBLISHED` -> `DISABLED` * `DISABLED` -> `PUBLISHED` * `DISABLED` -> (Deleted)
   */
  export interface Schema$GoogleAppsDriveLabelsV2Lifecycle {
    /** The policy that governs how to show a disabled label, field, or selection choice. */
    disabledPolicy?: Schema$GoogleAppsDriveLabelsV2LifecycleDisabledPolicy;
    /** Output only. Whether the object associated with this lifecycle has unpublished changes. */
    hasUnpublishedChanges?: boolean | null;
    /** Output only. The state of the object associated with this lifecycle. */
    state?: string | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LifecycleDisabledPolicy {
    hideInSearch?: boolean | null;
    showInApply?: boolean | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2ListLabelsResponse {
    /** Labels. */
    labels?: Schema$GoogleAppsDriveLabelsV2Label[];
    /** The token of the next page in the response. */
    nextPageToken?: string | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2LockStatus {
    locked?: boolean | null;
  }
  export interface Schema$GoogleAppsDriveLabelsV2UserInfo {
    person?: string | null;
  }
}
