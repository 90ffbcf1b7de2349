import type { OpenAPIObject } from '@nestjs/swagger';

/** Set by RecordForm on a create or update route: the name of the form's file field. */
export const FORM_FILE_EXTENSION = 'x-form-file';

type Json = Record<string, unknown>;

/**
 * Every route that takes a record form documents both bodies: its JSON one, and the same fields
 * as multipart/form-data with the file field (lists as repeated fields or one JSON-array string).
 */
export function recordForms(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Json[]) {
      const field = operation?.[FORM_FILE_EXTENSION];
      if (typeof field !== 'string') continue;
      delete operation[FORM_FILE_EXTENSION];
      const body = operation.requestBody as { content?: Record<string, { schema?: Json }> } | undefined;
      const json = body?.content?.['application/json']?.schema;
      if (!body?.content || !json) continue;
      body.content['multipart/form-data'] = {
        schema: {
          allOf: [
            json,
            {
              type: 'object',
              properties: {
                [field]: { type: 'string', format: 'binary', description: 'One file, attached to the record in the same transaction' },
              },
            },
          ],
        },
      };
      const description = typeof operation.description === 'string' ? `${operation.description} ` : '';
      operation.description = `${description}Also takes the same fields as a multipart form with one file in \`${field}\` (Django-CRM's forms).`;
    }
  }
}
