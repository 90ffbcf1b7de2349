import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { ContactsService } from './contacts.service.js';
import {
  ContactPageDto,
  ContactDetailResponseDto,
  ContactResponseDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto.js';
import { RecordForm } from '../comments/record-form.js';
import { CONTACT_KIND } from './contact.kind.js';

const VISIBILITY = 'An ADMIN sees every contact; a USER those they created or are assigned to.';

@ApiTags('Contacts')
@OrgScoped()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({ summary: 'List contacts', description: `Newest first. ${VISIBILITY}` })
  @ApiOkResponse({ type: ContactPageDto, description: 'One page of contacts' })
  listContacts(@Principal() principal: OrgPrincipal, @Query() query: ListContactsQueryDto): Promise<ContactPageDto> {
    return this.contacts.list(principal, query);
  }

  @Post()
  @RecordForm(CONTACT_KIND)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a contact', description: 'The primary e-mail must be new in the organization.' })
  @ApiCreatedResponse({ type: ContactResponseDto, description: 'The contact was created' })
  @ApiErrors('CONTACT_EMAIL_TAKEN')
  createContact(@Principal() principal: OrgPrincipal, @Body() body: CreateContactDto): Promise<ContactResponseDto> {
    return this.contacts.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a contact', description: VISIBILITY })
  @ApiOkResponse({ type: ContactDetailResponseDto, description: 'The contact with its comments and attachments' })
  @ApiErrors(404)
  getContact(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<ContactDetailResponseDto> {
    return this.contacts.detail(principal, id);
  }

  @Put(':id')
  @RecordForm(CONTACT_KIND)
  @ApiOperation({
    summary: 'Update a contact',
    description: `Fields left out are kept; lists, when sent, replace. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: ContactResponseDto, description: 'The updated contact' })
  @ApiErrors(404, 'CONTACT_EMAIL_TAKEN')
  updateContact(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateContactDto,
  ): Promise<ContactResponseDto> {
    return this.contacts.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a contact', description: 'Its creator or an ADMIN only.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteContact(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.contacts.remove(principal, id);
  }
}
