import { mkdir, rm } from 'node:fs/promises';

/** Runs `work` while holding a lock that every test worker process sees (a directory at `path`). */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}
