import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class ReadinessChecksDto {
  @ApiProperty({ enum: ['up', 'down'] })
  database: 'up' | 'down';

  @ApiProperty({
    enum: ['up', 'down', 'not_configured'],
    description: '`not_configured` when REDIS_URL is unset and jobs run in the process',
  })
  redis: 'up' | 'down' | 'not_configured';
}

export class ReadinessDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable', 'shutting_down'],
    description: '`degraded`: serving without Redis (200); `unavailable`: no database, `shutting_down`: draining after SIGTERM (both 503)',
  })
  status: 'ok' | 'degraded' | 'unavailable' | 'shutting_down';

  @ApiProperty({ type: ReadinessChecksDto })
  checks: ReadinessChecksDto;
}
