import { jsonBody, restJson, restJsonError } from "./json.ts";
import { AwsError, unsupported, type Route, type SimService } from "./wire.ts";

/** AWS Account Management over REST-JSON: POST /getAlternateContact. */
const TYPES = ["BILLING", "OPERATIONS", "SECURITY"];

const invalid = (message: string) => new AwsError(400, "ValidationException", message);

export const accountService: SimService = {
  name: "account",
  route(req, ctx): Route {
    if (req.method !== "POST" || req.path !== "/getAlternateContact") {
      return unsupported("account", `${req.method} ${req.path}`, () =>
        new AwsError(404, "UnknownOperationException", "The requested operation is not supported by the simulator"));
    }
    return {
      operation: "GetAlternateContact", permission: "account:GetAlternateContact",
      respond: () => {
        const input = jsonBody<{ AlternateContactType?: string; AccountId?: string }>(req, invalid);
        if (!TYPES.includes(input.AlternateContactType ?? "")) {
          throw invalid(`1 validation error detected: Value at 'alternateContactType' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(", ")}]`);
        }
        const contact = input.AlternateContactType === "SECURITY" ? ctx.account.securityContact : undefined;
        if (contact === undefined) throw new AwsError(404, "ResourceNotFoundException", "No contact of the inputted alternate contact type found.");
        return restJson(200, {
          AlternateContact: {
            AlternateContactType: "SECURITY", Name: contact.name, Title: contact.title, EmailAddress: contact.email, PhoneNumber: contact.phone,
          },
        });
      },
    };
  },
  error: restJsonError,
};
