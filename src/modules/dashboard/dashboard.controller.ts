import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { DashboardService } from './dashboard.service.js';
import { DashboardResponseDto } from './dto/dashboard-response.dto.js';

@ApiTags('Dashboard')
@OrgScoped()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({
    summary: 'Get the dashboard',
    description:
      'Counts of what the caller may see, the newest of each kind, their open tasks and the pipeline; every list is bounded. An ADMIN sees the whole organization, a USER what they created or are assigned to.',
  })
  @ApiOkResponse({ type: DashboardResponseDto, description: 'The dashboard' })
  getDashboard(@Principal() principal: OrgPrincipal): Promise<DashboardResponseDto> {
    return this.dashboard.get(principal);
  }
}
