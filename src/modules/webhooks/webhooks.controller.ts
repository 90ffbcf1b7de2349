import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RefusesIdempotencyKey } from '../../common/idempotency/refuses-idempotency-key.decorator.js';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CreatedWebhookDto, CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto, WebhookPageDto } from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

const WHO = 'ADMIN, or an API key with `webhooks:write` (`webhooks:read` to read).';

@ApiTags('Webhooks')
@OrgScoped(Role.ADMIN)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints', description: `Newest first; never their secrets. ${WHO}` })
  @ApiOkResponse({ type: WebhookPageDto, description: 'One page of endpoints' })
  listWebhooks(@Principal() principal: OrgPrincipal, @Query() query: PaginationQueryDto): Promise<WebhookPageDto> {
    return this.webhooks.list(principal.orgId, query);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a webhook endpoint',
    description: `Events of its types committed from now on are POSTed to it, signed per Standard Webhooks with the secret in this answer (shown once). ${WHO}`,
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto, description: 'The endpoint and its signing secret' })
  createWebhook(@Principal() principal: OrgPrincipal, @Body() body: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook endpoint', description: WHO })
  @ApiOkResponse({ type: WebhookDto, description: 'The endpoint' })
  @ApiErrors(404)
  getWebhook(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<WebhookDto> {
    return this.webhooks.get(principal.orgId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a webhook endpoint', description: `Its URL, types or description; \`enabled\` pauses it or turns it back on. ${WHO}` })
  @ApiOkResponse({ type: WebhookDto, description: 'The endpoint' })
  @ApiErrors(404)
  updateWebhook(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(principal.orgId, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: `With its delivery log. ${WHO}` })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async deleteWebhook(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.webhooks.remove(principal.orgId, id);
  }

  // Each sends a request to the receiver (up to WEBHOOK_TIMEOUT_MS): never inside a request-wide transaction holding a connection.
  @RefusesIdempotencyKey()
  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a test ping', description: `POSTs a signed \`ping\` event now and answers how the receiver took it. ${WHO}` })
  @ApiOkResponse({ type: WebhookDeliveryDto, description: 'The attempt' })
  @ApiErrors(404)
  testWebhook(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.test(principal.orgId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Rotate the signing secret', description: `A new secret, shown once; for 24 hours deliveries carry a signature by each. ${WHO}` })
  @ApiOkResponse({ type: CreatedWebhookDto, description: 'The endpoint and its new secret' })
  @ApiErrors(404)
  rotateWebhookSecret(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<CreatedWebhookDto> {
    return this.webhooks.rotateSecret(principal.orgId, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'List delivery attempts', description: `Every attempt, newest first: the event, what the receiver answered, how long it took, the next retry. ${WHO}` })
  @ApiOkResponse({ type: WebhookDeliveryPageDto, description: 'One page of attempts' })
  @ApiErrors(404)
  listWebhookDeliveries(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Query() query: PaginationQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(principal.orgId, id, query);
  }

  @RefusesIdempotencyKey()
  @Post(':id/deliveries/:delivery_id/redeliver')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Redeliver an event', description: `Sends the attempt's event again now, under the same \`webhook-id\`, and answers how it went. ${WHO}` })
  @ApiParam({ name: 'delivery_id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDeliveryDto, description: 'The new attempt' })
  @ApiErrors(404)
  redeliverWebhookEvent(@Principal() principal: OrgPrincipal, @IdParam() id: string, @IdParam('delivery_id') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(principal.orgId, id, deliveryId);
  }
}
