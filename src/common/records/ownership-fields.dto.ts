import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

type ClassType<T> = abstract new (...args: never[]) => T;

export interface OwnershipFields {
  assigned_to: string[];
  teams: string[];
  created_by: string | null;
  created_on: string;
}

/** A record kind's own fields plus who it is assigned to, its teams, and who made it when: the tail every newer kind answers. */
export function WithOwnership<T>(fields: ClassType<T>) {
  class OwnedDto extends (fields as ClassType<object>) {
    @ApiProperty({ type: [String], format: 'uuid' })
    assigned_to: string[];

    @ApiProperty({ type: [String], format: 'uuid' })
    teams: string[];

    @ApiProperty({ type: String, format: 'uuid', nullable: true })
    created_by: string | null;

    @ApiProperty({ type: String, format: 'date-time' })
    created_on: string;
  }
  // Concrete, so the item can be paged: PageOf takes a Type.
  return OwnedDto as unknown as Type<T & OwnershipFields>;
}
