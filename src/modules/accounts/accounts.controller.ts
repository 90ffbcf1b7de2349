import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { AccountsService } from './accounts.service.js';
import { CreateAccountDto, ListAccountsQueryDto, UpdateAccountDto } from './dto/account-requests.dto.js';
import { AccountDetailResponseDto, AccountItemDto, AccountListResponseDto } from './dto/account-responses.dto.js';
import { RecordForm } from '../comments/record-form.js';
import { ACCOUNT_KIND } from './account.kind.js';

const VISIBILITY = 'An ADMIN sees every account; a USER those they created or are assigned to.';

@ApiTags('Accounts')
@OrgScoped()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'List accounts',
    description: `Open and closed accounts, each half paged by limit/offset, newest first, with counts after filters and side lists. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: AccountListResponseDto, description: 'Both halves, counts and side lists' })
  listAccounts(@Principal() principal: OrgPrincipal, @Query() query: ListAccountsQueryDto): Promise<AccountListResponseDto> {
    return this.accounts.list(principal, query);
  }

  @Post()
  @RecordForm(ACCOUNT_KIND)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an account', description: 'Tags are created on first use.' })
  @ApiCreatedResponse({ type: AccountItemDto, description: 'The account was created' })
  createAccount(@Principal() principal: OrgPrincipal, @Body() body: CreateAccountDto): Promise<AccountItemDto> {
    return this.accounts.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an account', description: `The account with every related list. ${VISIBILITY}` })
  @ApiOkResponse({ type: AccountDetailResponseDto, description: 'The account and its related records' })
  @ApiErrors(404)
  getAccount(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<AccountDetailResponseDto> {
    return this.accounts.get(principal, id);
  }

  @Put(':id')
  @RecordForm(ACCOUNT_KIND)
  @ApiOperation({
    summary: 'Update an account',
    description: `Fields left out are kept; lists, when sent, replace. Close or reopen with status. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: AccountItemDto, description: 'The updated account' })
  @ApiErrors(404)
  updateAccount(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateAccountDto,
  ): Promise<AccountItemDto> {
    return this.accounts.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete an account',
    description:
      'Its creator or an ADMIN only. Its comments and attachments go with it; its cases and draft invoices stay, unlinked. An account that issued (non-Draft) invoices bill cannot be deleted.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404, 'ACCOUNT_HAS_INVOICES')
  async deleteAccount(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.accounts.remove(principal, id);
  }
}
