import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiToken, readCookie, sessionCookie, signLinkToken, signSessionToken, verifyApiToken, verifyLinkToken,
  verifySessionToken,
} from "../../page/auth.ts";
import { FsTenantSecrets } from "../../page/secrets.ts";

const A = randomBytes(32);
const B = randomBytes(32);
const NOW = new Date("2026-01-01T00:00:00Z");
const LATER = new Date("2026-01-08T00:00:00Z");

describe("link, session and API tokens", () => {
  it("accept a link until it expires", () => {
    const token = signLinkToken(A, "acme", LATER);
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyLinkToken(A, "acme", token, NOW)).toBe(true);
    expect(verifyLinkToken(A, "acme", token, new Date(LATER.getTime() + 1000))).toBe(false);
  });

  it("refuse a changed expiry, a changed MAC and any non-canonical spelling of the MAC", () => {
    const token = signLinkToken(A, "acme", LATER);
    const [expiry, mac] = token.split(".") as [string, string];
    expect(verifyLinkToken(A, "acme", `${Number(expiry) + 1}.${mac}`, NOW)).toBe(false);
    for (let i = 0; i < mac.length; i++) {
      const other = mac[i] === "A" ? "B" : "A";
      expect(verifyLinkToken(A, "acme", `${expiry}.${mac.slice(0, i)}${other}${mac.slice(i + 1)}`, NOW)).toBe(false);
    }
    for (const bad of [`${token}=`, `${token}!`, ` ${token}`, `${expiry}.`, "", `${expiry}.${mac}.${mac}`]) {
      expect(verifyLinkToken(A, "acme", bad, NOW)).toBe(false);
    }
  });

  it("bind every credential to one tenant and one purpose", () => {
    const link = signLinkToken(A, "acme", LATER);
    expect(verifyLinkToken(A, "beta", link, NOW)).toBe(false);
    expect(verifyLinkToken(B, "acme", link, NOW)).toBe(false);
    // A link is not a session, nor the other way round.
    expect(verifySessionToken(A, "acme", link, NOW)).toBe(false);
    expect(verifyLinkToken(A, "acme", signSessionToken(A, "acme", LATER), NOW)).toBe(false);
    expect(verifySessionToken(A, "acme", signSessionToken(A, "acme", LATER), NOW)).toBe(true);

    const token = apiToken(A, "acme");
    expect(token).toMatch(/^c15_[A-Za-z0-9_-]{43}$/);
    expect(verifyApiToken(A, "acme", token)).toBe(true);
    expect(verifyApiToken(A, "beta", token)).toBe(false);
    expect(verifyApiToken(B, "acme", token)).toBe(false);
    expect(verifyApiToken(A, "acme", token.slice(4))).toBe(false);
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Strict, scoped to the tenant's API, and Secure unless on loopback", () => {
    expect(sessionCookie("acme", "v", { maxAgeSeconds: 60, secure: true }))
      .toBe("c15_session_acme=v; Path=/api/tenants/acme/; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
    expect(sessionCookie("acme", "v", { maxAgeSeconds: 60, secure: false })).not.toContain("Secure");
  });

  it("is read by exact name from a Cookie header", () => {
    const header = "c15_session_acme-2=x; c15_session_acme=y;other=z";
    expect(readCookie(header, "c15_session_acme")).toBe("y");
    expect(readCookie(header, "other")).toBe("z");
    expect(readCookie(header, "c15_session_beta")).toBeUndefined();
    expect(readCookie(undefined, "c15_session_acme")).toBeUndefined();
  });
});

describe("FsTenantSecrets", () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a tenant's secret once, readable by the owner only, and never from a lookup", async () => {
    dir = await mkdtemp(join(tmpdir(), "cloud15-secrets-"));
    await mkdir(join(dir, "acme"));
    const secrets = new FsTenantSecrets(dir);
    expect(await secrets.get("acme")).toBeUndefined();
    await expect(stat(join(dir, "acme", ".page-secret"))).rejects.toThrow();

    const [first, second] = await Promise.all([secrets.ensure("acme"), secrets.ensure("acme")]);
    expect(first.equals(second)).toBe(true);
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, "acme", ".page-secret"))).mode & 0o777).toBe(0o600);
    expect((await secrets.get("acme"))?.equals(first)).toBe(true);
    expect((await readFile(join(dir, "acme", ".page-secret"), "utf8")).trim()).toBe(first.toString("hex"));
  });

  it("refuses a damaged secret instead of replacing it", async () => {
    dir = await mkdtemp(join(tmpdir(), "cloud15-secrets-"));
    await mkdir(join(dir, "acme"));
    await writeFile(join(dir, "acme", ".page-secret"), "not hex\n");
    await expect(new FsTenantSecrets(dir).ensure("acme")).rejects.toThrow(/not a page secret/);
  });
});
