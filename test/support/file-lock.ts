import { mkdir, rm, stat } from 'node:fs/promises';

/** Longer than making the migrated template takes on a loaded machine; then the holder is presumed dead. */
const STALE_AFTER_MS = 180_000;

/** Runs `work` while holding a lock that every test worker process sees (a directory at `path`). */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch {
      const held = await stat(path).then((info) => Date.now() - info.mtimeMs, () => 0);
      // A worker killed while holding it (Ctrl-C, OOM) would otherwise block every later run forever.
      if (held > STALE_AFTER_MS) await rm(path, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}
