import type { GoogleFacts } from "../../providers/google/facts.ts";
import type { Check } from "../framework.ts";
import admin2sv from "./admin-2sv.ts";
import adminRecovery from "./admin-recovery.ts";
import dataClassification from "./data-classification.ts";
import dataRegion from "./data-region.ts";
import drivePublicFiles from "./drive-public-files.ts";
import driveSharingPolicy from "./drive-sharing-policy.ts";
import inactiveUsers from "./inactive-users.ts";
import leaverLicences from "./leaver-licences.ts";
import openAlerts from "./open-alerts.ts";
import protectionSettings from "./protection-settings.ts";
import superAdminCount from "./super-admin-count.ts";
import twoSvEnforced from "./two-sv-enforced.ts";
import user2svEnrolled from "./user-2sv-enrolled.ts";
import workspaceBackup from "./workspace-backup.ts";

/** Every Google Workspace check. Adding a check: one file beside these, its test, and one line here. */
export const GOOGLE_CHECKS: readonly Check<GoogleFacts>[] = [
  user2svEnrolled,
  twoSvEnforced,
  superAdminCount,
  admin2sv,
  inactiveUsers,
  drivePublicFiles,
  driveSharingPolicy,
  dataRegion,
  workspaceBackup,
  adminRecovery,
  leaverLicences,
  openAlerts,
  protectionSettings,
  dataClassification,
];
