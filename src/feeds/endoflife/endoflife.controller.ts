import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../common/errors/domain-error';
import { CatalogFeedsService } from '../catalog-feeds.service';
import { serveDocument } from '../http/send-document';
import { PRODUCT_NAME } from './endoflife-api';

const noSuchProduct = (product: string) =>
  notFound(`No product ${JSON.stringify(product)} here: this service publishes one product, ${PRODUCT_NAME}`, { field: 'product' });

/** endoflife.date's API, v1 and v0, for the one product this service knows. Public. */
@Controller()
export class EndoflifeController {
  constructor(private readonly feeds: CatalogFeedsService) {}

  /**
   * `/api/v1/products/pype/`, `/api/v1/products/pype/releases/{name}` (and `latest`), with or
   * without a trailing slash (endoflife.date writes them with one). One wildcard route, as Nest
   * drops trailing slashes from the paths it registers.
   */
  @Get('api/v1/products/*')
  productV1(@Req() request: FastifyRequest<{ Params: { '*': string } }>, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () => {
      const [product, ...rest] = request.params['*'].replace(/\/$/, '').split('/');
      if (product !== PRODUCT_NAME) return Promise.reject(noSuchProduct(product));
      if (rest.length === 0) return this.feeds.productV1();
      if (rest.length === 2 && rest[0] === 'releases') return this.feeds.releaseV1(rest[1]);
      return Promise.reject(
        notFound(`No such document: endoflife.date's API v1 has /api/v1/products/${PRODUCT_NAME}/ and /api/v1/products/${PRODUCT_NAME}/releases/{name}`),
      );
    });
  }

  /** v0 names files: `/api/pype.json`, `/api/pype/36.11.0.json`. */
  @Get('api/:file')
  cyclesV0(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () =>
      file === `${PRODUCT_NAME}.json` ? this.feeds.cyclesV0() : Promise.reject(noSuchProduct(file.replace(/\.json$/, ''))),
    );
  }

  @Get('api/:product/:file')
  cycleV0(@Param('product') product: string, @Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () => {
      if (product !== PRODUCT_NAME) return Promise.reject(noSuchProduct(product));
      if (!file.endsWith('.json')) return Promise.reject(notFound(`v0 cycles are JSON files: /api/${PRODUCT_NAME}/<version>.json`, { field: 'cycle' }));
      return this.feeds.cycleV0(file.slice(0, -'.json'.length));
    });
  }
}
