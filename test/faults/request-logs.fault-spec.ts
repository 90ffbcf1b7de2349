import { startServer, type ServerProcess } from '../support/server-process.js';
import { eventually } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type LogLine = Record<string, unknown> & { level: string; time: string; msg: string };

/** What an operator's log pipeline reads from a real server process's stdout and stderr. */
describe('logs of a real server process', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let token: string;
  let userId: string;
  let orgId: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, requestId: res.headers.get('x-request-id') as string, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
  const lines = (): LogLine[] =>
    server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogLine);
  const requestLines = (requestId: string) => lines().filter((line) => line.msg === 'request' && line.requestId === requestId);

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer(database, { LOG_LEVEL: 'info' });
    const email = `logs-${Date.now()}@example.com`;
    const password = 'violet kettle marching north';
    await call('POST', '/api/auth/register/', { email, password });
    const login = await call('POST', '/api/auth/login/', { email, password });
    token = login.body.access_token;
    userId = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
    orgId = (await call('POST', '/api/org/', { name: 'Logged' })).body.id;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('writes every line as JSON of one schema: a level name, an ISO time and a message', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(0);
    for (const line of all) {
      expect(typeof line.level).toBe('string');
      expect(new Date(line.time).toISOString()).toBe(line.time);
      expect(typeof line.msg).toBe('string');
    }
    // Nest's own start-up lines come through the same logger, with their context.
    expect(all).toContainEqual(expect.objectContaining({ level: 'info', context: 'NestApplication' }));
  });

  it('writes one line per request with its route, status, duration, request id, organization and user', async () => {
    const res = await call('GET', '/api/accounts/?limit=1', undefined, { 'organization-id': orgId });
    expect(res.status).toBe(200);
    const [line, ...more] = await eventually(async () => {
      const found = requestLines(res.requestId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      route: '/api/accounts',
      status: 200,
      orgId,
      req: { method: 'GET', url: '/api/accounts/?limit=1' },
    });
    expect(line.userId).toBe(userId);
    expect(line.durationMs).toEqual(expect.any(Number));
  });

  it('logs a refused request with its status and no organization, at info, without a stack', async () => {
    const res = await call('GET', `/api/accounts/`, undefined, { 'organization-id': '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(403);
    const line = await eventually(async () => {
      const [found] = requestLines(res.requestId);
      expect(found).toBeDefined();
      return found;
    });
    expect(line).toMatchObject({ level: 'info', status: 403, orgId: null });
    expect(lines().filter((other) => other.requestId === res.requestId && other.level === 'error')).toEqual([]);
  });

  it('never writes a feed token into the log', async () => {
    const res = await call('GET', '/api/events/feed/secret-feed-token-1234567890.ics');
    const line = await eventually(async () => {
      const [found] = requestLines(res.requestId);
      expect(found).toBeDefined();
      return found;
    });
    expect(JSON.stringify(line)).not.toContain('secret-feed-token-1234567890');
  });

  it('logs the shutdown it was asked for', async () => {
    server.child.kill('SIGTERM');
    await eventually(async () => expect(server.alive()).toBe(false));
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'warn', context: 'Shutdown' }));
  });
});
