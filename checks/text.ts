/** Everything the owner reads exists in both languages (DESIGN rule 7). */
export interface Text {
  ja: string;
  en: string;
}

export type Language = keyof Text;

/** Fills `{name}` placeholders in both languages. Unknown placeholders stay visible. */
export function fill(text: Text, params: Record<string, string | number>): Text {
  const sub = (s: string) =>
    s.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
  return { ja: sub(text.ja), en: sub(text.en) };
}
