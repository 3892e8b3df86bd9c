import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how the command was called; reported with a pointer to `--help`, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `util.parseArgs`, strict, with its complaints turned into usage errors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function parsePort(text: string | undefined, option = "--port"): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${option} expects a port number 0-65535, got ${JSON.stringify(text)}`);
  return port;
}

export function parsePositiveInt(text: string | undefined, option: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) throw new UsageError(`${option} expects a whole number 1-${max}, got ${JSON.stringify(text)}`);
  return n;
}
