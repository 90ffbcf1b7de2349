import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf } from '../../../common/pagination/page.js';

const EVENTS_DESCRIPTION = 'Event types to deliver: a type (`invoice.paid`), a group (`lead.*`), or `*` for all';

export class CreateWebhookDto {
  @ApiProperty({ maxLength: 2000, example: 'https://hooks.example.com/crm', description: 'Where events are POSTed: https in production; no credentials; not a private, loopback or link-local address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 50, example: ['lead.*', 'invoice.paid'], description: EVENTS_DESCRIPTION })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  events: string[];

  @ApiPropertyOptional({ maxLength: 500, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'As on create' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 50, description: EVENTS_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  events?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: '`true` turns a disabled endpoint back on: it resumes after the last event it settled (if the feed still keeps it); `false` pauses it' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  url: string;

  @ApiProperty({ type: [String], description: EVENTS_DESCRIPTION })
  events: string[];

  @ApiProperty()
  description: string;

  @ApiProperty({ description: 'Whether events are being delivered' })
  enabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabled_at: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'The receiver answered 410 Gone', description: 'Why it was disabled' })
  disabled_reason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Since when the event it is on has been failing' })
  failing_since: string | null;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'The last change-feed seq it has settled: delivered, or not of its types' })
  delivered_through: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updated_on: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown in this answer only' })
  secret: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The event’s id, sent as `webhook-id` (the same on every attempt)' })
  event_id: string;

  @ApiProperty({ type: 'integer', format: 'int64', nullable: true, description: 'Its seq in the change feed; null for a ping' })
  event_seq: number | null;

  @ApiProperty({ example: 'lead.created', description: 'Its type, or `ping`' })
  event_type: string;

  @ApiProperty({ description: 'Which attempt at this event it was, from 1' })
  attempt: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'What the receiver answered; null when it did not (network error, timeout, refused address)' })
  status_code: number | null;

  @ApiProperty({ description: 'Milliseconds until the answer (or the failure)' })
  duration_ms: number;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty()
  succeeded: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it is tried again; null when it will not be' })
  next_retry_at: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class WebhookPageDto extends PageOf(WebhookDto) {}

export class WebhookDeliveryPageDto extends PageOf(WebhookDeliveryDto) {}
