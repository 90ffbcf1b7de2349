/**
 * A file's setup (restore a database, boot the app, write its people) takes seconds when the
 * machine is idle and several times that when it is not; a test's body does not. So hooks get a
 * deadline of their own, far above any honest setup, while each step inside one keeps its own
 * bound (the template lock, a server's start, the pool's acquire timeout): a stuck step still fails
 * with its own message instead of a guessed hook timeout failing a correct suite.
 */
const HOOK_TIMEOUT_MS = 300_000;

for (const name of ['beforeAll', 'afterAll'] as const) {
  const hook = globalThis[name];
  globalThis[name] = ((fn: Parameters<typeof hook>[0], timeout?: number) => hook(fn, timeout ?? HOOK_TIMEOUT_MS)) as typeof hook;
}
