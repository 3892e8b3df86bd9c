import { Type, type Static } from "@sinclair/typebox";
import { Check } from "@sinclair/typebox/value";

/**
 * What a scan keeps for the next one about OneDrive and SharePoint: per drive, where delta
 * left off (a deltaLink once the drive was read to the end, a nextLink when the run stopped
 * half-way: the checkpoint), and the files shared by link with their links, so the next
 * scan reads only what changed and still knows every shared file.
 */
const LinkSchema = Type.Object({
  permissionId: Type.String(),
  scope: Type.Union([Type.Literal("anonymous"), Type.Literal("organization"), Type.Literal("users"), Type.Literal("existingAccess")]),
  type: Type.String(),
  roles: Type.Array(Type.String()),
  canEdit: Type.Boolean(),
  expirationDateTime: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean(),
});

const ItemSchema = Type.Object({
  driveId: Type.String(),
  name: Type.String(),
  webUrl: Type.String(),
  /** null until its permissions were read (a change seen, or a read that failed). */
  links: Type.Union([Type.Array(LinkSchema), Type.Null()]),
});

const DriveSchema = Type.Object({
  location: Type.String(),
  webUrl: Type.String(),
  /** Relative to the Graph version root, as it goes into a `$batch`. */
  cursor: Type.String(),
  /** true: `cursor` is a deltaLink; false: a nextLink to resume from. */
  complete: Type.Boolean(),
  /** When the drive's last full enumeration began: past FULL_RECHECK_DAYS the drive is read whole again. */
  fullCrawlAt: Type.String(),
  items: Type.Record(Type.String(), ItemSchema),
});

export const DeltaStateSchema = Type.Object({
  /** 2: links carry `canEdit` and dates parsed for sentinels; a version-1 state is read again in full. */
  version: Type.Literal(2),
  /** Keyed `drives/{id}` or `sites/{id}/drive`. */
  drives: Type.Record(Type.String(), DriveSchema),
});

export type DeltaState = Static<typeof DeltaStateSchema>;
export type DriveState = Static<typeof DriveSchema>;
export type StoredItem = Static<typeof ItemSchema>;

/** Where the delta state lives between scans: a file next to the feed, or whatever the Lambda uses. */
export interface DeltaStateStore {
  /** undefined when nothing was saved yet. */
  load(): Promise<unknown>;
  save(state: DeltaState): Promise<void>;
}

export function emptyDeltaState(): DeltaState {
  return { version: 2, drives: {} };
}

/** A saved state, or undefined when it is not one this version can use (then every drive is read in full). */
export function parseDeltaState(raw: unknown): DeltaState | undefined {
  return Check(DeltaStateSchema, raw) ? raw : undefined;
}
