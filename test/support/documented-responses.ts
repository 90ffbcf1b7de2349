import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks every response an e2e test receives against the committed openapi.json, with a strict
 * validator (Ajv with OpenAPI 3.0's `nullable`): the status must be documented for the operation,
 * and a JSON body must match the documented schema. So the spec can never drift from the wire.
 */
const DOCUMENT_ID = 'openapi.json';
type Json = Record<string, any>;

const document = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'openapi.json'), 'utf8')) as Json;

/** The document with every local `$ref` made absolute, so a schema taken out of it still resolves. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#') ? `${DOCUMENT_ID}${inner}` : absoluteRefs(inner),
      ]),
    );
  }
  return value;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
ajv.addFormat('binary', true);
ajv.addSchema({ $id: DOCUMENT_ID, components: absoluteRefs(document.components) });

interface Route {
  pattern: RegExp;
  /** Fewer parameters first: /api/leads/upload before /api/leads/{id}. */
  parameters: number;
  item: Json;
}

const routes: Route[] = Object.entries(document.paths as Record<string, Json>)
  .map(([path, item]) => ({
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    parameters: (path.match(/\{/g) ?? []).length,
    item,
  }))
  .sort((a, b) => a.parameters - b.parameters);

const validators = new Map<Json, ValidateFunction>();

/** Throws when the response is not what the document says this operation answers. */
export function assertDocumented(method: string, url: string, status: number, contentType: string, body: unknown): void {
  const path = url.split('?')[0];
  const operation = routes.find((route) => route.pattern.test(path))?.item[method.toLowerCase()] as Json | undefined;
  if (!operation) return; // Not an API operation (an unknown route, /docs): nothing to hold it to.
  const where = `${method} ${path} -> ${status}`;
  const response = operation.responses?.[String(status)] as Json | undefined;
  if (!response) throw new Error(`${where}: status not documented for ${operation.operationId}`);
  // JSON bodies only: an NDJSON export is lines of JSON, documented as text.
  if (!/application\/(?:[\w.-]+\+)?json/.test(contentType) || status === 204) return;
  const schema = response.content?.['application/json']?.schema as Json | undefined;
  if (!schema) throw new Error(`${where}: a JSON body is not documented for ${operation.operationId}`);
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(absoluteRefs(schema) as Json);
    validators.set(schema, validate);
  }
  if (!validate(body)) {
    const problems = (validate.errors ?? []).slice(0, 5).map((error) => `${error.instancePath || '(body)'} ${error.message}`);
    throw new Error(`${where}: body does not match the documented schema of ${operation.operationId}: ${problems.join('; ')}`);
  }
}
