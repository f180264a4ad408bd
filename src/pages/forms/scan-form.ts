import { boundaryOf, MultipartError, parseMultipart } from './multipart';

/** What the scan form sent, whichever way it was encoded. */
export interface ScanForm {
  csrf: string;
  content: Buffer;
  /** The chosen file's name, or the format picked for pasted text. */
  filename: string;
  runtime: string | null;
  /** True when the content came from a chosen file. */
  uploaded: boolean;
}

export class ScanFormError extends Error {}

const KNOWN_FORMATS = new Set(['requirements.txt', 'pyproject.toml', 'Pipfile']);

/** The last part of a path a browser may send as a file name (some send C:\fakepath\name). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop()!.slice(0, 255);
}

/**
 * Reads the scan form: multipart/form-data (the page's own form, which can carry a file) or
 * application/x-www-form-urlencoded (as parsed by the framework).
 */
export function readScanForm(contentType: string | undefined, body: unknown): ScanForm {
  const fields = new Map<string, string>();
  let file: { name: string; content: Buffer } | null = null;
  const boundary = boundaryOf(contentType);
  if (boundary !== null && Buffer.isBuffer(body)) {
    let parts;
    try {
      parts = parseMultipart(body, boundary);
    } catch (error) {
      if (error instanceof MultipartError) throw new ScanFormError(`The form could not be read: ${error.message}`);
      throw error;
    }
    for (const part of parts) {
      if (part.filename !== null) {
        if (part.name === 'file' && part.filename !== '' && part.content.length > 0) file = { name: baseName(part.filename), content: part.content };
      } else fields.set(part.name, part.content.toString('utf8'));
    }
  } else if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) if (typeof value === 'string') fields.set(name, value);
  } else {
    throw new ScanFormError('The form must be sent as multipart/form-data or application/x-www-form-urlencoded');
  }
  const picked = fields.get('filename') ?? 'requirements.txt';
  const runtime = (fields.get('runtime') ?? '').trim();
  return {
    csrf: fields.get('_csrf') ?? '',
    content: file ? file.content : Buffer.from(fields.get('content') ?? '', 'utf8'),
    filename: file ? file.name || picked : KNOWN_FORMATS.has(picked) ? picked : 'requirements.txt',
    runtime: runtime === '' ? null : runtime,
    uploaded: file !== null,
  };
}
