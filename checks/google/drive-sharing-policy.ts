import { value } from "../../providers/fact.ts";
import type { DriveSharing, GoogleFacts, OrgUnit, WorkspacePolicy } from "../../providers/google/facts.ts";
import { defineCheck, eachResource, errorResult, type CheckResult, type ResourceRef } from "../framework.ts";
import type { Text } from "../text.ts";
import { DRIVE_SHARING_SETTINGS_URL, policyResource } from "./resources.ts";

const SETTING = "drive_and_docs.external_sharing";

/**
 * What applies where no policy sets a field: Google's documented default field values for
 * this setting, which allow sharing outside and publishing files.
 */
const GOOGLE_DEFAULTS: Required<DriveSharing> = { externalSharingMode: "ALLOWED", allowPublishingFiles: true, warnForExternalSharing: true };

/**
 * One verdict: an organizational unit (the top-level one always, the others where a policy is
 * set) with the policies it inherits, top-level first; or a group's policy on its own.
 */
interface Subject {
  resource: ResourceRef;
  /** Path of the unit, or the group / unit id when the unit is not known. */
  where?: string;
  chain: WorkspacePolicy[];
}

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.drive.sharing_policy",
    provider: "google",
    service: "drive",
    severity: "high",
    ipaItems: [8],
    itemReasons: {
      8: { ja: "ドライブの共有設定で、利用者がファイルを一般公開できるかを見ます。", en: "Reads whether Drive's sharing settings let users publish files to anyone." },
    },
    title: { ja: "ドライブの共有設定で一般公開を許可していない", en: "Drive sharing settings do not let users publish files" },
    detail: {
      ja: "共有設定で一般公開を許可していると、誰でもファイルを「リンクを知っている全員」や「ウェブ上で一般公開」にでき、一度の操作ミスで社外に漏れます。許可しなければ、ファイルは社内の人と指定した相手にしか共有できません。",
      en: "While the sharing settings allow publishing, anyone can make a file open to \"Anyone with the link\" or \"Public on the web\", and one careless click leaks it. Without it, files can only be shared with colleagues and named people.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「アプリ > Google Workspace > ドライブとドキュメント > 共有設定 > 共有オプション」で組織部門を選び、「組織外との共有」で「…ファイルをウェブ上で公開したり…一般公開したりすることを許可する」のチェックを外します。社外と共有するなら「許可リストのドメイン」に絞るか、共有時の警告を残します。",
        en: "In the Admin console, Apps > Google Workspace > Drive and Docs > Sharing settings > Sharing options, select the organizational unit and, under sharing outside the organization, clear \"Allow users … to publish files on the web or make them visible to the world as public or unlisted files\". Limit outside sharing to allowlisted domains, or keep the warning when sharing outside.",
      },
      consolePath: { ja: "管理コンソール > アプリ > Google Workspace > ドライブとドキュメント > 共有設定", en: "Admin console > Apps > Google Workspace > Drive and Docs > Sharing settings" },
      url: "https://support.google.com/a/answer/60781",
    },
  },
  needs: ["policies"],
  uses: ["orgUnits"],
  run({ policies, orgUnits }, ctx) {
    const sharing = policies.filter((p) => p.setting === SETTING);
    const tenant: ResourceRef = { ...ctx.tenantResource, consoleUrl: DRIVE_SHARING_SETTINGS_URL };
    const subjects: Subject[] = sharing.filter((p) => !p.orgUnit).map((p) => ({ resource: policyResource(p, DRIVE_SHARING_SETTINGS_URL), where: p.group, chain: [p] }));
    const results: CheckResult[] = [];
    const unitPolicies = sharing.filter((p) => p.orgUnit);
    if (unitPolicies.length === 0) {
      // Nothing set on any unit: the top-level unit, and with it every user outside a group policy, runs on Google's defaults.
      subjects.unshift({ resource: tenant, chain: [] });
    } else if (!orgUnits.ok) {
      // Which unit is the top-level one cannot be told: judge each policy alone, and say the top level was not seen.
      subjects.unshift(...unitPolicies.map((p) => ({ resource: policyResource(p, DRIVE_SHARING_SETTINGS_URL), where: p.orgUnit, chain: [p] })));
      results.push(errorResult(tenant, orgUnits.error));
    } else {
      subjects.unshift(...unitSubjects(orgUnits.value, unitPolicies, tenant));
    }
    return [...results, ...eachResource(subjects, (x) => x.resource, judge)];
  },
});

/** The top-level unit and every unit with a policy, each with the policies it inherits along its path. */
function unitSubjects(units: readonly OrgUnit[], policies: readonly WorkspacePolicy[], tenant: ResourceRef): Subject[] {
  // Several policies may be set on one unit; each is part of what the unit and those below it inherit.
  const onUnit = (id: string | undefined) => policies.filter((p) => p.orgUnit === id);
  const byPath = new Map(units.map((u) => [u.path, u]));
  const chainOf = (path: string): WorkspacePolicy[] => {
    const ancestors = path === "/" ? ["/"] : ["/", ...path.split("/").slice(1).map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}`)];
    return ancestors.flatMap((a) => onUnit(byPath.get(a)?.id));
  };
  const root = byPath.get("/")!;
  const subjects: Subject[] = onUnit(root.id).length > 0 ? [] : [{ resource: tenant, chain: [] }];
  for (const p of policies) {
    const unit = units.find((u) => u.id === p.orgUnit);
    // A policy on a unit Directory does not list (deleted since) is judged on its own.
    subjects.push(unit
      ? { resource: named(policyResource(p, DRIVE_SHARING_SETTINGS_URL), unit.path), where: unit.path, chain: chainOf(unit.path) }
      : { resource: policyResource(p, DRIVE_SHARING_SETTINGS_URL), where: p.orgUnit, chain: [p] });
  }
  return subjects;
}

/** The finding keeps the policy's stable uid; the owner reads the unit's path. */
function named(resource: ResourceRef, path: string): ResourceRef {
  return { ...resource, name: `${SETTING} (${path})` };
}

function judge({ where, chain }: Subject) {
  // Deeper units override what they set; value() fails this verdict closed on a policy that could not be read.
  const effective: Required<DriveSharing> = Object.assign({ ...GOOGLE_DEFAULTS }, ...chain.map((p) => value(p.driveSharing)));
  const evidence = {
    appliesTo: where ?? "customer (Google's defaults, never changed)",
    inheritedFrom: chain.map((p) => p.orgUnit ?? p.group ?? "customer"),
    externalSharingMode: effective.externalSharingMode,
    allowPublishingFiles: effective.allowPublishingFiles,
    warnForExternalSharing: effective.warnForExternalSharing,
  };
  // Only the ALLOWED mode offers publishing; allowlisted domains and "off" rule it out.
  const publishes = effective.externalSharingMode === "ALLOWED" && effective.allowPublishingFiles;
  if (!publishes) return { status: "pass" as const, evidence };
  return { status: "fail" as const, evidence, message: failMessage(where) };
}

function failMessage(where: string | undefined): Text {
  if (where === undefined) {
    return {
      ja: "最上位の組織部門の共有設定が一度も変更されておらず、Google の既定のまま、誰でもファイルを一般公開できます。",
      en: "The sharing settings of the top-level organizational unit were never changed: by Google's defaults, anyone may publish files.",
    };
  }
  const unit = where === "/" ? { ja: "最上位の組織部門（/）", en: "the top-level organizational unit (/)" } : { ja: where, en: where };
  return {
    ja: `${unit.ja} のユーザーは、ファイルをウェブ上で一般公開したり、リンクを知っている全員に共有したりできます。`,
    en: `Users in ${unit.en} may publish files on the web or share them with anyone who has the link.`,
  };
}
