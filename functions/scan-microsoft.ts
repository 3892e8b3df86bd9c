import { microsoftScanner } from "../scan/microsoft-scanner.ts";
import { scanHandler } from "./scan.ts";

/** Microsoft 365's part of each scan round: its own function, so the Graph client and its sign-in go nowhere else. */
export const handler = scanHandler(microsoftScanner);
