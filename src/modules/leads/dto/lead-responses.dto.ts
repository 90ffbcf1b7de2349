import { SIDE_LIST_LIMIT } from '../../../common/pagination/side-list.js';
import { HalfCursorProperty } from '../../../common/pagination/page.js';
import { ApiProperty } from '@nestjs/swagger';
import { AccountItemDto } from '../../accounts/dto/account-responses.dto.js';
import { AttachmentResponseDto, CommentResponseDto } from '../../comments/dto/comment.dto.js';
import { ContactRefDto } from '../../contacts/dto/contact.dto.js';
import { TagResponseDto } from '../../tags/dto/tag.dto.js';
import { TeamRefDto } from '../../teams/dto/team.dto.js';
import { UserRefDto } from '../../users/dto/user-response.dto.js';
import { LeadSource } from '../../../common/records/lead-source.js';
import { LeadStatus } from '../lead.entity.js';
import { UpdatedByProperty, UpdatedOnProperty } from '../../../common/records/revision-fields.js';

export class AddressDto {
  @ApiProperty({ example: '456 Business St' })
  address_line: string;

  @ApiProperty()
  street: string;

  @ApiProperty({ example: 'Seattle' })
  city: string;

  @ApiProperty({ example: 'WA' })
  state: string;

  @ApiProperty({ example: '98101' })
  postcode: string;

  @ApiProperty({ example: 'USA' })
  country: string;
}

/** The lead's own fields, as in the seed's `lead_obj`. */
export class LeadFieldsDto extends AddressDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Product Demo Request' })
  title: string;

  @ApiProperty({ example: 'Jane' })
  first_name: string;

  @ApiProperty({ example: 'Prospect' })
  last_name: string;

  @ApiProperty({ example: 'jane@prospect.com' })
  email: string;

  @ApiProperty({ example: '+1987654321' })
  phone: string;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus' })
  status: LeadStatus;

  @ApiProperty({ enum: LeadSource, enumName: 'LeadSource', nullable: true })
  source: LeadSource | null;

  @ApiProperty({ example: 'Prospect Corp' })
  account_name: string;

  @ApiProperty({ example: 'https://prospect.com' })
  website: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, nullable: true, example: '50000.00', description: 'Decimal string, two places' })
  opportunity_amount: string | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 100, description: 'Percent' })
  probability: number | null;

  @ApiProperty({ example: 'Software' })
  industry: string;

  @ApiProperty({ example: 'robert.johnson' })
  skype_ID: string;

  @ApiProperty({ example: 'Big Corp Industries', description: 'Free text; `company` is the linked company' })
  organization: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  close_date: string | null;

  @ApiProperty({ example: 'Pricing' })
  enquiry_type: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The linked company’s id' })
  company: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @UpdatedOnProperty()
  updated_on: string;

  @UpdatedByProperty()
  updated_by: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The account it was converted to' })
  converted_account_id: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The contact made or matched by e-mail when it was converted' })
  converted_contact_id: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The opportunity made when it was converted with an opportunity_amount' })
  converted_opportunity_id: string | null;
}

/** One lead in lists and in create/update/convert answers. */
export class LeadItemDto extends LeadFieldsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  assigned_to: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  teams: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  contacts: string[];

  @ApiProperty({ type: [String], example: ['demo', 'qualified'] })
  tags: string[];

  @ApiProperty({
    type: AccountItemDto,
    nullable: true,
    description: 'The account made by this request’s conversion (create with auto_convert, convert, PUT status converted)',
  })
  converted_account: AccountItemDto | null;
}

export class LeadListResponseDto {
  @ApiProperty({ type: [LeadItemDto], description: 'Every status but closed and converted' })
  open_leads: LeadItemDto[];

  @ApiProperty({ type: [LeadItemDto], description: 'Status closed' })
  closed_leads: LeadItemDto[];

  @HalfCursorProperty('open leads')
  open_leads_next_cursor: string | null;

  @HalfCursorProperty('closed leads')
  closed_leads_next_cursor: string | null;

  @ApiProperty()
  open_leads_count: number;

  @ApiProperty()
  closed_leads_count: number;

  @ApiProperty({ type: [ContactRefDto], description: `Contacts the caller may link: the first ${SIDE_LIST_LIMIT} by name (GET /api/contacts/ pages them all)` })
  contacts: ContactRefDto[];

  @ApiProperty({ type: 'integer', description: `How many contacts the caller may see there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  contacts_count: number;

  @ApiProperty({ type: [UserRefDto], description: `Active members, for assignment: the first ${SIDE_LIST_LIMIT} by e-mail (GET /api/users/ pages them all)` })
  users: UserRefDto[];

  @ApiProperty({ type: 'integer', description: `How many active members there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  users_count: number;

  @ApiProperty({ enum: LeadSource, enumName: 'LeadSource', isArray: true })
  source_list: LeadSource[];

  @ApiProperty({ type: [TagResponseDto], description: `Tags of the organization: the first ${SIDE_LIST_LIMIT} by name (GET /api/tags/ pages them all)` })
  tags: TagResponseDto[];

  @ApiProperty({ type: 'integer', description: `How many tags there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  tags_count: number;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus', isArray: true, description: 'Available status options' })
  status: LeadStatus[];
}

export class LeadDetailResponseDto {
  @ApiProperty({ type: LeadFieldsDto })
  lead_obj: LeadFieldsDto;

  @ApiProperty({ type: AddressDto })
  address_obj: AddressDto;

  @ApiProperty({ type: [UserRefDto] })
  assigned_to: UserRefDto[];

  @ApiProperty({ type: [TeamRefDto] })
  teams: TeamRefDto[];

  @ApiProperty({ type: [CommentResponseDto] })
  comments: CommentResponseDto[];

  @ApiProperty({ type: [AttachmentResponseDto] })
  attachments: AttachmentResponseDto[];

  @ApiProperty({ type: [ContactRefDto] })
  contacts: ContactRefDto[];

  @ApiProperty({ type: [UserRefDto], description: `Active members, for @mentions: the first ${SIDE_LIST_LIMIT} by e-mail` })
  users_mention: UserRefDto[];

  @ApiProperty({ type: 'integer', description: `How many active members there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  users_mention_count: number;

  @ApiProperty({ type: [String] })
  tags: string[];
}
