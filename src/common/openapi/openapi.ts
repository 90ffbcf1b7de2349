import type { INestApplication } from '@nestjs/common';
import { refineDocument } from './refine-document.js';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER_SCHEME, API_KEY_SCHEME, BEARER_SCHEME, ORG_HEADER, ORG_HEADER_ALIAS, ORG_SCHEME, SERVER_KEY_SCHEME } from './security-schemes.js';

/** The tags of what is not a record kind: the kinds' come from their registration, between these. */
const TAGS_BEFORE_KINDS: Record<string, string> = {
  Auth: 'Register, sign in and rotate tokens',
  Organizations: "The caller's organizations",
  Profile: "The caller's profile in an organization",
  Users: "The organization's members and their roles (ADMIN manages)",
  Teams: 'Groups of members that records can be assigned to',
  Tags: 'Free-form labels, created on first use',
};

const TAGS_AFTER_KINDS: Record<string, string> = {
  Companies: 'Companies that leads work for',
  'API settings': 'Keys that let a website form create leads',
  'API keys': 'Scoped, expiring, revocable keys for servers and automations (ADMIN)',
  Changes: 'The change feed: every change to every record, in commit order, to sync from (ADMIN or `changes:read`)',
  Webhooks: 'Endpoints told of changes as they commit, signed per Standard Webhooks (ADMIN or `webhooks:write`)',
  Dashboard: 'The overview: counts, the newest records, open tasks and the pipeline',
  Attachments: 'Files on accounts, leads, cases, opportunities, tasks and contacts',
  'Account mail': 'E-mail sent from accounts, queued and tracked per recipient',
  Health: 'Liveness and readiness probes',
};

const DESCRIPTION = `Multi-tenant CRM REST API compatible with Django-CRM's published reference.

Authenticate with \`POST /api/auth/login/\` and send \`Authorization: Bearer <access_token>\`.
Organization-scoped routes also need the \`organization-id\` header (alias \`org\`).
Every error has the body \`{error: true, statusCode, code, message, errors?, requestId}\`.
Every route answers with and without a trailing slash.`;

/** The document served at /docs-json and committed as openapi.json. */
/** What the document needs of a record kind: its collection (which takes conditional requests), its tag and what that says. */
export interface DocumentedKind {
  path: string;
  tag: string;
  description: string;
}

export function buildOpenApiDocument(app: INestApplication, kinds: readonly DocumentedKind[] = []): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('CRM API')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server, in whichever environment it runs (local, staging or production)')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The access_token from POST /api/auth/login/. Tokens conform to RFC8725 (JWT best current practices): one ' +
          'algorithm (HS256) accepted, typed (access vs refresh), short-lived, with refresh tokens rotated.',
      },
      BEARER_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: ORG_HEADER,
        description: `The organization to act in (a UUID from GET /api/org/); \`${ORG_HEADER_ALIAS}\` is accepted as an alias`,
      },
      ORG_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'crm_…',
        description:
          'A server API key from POST /api/api-keys/ (also accepted as the X-API-Key header). It implies its organization, so ' +
          'the organization-id header may be left out; it acts as an ADMIN within its scopes (403 INSUFFICIENT_SCOPE beyond them).',
      },
      SERVER_KEY_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A web-form key from /api/api-settings/ (preferred)' },
      API_KEY_HEADER_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'query', name: 'apikey', description: 'The same key in the query string, as the reference sends it' },
      API_KEY_SCHEME,
    );
  const kindTags = Object.fromEntries(kinds.map(({ tag, description }) => [tag, description]));
  for (const [name, description] of Object.entries({ ...TAGS_BEFORE_KINDS, ...kindTags, ...TAGS_AFTER_KINDS })) builder.addTag(name, description);
  // Method names are the operationIds (listOrganizations, createLead, ...): SDKs get good names.
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  return refineDocument(document, kinds.map((kind) => kind.path));
}
