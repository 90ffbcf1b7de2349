import type { INestApplication } from '@nestjs/common';
import { refineDocument } from './refine-document.js';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER_SCHEME, API_KEY_SCHEME, BEARER_SCHEME, ORG_HEADER, ORG_HEADER_ALIAS, ORG_SCHEME } from './security-schemes.js';

const TAGS: Record<string, string> = {
  Auth: 'Register, sign in and rotate tokens',
  Organizations: "The caller's organizations",
  Profile: "The caller's profile in an organization",
  Users: "The organization's members and their roles (ADMIN manages)",
  Teams: 'Groups of members that records can be assigned to',
  Contacts: 'People at customers',
  Tags: 'Free-form labels, created on first use',
  Accounts: 'Customer companies, with comments and attachments',
  Leads: 'Prospects: qualification, conversion to accounts, web forms and imports',
  Companies: 'Companies that leads work for',
  'API settings': 'Keys that let a website form create leads',
  Cases: 'Support cases with status workflow, priorities and types',
  Opportunities: 'The sales pipeline: deals with stages, amounts and probabilities',
  Tasks: 'Follow-up work with status, priority and due dates',
  Events: 'Meetings, once or recurring: occurrences, calendar feeds and invitations',
  Documents: 'Shared files with versions, shared with members and teams',
  Invoices: 'Invoices with exact totals, numbering, payments, sending and overdue tracking',
  Dashboard: 'The overview: counts, the newest records, open tasks and the pipeline',
  Attachments: 'Files on accounts, leads, cases, opportunities, tasks and contacts',
  'Account mail': 'E-mail sent from accounts, queued and tracked per recipient',
  Health: 'Liveness and readiness probes',
};

const DESCRIPTION = `Multi-tenant CRM REST API compatible with Django-CRM's published reference.

Authenticate with \`POST /api/auth/login/\` and send \`Authorization: Bearer <access_token>\`.
Organization-scoped routes also need the \`organization-id\` header (alias \`org\`).
Every error has the body \`{statusCode, code, message, errors?, requestId}\`.
Every route answers with and without a trailing slash.`;

/** The document served at /docs-json and committed as openapi.json. */
/** `recordPaths`: the collections of the record kinds, which take conditional requests (ETags). */
export function buildOpenApiDocument(app: INestApplication, recordPaths: readonly string[] = []): OpenAPIObject {
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
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A web-form key from /api/api-settings/ (preferred)' },
      API_KEY_HEADER_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'query', name: 'apikey', description: 'The same key in the query string, as the reference sends it' },
      API_KEY_SCHEME,
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  // Method names are the operationIds (listOrganizations, createLead, ...): SDKs get good names.
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  return refineDocument(document, recordPaths);
}
