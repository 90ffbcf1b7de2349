import type { TestApp } from './test-app.js';

/**
 * Runs `request` while another client asks `GET /health` over and over, as a load balancer would:
 * how long the request took, and the slowest health answer meanwhile. In one process, a request
 * that holds the event loop delays every health answer by as long as it holds it.
 */
export async function whileHealthIsPolled<T>(t: TestApp, request: () => Promise<T>): Promise<{ result: T; worstHealthMs: number; elapsedMs: number }> {
  let done = false;
  let worstHealthMs = 0;
  const poll = (async () => {
    while (!done) {
      const asked = performance.now();
      await t.api.get('/health');
      worstHealthMs = Math.max(worstHealthMs, performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const began = performance.now();
  try {
    const result = await request();
    return { result, worstHealthMs, elapsedMs: performance.now() - began };
  } finally {
    done = true;
    await poll;
  }
}
