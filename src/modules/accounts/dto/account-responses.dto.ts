import { SIDE_LIST_LIMIT } from '../../../common/pagination/side-list.js';
import { HalfCursorProperty } from '../../../common/pagination/page.js';
import { ApiProperty } from '@nestjs/swagger';
import { AttachmentResponseDto, CommentResponseDto } from '../../comments/dto/comment.dto.js';
import { ContactRefDto } from '../../contacts/dto/contact.dto.js';
import { TeamRefDto } from '../../teams/dto/team.dto.js';
import { UserRefDto } from '../../users/dto/user-response.dto.js';
import { AccountStatus } from '../account.entity.js';
import { UpdatedByProperty, UpdatedOnProperty } from '../../../common/records/revision-fields.js';

/** The account's own fields, as in the seed's `account_obj`. */
export class AccountFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ACME Corporation' })
  name: string;

  @ApiProperty({ example: 'contact@acme.com' })
  email: string;

  @ApiProperty({ example: '+1234567890' })
  phone: string;

  @ApiProperty({ example: 'Technology' })
  industry: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: 'https://acme.com' })
  website: string;

  @ApiProperty({ enum: AccountStatus, enumName: 'AccountStatus' })
  status: AccountStatus;

  @ApiProperty({ example: '123 Business St' })
  billing_address_line: string;

  @ApiProperty()
  billing_street: string;

  @ApiProperty({ example: 'New York' })
  billing_city: string;

  @ApiProperty({ example: 'NY' })
  billing_state: string;

  @ApiProperty({ example: '10001' })
  billing_postcode: string;

  @ApiProperty({ example: 'USA' })
  billing_country: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @UpdatedOnProperty()
  updated_on: string;

  @UpdatedByProperty()
  updated_by: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The lead it came from (converted, or as set)' })
  lead: string | null;

  @ApiProperty({ example: 'Jane Buyer', description: 'The person to ask for, as free text' })
  contact_name: string;
}

/** One account in lists and in create/update answers: its fields plus its links as ids and names. */
export class AccountItemDto extends AccountFieldsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Assigned user ids' })
  assigned_to: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Team ids' })
  teams: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Contact ids' })
  contacts: string[];

  @ApiProperty({ type: [String], example: ['enterprise', 'technology'], description: 'Tag names' })
  tags: string[];
}

export class AccountListResponseDto {
  @ApiProperty({ type: [AccountItemDto], description: 'One page of open accounts' })
  open_accounts: AccountItemDto[];

  @ApiProperty({ type: [AccountItemDto], description: 'One page of closed accounts' })
  closed_accounts: AccountItemDto[];

  @HalfCursorProperty('open accounts')
  open_accounts_next_cursor: string | null;

  @HalfCursorProperty('closed accounts')
  closed_accounts_next_cursor: string | null;

  @ApiProperty({ description: 'Accounts matching the filters, both halves' })
  accounts_count: number;

  @ApiProperty()
  open_accounts_count: number;

  @ApiProperty()
  closed_accounts_count: number;

  @ApiProperty({ type: [ContactRefDto], description: `Contacts the caller may link: the first ${SIDE_LIST_LIMIT} by name (GET /api/contacts/ pages them all)` })
  contacts: ContactRefDto[];

  @ApiProperty({ type: 'integer', description: `How many contacts the caller may see there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  contacts_count: number;

  @ApiProperty({ type: [UserRefDto], description: `Active members, for assignment: the first ${SIDE_LIST_LIMIT} by e-mail (GET /api/users/ pages them all)` })
  users: UserRefDto[];

  @ApiProperty({ type: 'integer', description: `How many active members there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  users_count: number;

  @ApiProperty({ type: [TeamRefDto], description: `Teams: the first ${SIDE_LIST_LIMIT} by name (GET /api/teams/ pages them all)` })
  teams: TeamRefDto[];

  @ApiProperty({ type: 'integer', description: `How many teams there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  teams_count: number;
}

export class AccountDetailResponseDto {
  @ApiProperty({ type: AccountFieldsDto })
  account_obj: AccountFieldsDto;

  @ApiProperty({ type: [ContactRefDto] })
  contacts: ContactRefDto[];

  @ApiProperty({ type: [UserRefDto] })
  assigned_to: UserRefDto[];

  @ApiProperty({ type: [TeamRefDto] })
  teams: TeamRefDto[];

  @ApiProperty({ type: [CommentResponseDto], description: 'Oldest first' })
  comments: CommentResponseDto[];

  @ApiProperty({ type: [AttachmentResponseDto], description: 'Newest first' })
  attachments: AttachmentResponseDto[];

  @ApiProperty({ type: [UserRefDto], description: `Active members, for @mentions: the first ${SIDE_LIST_LIMIT} by e-mail` })
  users_mention: UserRefDto[];

  @ApiProperty({ type: 'integer', description: `How many active members there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  users_mention_count: number;

  @ApiProperty({ type: [String] })
  tags: string[];
}
