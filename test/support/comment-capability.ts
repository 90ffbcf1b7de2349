import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config.js';
import { as, type Cast, createCast } from './cast.js';
import { multipart } from './multipart.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface CommentableKind {
  /** The collection's path segment: `contacts`. */
  path: string;
  /** Makes a record created by the cast's creator and assigned to its assignee; answers its id. */
  seed(t: TestApp, cast: Cast): Promise<string>;
  /** The comments and attachments as the record's detail shows them. */
  related(detail: Record<string, any>): { comments: { id: string }[]; attachments: { id: string }[] };
}

/**
 * The comment and attachment capability of a record kind, held to the same rules for every kind:
 * who may add, edit and delete, downloads, org scoping, bad input, and deletion with the record.
 */
export function describeCommentCapability(name: string, kind: CommentableKind): void {
  describe(`${name}: comments and attachments`, () => {
    let t: TestApp;
    let cast: Cast;
    beforeAll(async () => {
      t = await createTestApp();
      cast = await createCast(t.api);
    });
    afterAll(() => t.close());

    const base = () => `/api/${kind.path}`;
    const comment = (id: string, who: Parameters<typeof as>[1], text = 'Called back') => t.api.post(`${base()}/${id}/`, { comment: text }, as(cast, who));
    const attach = (id: string, who: Parameters<typeof as>[1]) =>
      t.api.upload(`${base()}/${id}/`, multipart({ comment: 'with a file' }, [{ field: 'attachment', fileName: 'notes.txt', content: 'hello' }]), as(cast, who));
    const storedFiles = async () => {
      const root = t.app.get(AppConfig).uploads.dir;
      const dirs = await readdir(root).catch(() => [] as string[]);
      return (await Promise.all(dirs.map(async (dir) => (await readdir(join(root, dir))).map((file) => `${dir}/${file}`)))).flat();
    };

    it.each([
      ['creator', 201],
      ['assignee', 201],
      ['admin', 201],
      ['other', 404],
      ['outsider', 404],
    ] as const)('as %s, commenting answers %i', async (who, status) => {
      const id = await kind.seed(t, cast);
      expect((await comment(id, who)).status).toBe(status);
    });

    it('lists comments (oldest first) and files in the detail, and serves the file to who can see the record', async () => {
      const id = await kind.seed(t, cast);
      const first = await comment(id, 'assignee', 'First');
      const file = await attach(id, 'creator');
      expect(file.status).toBe(201);
      const detail = await t.api.get(`${base()}/${id}/`, as(cast, 'creator'));
      const { comments, attachments } = kind.related(detail.body);
      expect(comments.map((c) => c.id)).toEqual([first.body.comment.id, file.body.comment.id]);
      expect(attachments.map((a) => a.id)).toEqual([file.body.attachment.id]);
      expect((await t.api.get(file.body.attachment.url, as(cast, 'assignee'))).status).toBe(200);
      expect((await t.api.get(file.body.attachment.url, as(cast, 'other'))).status).toBe(404);
      expect((await t.api.get(file.body.attachment.url, as(cast, 'outsider'))).status).toBe(404);
    });

    it('attaches several files through the upload-only route, all or none, to who can see the record', async () => {
      const id = await kind.seed(t, cast);
      const files = [
        { field: 'attachment', fileName: 'one.txt', content: 'first' },
        { field: 'attachment', fileName: 'two.txt', content: 'second' },
        { field: 'attachment', fileName: 'three.txt', content: 'third' },
      ];
      const added = await t.api.upload(`${base()}/${id}/attachments/`, multipart({}, files), as(cast, 'assignee'));
      expect(added.status).toBe(201);
      expect(added.body.attachments.map((file: { file_name: string }) => file.file_name)).toEqual(['one.txt', 'two.txt', 'three.txt']);
      const detail = await t.api.get(`${base()}/${id}/`, as(cast, 'creator'));
      expect(kind.related(detail.body).attachments.map((file) => file.id).sort()).toEqual(added.body.attachments.map((file: { id: string }) => file.id).sort());
      expect((await t.api.get(added.body.attachments[1].url, as(cast, 'creator'))).body.toString()).toBe('second');
      const before = (await storedFiles()).length;
      const mixed = await t.api.upload(`${base()}/${id}/attachments/`, multipart({}, [files[0], { field: 'other', fileName: 'x.txt', content: 'x' }]), as(cast, 'creator'));
      expect([mixed.status, Object.keys(mixed.body.errors)]).toEqual([400, ['other']]);
      expect((await storedFiles()).length).toBe(before);
      expect((await t.api.upload(`${base()}/${id}/attachments/`, multipart({}, files), as(cast, 'outsider'))).status).toBe(404);
      const eleven = Array.from({ length: 11 }, (_, index) => ({ field: 'attachment', fileName: `f${index}.txt`, content: 'x' }));
      expect((await t.api.upload(`${base()}/${id}/attachments/`, multipart({}, eleven), as(cast, 'creator'))).status).toBe(413);
      expect((await storedFiles()).length).toBe(before);
      expect((await t.api.upload(`${base()}/${id}/attachments/`, multipart({ comment: 'no file' }, []), as(cast, 'creator'))).status).toBe(400);
      expect((await t.api.post(`${base()}/${id}/attachments/`, { attachment: 'x' }, as(cast, 'creator'))).status).toBe(415);
    });

    it('lets only the author or an ADMIN edit or delete a comment, and only the uploader or an ADMIN delete a file', async () => {
      const id = await kind.seed(t, cast);
      const added = await comment(id, 'assignee');
      const url = `${base()}/comment/${added.body.comment.id}/`;
      expect((await t.api.put(url, { comment: 'hijacked' }, as(cast, 'creator'))).status).toBe(403);
      expect((await t.api.put(url, { comment: 'edited' }, as(cast, 'assignee'))).body.comment).toBe('edited');
      expect((await t.api.put(url, { comment: 'x' }, as(cast, 'outsider'))).status).toBe(404);
      expect((await t.api.delete(url, as(cast, 'admin'))).status).toBe(204);
      const file = await attach(id, 'assignee');
      const fileUrl = `${base()}/attachment/${file.body.attachment.id}/`;
      expect((await t.api.delete(fileUrl, as(cast, 'creator'))).status).toBe(403);
      expect((await t.api.delete(fileUrl, as(cast, 'assignee'))).status).toBe(204);
    });

    it('edits and removes a comment only at the revision If-Match names, answering its new ETag', async () => {
      const id = await kind.seed(t, cast);
      const added = await comment(id, 'assignee');
      expect(added.body.comment.revision).toBe(1);
      const url = `${base()}/comment/${added.body.comment.id}/`;
      const edit = (text: string, ifMatch: string) => t.api.request('PUT', url, { ...as(cast, 'assignee'), body: { comment: text }, headers: { 'if-match': ifMatch } });
      const edited = await edit('edited once', '"1"');
      expect([edited.status, edited.headers.etag, edited.body.revision]).toEqual([200, '"2"', 2]);
      const stale = await edit('lost update', '"1"');
      expect([stale.status, stale.body.code, stale.headers.etag]).toEqual([412, 'PRECONDITION_FAILED', '"2"']);
      const staleDelete = await t.api.request('DELETE', url, { ...as(cast, 'assignee'), headers: { 'if-match': '"1"' } });
      expect(staleDelete.status).toBe(412);
      const detail = await t.api.get(`${base()}/${id}/`, as(cast, 'creator'));
      expect(JSON.stringify(detail.body)).toContain('edited once');
      expect((await t.api.request('DELETE', url, { ...as(cast, 'assignee'), headers: { 'if-match': '"2"' } })).status).toBe(204);
    });

    it.each([
      ['an empty body', {}],
      ['a blank comment', { comment: '   ' }],
      ['an unknown field', { comment: 'x', note: 'y' }],
    ])('refuses %s with 400 and stores nothing', async (_case, body) => {
      const id = await kind.seed(t, cast);
      const res = await t.api.post(`${base()}/${id}/`, body, as(cast, 'creator'));
      expect(res.status).toBe(400);
      const detail = await t.api.get(`${base()}/${id}/`, as(cast, 'creator'));
      expect(kind.related(detail.body).comments).toEqual([]);
    });

    it('deletes its comments, attachments and files with the record', async () => {
      const id = await kind.seed(t, cast);
      const before = await storedFiles();
      const file = await attach(id, 'creator');
      expect((await t.api.delete(`${base()}/${id}/`, as(cast, 'creator'))).status).toBe(204);
      expect((await t.api.get(file.body.attachment.url, as(cast, 'admin'))).status).toBe(404);
      expect((await t.api.put(`${base()}/comment/${file.body.comment.id}/`, { comment: 'x' }, as(cast, 'admin'))).status).toBe(404);
      expect(await storedFiles()).toEqual(before);
    });
  });
}
