import { randomUUID } from 'node:crypto';
import { as } from './support/cast.js';
import { describeCommentCapability } from './support/comment-capability.js';

describeCommentCapability('contacts', {
  path: 'contacts',
  seed: async (t, cast) => {
    const res = await t.api.post(
      '/api/contacts/',
      { first_name: 'Pat', last_name: 'Doe', primary_email: `pat-${randomUUID()}@acme.example`, assigned_to: [cast.assignee.userId] },
      as(cast, 'creator'),
    );
    return res.body.id as string;
  },
  related: (detail) => ({ comments: detail.comments, attachments: detail.attachments }),
});

describeCommentCapability('cases', {
  path: 'cases',
  seed: async (t, cast) =>
    (await t.api.post('/api/cases/', { name: `Case ${randomUUID().slice(0, 8)}`, assigned_to: [cast.assignee.userId] }, as(cast, 'creator'))).body.id,
  related: (detail) => ({ comments: detail.comments, attachments: detail.attachments }),
});
