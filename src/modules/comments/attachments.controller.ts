import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CommentsService } from './comments.service.js';
import { attachmentDisposition } from '../files/safe-file-name.js';

@ApiTags('Attachments')
@OrgScoped()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':id/download')
  @ApiOperation({
    summary: 'Download an attachment',
    description: 'Streams the file to anyone who can see the record it is attached to.',
  })
  // The file comes in its own type (described generically); errors are JSON like everywhere else.
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition) with its sniffed Content-Type',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(404)
  async downloadAttachment(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<StreamableFile> {
    const file = await this.comments.openDownload(principal, id);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      length: file.size,
      disposition: attachmentDisposition(file.fileName),
    });
  }
}
