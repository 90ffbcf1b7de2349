import { WithComments } from '../../comments/dto/with-comments.dto.js';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CursorPageOf } from '../../../common/pagination/page.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { OptionalUrl } from '../../../common/validation/optional-fields.decorators.js';
import { CalendarDate } from '../../../common/validation/calendar.decorators.js';
import { PhoneProperty } from '../../../common/validation/phone.decorator.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { TextFilter, IdFilter } from '../../../common/validation/filters.decorator.js';
import { UpdatedByProperty, UpdatedOnProperty } from '../../../common/records/revision-fields.js';
import { RecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

export class CreateContactDto {
  @OptionalText(20, 'Ms')
  salutation?: string;

  @ApiProperty({ maxLength: 255, example: 'Grace' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  first_name: string;

  @ApiProperty({ maxLength: 255, example: 'Hopper' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  last_name: string;

  /** Unique among the organization's contacts, ignoring case. */
  @ApiProperty({ format: 'email', maxLength: 254, example: 'grace@navy.example' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  primary_email: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254 })
  @IsOptional()
  @Trim()
  @ValidateIf((_, value) => value !== '')
  @IsEmail()
  @MaxLength(254)
  secondary_email?: string;

  @IsOptional()
  @Trim()
  @ValidateIf((_, value) => value !== '')
  @PhoneProperty('+1 555 0100')
  mobile_number?: string;

  @IsOptional()
  @Trim()
  @ValidateIf((_, value) => value !== '')
  @PhoneProperty('+1 555 0101')
  secondary_number?: string;

  @OptionalText(255, 'Rear Admiral')
  title?: string;

  @OptionalText(255, 'Engineering')
  department?: string;

  @OptionalText(10000)
  description?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  do_not_call?: boolean;

  @OptionalText(255, 'Acme Corp')
  organization?: string;

  @OptionalText(255, 'English')
  language?: string;

  @OptionalUrl('https://www.linkedin.com/in/grace-hopper')
  linked_in_url?: string;

  @OptionalUrl('https://www.facebook.com/grace.hopper')
  facebook_url?: string;

  @OptionalText(255, 'gracehopper')
  twitter_username?: string;

  @CalendarDate({ example: '1906-12-09' })
  date_of_birth?: string | null;

  @OptionalText(255, '1 Navy Way')
  address_line?: string;

  @OptionalText(255)
  street?: string;

  @OptionalText(255, 'Arlington')
  city?: string;

  @OptionalText(255, 'VA')
  state?: string;

  @OptionalText(64, '22202')
  postcode?: string;

  @OptionalText(255, 'USA')
  country?: string;

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];
}

export class UpdateContactDto extends PartialType(CreateContactDto) {}

export class ListContactsQueryDto extends RecordListQueryDto {
  @TextFilter('Part of the first or last name, any case')
  name?: string;

  @TextFilter('Part of the city, any case')
  city?: string;

  @TextFilter('Part of the mobile or secondary number', 32)
  phone?: string;

  @TextFilter('Part of the primary or secondary e-mail, any case', 254)
  email?: string;

  @IdFilter('Contacts assigned to this user')
  assigned_to?: string;
}

export class ContactResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  salutation: string;

  @ApiProperty()
  first_name: string;

  @ApiProperty()
  last_name: string;

  @ApiProperty({ format: 'email' })
  primary_email: string;

  @ApiProperty()
  secondary_email: string;

  @ApiProperty()
  mobile_number: string;

  @ApiProperty()
  secondary_number: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  department: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  do_not_call: boolean;

  @ApiProperty({ description: 'Where the person works, as free text' })
  organization: string;

  @ApiProperty()
  language: string;

  @ApiProperty()
  linked_in_url: string;

  @ApiProperty()
  facebook_url: string;

  @ApiProperty()
  twitter_username: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  date_of_birth: string | null;

  @ApiProperty()
  address_line: string;

  @ApiProperty()
  street: string;

  @ApiProperty()
  city: string;

  @ApiProperty()
  state: string;

  @ApiProperty()
  postcode: string;

  @ApiProperty()
  country: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Assigned user ids' })
  assigned_to: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Team ids' })
  teams: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @UpdatedOnProperty()
  updated_on: string;

  @UpdatedByProperty()
  updated_by: string | null;
}

export class ContactPageDto extends CursorPageOf(ContactResponseDto) {}

/** The compact form used in side lists. */
export class ContactRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Grace Hopper' })
  name: string;

  @ApiProperty({ format: 'email' })
  primary_email: string;
}

/** One contact, as GET /api/contacts/{id}/ answers it: its fields, comments (oldest first) and files (newest first). */
export class ContactDetailResponseDto extends WithComments(ContactResponseDto) {}
