import type { Severity } from "../../checks/framework.ts";
import type { Language } from "../../checks/text.ts";
import type { GroupUpdate } from "../outbox.ts";
import type { Block, StateChange } from "../render.ts";

/** A ticket as the tracker has it. */
export interface TrackerTicket {
  key: string;
  url?: string;
  open: boolean;
}

/** One update, ready for a tracker: the structure (for the webhook) and the words (for the rest). */
export interface TicketDelivery {
  update: GroupUpdate;
  /** Stable across retries of the same content; the webhook's idempotency key. */
  deliveryId: string;
  /** `cloud15-<group id>`, carried by the ticket so `find` works without cloud15's records. */
  marker: string;
  title: string;
  body: Block[];
  /** What changed, for the comment; empty on creation. */
  comment: Block[];
  state: StateChange;
  severity: Severity;
  language: Language;
  /** The tenant's findings page, when the config has a pageUrl. */
  pageLink?: string;
}

/**
 * One tracker. `create` makes a ticket, `update` rewrites its description, comments, and
 * closes or reopens it as `delivery.state` says. Each throws TrackerError on failure.
 */
export interface TicketAdapter {
  /**
   * The ticket carrying this marker, if any: made by an earlier delivery whose confirmation
   * never got recorded (a crash, a lost answer). Looked up before every creation.
   */
  find(marker: string): Promise<TrackerTicket | undefined>;
  create(delivery: TicketDelivery): Promise<TrackerTicket>;
  update(ticket: TrackerTicket, delivery: TicketDelivery): Promise<void>;
}
