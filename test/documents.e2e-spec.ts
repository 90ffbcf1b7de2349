import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config.js';
import { as, type Cast, createCast } from './support/cast.js';
import { makeTeam } from './support/factories.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');
type Who = Parameters<typeof as>[1];

describe('documents', () => {
  let t: TestApp;
  let cast: Cast;
  let teamId: string;

  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_BYTES: String(64 * 1024) });
    cast = await createCast(t.api);
    teamId = (await makeTeam(t, as(cast, 'admin'), { users: [cast.other.userId] })).id;
  });
  afterAll(() => t.close());

  const storedFiles = async () => {
    const root = join(t.app.get(AppConfig).uploads.dir, cast.orgId, 'documents');
    return readdir(root).catch(() => [] as string[]);
  };
  const form = (fields: Record<string, string>, content: Buffer | string | null = 'hello', fileName = 'notes.txt') =>
    multipart(fields, content === null ? [] : [{ field: 'document_file', fileName, content, contentType: 'application/x-msdownload' }]);
  const upload = (fields: Record<string, string>, who: Who = 'creator', content: Buffer | string | null = 'hello', fileName?: string) =>
    t.api.upload('/api/documents/', form(fields, content, fileName), as(cast, who));
  /** PUT with a multipart form: a new file for the document. */
  const replace = (id: string, body: ReturnType<typeof form>, who: Who = 'creator') =>
    t.api.request('PUT', `/api/documents/${id}/`, { ...as(cast, who), body: body.body, headers: body.headers });
  const seed = async (fields: Record<string, string> = {}, content: Buffer | string = 'hello') => {
    const res = await upload({ title: `Doc ${randomUUID().slice(0, 8)}`, ...fields }, 'creator', content);
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('POST /api/documents/', () => {
    it('stores the file, sniffing its type and hashing it, and answers every field', async () => {
      const res = await upload({ title: 'Master services agreement', shared_to: JSON.stringify([cast.assignee.userId]) }, 'creator', PDF, 'msa.pdf');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        title: 'Master services agreement',
        status: 'active',
        version: 1,
        file_name: 'msa.pdf',
        size: PDF.length,
        content_type: 'application/pdf',
        sha256: sha256(PDF),
        download_url: `/api/documents/${res.body.id}/download/`,
        shared_to: [cast.assignee.userId],
        teams: [],
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
        created_on: expect.stringMatching(/Z$/),
      });
    });

    it('takes repeated shared_to fields as a list and does not trust the client’s content type', async () => {
      const boundaryForm = multipart({ title: `Repeated ${randomUUID()}` }, [{ field: 'document_file', fileName: 'x.exe', content: 'plain words', contentType: 'application/x-msdownload' }]);
      const repeated = Buffer.from(
        boundaryForm.body
          .toString('latin1')
          .replace(/--(\S+)\r\n/, (start, boundary: string) =>
            [cast.assignee.userId, cast.other.userId]
              .map((id) => `--${boundary}\r\nContent-Disposition: form-data; name="shared_to"\r\n\r\n${id}\r\n`)
              .join('') + start),
        'latin1',
      );
      const res = await t.api.upload('/api/documents/', { body: repeated, headers: boundaryForm.headers }, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect([...res.body.shared_to].sort()).toEqual([cast.assignee.userId, cast.other.userId].sort());
      expect(res.body.content_type).toMatch(/^text\/plain/);
    });

    it.each([
      ['no title', {}, 'hello', 'title'],
      ['no file', { title: 'Fileless' }, null, 'document_file'],
      ['a bad status', { title: 'Bad status', status: 'archived' }, 'hello', 'status'],
      ['an unknown field', { title: 'Unknown', owner: 'me' }, 'hello', 'owner'],
      ['a shared_to that is no id', { title: 'Bad share', shared_to: 'everyone' }, 'hello', 'shared_to'],
    ])('rejects %s with 400 naming the field, and keeps no file', async (_case, fields, content, field) => {
      const before = await storedFiles();
      const res = await upload(fields as Record<string, string>, 'creator', content);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(await storedFiles()).toEqual(before);
    });

    it('refuses a title taken in the organization (any case) with 409, and a member of another organization with 400, keeping no file', async () => {
      const title = `Taken ${randomUUID()}`;
      await seed({ title });
      const before = await storedFiles();
      const again = await upload({ title: title.toUpperCase() });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DOCUMENT_TITLE_TAKEN');
      const foreign = await upload({ title: `Foreign ${randomUUID()}`, shared_to: cast.outsider.userId });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors.shared_to[0]).toContain(cast.outsider.userId);
      expect(await storedFiles()).toEqual(before);
    });

    it('refuses a file over the limit with 413 while streaming, and keeps nothing', async () => {
      const before = await storedFiles();
      const title = `Huge ${randomUUID()}`;
      const res = await upload({ title }, 'creator', Buffer.alloc(65 * 1024, 1));
      expect(res.status).toBe(413);
      expect(await storedFiles()).toEqual(before);
      expect((await t.api.get(`/api/documents/?title=${title}`, as(cast, 'admin'))).body.documents_count).toBe(0);
    });
  });

  describe('visibility', () => {
    it('shows a document to its creator, the members and teams it is shared with (while active), ADMINs, and nobody else', async () => {
      const document = await seed({ shared_to: cast.assignee.userId, teams: teamId });
      const sees = async (who: Who) => (await t.api.get(`/api/documents/${document.id}/`, as(cast, who))).status;
      const expected: [Who, number][] = [
        ['admin', 200],
        ['creator', 200],
        ['assignee', 200],
        ['other', 200],
        ['outsider', 404],
      ];
      for (const [who, status] of expected) expect([who, await sees(who)]).toEqual([who, status]);

      await t.api.put(`/api/documents/${document.id}/`, { status: 'inactive' }, as(cast, 'creator'));
      for (const [who, status] of [['admin', 200], ['creator', 200], ['assignee', 404], ['other', 404]] as [Who, number][]) {
        expect([who, await sees(who)]).toEqual([who, status]);
      }
      const list = await t.api.get(`/api/documents/?title=${encodeURIComponent(document.title)}`, as(cast, 'creator'));
      expect(list.body).toMatchObject({ documents_active: [], documents_active_count: 0, documents_inactive_count: 1, documents_count: 1 });
    });

    it('lets only the creator or an ADMIN change, share or replace it (403 for those it is shared with)', async () => {
      const document = await seed({ shared_to: cast.assignee.userId });
      const shared = await t.api.put(`/api/documents/${document.id}/`, { title: 'Mine now' }, as(cast, 'assignee'));
      expect(shared.status).toBe(403);
      expect(shared.body.code).toBe('DOCUMENT_OWNER_ONLY');
      const replaced = await replace(document.id, form({}, 'overwritten'), 'assignee');
      expect(replaced.status).toBe(403);
      expect((await t.api.delete(`/api/documents/${document.id}/`, as(cast, 'assignee'))).status).toBe(403);
      expect((await t.api.put(`/api/documents/${document.id}/`, { title: 'Never' }, as(cast, 'outsider'))).status).toBe(404);
      const renamed = await t.api.put(`/api/documents/${document.id}/`, { title: `Renamed ${randomUUID()}`, shared_to: [] }, as(cast, 'admin'));
      expect(renamed.body).toMatchObject({ shared_to: [], version: 1 });
      expect((await t.api.get(`/api/documents/${document.id}/download/`, as(cast, 'creator'))).body.toString()).toBe('hello');
    });

    it('filters by title, status and shared_to', async () => {
      const title = `Filter ${randomUUID().slice(0, 8)}`;
      const shared = await seed({ title: `${title} a`, shared_to: cast.assignee.userId });
      const inactive = await seed({ title: `${title} b`, status: 'inactive' });
      const query = async (extra: string) => (await t.api.get(`/api/documents/?title=${encodeURIComponent(title)}&${extra}`, as(cast, 'admin'))).body;
      expect((await query(`shared_to=${cast.assignee.userId}`)).documents_active.map((d: { id: string }) => d.id)).toEqual([shared.id]);
      const onlyInactive = await query('status=inactive');
      expect(onlyInactive).toMatchObject({ documents_active: [], documents_inactive: [expect.objectContaining({ id: inactive.id })] });
      expect((await t.api.get('/api/documents/?status=archived', as(cast, 'admin'))).status).toBe(400);
    });
  });

  describe('versions and downloads', () => {
    it('keeps every earlier file as a version, serves each, and lists them newest first', async () => {
      const document = await seed({}, 'first draft');
      const second = await replace(document.id, form({ status: 'active' }, PDF, 'final.pdf'));
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ version: 2, file_name: 'final.pdf', content_type: 'application/pdf', sha256: sha256(PDF) });

      const versions = await t.api.get(`/api/documents/${document.id}/versions/`, as(cast, 'creator'));
      expect(versions.body.count).toBe(2);
      expect(versions.body.results.map((v: { version: number; sha256: string }) => [v.version, v.sha256])).toEqual([
        [2, sha256(PDF)],
        [1, sha256('first draft')],
      ]);
      const current = await t.api.get(`/api/documents/${document.id}/download/`, as(cast, 'creator'));
      expect(current.headers['content-type']).toBe('application/pdf');
      expect(current.headers['content-disposition']).toBe("attachment; filename*=UTF-8''final.pdf");
      expect(current.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(current.body, PDF)).toBe(0);
      const first = await t.api.get(versions.body.results[1].download_url, as(cast, 'creator'));
      expect(first.body.toString()).toBe('first draft');
      expect((await t.api.get(`/api/documents/${document.id}/versions/3/download/`, as(cast, 'creator'))).status).toBe(404);
      expect((await t.api.get(`/api/documents/${document.id}/versions/x/download/`, as(cast, 'creator'))).status).toBe(404);
      for (const beyond of ['2147483648', '99999999999999', '-1', '0']) {
        expect((await t.api.get(`/api/documents/${document.id}/versions/${beyond}/download/`, as(cast, 'creator'))).status).toBe(404);
      }
      expect((await t.api.get(`/api/documents/${document.id}/download/`, as(cast, 'outsider'))).status).toBe(404);
    });

    it('deletes the document with every version’s file', async () => {
      const document = await seed({}, 'v1');
      expect((await replace(document.id, form({}, 'v2'))).status).toBe(200);
      const before = await storedFiles();
      expect((await t.api.delete(`/api/documents/${document.id}/`, as(cast, 'creator'))).status).toBe(204);
      const after = await storedFiles();
      expect(before.length - after.length).toBe(2);
      expect((await t.api.get(`/api/documents/${document.id}/versions/`, as(cast, 'creator'))).status).toBe(404);
    });
  });
});
