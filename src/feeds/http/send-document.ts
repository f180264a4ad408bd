import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../common/http/http-answers';
import type { CatalogDocument } from '../../releases/catalog-response-cache';
import { isNotModified } from './conditional-get';

/**
 * Public feeds may be cached by anyone for a minute and revalidated after that (a 304 when
 * nothing changed); any page may read them (endoflife.date allows every origin too).
 */
const PUBLIC_CACHING = 'public, max-age=60';

/** Sends a catalog document with its validators, or 304 Not Modified when the client already has it. */
export async function sendDocument(request: FastifyRequest, reply: FastifyReply, document: CatalogDocument, cacheControl = PUBLIC_CACHING): Promise<void> {
  void reply
    .header('etag', document.etag)
    .header('last-modified', document.lastModified.toUTCString())
    .header('cache-control', cacheControl)
    .header('access-control-allow-origin', '*')
    .header('vary', 'accept-encoding');
  if (isNotModified(request.headers, document)) {
    await reply.status(304).send();
    return;
  }
  await reply.status(200).type(document.contentType).send(document.body);
}

/** Loads a document and sends it; a domain error (an unknown release) is answered as JSON with its status. */
export async function serveDocument(request: FastifyRequest, reply: FastifyReply, load: () => Promise<CatalogDocument>): Promise<void> {
  try {
    await sendDocument(request, reply, await load());
  } catch (error) {
    await sendError(reply, error);
  }
}
