import type { Language } from "../checks/text.ts";
import { UsageError } from "./usage-error.ts";

/**
 * The language of what the command prints: `--lang`, else the locale of the shell (LC_ALL,
 * LC_MESSAGES, LANG, as POSIX orders them) when it is Japanese or English, else Japanese.
 */
export function outputLanguage(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (option !== undefined) {
    if (option !== "ja" && option !== "en") throw new UsageError(`--lang expects ja or en, got ${JSON.stringify(option)}`);
    return option;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^en\b|^en_/i.test(locale) ? "en" : "ja";
}
