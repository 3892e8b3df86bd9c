import { describe, expect, it } from "vitest";
import { managementEventsOf } from "../../../providers/aws/cloudtrail.ts";

const advanced = (fields: Record<string, Record<string, string[]>>) => [{
  FieldSelectors: Object.entries(fields).map(([Field, op]) => ({ Field, ...op })),
}];

describe("which management events a trail's selectors record", () => {
  it("takes basic selectors' documented defaults: management events included, ReadWriteType All", () => {
    expect(managementEventsOf([{}], undefined)).toEqual({ read: true, write: true, excludedSources: [] });
  });

  it("adds up basic selectors: ReadOnly and WriteOnly together are both", () => {
    expect(managementEventsOf([{ ReadWriteType: "ReadOnly" }, { ReadWriteType: "WriteOnly" }], undefined)).toMatchObject({ read: true, write: true });
    expect(managementEventsOf([{ ReadWriteType: "WriteOnly" }], undefined)).toMatchObject({ read: false, write: true });
  });

  it("records nothing for a data-events-only selector (IncludeManagementEvents false) or no selector", () => {
    expect(managementEventsOf([{ IncludeManagementEvents: false, ReadWriteType: "All" }], undefined)).toMatchObject({ read: false, write: false });
    expect(managementEventsOf([], [])).toMatchObject({ read: false, write: false });
  });

  it("lists sources left out by ExcludeManagementEventSources without counting the trail as not recording", () => {
    expect(managementEventsOf([{ ExcludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] }], undefined))
      .toEqual({ read: true, write: true, excludedSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] });
  });

  it("reads advanced selectors: eventCategory Management, narrowed by readOnly, eventSource NotEquals excluded", () => {
    expect(managementEventsOf(undefined, advanced({ eventCategory: { Equals: ["Management"] } }))).toMatchObject({ read: true, write: true });
    expect(managementEventsOf(undefined, advanced({ eventCategory: { Equals: ["Management"] }, readOnly: { Equals: ["false"] } })))
      .toMatchObject({ read: false, write: true });
    expect(managementEventsOf(undefined, advanced({ eventCategory: { Equals: ["Management"] }, eventSource: { NotEquals: ["kms.amazonaws.com"] } })))
      .toEqual({ read: true, write: true, excludedSources: ["kms.amazonaws.com"] });
  });

  it("does not count data-event selectors, or a management selector kept to a few services", () => {
    expect(managementEventsOf(undefined, advanced({ eventCategory: { Equals: ["Data"] }, "resources.type": { Equals: ["AWS::S3::Object"] } })))
      .toMatchObject({ read: false, write: false });
    expect(managementEventsOf(undefined, advanced({ eventCategory: { Equals: ["Management"] }, eventSource: { Equals: ["iam.amazonaws.com"] } })))
      .toMatchObject({ read: false, write: false });
  });

  it("refuses a ReadWriteType the docs do not list rather than guess", () => {
    expect(() => managementEventsOf([{ ReadWriteType: "Everything" as never }], undefined)).toThrow(/ReadWriteType/);
  });
});
