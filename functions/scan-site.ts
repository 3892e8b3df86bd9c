import { siteScanner } from "../scan/site-scanner.ts";
import { scanHandler } from "./scan.ts";

/**
 * The online shop's part of each scan round, hourly by default (serverless.yml), apart from the
 * nightly round of the clouds: its bundle carries the HTML parser and no cloud's SDK. It does not
 * render pages in a browser (docs/online-shop.md says why); the feed notes it for a page with `render`.
 */
export const handler = scanHandler({ ...siteScanner, collect: (tenant, request) => siteScanner.collect(tenant, { ...request, render: false }) });
