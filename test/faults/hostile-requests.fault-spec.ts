import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { eventually } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const REQUEST_TIMEOUT_MS = 3000;

/** Requests that once crashed or stalled the whole server, sent to a real server process. */
describe('hostile requests against a real server process', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let token: string;
  let orgId: string;
  let accountId: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer(database, { HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), LOG_LEVEL: 'info' });
    const email = `process-${Date.now()}@example.com`;
    const password = 'violet kettle marching north';
    await call('POST', '/api/auth/register/', { email, password });
    token = (await call('POST', '/api/auth/login/', { email, password })).body.access_token;
    orgId = (await call('POST', '/api/org/', { name: 'Process' })).body.id;
    accountId = (await call('POST', '/api/accounts/', { name: 'Uploads' }, { 'organization-id': orgId })).body.id;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  /** Sends the start of a multipart upload, then cuts the connection as a dropped client would. */
  const abortedUpload = (path: string, field: string, fileName: string, line: string) =>
    new Promise<void>((done) => {
      const boundary = '----crmabort';
      const req = httpRequest(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'organization-id': orgId,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      });
      req.on('error', () => done());
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`);
      req.write('first_name,last_name,email\r\n');
      for (let i = 0; i < 2000; i++) req.write(`${line}${i},Row,row-${i}@x.co\r\n`);
      setTimeout(() => {
        req.destroy();
        done();
      }, 300);
    });

  it('survives an aborted lead import: the process lives on and nothing is left on disk', async () => {
    await abortedUpload('/api/leads/upload/', 'leads_file', 'leads.csv', 'Aborted');
    await new Promise((done) => setTimeout(done, 1500));
    expect(server.alive()).toBe(true);
    expect((await call('GET', '/health')).status).toBe(200);
    const spooled = (await readdir(tmpdir())).filter((name) => name.startsWith(`crm-lead-import-${orgId}`));
    expect(spooled).toEqual([]);
    const leads = await call('GET', '/api/leads/?limit=1', undefined, { 'organization-id': orgId });
    expect(leads.body.open_leads_count).toBe(0);
    expect(server.output()).not.toContain('Unhandled');
  });

  it('survives an aborted attachment upload and keeps no partial file', async () => {
    await abortedUpload(`/api/accounts/${accountId}/`, 'attachment', 'notes.csv', 'Attachment');
    await new Promise((done) => setTimeout(done, 1500));
    expect(server.alive()).toBe(true);
    expect(await readdir(server.uploadDir, { recursive: true })).not.toContainEqual(expect.stringContaining('.partial'));
    const account = await call('GET', `/api/accounts/${accountId}/`, undefined, { 'organization-id': orgId });
    expect(account.body.attachments).toEqual([]);
  });

  it('survives an aborted document upload: nothing stored, no partial file, no document', async () => {
    await abortedUpload('/api/documents/', 'document_file', 'big.csv', 'Document');
    await new Promise((done) => setTimeout(done, 1500));
    expect(server.alive()).toBe(true);
    const files = await readdir(server.uploadDir, { recursive: true });
    expect(files).not.toContainEqual(expect.stringContaining('.partial'));
    expect(files.filter((name) => name.includes('documents/') || name.includes('documents\\'))).toEqual([]);
    const documents = await call('GET', '/api/documents/', undefined, { 'organization-id': orgId });
    expect(documents.body.documents_count).toBe(0);
    expect(server.output()).not.toContain('Unhandled');
  });

  it('refuses deeply nested JSON with 400 before parsing it, and keeps answering others meanwhile', async () => {
    const deep = '['.repeat(400_000) + ']'.repeat(400_000);
    const attempts = Array.from({ length: 6 }, () => call('POST', '/api/auth/login/', deep, { authorization: '' }));
    const health = call('GET', '/health');
    const answers = await Promise.all(attempts);
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: true, statusCode: 400, code: 'JSON_TOO_DEEP', requestId: expect.any(String) });
    }
    expect((await health).status).toBe(200);
    expect(server.alive()).toBe(true);
  });

  it('answers an over-long request line with 431 in the common error body', async () => {
    const raw = await new Promise<string>((done, fail) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
        socket.write(`GET /api/leads/?name=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => done(received));
      socket.on('error', fail);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    const parsed = JSON.parse(body);
    expect(parsed).toEqual({
      error: true,
      statusCode: 431,
      code: 'REQUEST_HEADERS_TOO_LARGE',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(head.toLowerCase()).toContain(`x-request-id: ${parsed.requestId}`);
    await eventually(async () => expect((await call('GET', '/health')).status).toBe(200));
  });

  it('cuts a body that trickles in, unauthenticated, after HTTP_REQUEST_TIMEOUT_MS with 408', async () => {
    const began = Date.now();
    const answer = await new Promise<{ raw: string; closedAfterMs: number }>((done, fail) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
        socket.write('POST /api/auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
      });
      const drip = setInterval(() => socket.writable && socket.write(' '), 500);
      let raw = '';
      socket.on('data', (chunk) => (raw += chunk.toString()));
      socket.on('close', () => {
        clearInterval(drip);
        done({ raw, closedAfterMs: Date.now() - began });
      });
      socket.on('error', () => undefined);
      setTimeout(() => fail(new Error('the trickling request was never cut')), 20_000);
    });
    expect(answer.raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.raw).toContain('"code":"REQUEST_TIMEOUT"');
    // Node checks for late requests once a second.
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('never writes a calendar feed token to the request log', async () => {
    const feed = await call('POST', '/api/events/calendar-feed/', {}, { 'organization-id': orgId });
    expect(feed.status).toBe(201);
    expect((await call('GET', feed.body.url, undefined, { authorization: '' })).status).toBe(200);
    await eventually(async () => expect(server.output()).toContain('/api/events/feed/[redacted]/calendar.ics'));
    expect(server.output()).not.toContain(feed.body.token);
  });
});
