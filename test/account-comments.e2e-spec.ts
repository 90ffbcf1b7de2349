import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../src/config/app-config.js';
import { as, type Cast, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const MAX_UPLOAD_BYTES = 64 * 1024;

describe('account comments and attachments', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const storedFiles = async () => {
    const root = t.app.get(AppConfig).uploads.dir;
    const dirs = await readdir(root).catch(() => [] as string[]);
    const files = await Promise.all(dirs.map(async (dir) => (await readdir(join(root, dir))).map((f) => `${dir}/${f}`)));
    return files.flat();
  };

  const seedAccount = async () => {
    const res = await t.api.post(
      '/api/accounts/',
      { name: `Acme ${randomUUID().slice(0, 8)}`, assigned_to: [cast.assignee.userId] },
      as(cast, 'creator'),
    );
    return res.body.id as string;
  };

  const attach = (accountId: string, who: Parameters<typeof as>[1], content: Buffer | string = 'hello', fields = {}) =>
    t.api.upload(
      `/api/accounts/${accountId}/`,
      multipart(fields, [{ field: 'attachment', fileName: 'notes.txt', content }]),
      as(cast, who),
    );

  it('adds a JSON comment: 201 with the comment', async () => {
    const id = await seedAccount();
    const res = await t.api.post(`/api/accounts/${id}/`, { comment: '  Follow-up next week ' }, as(cast, 'assignee'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      comment: {
        id: expect.any(String),
        comment: 'Follow-up next week',
        commented_on: expect.any(String),
        commented_by: cast.assignee.userId,
        updated_on: expect.any(String),
        revision: 1,
      },
    });
  });

  it('adds a comment and a file from one form, sniffing the type and making its own file name', async () => {
    const id = await seedAccount();
    const res = await t.api.upload(
      `/api/accounts/${id}/`,
      multipart({ comment: 'Contract document attached' }, [
        { field: 'account_attachment', fileName: '../../etc/passwd.txt', content: PNG, contentType: 'text/plain' },
      ]),
      as(cast, 'creator'),
    );
    expect(res.status).toBe(201);
    expect(res.body.comment.comment).toBe('Contract document attached');
    expect(res.body.attachment).toEqual({
      id: expect.any(String),
      file_name: 'passwd.txt',
      content_type: 'image/png',
      size: PNG.length,
      url: `/api/attachments/${res.body.attachment.id}/download/`,
      created_on: expect.any(String),
      created_by: cast.creator.userId,
    });
    expect((await storedFiles()).some((file) => file.includes('passwd'))).toBe(false);
    const detail = await t.api.get(`/api/accounts/${id}/`, as(cast, 'admin'));
    expect(detail.body.attachments).toEqual([res.body.attachment]);
  });

  it.each([
    ['admin', 200],
    ['creator', 200],
    ['assignee', 200],
    ['other', 404],
    ['outsider', 404],
  ] as const)('downloads to whoever can see the account: %s -> %i', async (who, status) => {
    const id = await seedAccount();
    const content = Buffer.from(`report ${randomUUID()}`);
    const added = await attach(id, 'creator', content);
    const res = await t.api.get(added.body.attachment.url, as(cast, who));
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(Buffer.compare(res.body, content)).toBe(0);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.headers['content-disposition']).toBe("attachment; filename*=UTF-8''notes.txt");
    }
  });

  it('rejects an empty comment with no file, and writes nothing', async () => {
    const id = await seedAccount();
    for (const body of [{}, { comment: '   ' }]) {
      const res = await t.api.post(`/api/accounts/${id}/`, body, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('comment');
    }
    const form = await t.api.upload(`/api/accounts/${id}/`, multipart({ comment: '' }), as(cast, 'admin'));
    expect(form.status).toBe(400);
    expect((await t.api.get(`/api/accounts/${id}/`, as(cast, 'admin'))).body.comments).toEqual([]);
  });

  it('rejects a file over the limit with 413 and keeps neither the comment nor the bytes', async () => {
    const id = await seedAccount();
    const before = await storedFiles();
    const res = await attach(id, 'admin', Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1), { comment: 'too big' });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    const detail = await t.api.get(`/api/accounts/${id}/`, as(cast, 'admin'));
    expect(detail.body.comments).toEqual([]);
    expect(detail.body.attachments).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it('rejects unknown form fields and a second file', async () => {
    const id = await seedAccount();
    const unknown = await t.api.upload(`/api/accounts/${id}/`, multipart({ comment: 'x', org: 'y' }), as(cast, 'admin'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toHaveProperty('org');
    const two = await t.api.upload(
      `/api/accounts/${id}/`,
      multipart({}, [
        { field: 'attachment', fileName: 'a.txt', content: 'a' },
        { field: 'attachment', fileName: 'b.txt', content: 'b' },
      ]),
      as(cast, 'admin'),
    );
    expect(two.status).toBe(400);
    expect((await t.api.get(`/api/accounts/${id}/`, as(cast, 'admin'))).body.attachments).toEqual([]);
  });

  it('rejects a comment on an account the caller cannot see with 404, storing no file', async () => {
    const id = await seedAccount();
    const before = await storedFiles();
    expect((await attach(id, 'other')).status).toBe(404);
    expect((await attach(id, 'outsider')).status).toBe(404);
    expect(await storedFiles()).toEqual(before);
  });

  describe('editing and deleting comments', () => {
    it.each([
      ['assignee', 200],
      ['admin', 200],
      ['creator', 403],
      ['other', 404],
      ['outsider', 404],
    ] as const)('PUT /api/accounts/comment/{id} by %s -> %i (the author is the assignee)', async (who, status) => {
      const id = await seedAccount();
      const added = await t.api.post(`/api/accounts/${id}/`, { comment: 'original' }, as(cast, 'assignee'));
      const res = await t.api.put(`/api/accounts/comment/${added.body.comment.id}/`, { comment: 'edited' }, as(cast, who));
      expect(res.status).toBe(status);
      const after = await t.api.get(`/api/accounts/${id}/`, as(cast, 'admin'));
      expect(after.body.comments[0].comment).toBe(status === 200 ? 'edited' : 'original');
    });

    it.each([
      ['assignee', 204],
      ['admin', 204],
      ['creator', 403],
      ['outsider', 404],
    ] as const)('DELETE /api/accounts/comment/{id} by %s -> %i', async (who, status) => {
      const id = await seedAccount();
      const added = await t.api.post(`/api/accounts/${id}/`, { comment: 'bye' }, as(cast, 'assignee'));
      expect((await t.api.delete(`/api/accounts/comment/${added.body.comment.id}/`, as(cast, who))).status).toBe(status);
      const after = await t.api.get(`/api/accounts/${id}/`, as(cast, 'admin'));
      expect(after.body.comments).toHaveLength(status === 204 ? 0 : 1);
    });

    it('rejects an empty edit', async () => {
      const id = await seedAccount();
      const added = await t.api.post(`/api/accounts/${id}/`, { comment: 'keep' }, as(cast, 'admin'));
      const res = await t.api.put(`/api/accounts/comment/${added.body.comment.id}/`, { comment: '' }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('comment');
    });
  });

  describe('deleting attachments', () => {
    it.each([
      ['assignee', 204],
      ['admin', 204],
      ['creator', 403],
      ['outsider', 404],
    ] as const)('DELETE /api/accounts/attachment/{id} by %s -> %i (the uploader is the assignee)', async (who, status) => {
      const id = await seedAccount();
      const added = await attach(id, 'assignee');
      const res = await t.api.delete(`/api/accounts/attachment/${added.body.attachment.id}/`, as(cast, who));
      expect(res.status).toBe(status);
      const download = await t.api.get(added.body.attachment.url, as(cast, 'admin'));
      expect(download.status).toBe(status === 204 ? 404 : 200);
    });

    it('removes the bytes from storage', async () => {
      const id = await seedAccount();
      const before = await storedFiles();
      const added = await attach(id, 'admin');
      expect((await storedFiles()).length).toBe(before.length + 1);
      await t.api.delete(`/api/accounts/attachment/${added.body.attachment.id}/`, as(cast, 'admin'));
      expect(await storedFiles()).toEqual(before);
    });
  });

  it('deleting an account deletes its comments, attachments and files', async () => {
    const id = await seedAccount();
    const before = await storedFiles();
    const added = await attach(id, 'creator', 'bytes', { comment: 'with a file' });
    const { DataSource } = await import('typeorm');
    const db = t.app.get(DataSource);
    expect((await t.api.delete(`/api/accounts/${id}/`, as(cast, 'creator'))).status).toBe(204);
    expect((await t.api.get(added.body.attachment.url, as(cast, 'admin'))).status).toBe(404);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM comments WHERE parent_kind = 'account' AND parent_id = $1`, [id]);
    expect(count).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });
});
