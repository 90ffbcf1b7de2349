import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  AccountEmailPageDto,
  AccountEmailResponseDto,
  CreateAccountEmailDto,
  EmailQueuedResponseDto,
  ResendAccountEmailDto,
} from './dto/mail.dto.js';
import { MailService } from './mail.service.js';

@ApiTags('Account mail')
@OrgScoped()
@Controller('accounts')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Post(':id/create_mail')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Send an e-mail from an account',
    description:
      'Stores the mail and queues it; the answer comes before sending. scheduled_later with a future scheduled_date_time sends it then. Anyone who can see the account.',
  })
  @ApiCreatedResponse({ type: EmailQueuedResponseDto, description: 'Stored and queued' })
  @ApiErrors(404, 'RATE_LIMITED')
  createAccountEmail(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: CreateAccountEmailDto,
  ): Promise<EmailQueuedResponseDto> {
    return this.mail.create(principal, id, body);
  }

  @Get(':id/emails')
  @ApiOperation({ summary: 'List an account’s e-mails', description: 'Newest first, each with per-recipient status.' })
  @ApiOkResponse({ type: AccountEmailPageDto, description: 'One page of e-mails' })
  @ApiErrors(404)
  listAccountEmails(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<AccountEmailPageDto> {
    return this.mail.list(principal, id, query);
  }

  @Get(':id/emails/:emailId')
  @ApiOperation({ summary: 'Get an account e-mail', description: 'With per-recipient status, attempts and last error.' })
  @ApiOkResponse({ type: AccountEmailResponseDto, description: 'The e-mail' })
  @ApiErrors(404)
  getAccountEmail(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @IdParam('emailId') emailId: string,
  ): Promise<AccountEmailResponseDto> {
    return this.mail.get(principal, id, emailId);
  }

  @Post(':id/emails/:emailId/resend')
  @HttpCode(HttpStatus.OK)
  @AdminOnly()
  @ApiOperation({
    summary: 'Resend an account e-mail to recipients it may not have reached',
    description:
      'ADMIN only, and deliberate: a recipient shown `unknown` (its send was cut off by a crash) may already have the mail. Queues the `unknown` and `failed` recipients again, all of them or those named.',
  })
  @ApiOkResponse({ type: AccountEmailResponseDto, description: 'The e-mail, those recipients queued' })
  @ApiErrors(404)
  resendAccountEmail(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @IdParam('emailId') emailId: string,
    @Body() body: ResendAccountEmailDto,
  ): Promise<AccountEmailResponseDto> {
    return this.mail.resend(principal, id, emailId, body);
  }
}
