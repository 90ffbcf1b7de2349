import { readdir } from 'node:fs/promises';
import { AppConfig } from '../src/config/app-config.js';
import { as, type Cast, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const QUOTA = 1000;

/** Each organization keeps at most STORAGE_QUOTA_BYTES of files, whatever holds them. */
describe('storage quota per organization', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp({ STORAGE_QUOTA_BYTES: String(QUOTA) });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const document = (title: string, bytes: number, who: Parameters<typeof as>[1] = 'admin') =>
    t.api.upload('/api/documents/', multipart({ title }, [{ field: 'document_file', fileName: `${title}.txt`, content: 'x'.repeat(bytes) }]), as(cast, who));
  const storedFiles = async () => (await readdir(t.app.get(AppConfig).uploads.dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;

  it('refuses a file that does not fit (413 naming the field), keeps nothing of it, and has room again once files go', async () => {
    const first = await document('Fits', 600);
    expect(first.status).toBe(201);
    const filesBefore = await storedFiles();

    const tooMuch = await document('Too much', 600);
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.body).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED', errors: { document_file: [expect.stringContaining('quota')] } });
    const account = await t.api.post('/api/accounts/', { name: 'Files' }, as(cast, 'admin'));
    const attachment = await t.api.upload(
      `/api/accounts/${account.body.id}/`,
      multipart({ comment: 'with a file' }, [{ field: 'attachment', fileName: 'a.txt', content: 'y'.repeat(600) }]),
      as(cast, 'admin'),
    );
    expect(attachment.status).toBe(413);
    expect(attachment.body.code).toBe('STORAGE_QUOTA_EXCEEDED');
    expect(await storedFiles()).toBe(filesBefore);
    expect((await t.api.get('/api/documents/?title=Too', as(cast, 'admin'))).body.documents_count).toBe(0);

    // Another organization has its own room.
    const theirs = await t.api.upload('/api/documents/', multipart({ title: 'Theirs' }, [{ field: 'document_file', fileName: 't.txt', content: 'z'.repeat(600) }]), as(cast, 'outsider'));
    expect(theirs.status).toBe(201);

    expect((await t.api.delete(`/api/documents/${first.body.id}/`, as(cast, 'admin'))).status).toBe(204);
    expect((await document('Fits now', 600)).status).toBe(201);
  });

  it('lets only as many concurrent uploads in as fit', async () => {
    const own = await createCast(t.api);
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        t.api.upload('/api/documents/', multipart({ title: `Race ${i}` }, [{ field: 'document_file', fileName: 'r.txt', content: 'r'.repeat(400) }]), as(own, 'admin')),
      ),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 201, 413]);
  });
});
