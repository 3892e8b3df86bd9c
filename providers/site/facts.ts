import type { SiteBaseline } from "../../feed/site-baseline.ts";
import type { Fact } from "../fact.ts";

/** What cloud15 saw of one watched page of the online shop. */
export interface SiteFacts {
  /** One per configured page, in config order. Always collected: each part fails on its own. */
  sites: Fact<SiteObservation[]>;
}

export interface SiteObservation {
  /** The configured page address. */
  url: string;
  origin: string;
  platform?: string;
  page: Fact<PageSnapshot>;
  certificate: Fact<TlsCertificate>;
  legacyProtocols: Fact<LegacyProtocols>;
  /** Admin login pages probed: configured ones, or the platform's defaults; empty when neither is known. */
  adminPages: AdminProbe[];
  /**
   * The approved baseline the page is compared with. `recordedNow` on the first scan, when
   * this scan's inventory became the baseline; failed when the baseline store could not be read.
   */
  baseline: Fact<{ record: SiteBaseline; recordedNow: boolean }>;
}

export interface PageSnapshot {
  /** Where the page ended up after redirects. */
  finalUrl: string;
  status: number;
  headers: SecurityHeaders;
  scripts: ScriptObservation[];
  forms: FormObservation[];
  iframes: string[];
  /** `<meta name="generator">`, as written. */
  generator?: string;
  /** `<meta http-equiv="Content-Security-Policy">`: a policy set in the page itself. */
  metaCsp?: string;
  /**
   * Present when the page was to be loaded in a browser (`render`): how many scripts it
   * requested, or why it could not be rendered — then the scripts added at run time are
   * unknown, and the checks of external scripts say `error` rather than judge half a list.
   */
  rendering?: Fact<{ scripts: number }>;
}

export interface SecurityHeaders {
  strictTransportSecurity?: string;
  contentSecurityPolicy?: string;
  server?: string;
  poweredBy?: string;
}

export interface ScriptObservation {
  /** The script's identity across scans: its absolute URL, or `inline:<n>` for the n-th inline script. */
  key: string;
  inline: boolean;
  src?: string;
  origin?: string;
  /** Requested by the page in a browser (`render`), not named in its HTML: added at run time. */
  loadedAtRunTime?: true;
  /** SHA-256 (hex) of the script's text, and its size; a script that could not be fetched is an error on its own. */
  content: Fact<{ sha256: string; bytes: number }>;
}

export interface FormObservation {
  /** Position among the page's forms, the form's identity across scans. */
  index: number;
  /** Where the form sends what is typed in it, resolved against the page. */
  action: string;
  actionOrigin: string;
  method: string;
}

export interface TlsCertificate {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whether it verifies against the trusted CAs, as a browser would check it. */
  trusted: boolean;
  trustProblem?: string;
  protocol: string;
}

export interface LegacyProtocols {
  tls10: boolean;
  tls11: boolean;
}

export interface AdminProbe {
  url: string;
  /** Configured by the owner, or one of the platform's default paths. */
  source: "configured" | "platform_default";
  /** The final HTTP status after redirects: 2xx means anyone on the internet gets the login page. */
  answer: Fact<{ status: number; finalUrl: string }>;
}
