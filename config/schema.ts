import { Type, type Static } from "@sinclair/typebox";
import { Attestation } from "../feed/schema.ts";
import { SecretRefSchema } from "../secrets/secret-ref.ts";
import { TicketTargetSchema } from "../tickets/target-config.ts";
import { SitesSchema } from "./site-config.ts";

/** The config file: tenants to scan. It holds references to secrets, never secret values. */
const Region = Type.String({ pattern: "^[a-z]{2}(-gov)?-[a-z]+-\\d$", description: "an AWS region such as ap-northeast-1" });

/** The owner's own rules: the checks that enforce one answer IPA item 4 too (checks/owner-rules.ts). */
export const TenantPolicySchema = Type.Object({
  allowedRegions: Type.Optional(Type.Array(Region, {
    minItems: 1,
    description: "regions where data may be stored (items 15 and 4); default Tokyo and Osaka",
  })),
  accessKeyMaxAgeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  inactiveDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  administrators: Type.Optional(Type.Object({
    min: Type.Integer({ minimum: 0 }),
    max: Type.Integer({ minimum: 1 }),
  }, { additionalProperties: false })),
  anyoneLinks: Type.Optional(Type.Union([Type.Literal("allowed"), Type.Literal("not_allowed")], {
    description: "whether files may be shared with links that work for anyone, without signing in (items 8 and 4); default not_allowed",
  })),
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
  regions: Type.Optional(Type.Array(Region, {
    minItems: 1,
    description: "the only regions this account can use (others denied, e.g. by an SCP): regional checks read these alone; default every region enabled for the account",
  })),
}, { additionalProperties: false });

const HttpsUrl = (description: string) => Type.String({ pattern: "^https://[^/]+/?$", description });

export const MicrosoftTenantSchema = Type.Object({
  tenantId: Type.String({
    pattern: "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)$",
    description: "the Directory (tenant) ID from Entra ID > Overview: a GUID, or a domain such as example-co.onmicrosoft.com",
  }),
  clientId: Type.String({
    pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    description: "the Application (client) ID of the read-only app registration (a GUID)",
  }),
  clientSecret: Type.Optional({
    ...SecretRefSchema,
    description: "where the app's client secret is kept, never the secret itself: {\"env\": NAME}, {\"file\": PATH} or {\"ssm\": \"/param/name\"}",
  }),
  certificate: Type.Optional({
    ...SecretRefSchema,
    description: "where a PEM with the app's certificate and its private key is kept, used instead of clientSecret: {\"env\": NAME}, {\"file\": PATH} or {\"ssm\": \"/param/name\"}",
  }),
  graphUrl: Type.Optional(HttpsUrl("an https origin for Microsoft Graph in a national cloud (https://graph.microsoft.us) or the simulator; https://graph.microsoft.com when absent")),
  authorityHost: Type.Optional(HttpsUrl("an https origin for Entra ID sign-in in a national cloud (https://login.microsoftonline.us) or the simulator; https://login.microsoftonline.com when absent")),
}, { additionalProperties: false, description: "Microsoft 365, read through Microsoft Graph with an app-only registration" });

export const GoogleTenantSchema = Type.Object({
  customerId: Type.Optional(Type.String({
    pattern: "^(my_customer|C[0-9A-Za-z]+)$",
    description: "the customer ID from Admin console > Account > Account settings (C0…); my_customer, the customer of adminEmail, when absent",
  })),
  adminEmail: Type.String({
    pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    description: "a super administrator the service account acts as (domain-wide delegation) to read users, shared drives and policies",
  }),
  serviceAccountKey: {
    ...SecretRefSchema,
    description: "where the service account's JSON key file is kept (never the key itself): {\"file\": PATH}, {\"env\": NAME} or {\"ssm\": \"/param\"}",
  },
  rootUrl: Type.Optional(Type.String({
    pattern: "^https?://[^/]+/?$",
    description: "where the Directory, Drive and Cloud Identity APIs are served (the simulator); Google's own hosts when absent. A path is not kept",
  })),
  tokenUrl: Type.Optional(Type.String({
    pattern: "^https?://",
    description: "the OAuth token endpoint (the simulator); https://oauth2.googleapis.com/token when absent",
  })),
}, { additionalProperties: false, description: "Google Workspace, read by a service account with domain-wide delegation and read-only scopes" });

export const TenantSchema = Type.Object({
  id: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,62}$", description: "lower-case letters, digits and hyphens" }),
  name: Type.String({ minLength: 1 }),
  language: Type.Optional(Type.Union([Type.Literal("ja"), Type.Literal("en")])),
  policy: Type.Optional(TenantPolicySchema),
  aws: Type.Optional(AwsTenantSchema),
  microsoft: Type.Optional(MicrosoftTenantSchema),
  google: Type.Optional(GoogleTenantSchema),
  sites: Type.Optional(SitesSchema),
  // Without additionalProperties: false a Record only checks keys that match its pattern,
  // so an answer filed under "16" or "item3" would be silently ignored.
  attestations: Type.Optional(Type.Record(Type.String({ pattern: "^([1-9]|1[0-5])$" }), Attestation, {
    additionalProperties: false,
    description: "the owner's answers, keyed by IPA item number 1-15",
  })),
  tickets: Type.Optional(Type.Array(TicketTargetSchema, {
    description: "trackers that get a ticket per problem, closed when fixed (docs/tickets.md)",
  })),
}, { additionalProperties: false });

export const ConfigSchema = Type.Object({
  $schema: Type.Optional(Type.String()),
  tenants: Type.Array(TenantSchema, { minItems: 1 }),
  pageUrl: Type.Optional(Type.String({
    pattern: "^https?://[^\\s]+$",
    description: "where the findings page is served, e.g. https://cloud15.example.jp; tickets link to <pageUrl>/t/<tenant>/",
  })),
}, {
  $id: "https://cloud15.dev/schema/config-1.json",
  title: "cloud15 config",
  additionalProperties: false,
});

export type Config = Static<typeof ConfigSchema>;
export type TenantConfig = Static<typeof TenantSchema>;
export type AwsTenantConfig = Static<typeof AwsTenantSchema>;
export type MicrosoftTenantConfig = Static<typeof MicrosoftTenantSchema>;
export type GoogleTenantConfig = Static<typeof GoogleTenantSchema>;
