import { chmod, mkdir } from "node:fs/promises";

/** Files holding a tenant's data (feeds, answers, the outbox, page secrets, provider state): the owner of the process only. */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_FOLDER_MODE = 0o700;

/**
 * A folder only the process's user can enter, created with its parents as needed. A folder
 * that already exists (made by an older cloud15, or by hand) is narrowed too: what a tenant's
 * cloud looks like is nobody else's on the machine to read.
 */
export async function privateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  await chmod(path, PRIVATE_FOLDER_MODE);
}
