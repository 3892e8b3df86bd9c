import { describe, expect, it } from "vitest";
import { evidenceLines, plainMessage, resourceName, stepList } from "../../page/client/plain-words.ts";

const said = (evidence: Record<string, unknown>, lang: "ja" | "en" = "ja") =>
  evidenceLines(evidence, lang).map((l) => `${l.label}: ${l.value.map((p) => (typeof p === "string" ? p : p.name)).join("")}`);

describe("the page's plain words", () => {
  it("says evidence as sentences, never as keys", () => {
    expect(said({ isEnrolledIn2Sv: false, isEnforcedIn2Sv: false, role: "super" })).toEqual([
      "2 段階認証: 未設定", "2 段階認証の義務付け: いいえ", "役割・権限: 特権管理者",
    ]);
    expect(said({ isEnrolledIn2Sv: false }, "en")).toEqual(["2-Step Verification: not set up"]);
    expect(said({ links: [{ scope: "anonymous", type: "edit", roles: ["write"], expires: null, password: false }] }))
      .toEqual(["共有リンク: 誰でも・編集可・期限なし"]);
    expect(said({ versioning: "Disabled", bucketPublicAccessBlock: null })).toEqual([
      "バージョニング: 一度も有効にしていない", "バケットの公開ブロック: 未設定",
    ]);
    expect(said({ allowed: { min: 2, max: 4 }, holders: ["a@example.jp", "b@example.jp"] })).toEqual([
      "目安: 2〜4 人", "この役割を持つ人: a@example.jp、b@example.jp",
    ]);
  });

  it("leaves out what it cannot put in words: that stays in the engineers' details", () => {
    expect(said({ source: "userRegistrationDetails", reportGeneratedAt: "2026-12-04T00:00:00Z", somethingNew: 1 })).toEqual([]);
    expect(said({ visibility: "someFutureValue" })).toEqual([]);
  });

  it("names resources a provider spells in English in the reader's language, and leaves the tenant's own names alone", () => {
    const r = (name: string, type: string) => ({ resource: { uid: "x", name, type } });
    expect(resourceName(r("/ (top-level organizational unit)", "Google::Directory::OrgUnit"), "ja")).toBe("組織部門: 最上位（会社全体）");
    expect(resourceName(r("drive_and_docs.external_sharing (orgUnits/03ph8a2z)", "Google::CloudIdentity::Policy"), "ja"))
      .toBe("ドライブの社外共有の設定（組織部門 03ph8a2z）");
    expect(resourceName(r("\"Anyone\" links", "Microsoft.SharePoint/TenantSetting"), "ja")).toBe("「すべてのユーザー」リンク（共有の設定）");
    expect(resourceName(r("Microsoft 365 geography NAM", "Microsoft.365/Geography"), "ja")).toBe("Microsoft 365 のデータ保存地域: 北米");
    expect(resourceName(r("Global Administrator", "Microsoft.Entra/DirectoryRole"), "ja")).toBe("グローバル管理者");
    expect(resourceName(r("AWS account 123456789012", "AWS::Account"), "ja")).toBe("AWS アカウント 123456789012");
    expect(resourceName({ ...r("AWS account 123456789012", "AWS::Account"), checkId: "aws.iam.root_mfa" }, "ja"))
      .toBe("ルートユーザー（AWS アカウント 123456789012）");
    expect(resourceName(r("鈴木 花子 / 顧客リスト.xlsx", "Microsoft.Graph/DriveItem"), "ja")).toBe("鈴木 花子 / 顧客リスト.xlsx");
  });

  it("says raw values inside Japanese messages in Japanese, and leaves English alone", () => {
    expect(plainMessage("5 人が Global Administrator を持っています（除外: excludeUsers、SharePoint (inactive)）", "ja"))
      .toBe("5 人が グローバル管理者 を持っています（除外: 個別に除外、SharePoint （無効））");
    expect(plainMessage("5 hold Global Administrator", "en")).toBe("5 hold Global Administrator");
  });

  it("turns a check's steps into a numbered list, from lines or from sentences", () => {
    expect(stepList("1. 管理画面を開く\n2. 直す", "ja")).toEqual(["管理画面を開く", "直す"]);
    expect(stepList("ファイルを開きます。リンクを削除します。", "ja")).toEqual(["ファイルを開きます。", "リンクを削除します。"]);
    expect(stepList("Open the file, e.g. the list. Delete the link.", "en")).toEqual(["Open the file, e.g. the list.", "Delete the link."]);
  });
});
