/**
 * Just enough of multipart/form-data (RFC 7578) for the scan form's file upload without
 * JavaScript: text fields and files, held in memory (the body limit bounds them before this runs).
 */

export interface FormPart {
  name: string;
  /** Set for file inputs (possibly empty when no file was chosen). */
  filename: string | null;
  content: Buffer;
}

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data; boundary=...` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

/** Reads a parameter (name, filename) of a Content-Disposition header. */
function dispositionParameter(header: string, parameter: string): string | null {
  const match = new RegExp(`;\\s*${parameter}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  return match ? match[1].replace(/\\(.)/g, '$1') : null;
}

/** The parts of a body, in order; at most `maxParts` of them. */
export function parseMultipart(body: Buffer, boundary: string, maxParts = 16): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new MultipartError('The form data has no parts');
  for (;;) {
    position += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts;
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) throw new MultipartError('A part of the form data has no end of headers');
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new MultipartError('The form data ends in the middle of a part');
    const disposition = headers.split('\r\n').find((line) => /^content-disposition:/i.test(line));
    const name = disposition ? dispositionParameter(disposition, 'name') : null;
    if (disposition && name !== null) {
      if (parts.length >= maxParts) throw new MultipartError(`The form has more than ${maxParts} fields`);
      parts.push({ name, filename: dispositionParameter(disposition, 'filename'), content: body.subarray(headerEnd + 4, next) });
    }
    position = next + 2;
  }
}
