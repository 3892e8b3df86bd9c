import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/secure-score.ts";
import { collected, daysAgo, denied, failed, goodFacts, microsoftContext } from "./fixture.ts";

const score = (currentScore: number, maxScore: number, controls: { id: string; score: number | null; maxScore: number }[] = []) =>
  collected({ createdDateTime: daysAgo(0), currentScore, maxScore, controls: controls.map((c) => ({ ...c, title: c.id, category: "Identity" })) });

describe("microsoft.security.secure_score", () => {
  it("passes a score at half the maximum or more", () => {
    const r = runCheck(check, goodFacts({ secureScore: score(50, 100) }), microsoftContext())[0]!;
    expect(r.status).toBe("pass");
    expect(r.message!.en).toBe("Secure Score 50 of 100 (50%).");
  });

  it("fails a score below half, naming the unmet controls worth most with their IPA items and counting the rest", () => {
    const facts = goodFacts({
      secureScore: score(30, 100, [
        { id: "AdminMFAV2", score: 2, maxScore: 10 },
        { id: "DLPEnabled", score: 0, maxScore: 10 },
        { id: "SomethingNew", score: 0, maxScore: 20 },
        { id: "OneAdmin", score: 1, maxScore: 1 },
        { id: "BlockLegacyAuthentication", score: null, maxScore: 8 },
      ]),
    });
    const r = runCheck(check, facts, microsoftContext())[0]!;
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("Secure Score 30 of 100 (30%). Not done yet, worth most: data loss prevention (DLP) policies (item 3); "
      + "MFA for every administrator (item 7); block legacy authentication (item 9); 1 more.");
    expect(r.message!.ja).toContain("（項目 3）");
    expect(r.evidence).toMatchObject({ unmetControls: [{ control: "SomethingNew", pointsMissing: 20, ipaItem: null }, { control: "DLPEnabled" }, { control: "AdminMFAV2" }, { control: "BlockLegacyAuthentication" }] });
  });

  it("reports error naming SecurityEvents.Read.All, not pass, when the score is denied", () => {
    const r = runCheck(check, goodFacts({ secureScore: failed(denied("ListSecureScores", "SecurityEvents.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("SecurityEvents.Read.All");
  });
});
