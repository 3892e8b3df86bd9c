import { AWS_CHECKS } from "./aws/index.ts";
import type { Check } from "./framework.ts";
import { GOOGLE_CHECKS } from "./google/index.ts";
import { MICROSOFT_CHECKS } from "./microsoft/index.ts";
import { SITE_CHECKS } from "./site/index.ts";

/**
 * Every check of every provider: what the catalogue's tests and the items page of the docs read.
 * The scanners keep their own lists, so a Lambda function bundles one provider's checks only.
 */
export const ALL_CHECKS: readonly Check[] = [...AWS_CHECKS, ...MICROSOFT_CHECKS, ...GOOGLE_CHECKS, ...SITE_CHECKS];
