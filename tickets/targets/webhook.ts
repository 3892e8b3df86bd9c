import { createHmac } from "node:crypto";
import type { TrackerHttp } from "../http.ts";
import type { WebhookTarget } from "../target-config.ts";
import type { TicketAdapter, TicketDelivery, TrackerTicket } from "./adapter.ts";

/** Bumped on any change a receiver could trip over; docs/tickets.md describes each version. */
const WEBHOOK_PAYLOAD_VERSION = 1;

const SIGNATURE_HEADER = "X-Cloud15-Signature";
const TIMESTAMP_HEADER = "X-Cloud15-Timestamp";
const DELIVERY_HEADER = "X-Cloud15-Delivery";

/** How the ticket-to-be changes with this delivery, in the receiver's words. */
type WebhookEvent = "opened" | "reopened" | "updated" | "resolved";

/**
 * `v1=` + hex HMAC-SHA256 of `<timestamp>.<body>` under the shared secret. The timestamp is
 * signed so a captured request cannot be replayed outside the receiver's window (5 minutes in
 * the documented check); the delivery id lets the receiver drop a repeat inside it.
 */
function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/**
 * A generic webhook: every update is POSTed as signed, versioned JSON. There is no ticket to
 * find; a delivery whose confirmation was lost is sent again with the same delivery id, which
 * the receiver uses to drop the repeat.
 */
export class WebhookAdapter implements TicketAdapter {
  constructor(
    private readonly target: WebhookTarget,
    private readonly secret: string,
    private readonly http: TrackerHttp,
  ) {}

  async find(): Promise<TrackerTicket | undefined> {
    return undefined;
  }

  async create(d: TicketDelivery): Promise<TrackerTicket> {
    await this.post(d, "opened");
    return { key: d.update.groupId, open: true };
  }

  async update(_ticket: TrackerTicket, d: TicketDelivery): Promise<void> {
    await this.post(d, d.state === "close" ? "resolved" : d.state === "reopen" ? "reopened" : "updated");
  }

  private async post(d: TicketDelivery, event: WebhookEvent): Promise<void> {
    const u = d.update;
    const body = JSON.stringify({
      version: WEBHOOK_PAYLOAD_VERSION,
      id: d.deliveryId,
      event,
      tenant: u.tenant,
      group: { id: u.groupId, grouping: u.grouping, marker: d.marker },
      check: u.check,
      title: d.title,
      language: d.language,
      findings: u.affected,
      changes: u.changes,
      scan: u.scan,
      ...(d.pageLink ? { page: d.pageLink } : {}),
    });
    // The receiver checks it against its own clock: the wall clock, never a scheduling clock.
    const timestamp = Math.floor(Date.now() / 1000);
    await this.http.send({
      method: "POST",
      url: new URL(this.target.url),
      headers: {
        "Content-Type": "application/json",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: webhookSignature(this.secret, timestamp, body),
        [DELIVERY_HEADER]: d.deliveryId,
      },
      body,
      // The receiver drops a repeat by its delivery id, so a retry never doubles anything.
      idempotent: true,
    });
  }
}
