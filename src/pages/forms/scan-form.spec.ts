import { describe, expect, it } from 'vitest';
import { readScanForm, ScanFormError } from './scan-form';

const multipart = (parts: string[]) => Buffer.from(parts.map((part) => `--B\r\n${part}\r\n`).join('') + '--B--\r\n');
const TYPE = 'multipart/form-data; boundary=B';

describe('readScanForm', () => {
  it('reads pasted content with the chosen format and runtime', () => {
    const form = readScanForm(
      TYPE,
      multipart([
        'Content-Disposition: form-data; name="_csrf"\r\n\r\nt0k',
        'Content-Disposition: form-data; name="content"\r\n\r\n[project]\r\nname = "x"',
        'Content-Disposition: form-data; name="file"; filename=""\r\n\r\n',
        'Content-Disposition: form-data; name="filename"\r\n\r\npyproject.toml',
        'Content-Disposition: form-data; name="runtime"\r\n\r\n37.22.0',
      ]),
    );
    expect(form).toEqual({ csrf: 't0k', content: Buffer.from('[project]\r\nname = "x"'), filename: 'pyproject.toml', runtime: '37.22.0', uploaded: false });
  });

  it('prefers a chosen file, named by its base name', () => {
    const form = readScanForm(
      TYPE,
      multipart([
        'Content-Disposition: form-data; name="content"\r\n\r\nignored',
        'Content-Disposition: form-data; name="file"; filename="C:\\\\fakepath\\\\requirements-dev.txt"\r\nContent-Type: text/plain\r\n\r\ndjango==1.11',
        'Content-Disposition: form-data; name="runtime"\r\n\r\n',
      ]),
    );
    expect(form.filename).toBe('requirements-dev.txt');
    expect(form.content.toString()).toBe('django==1.11');
    expect(form.runtime).toBeNull();
    expect(form.uploaded).toBe(true);
  });

  it('reads url-encoded forms, and falls back to requirements.txt for an unknown format', () => {
    const form = readScanForm('application/x-www-form-urlencoded', { _csrf: 'a', content: 'requests', filename: '../etc/passwd' });
    expect(form.filename).toBe('requirements.txt');
    expect(form.content.toString()).toBe('requests');
  });

  it('refuses a body it cannot read', () => {
    expect(() => readScanForm(TYPE, Buffer.from('garbage'))).toThrow(ScanFormError);
    expect(() => readScanForm('text/plain', 'x')).toThrow(ScanFormError);
  });
});
