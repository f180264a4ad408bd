import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loggableUrl } from './loggable-url';
import { markErrorLogged } from './logged-errors';

/**
 * Nest logs every unexpected exception itself ("ExceptionsHandler"), with the raw message,
 * before GraphQL or the access log see it: each failure became two lines. Here a GraphQL error
 * goes on untouched to Apollo (the error-logging plugin logs it once, with the request id), and
 * an HTTP route's unexpected error is logged once with the request id and answered 500.
 */
@Catch()
export class LogOnceExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<'http' | 'graphql'>() === 'graphql') throw exception;
    if (exception instanceof HttpException) return super.catch(exception, host);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    request.log.error({ err: exception, method: request.method, url: loggableUrl(request.url) }, 'Request failed');
    markErrorLogged(request);
    void reply.status(500).send({ statusCode: 500, message: 'Internal server error' });
  }
}
