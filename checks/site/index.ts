import type { SiteFacts } from "../../providers/site/facts.ts";
import type { Check } from "../framework.ts";
import adminExposed from "./admin-exposed.ts";
import formsActionOrigin from "./forms-action-origin.ts";
import headersCspScripts from "./headers-csp-scripts.ts";
import headersHsts from "./headers-hsts.ts";
import scriptsContentChanged from "./scripts-content-changed.ts";
import scriptsInlineChanged from "./scripts-inline-changed.ts";
import scriptsNewFile from "./scripts-new-file.ts";
import scriptsNewOrigin from "./scripts-new-origin.ts";
import softwareDisclosed from "./software-disclosed.ts";
import tlsCertificateExpiry from "./tls-certificate-expiry.ts";
import tlsLegacyProtocols from "./tls-legacy-protocols.ts";

/** Every online-shop check (the 「EC サイト」 grouping). Adding a check: one file beside these, its test, and one line here. */
export const SITE_CHECKS: readonly Check<SiteFacts>[] = [
  scriptsNewOrigin,
  scriptsNewFile,
  scriptsContentChanged,
  scriptsInlineChanged,
  formsActionOrigin,
  adminExposed,
  tlsCertificateExpiry,
  tlsLegacyProtocols,
  headersHsts,
  headersCspScripts,
  softwareDisclosed,
];
