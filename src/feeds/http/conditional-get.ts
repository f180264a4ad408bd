/**
 * Conditional GET (RFC 9110 §13): a client that holds the current representation gets 304 Not
 * Modified instead of the body. Pure: headers in, decision out.
 */

export interface Validators {
  /** A quoted strong entity tag. */
  etag: string;
  lastModified: Date;
}

const opaqueTag = (tag: string): string => tag.trim().replace(/^W\//, '');

/** True when the request's validators say the client already has this representation. */
export function isNotModified(headers: { 'if-none-match'?: string | string[]; 'if-modified-since'?: string | string[] }, validators: Validators): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // If-None-Match wins over If-Modified-Since when both are sent (§13.2.2); comparison is weak (§8.8.3.2).
    const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',').map(opaqueTag);
    return tags.includes('*') || tags.includes(opaqueTag(validators.etag));
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (typeof ifModifiedSince !== 'string') return false;
  const since = Date.parse(ifModifiedSince);
  // An unparsable date is ignored (§13.1.3), as is one in the future of the representation's clock.
  return Number.isFinite(since) && validators.lastModified.getTime() <= since;
}
