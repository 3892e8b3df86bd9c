import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * Self-signed X.509 certificates built with node:crypto alone, so the simulator needs no
 * openssl binary and no key material in the repository. The Entra token endpoint must be
 * https (OAuth clients refuse http), and the Graph client only sends the token over https.
 */
export interface SelfSignedCertificate {
  /** PEM certificate: what a client trusts (as `ca`) and what an app registration uploads. */
  certPem: string;
  /** PEM PKCS#8 private key. */
  keyPem: string;
  /** SHA-1 of the DER certificate, hex: Entra's certificate thumbprint (x5t). */
  thumbprint: string;
  publicKey: KeyObject;
}

export interface CertificateOptions {
  commonName: string;
  /** Host names and IP addresses the certificate is valid for (TLS server use). */
  altNames?: string[];
  /** `ec` (P-256) for TLS, fast to generate; `rsa` for app credentials (Entra takes RSA-signed assertions only). */
  keyType?: "ec" | "rsa";
  validDays?: number;
  now?: Date;
}

export function selfSignedCertificate(opts: CertificateOptions): SelfSignedCertificate {
  const keyType = opts.keyType ?? "ec";
  const { privateKey, publicKey } = keyType === "ec"
    ? generateKeyPairSync("ec", { namedCurve: "P-256" })
    : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 3_600_000);
  const notAfter = new Date(now.getTime() + (opts.validDays ?? 30) * 86_400_000);
  const signatureAlgorithm = keyType === "ec"
    ? seq(oid("1.2.840.10045.4.3.2"))
    : seq(oid("1.2.840.113549.1.1.11"), NULL);
  const name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(opts.commonName, "utf8")))));
  const extensions = [
    // A self-signed certificate that clients trust directly is its own CA.
    extension("2.5.29.19", true, seq(tlv(0x01, Buffer.from([0xff])))),
    // digitalSignature, keyEncipherment, keyCertSign.
    extension("2.5.29.15", true, tlv(0x03, Buffer.from([0x02, 0xa4]))),
  ];
  if (opts.altNames?.length) extensions.push(extension("2.5.29.17", false, seq(...opts.altNames.map(generalName))));

  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(randomBytes(12)),
    signatureAlgorithm,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = seq(tbs, signatureAlgorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    certPem: pem("CERTIFICATE", der),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    thumbprint: createHash("sha1").update(der).digest("hex"),
    publicKey,
  };
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

// --- DER, only the parts a certificate needs ---

function tlv(tag: number, value: Buffer): Buffer {
  const n = value.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const NULL = Buffer.from([0x05, 0x00]);

/** A positive INTEGER in its one valid DER form: no redundant leading zero, one added where the sign bit is set. */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1]! < 0x80) start++;
  const minimal = bytes.subarray(start);
  return tlv(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, "").slice(2, 14);
  return tlv(0x17, Buffer.from(`${s}Z`, "ascii"));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

function generalName(name: string): Buffer {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name);
  if (v4) return tlv(0x87, Buffer.from(v4.slice(1).map(Number)));
  if (name === "::1") return tlv(0x87, Buffer.from([...Array(15).fill(0), 1]));
  return tlv(0x82, Buffer.from(name, "ascii"));
}
