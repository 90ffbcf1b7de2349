import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority (raises its niceness), where the OS gives each
 * thread its own (Linux: /proc/thread-self names the thread, and setpriority() on its id affects
 * it alone). Elsewhere, or without /proc, nothing changes. Raising niceness needs no privilege.
 */
export function lowerThreadPriority(niceness: number): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
