import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../../auth/auth.service';
import { unauthenticated } from '../../common/errors/domain-error';
import { sendError } from '../../common/http/http-answers';
import { CYCLONEDX_MEDIA_TYPE } from './cyclonedx-sbom';
import { SbomService } from './sbom.service';

/** CycloneDX SBOM export. Needs an API token (Bearer), and shows only apps the caller may see. */
@Controller('exports/applications')
export class SbomController {
  constructor(
    private readonly auth: AuthService,
    private readonly sboms: SbomService,
  ) {}

  @Get(':slug/sbom.cdx.json')
  async sbom(@Param('slug') slug: string, @Query('runtime') runtime: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const principal = await this.auth.authenticate(request.headers.authorization);
      if (principal === null) throw unauthenticated('This export needs an API token: send "Authorization: Bearer <token>"');
      const bom = await this.sboms.sbomOf(principal, slug, typeof runtime === 'string' && runtime !== '' ? runtime : null);
      await reply
        .status(200)
        .header('content-type', CYCLONEDX_MEDIA_TYPE)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${bom.metadata.component.name}.cdx.json"`)
        .send(JSON.stringify(bom, null, 2));
    } catch (error) {
      await sendError(reply, error);
    }
  }
}
