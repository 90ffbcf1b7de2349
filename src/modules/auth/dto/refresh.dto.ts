import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ description: 'The refresh_token from login or the last refresh', maxLength: 2048 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  refresh: string;
}
