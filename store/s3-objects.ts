import { gunzipSync, gzipSync } from "node:zlib";
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * The object's text, or undefined when there is no such key. Any other failure throws.
 * Objects this deployment wrote are gzipped (below); one uploaded by hand, such as the
 * config, is read as it is.
 */
export async function readObjectText(s3: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = await out.Body!.transformToByteArray();
    return (out.ContentEncoding === "gzip" ? gunzipSync(bytes) : Buffer.from(bytes)).toString("utf8");
  } catch (err) {
    if (err instanceof NoSuchKey) return undefined;
    throw err;
  }
}

/** JSON text gzipped as writeJsonObject stores it: once for every key the same text is written under. */
export interface GzippedJson {
  readonly gzipped: Uint8Array;
}

export function gzipJson(text: string): GzippedJson {
  return { gzipped: gzipSync(text) };
}

/**
 * A single PUT: S3 stores the object whole or not at all, which is what the feed store
 * promises. Gzipped, with `Content-Encoding: gzip` so a browser opening it from the console
 * still sees JSON: a large account's feed is 12 MB of JSON and 0.2 MB gzipped, and a year of
 * nightly history is kept.
 */
export async function writeJsonObject(s3: S3Client, bucket: string, key: string, json: string | GzippedJson): Promise<void> {
  await s3.send(new PutObjectCommand({
    Bucket: bucket,
    Key: key,
    Body: typeof json === "string" ? gzipSync(json) : json.gzipped,
    ContentType: "application/json; charset=utf-8",
    ContentEncoding: "gzip",
  }));
}
