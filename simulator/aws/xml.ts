import { XMLBuilder } from "fast-xml-parser";
import { requestId, type AwsError, type SimResponse } from "./wire.ts";

/**
 * Element content: nested objects are elements, arrays repeat an element, `@_name` keys are
 * attributes, `#text` is text, undefined is left out.
 */
export type XmlContent = { [name: string]: XmlValue };
type XmlValue = string | number | boolean | undefined | XmlContent | XmlContent[] | string[];

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true });

export function xmlDocument(root: string, content: XmlContent): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content })}`;
}

function xmlResponse(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "text/xml", ...headers }, body };
}

/** A successful AWS Query protocol (IAM, STS) answer: `<XResponse><XResult>…` plus ResponseMetadata. */
export function queryResponse(action: string, namespace: string, result?: XmlContent): SimResponse {
  const id = requestId();
  const content: XmlContent = { "@_xmlns": namespace };
  if (result) content[`${action}Result`] = result;
  content.ResponseMetadata = { RequestId: id };
  return xmlResponse(200, xmlDocument(`${action}Response`, content), { "x-amzn-requestid": id });
}

/** AWS Query protocol error document; `Type` is Sender for 4xx, Receiver for 5xx. */
export function queryError(namespace: string, err: AwsError): SimResponse {
  const id = requestId();
  const body = xmlDocument("ErrorResponse", {
    "@_xmlns": namespace,
    Error: { Type: err.status >= 500 ? "Receiver" : "Sender", Code: err.code, Message: err.message },
    RequestId: id,
  });
  return xmlResponse(err.status, body, { "x-amzn-requestid": id, ...err.headers });
}
