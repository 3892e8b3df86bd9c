import { googleScanner } from "../scan/google-scanner.ts";
import { scanHandler } from "./scan.ts";

/** Google Workspace's part of each scan round: its own function, so google-auth-library goes nowhere else. */
export const handler = scanHandler(googleScanner);
