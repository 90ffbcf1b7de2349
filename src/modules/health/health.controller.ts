import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/access.decorators.js';
import { LivenessDto, ReadinessDto } from './dto/health.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness probe', description: 'Answers 200 while the process is serving requests.' })
  @ApiOkResponse({ type: LivenessDto, description: 'The process is up' })
  getLiveness(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness probe',
    description:
      'Answers 200 when the database answers within two seconds: `ok`, or `degraded` when Redis (REDIS_URL) does not (the instance still serves: jobs wait in the outbox, limits count in memory). 503 when the database does not answer (`unavailable`) or the instance is shutting down (`shutting_down`, from SIGTERM on).',
  })
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready to serve (`ok` or `degraded`)' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'No database, or shutting down' })
  async getReadiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const readiness = await this.health.readiness();
    if (readiness.status === 'unavailable' || readiness.status === 'shutting_down') reply.status(503).header('retry-after', '5');
    return readiness;
  }
}
