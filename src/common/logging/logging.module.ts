import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LogOnceExceptionFilter } from './log-once-exception.filter';

/** One log line per failure, whichever layer sees it first. */
@Module({ providers: [{ provide: APP_FILTER, useClass: LogOnceExceptionFilter }] })
export class LoggingModule {}
