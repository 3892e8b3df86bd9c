import { DEFAULT_ENABLED_REGIONS, type SimAwsAccount, type SimRegion } from "./model.ts";
import { AwsError, intParam, pageOf, requestId, unsupported, type SimRequest, type SimResponse, type SimService } from "./wire.ts";
import { xmlDocument, type XmlContent } from "./xml.ts";

/**
 * EC2 over its own query protocol: form-encoded POST; answers `<ActionResponse>` with a
 * `requestId` and lowerCamel elements, lists as `<…Set><item>`, errors as
 * `<Response><Errors><Error>` (EC2 API reference). Data is per region, from the signature's scope.
 */
const NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

type Handler = (form: URLSearchParams, region: SimRegion, req: SimRequest, account: SimAwsAccount) => SimResponse;

const HANDLERS: Record<string, Handler> = {
  DescribeRegions: (_f, _r, _req, account) => ec2Response("DescribeRegions", {
    regionInfo: { item: (account.enabledRegions ?? DEFAULT_ENABLED_REGIONS).map((name) => ({
      regionName: name, regionEndpoint: `ec2.${name}.amazonaws.com`, optInStatus: "opt-in-not-required",
    })) },
  }),
  DescribeVolumes: (form, region, req) => {
    const page = pageOf(region.volumes ?? [], form.get("NextToken"), maxResults(form, 5, 500, 500), invalid);
    return ec2Response("DescribeVolumes", {
      volumeSet: { item: page.items.map((v) => ({
        volumeId: v.id, size: v.sizeGiB, snapshotId: "", availabilityZone: `${req.region}a`, status: "in-use",
        createTime: "2025-04-01T00:00:00.000Z", volumeType: "gp3", encrypted: v.encrypted,
      })) },
      nextToken: page.next,
    });
  },
  DescribeSnapshots: (form, region, _req, account) => {
    const owners = listParam(form, "Owner");
    const restorableBy = listParam(form, "RestorableBy");
    const mine = owners.length === 0 || owners.some((o) => o === "self" || o === account.accountId);
    const matching = (region.snapshots ?? []).filter((s) =>
      mine && restorableBy.every((who) => (s.createVolumePermission ?? []).includes(who)));
    const page = pageOf(matching, form.get("NextToken"), maxResults(form, 5, 1000, 1000), invalid);
    return ec2Response("DescribeSnapshots", {
      snapshotSet: { item: page.items.map((s) => ({
        snapshotId: s.id, volumeId: s.volumeId, status: "completed", startTime: "2025-06-01T00:00:00.000Z", progress: "100%",
        ownerId: account.accountId, volumeSize: 8, description: s.description ?? "", encrypted: s.encrypted, storageTier: "standard",
      })) },
      nextToken: page.next,
    });
  },
  DescribeSnapshotAttribute: (form, region) => {
    const id = form.get("SnapshotId") ?? "";
    const snapshot = (region.snapshots ?? []).find((s) => s.id === id);
    if (!snapshot) throw new AwsError(400, "InvalidSnapshot.NotFound", `The snapshot '${id}' does not exist.`);
    if (form.get("Attribute") !== "createVolumePermission") throw invalid("Value for parameter Attribute is invalid");
    return ec2Response("DescribeSnapshotAttribute", {
      snapshotId: id,
      createVolumePermission: { item: (snapshot.createVolumePermission ?? []).map((who) => (who === "all" ? { group: "all" } : { userId: who })) },
    });
  },
  DescribeImages: (form, region, _req, account) => {
    const owners = listParam(form, "Owner");
    const publicOnly = filterValues(form, "is-public");
    const mine = owners.length === 0 || owners.some((o) => o === "self" || o === account.accountId);
    const matching = (region.images ?? []).filter((i) => mine && (publicOnly === undefined || publicOnly.includes(String(i.public))));
    const page = pageOf(matching, form.get("NextToken"), maxResults(form, 1, 1000, 1000), invalid);
    return ec2Response("DescribeImages", {
      imagesSet: { item: page.items.map((i) => ({
        imageId: i.id, imageLocation: `${account.accountId}/${i.name}`, imageState: "available", imageOwnerId: account.accountId,
        creationDate: "2025-05-01T00:00:00.000Z", isPublic: i.public, architecture: "x86_64", imageType: "machine", name: i.name,
        rootDeviceType: "ebs", virtualizationType: "hvm",
      })) },
      nextToken: page.next,
    });
  },
  GetEbsEncryptionByDefault: (_f, region) => ec2Response("GetEbsEncryptionByDefault", {
    ebsEncryptionByDefault: region.ebsEncryptionByDefault ?? false, sseType: "sse-ebs",
  }),
  GetSnapshotBlockPublicAccessState: (_f, region) => ec2Response("GetSnapshotBlockPublicAccessState", {
    state: region.snapshotBlockPublicAccess ?? "unblocked", managedBy: "account",
  }),
  GetImageBlockPublicAccessState: (_f, region) => ec2Response("GetImageBlockPublicAccessState", {
    imageBlockPublicAccessState: region.imageBlockPublicAccess ?? "unblocked", managedBy: "account",
  }),
};

export const ec2Service: SimService = {
  name: "ec2",
  route(req, ctx) {
    const form = new URLSearchParams(req.body);
    const action = form.get("Action") ?? "";
    const handler = HANDLERS[action];
    if (handler === undefined) {
      return unsupported("ec2", action, () => new AwsError(400, "InvalidAction", `The action ${action} is not valid for this web service.`));
    }
    const region = ctx.account.regions?.[req.region] ?? {};
    return { operation: action, permission: `ec2:${action}`, respond: () => handler(form, region, req, ctx.account) };
  },
  error(err) {
    const body = xmlDocument("Response", { Errors: { Error: { Code: err.code, Message: err.message } }, RequestID: requestId() });
    return { status: err.status, headers: { "content-type": "text/xml;charset=UTF-8", ...err.headers }, body };
  },
};

const invalid = (message: string) => new AwsError(400, "InvalidParameterValue", message);

function ec2Response(action: string, content: XmlContent): SimResponse {
  return {
    status: 200,
    headers: { "content-type": "text/xml;charset=UTF-8" },
    body: xmlDocument(`${action}Response`, { "@_xmlns": NS, requestId: requestId(), ...content }),
  };
}

/** EC2's query lists: `Owner.1`, `Owner.2`, … */
function listParam(form: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; form.has(`${name}.${i}`); i++) values.push(form.get(`${name}.${i}`)!);
  return values;
}

/** The values of filter `name` (`Filter.N.Name`, `Filter.N.Value.M`), undefined when not given. */
function filterValues(form: URLSearchParams, name: string): string[] | undefined {
  for (let i = 1; form.has(`Filter.${i}.Name`); i++) {
    if (form.get(`Filter.${i}.Name`) === name) return listParam(form, `Filter.${i}.Value`);
  }
  return undefined;
}

function maxResults(form: URLSearchParams, min: number, max: number, fallback: number): number {
  return intParam("MaxResults", form.get("MaxResults"), { min, max }, invalid) ?? fallback;
}
