// Plain JavaScript: Jest loads global hooks outside the ESM TypeScript the tests are written in.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const FARM = fileURLToPath(new URL('./embedded-farm.mjs', import.meta.url));

/** Starts one embedded-database farm per worker (see embedded-farm.mjs); not needed on PostgreSQL. */
export default async function globalSetup(globalConfig) {
  if (process.env.DATABASE_URL || process.env.CRM_TEST_FARMS) return;
  const workers = Math.max(1, globalConfig.maxWorkers);
  globalThis.crmTestFarms = await Promise.all(Array.from({ length: workers }, (_, index) => startFarm(index === 0)));
  // Workers are started after this and inherit it.
  process.env.CRM_TEST_FARMS = globalThis.crmTestFarms.map(({ url }) => url).join(',');
}

/** The first farm makes the run's template (test-database.ts asks it), so it starts an empty database at once. */
function startFarm(makesTemplate) {
  const child = spawn(process.execPath, [FARM, ...(makesTemplate ? ['--empty-spare'] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the embedded-database farm exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, url: `http://127.0.0.1:${JSON.parse(line).port}` }));
  });
}
