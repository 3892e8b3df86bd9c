import { describe, expect, it } from "vitest";
import { UI } from "../../page/client/i18n.ts";
import { csvCell, findingsCsv, toCsv } from "../../page/csv.ts";
import { acmeFeed, CRAFTED_NAME, FORMULA_NAME } from "./fixtures.ts";

/** Splits RFC 4180 text back into rows, to check the quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let cell = "";
    i += 1;
    for (;;) {
      if (text[i] === '"' && text[i + 1] === '"') { cell += '"'; i += 2; }
      else if (text[i] === '"') { i += 1; break; }
      else { cell += text[i]; i += 1; }
    }
    row.push(cell);
    if (text[i] === ",") { i += 1; continue; }
    expect(text.slice(i, i + 2)).toBe("\r\n");
    i += 2;
    rows.push(row);
    row = [];
  }
  return rows;
}

describe("CSV export", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    }
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("a=b")).toBe('"a=b"');
    expect(csvCell("")).toBe('""');
  });

  it("quotes commas, quotes and line breaks so they stay inside their cell", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines", "crlf\r\nend"], ["x", "", "=1", "@me"]];
    expect(parseCsv(toCsv(rows))).toEqual([rows[0], ["x", "", "'=1", "'@me"]]);
  });

  it("writes one row per finding with the headers in the reader's language", () => {
    const feed = acmeFeed();
    const ja = parseCsv(findingsCsv(feed.findings, "ja"));
    expect(ja).toHaveLength(feed.findings.length + 1);
    expect(ja[0]![0]).toBe(UI.severity.ja);
    const en = parseCsv(findingsCsv(feed.findings, "en"));
    expect(en[0]![0]).toBe(UI.severity.en);

    const resourceColumn = en[0]!.indexOf(UI.resource.en);
    const names = en.slice(1).map((row) => row[resourceColumn]);
    expect(names).toContain(CRAFTED_NAME);
    expect(names).toContain(`'${FORMULA_NAME}`);
    for (const row of [...ja, ...en]) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("the UI strings", () => {
  it("exist in Japanese and English", () => {
    for (const [key, text] of Object.entries(UI)) {
      expect(text.ja.trim(), key).not.toBe("");
      expect(text.en.trim(), key).not.toBe("");
    }
  });
});
