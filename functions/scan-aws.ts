import { awsScanner } from "../scan/aws-scanner.ts";
import { scanHandler } from "./scan.ts";

/** AWS's part of each scan round: its own function, so its bundle carries the AWS SDK clients and no other cloud's SDK. */
export const handler = scanHandler(awsScanner);
