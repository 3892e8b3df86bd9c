import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../../config/json-error-offset.ts";

describe("jsonErrorOffset", () => {
  it.each([
    ['{"tenants": [}', 13],
    ["[,]", 1],
    ['{\n  "a": 1,\n}', 12],
    ['{"a" 1}', 5],
    ["[1 2]", 3],
    ["{} x", 3],
    ['"a\nb"', 2],
    ['"\\u12"', 2],
    ['"\\q"', 2],
    ["[01]", 2],
    ['{"a": tru}', 6],
  ])("points at the first character that breaks %j", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it("points past the end of text that stops too early", () => {
    expect(jsonErrorOffset('{"tenants": [')).toBe(13);
    expect(jsonErrorOffset('{"a": "b')).toBe(8);
  });

  it("agrees with JSON.parse that valid text has no error", () => {
    const text = JSON.stringify({ a: [1, -2.5e3, true, false, null, "x\\\"\u00e9\n"], b: {} }, null, 2);
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
