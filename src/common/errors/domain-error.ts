import { IntrinsicException } from '@nestjs/common';

/**
 * The one error type domain code throws. Its code becomes the GraphQL `extensions.code`;
 * `field` names the argument or input field at fault so clients can point at it.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
}

/**
 * Extends Nest's IntrinsicException so that Nest does not log a caller's mistake as a server
 * error with a stack trace; the GraphQL error mapping decides what is logged.
 */
export class DomainError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, ...details });

export const notFound = (message: string, details: Record<string, unknown> = {}): DomainError => new DomainError(ErrorCode.NOT_FOUND, message, details);

export const conflict = (message: string, details: Record<string, unknown> = {}): DomainError => new DomainError(ErrorCode.CONFLICT, message, details);

export const forbidden = (message: string): DomainError => new DomainError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message: string): DomainError => new DomainError(ErrorCode.UNAUTHENTICATED, message);
