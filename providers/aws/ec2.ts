import {
  DescribeImagesCommand, DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, GetEbsEncryptionByDefaultCommand,
  GetImageBlockPublicAccessStateCommand, GetSnapshotBlockPublicAccessStateCommand,
} from "@aws-sdk/client-ec2";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { ImageBlockPublicAccess, PublicImage, PublicSnapshot, SnapshotBlockPublicAccess } from "./facts.ts";
import { UnreadableValue } from "./parse.ts";
import type { RegionalClients } from "./regional-clients.ts";

/**
 * EBS snapshots of this account that anyone may restore. DescribeSnapshots with owner `self`
 * and restorable-by `all` lists them in one call per page, as the EC2 reference documents
 * ("'all' for public snapshots"); each one listed is then confirmed by its
 * createVolumePermission attribute (group `all`), so the per-snapshot calls are one per
 * finding, and an endpoint that ignores the filter still gets the right answer.
 */
export function getPublicSnapshots(caller: AwsCaller, clients: RegionalClients, region: string, accountId: string): Promise<Fact<PublicSnapshot[]>> {
  const ec2 = clients.ec2(region);
  return caller.fact("DescribeSnapshots", async () => {
    const listed: PublicSnapshot[] = [];
    let token: string | undefined;
    do {
      const page = await caller.call("DescribeSnapshots", (abortSignal) => ec2.send(new DescribeSnapshotsCommand({
        OwnerIds: ["self"], RestorableByUserIds: ["all"], MaxResults: 1000, NextToken: token,
      }), { abortSignal }));
      for (const s of page.Snapshots ?? []) {
        if (!s.SnapshotId || (s.OwnerId !== undefined && s.OwnerId !== accountId)) continue;
        listed.push({ id: s.SnapshotId, region, volumeId: s.VolumeId, description: s.Description || undefined, encrypted: s.Encrypted === true });
      }
      token = page.NextToken;
    } while (token);
    const confirmed = await Promise.all(listed.map(async (s) => {
      const out = await caller.call("DescribeSnapshotAttribute", (abortSignal) =>
        ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: s.id, Attribute: "createVolumePermission" }), { abortSignal }), "resource");
      return (out.CreateVolumePermissions ?? []).some((p) => p.Group === "all") ? [s] : [];
    }));
    return confirmed.flat();
  });
}

/** AMIs this account owns that are public (`Public`), one listing per page. */
export function getPublicImages(caller: AwsCaller, clients: RegionalClients, region: string): Promise<Fact<PublicImage[]>> {
  const ec2 = clients.ec2(region);
  return caller.fact("DescribeImages", async () => {
    const images: PublicImage[] = [];
    let token: string | undefined;
    do {
      const page = await caller.call("DescribeImages", (abortSignal) => ec2.send(new DescribeImagesCommand({
        Owners: ["self"], Filters: [{ Name: "is-public", Values: ["true"] }], MaxResults: 1000, NextToken: token,
      }), { abortSignal }));
      for (const i of page.Images ?? []) {
        if (i.ImageId && i.Public === true) images.push({ id: i.ImageId, region, name: i.Name });
      }
      token = page.NextToken;
    } while (token);
    return images;
  });
}

const SNAPSHOT_BPA: readonly SnapshotBlockPublicAccess[] = ["block-all-sharing", "block-new-sharing", "unblocked"];
const IMAGE_BPA: readonly ImageBlockPublicAccess[] = ["block-new-sharing", "unblocked"];

export function getSnapshotBlockPublicAccess(caller: AwsCaller, clients: RegionalClients, region: string): Promise<Fact<SnapshotBlockPublicAccess>> {
  return caller.fact("GetSnapshotBlockPublicAccessState", async () => {
    const out = await caller.call("GetSnapshotBlockPublicAccessState", (abortSignal) =>
      clients.ec2(region).send(new GetSnapshotBlockPublicAccessStateCommand({}), { abortSignal }));
    return known(SNAPSHOT_BPA, out.State, "GetSnapshotBlockPublicAccessState state");
  });
}

export function getImageBlockPublicAccess(caller: AwsCaller, clients: RegionalClients, region: string): Promise<Fact<ImageBlockPublicAccess>> {
  return caller.fact("GetImageBlockPublicAccessState", async () => {
    const out = await caller.call("GetImageBlockPublicAccessState", (abortSignal) =>
      clients.ec2(region).send(new GetImageBlockPublicAccessStateCommand({}), { abortSignal }));
    return known(IMAGE_BPA, out.ImageBlockPublicAccessState, "GetImageBlockPublicAccessState state");
  });
}

export function getEbsEncryptionByDefault(caller: AwsCaller, clients: RegionalClients, region: string): Promise<Fact<boolean>> {
  return caller.fact("GetEbsEncryptionByDefault", async () => {
    const out = await caller.call("GetEbsEncryptionByDefault", (abortSignal) =>
      clients.ec2(region).send(new GetEbsEncryptionByDefaultCommand({}), { abortSignal }));
    if (typeof out.EbsEncryptionByDefault !== "boolean") throw new UnreadableValue("GetEbsEncryptionByDefault without EbsEncryptionByDefault");
    return out.EbsEncryptionByDefault;
  });
}

/** A value of a documented enum; another (absent, or added later) is unreadable, never a guess. */
function known<T extends string>(values: readonly T[], value: string | undefined, what: string): T {
  if (!values.includes(value as T)) throw new UnreadableValue(`${what} ${JSON.stringify(value ?? null)}`);
  return value as T;
}
