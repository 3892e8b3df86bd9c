/**
 * Where JSON text first breaks the grammar, as an offset (the text's length when it simply
 * ends too early). V8's JSON.parse names a position for some errors but not for others
 * (`Unexpected token '}', "..." is not valid JSON`), so the config loader finds it itself.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => { throw new SyntaxAt(i); };
  const skipSpace = () => { while (i < text.length && " \t\n\r".includes(text[i]!)) i += 1; };
  const expect = (ch: string) => { if (text[i] !== ch) fail(); i += 1; };

  const string = () => {
    expect('"');
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch < " ") fail();
      if (ch === '"') { i += 1; return; }
      if (ch === "\\") {
        i += 1;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else {
          if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
          i += 1;
        }
      } else {
        i += 1;
      }
    }
  };

  const value = (): void => {
    skipSpace();
    if (text[i] === "{") {
      i += 1;
      skipSpace();
      if (text[i] === "}") { i += 1; return; }
      for (;;) {
        skipSpace();
        string();
        skipSpace();
        expect(":");
        value();
        skipSpace();
        if (text[i] === ",") { i += 1; continue; }
        expect("}");
        return;
      }
    }
    if (text[i] === "[") {
      i += 1;
      skipSpace();
      if (text[i] === "]") { i += 1; return; }
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ",") { i += 1; continue; }
        expect("]");
        return;
      }
    }
    if (text[i] === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail();
    return text.length;
  } catch (err) {
    if (err instanceof SyntaxAt) return err.offset;
    throw err;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}
