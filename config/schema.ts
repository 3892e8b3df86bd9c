import { Type, type Static } from "@sinclair/typebox";
import { Attestation } from "../feed/schema.ts";

/** The config file: tenants to scan. It holds references to secrets, never secret values. */
const Region = Type.String({ pattern: "^[a-z]{2}(-gov)?-[a-z]+-\\d$", description: "an AWS region such as ap-northeast-1" });

export const TenantPolicySchema = Type.Object({
  allowedRegions: Type.Optional(Type.Array(Region, {
    minItems: 1,
    description: "regions where data may be stored (item 15); default Tokyo and Osaka",
  })),
  accessKeyMaxAgeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  inactiveDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  administrators: Type.Optional(Type.Object({
    min: Type.Integer({ minimum: 0 }),
    max: Type.Integer({ minimum: 1 }),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const AwsTenantSchema = Type.Object({
  region: Region,
  roleArn: Type.Optional(Type.String({
    pattern: "^arn:aws[a-z-]*:iam::\\d{12}:role/.+$",
    description: "read-only role to assume in the customer's account",
  })),
  externalId: Type.Optional(Type.String({ minLength: 2, maxLength: 1224 })),
  endpoint: Type.Optional(Type.String({
    pattern: "^https?://",
    description: "an S3/IAM-compatible endpoint (the simulator, moto); real AWS when absent",
  })),
}, { additionalProperties: false });

export const TenantSchema = Type.Object({
  id: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,62}$", description: "lower-case letters, digits and hyphens" }),
  name: Type.String({ minLength: 1 }),
  language: Type.Optional(Type.Union([Type.Literal("ja"), Type.Literal("en")])),
  policy: Type.Optional(TenantPolicySchema),
  aws: Type.Optional(AwsTenantSchema),
  // Without additionalProperties: false a Record only checks keys that match its pattern,
  // so an answer filed under "16" or "item3" would be silently ignored.
  attestations: Type.Optional(Type.Record(Type.String({ pattern: "^([1-9]|1[0-5])$" }), Attestation, {
    additionalProperties: false,
    description: "the owner's answers, keyed by IPA item number 1-15",
  })),
}, { additionalProperties: false });

export const ConfigSchema = Type.Object({
  $schema: Type.Optional(Type.String()),
  tenants: Type.Array(TenantSchema, { minItems: 1 }),
}, {
  $id: "https://cloud15.dev/schema/config-1.json",
  title: "cloud15 config",
  additionalProperties: false,
});

export type Config = Static<typeof ConfigSchema>;
export type TenantConfig = Static<typeof TenantSchema>;
export type AwsTenantConfig = Static<typeof AwsTenantSchema>;
