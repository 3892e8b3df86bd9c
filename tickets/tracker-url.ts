import { lookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Which tracker addresses cloud15 may call. A tracker URL comes from a config an MSP edits for
 * hundreds of tenants; cloud15 runs next to credentials (a Lambda role, an instance profile)
 * and inside a network, so a URL that leads to a cloud metadata service would hand over those
 * credentials, and one that leads into the private network would let whoever wrote the URL
 * probe and post to services no tracker lives on.
 */
const FORBIDDEN = new BlockList();
// Link-local: AWS, GCP and Azure metadata (169.254.169.254), ECS task credentials (169.254.170.2).
FORBIDDEN.addSubnet("169.254.0.0", 16, "ipv4");
FORBIDDEN.addSubnet("fe80::", 10, "ipv6");
// AWS metadata over IPv6, and Alibaba Cloud's metadata service.
FORBIDDEN.addAddress("fd00:ec2::254", "ipv6");
FORBIDDEN.addAddress("100.100.100.200", "ipv4");
// "This host" and broadcast/multicast: never a tracker, and 0.0.0.0 reaches local services.
FORBIDDEN.addSubnet("0.0.0.0", 8, "ipv4");
FORBIDDEN.addAddress("::", "ipv6");
FORBIDDEN.addSubnet("224.0.0.0", 4, "ipv4");
FORBIDDEN.addAddress("255.255.255.255", "ipv4");
FORBIDDEN.addSubnet("ff00::", 8, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Private networks and this machine: reachable only when the target says
 * `allowPrivateNetwork: true` (a Redmine on the office network, the tests' local trackers).
 */
const PRIVATE = new BlockList();
PRIVATE.addSubnet("10.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("172.16.0.0", 12, "ipv4");
PRIVATE.addSubnet("192.168.0.0", 16, "ipv4");
// Carrier-grade NAT space, used inside VPCs and corporate networks too.
PRIVATE.addSubnet("100.64.0.0", 10, "ipv4");
PRIVATE.addSubnet("fc00::", 7, "ipv6");
// Site-local IPv6: deprecated, still private where it is used.
PRIVATE.addSubnet("fec0::", 10, "ipv6");
PRIVATE.addSubnet("127.0.0.0", 8, "ipv4");
PRIVATE.addAddress("::1", "ipv6");

/** Metadata services also answer to names, which resolve to the addresses above or not at all here. */
const FORBIDDEN_NAMES = new Set(["metadata", "metadata.google.internal", "metadata.azure.internal", "instance-data"]);

/** What the target allows beyond public https addresses. */
export interface AddressPolicy {
  /** The target's `allowPrivateNetwork`: private ranges and loopback may be called. */
  allowPrivateNetwork: boolean;
}

function inList(list: BlockList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (list.check(address, family === 6 ? "ipv6" : "ipv4")) return true;
  const embedded = family === 6 ? nat64Embedded(address) : undefined;
  return embedded !== undefined && list.check(embedded, "ipv4");
}

/**
 * The IPv4 address inside a NAT64 address of the well-known prefix 64:ff9b::/96 (RFC 6052),
 * which AWS's NAT gateways translate: behind DNS64, a name whose only address is 10.0.0.5
 * resolves to 64:ff9b::a00:5, and the connection reaches 10.0.0.5.
 */
function nat64Embedded(address: string): string | undefined {
  const groups = expandIPv6(address);
  if (!groups || groups[0] !== 0x64 || groups[1] !== 0xff9b || groups.slice(2, 6).some((g) => g !== 0)) return undefined;
  const [high, low] = [groups[6]!, groups[7]!];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** An IPv6 address as its eight 16-bit groups; a dotted IPv4 tail counts as the last two. */
function expandIPv6(address: string): number[] | undefined {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let text = address;
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${address.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (p: string | undefined) => (p ? p.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

export function forbiddenAddress(address: string): boolean {
  return inList(FORBIDDEN, address);
}

/** 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, fec0::/10 and loopback, IPv4-mapped and NAT64 forms included. */
export function privateAddress(address: string): boolean {
  return inList(PRIVATE, address);
}

function loopbackAddress(address: string): boolean {
  return inList(LOOPBACK, address);
}

/** `[::1]` → `::1`: URL keeps the brackets of an IPv6 literal. */
function bareHost(hostname: string): string {
  return hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
}

const ALLOW_HINT = "set \"allowPrivateNetwork\": true on this target if the tracker really is on your own network";

/** Why an address (a literal, or what a name resolved to) may not be called, or undefined. */
function addressProblem(address: string, plainHttp: boolean, policy: AddressPolicy): string | undefined {
  if (forbiddenAddress(address)) return "link-local or cloud metadata address";
  if (!policy.allowPrivateNetwork && privateAddress(address)) return `private network or loopback address; ${ALLOW_HINT}`;
  if (plainHttp && !loopbackAddress(address)) return "plain http is only for loopback";
  return undefined;
}

/**
 * Why a tracker URL may not be used, or undefined when it may: https only, plain http only to
 * this machine (a tracker on localhost, the tests), no credentials in the URL (they belong in a
 * secret reference), no metadata address, and no private or loopback address unless the target
 * allows it. Names are checked again, on the addresses they resolve to, at connection time.
 */
export function trackerUrlProblem(text: string, policy: AddressPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "an absolute https URL";
  }
  const host = bareHost(url.hostname).toLowerCase();
  if (url.username || url.password) return "a URL without a user name or password (put credentials in a secret reference)";
  if (url.protocol === "http:" && !(host === "localhost" || loopbackAddress(host))) {
    return "an https URL (plain http only to localhost, 127.0.0.1 or [::1])";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "an https URL";
  if (forbiddenAddress(host) || FORBIDDEN_NAMES.has(host)) {
    return "a tracker address, not a link-local or cloud metadata address";
  }
  if (!policy.allowPrivateNetwork && (privateAddress(host) || host === "localhost")) {
    return `a public tracker address (${host} is on a private network or this machine; ${ALLOW_HINT})`;
  }
  return undefined;
}

/** A tracker address refused at connection time; never retried. */
export class ForbiddenAddressError extends Error {
  override name = "ForbiddenAddressError";
}

/** The system resolver's shape (dns.lookup with `all: true`). */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * `lookup` for node:http(s) that refuses a host resolving to a forbidden address, to a private
 * one unless the target allows it, or, over plain http, to anything but loopback. Checking the
 * address the socket is about to use, not an earlier resolution, leaves no window for a name
 * to change its answer in between (DNS rebinding).
 */
export function guardedLookup(plainHttp: boolean, policy: AddressPolicy, resolve: Resolver = lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      for (const a of addresses) {
        const why = addressProblem(a.address, plainHttp, policy);
        if (why) return callback(new ForbiddenAddressError(`${hostname} resolves to ${a.address}: ${why}`), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** An IP literal never reaches `lookup`, so it is checked before connecting. */
export function literalAddressProblem(url: URL, policy: AddressPolicy): string | undefined {
  const host = bareHost(url.hostname);
  if (FORBIDDEN_NAMES.has(host.toLowerCase())) return `${host} is a link-local or cloud metadata address`;
  if (isIP(host) === 0) return undefined;
  const why = addressProblem(host, url.protocol === "http:", policy);
  return why ? `${host}: ${why}` : undefined;
}
