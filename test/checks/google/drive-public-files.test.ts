import { describe, expect, it } from "vitest";
import check from "../../../checks/google/drive-public-files.ts";
import { collected, failed, goodFacts, notDelegated, publicFile, run, user } from "./fixture.ts";

const METADATA = "https://www.googleapis.com/auth/drive.metadata.readonly";
const DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly";

describe("google.drive.public_files", () => {
  it("passes each user's Drive and each shared drive with nothing public, and a drive closed to outsiders", () => {
    const facts = goodFacts({ sharedDrives: collected([{ id: "0Ahr", name: "HR", domainUsersOnly: true }]) });
    const results = run(check, facts);
    expect(results.map((r) => [r.resource.type, r.status])).toEqual([
      ["Google::Directory::User", "pass"], ["Google::Directory::User", "pass"], ["Google::Directory::User", "pass"],
      ["Google::Drive::SharedDrive", "pass"],
    ]);
    expect(results[3]!.evidence).toEqual({ domainUsersOnly: true });
  });

  it("fails each public file with its owner, whether link-only or findable, and what a stranger may do", () => {
    const facts = goodFacts({
      userDrives: collected([{
        userId: "id-sales", email: "sales@acme.example",
        publicFiles: collected([publicFile("quote", { role: "writer" }), publicFile("customers", { visibility: "anyoneCanFind", webViewLink: "https://docs.google.com/x" })]),
      }]),
      sharedDrives: collected([{ id: "0Asales", name: "Sales", domainUsersOnly: false, publicFiles: collected([publicFile("prices", { owner: undefined, sharedDrive: { id: "0Asales", name: "Sales" }, trashed: true })]) }]),
    });
    const results = run(check, facts);
    expect(results.map((r) => r.message?.en)).toEqual([
      'Anyone with the link to "quote" can edit it (owner: sales@acme.example).',
      '"customers" is public on the web: anyone can find it and view it (owner: sales@acme.example).',
      'Anyone with the link to "prices" can view it (shared drive: Sales, in the bin).',
    ]);
    expect(results[1]!.resource).toEqual({ uid: "google:drive/file/file-customers", name: "customers", type: "Google::Drive::File", consoleUrl: "https://docs.google.com/x" });
    expect(results[2]!.evidence).toMatchObject({ sharedDrive: "Sales", visibility: "anyoneWithLink", trashed: true });
  });

  it("reports a suspended or archived user's Drive as skipped with the reason, since Google lets nobody search it", () => {
    const facts = goodFacts({ users: collected([user("staff"), user("left", { suspended: true }), user("kept", { archived: true })]) });
    const skipped = run(check, facts).filter((r) => r.status === "skipped");
    expect(skipped.map((r) => r.resource.name)).toEqual(["left@acme.example", "kept@acme.example"]);
    expect(skipped[0]!.reason!.ja).toMatch(/^停止中のアカウントのため、Google の仕様でドライブを検索できません。/);
    expect(skipped[1]!.reason!.en).toMatch(/^Archived account: Google lets nobody search its Drive/);
  });

  it("fails a file shared in a way Drive added later, and one with a role it added later, saying so in plain words", () => {
    const facts = goodFacts({
      userDrives: collected([{
        userId: "id-sales", email: "sales@acme.example",
        publicFiles: collected([
          publicFile("newtype", { visibility: "unrecognised", role: "reader", grantee: "audience" }),
          publicFile("newrole", { role: "superEditor" }),
          publicFile("published", { role: "publishedReader" }),
        ]),
      }]),
    });
    const results = run(check, facts).filter((r) => r.resource.type === "Google::Drive::File");
    expect(results.map((r) => r.status)).toEqual(["fail", "fail", "fail"]);
    expect(results.map((r) => r.message!.en)).toEqual([
      '"newtype" is shared in a way cloud15 does not recognise and may open for anyone outside the company (owner: sales@acme.example). Check its sharing.',
      'Anyone with the link to "newrole" can use it (with a kind of access cloud15 does not know) (owner: sales@acme.example).',
      'Anyone with the link to "published" can view its published version (owner: sales@acme.example).',
    ]);
    expect(results[0]!.evidence).toMatchObject({ grantee: "audience" });
    expect(results[1]!.message!.ja).not.toMatch(/superEditor/);
  });

  it("reports error for one user whose Drive could not be searched, and still judges the others", () => {
    const throttled = { operation: "files.list", permission: METADATA, code: "userRateLimitExceeded", message: "User Rate Limit Exceeded (HTTP 403)" };
    const facts = goodFacts({
      userDrives: collected([
        { userId: "id-a", email: "a@acme.example", publicFiles: failed(throttled) },
        { userId: "id-b", email: "b@acme.example", publicFiles: collected([]) },
      ]),
    });
    const results = run(check, facts);
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["a@acme.example", "error"], ["b@acme.example", "pass"], ["Sales", "pass"]]);
    expect(results[0]!.reason!.en).toContain("userRateLimitExceeded");
  });

  it("reports error naming drive.readonly for the shared drives when they could not be listed, keeping the My Drive verdicts", () => {
    const results = run(check, goodFacts({ sharedDrives: failed(notDelegated("drives.list", DRIVE_READONLY)) }));
    const last = results[results.length - 1]!;
    expect(last).toMatchObject({ status: "error", resource: { uid: "google:drive/shared-drives" } });
    expect(last.reason!.en).toContain(DRIVE_READONLY);
    expect(results.slice(0, -1).every((r) => r.status === "pass")).toBe(true);
  });

  it("reports error, not pass, when no user's Drive could be searched", () => {
    const r = run(check, goodFacts({ userDrives: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }));
    expect(r.map((x) => x.status)).toEqual(["error"]);
  });
});
