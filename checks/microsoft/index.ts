import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import type { Check } from "../framework.ts";
import adminCount from "./admin-count.ts";
import adminMfa from "./admin-mfa.ts";
import anyoneEditLinks from "./anyone-edit-links.ts";
import anyoneLinks from "./anyone-links.ts";
import backup from "./backup.ts";
import dataLocation from "./data-location.ts";
import disabledLicensed from "./disabled-licensed.ts";
import guestMfa from "./guest-mfa.ts";
import inactiveUsers from "./inactive-users.ts";
import leaverSharedFiles from "./leaver-shared-files.ts";
import legacyAuth from "./legacy-auth.ts";
import notificationContacts from "./notification-contacts.ts";
import oneDriveRetention from "./onedrive-retention.ts";
import secureScore from "./secure-score.ts";
import sensitivityLabels from "./sensitivity-labels.ts";
import serviceHealth from "./service-health.ts";
import mfaEnforced from "./mfa-enforced.ts";
import tenantSharing from "./tenant-sharing.ts";
import userMfa from "./user-mfa.ts";

/** Every Microsoft 365 check. Adding a check: one file beside these, its test, and one line here. */
export const MICROSOFT_CHECKS: readonly Check<MicrosoftFacts>[] = [
  userMfa,
  mfaEnforced,
  adminMfa,
  adminCount,
  guestMfa,
  inactiveUsers,
  disabledLicensed,
  tenantSharing,
  anyoneLinks,
  anyoneEditLinks,
  backup,
  dataLocation,
  legacyAuth,
  secureScore,
  serviceHealth,
  notificationContacts,
  oneDriveRetention,
  leaverSharedFiles,
  sensitivityLabels,
];
