/** A secret reference `{"env": NAME}` somewhere in the config. */
export interface EnvReference {
  /** Its key path, e.g. `tenants[0].microsoft.clientSecret`. */
  where: string;
  name: string;
}

/**
 * The `{"env": NAME}` references whose variable is not set in `env`. Not an error (the scan
 * may run elsewhere, with the variable set), but a scan here would fail to read that secret.
 */
export function unsetEnvReferences(config: unknown, env: NodeJS.ProcessEnv = process.env): EnvReference[] {
  const found: EnvReference[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const entries = Object.entries(node);
    if (entries.length === 1 && entries[0]![0] === "env" && typeof entries[0]![1] === "string") {
      if (!env[entries[0]![1]]) found.push({ where, name: entries[0]![1] });
      return;
    }
    for (const [key, value] of entries) walk(value, /^[A-Za-z_$][\w$]*$/.test(key) ? (where ? `${where}.${key}` : key) : `${where}[${JSON.stringify(key)}]`);
  };
  walk(config, "");
  return found;
}
