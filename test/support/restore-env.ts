import { afterAll } from "vitest";

// Test files share a process (vitest.config.ts): what one sets in process.env must not reach the next.
const before = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  Object.assign(process.env, before);
});
