import { describe, expect, it } from 'vitest';
import { loggableUrl } from './loggable-url';

describe('loggableUrl', () => {
  it('redacts a feed token in the query string, wherever it stands', () => {
    expect(loggableUrl('/calendar/migrations.ics?token=pypefeed_abc&by=GROUP')).toBe('/calendar/migrations.ics?token=[redacted]&by=GROUP');
    expect(loggableUrl('/calendar/migrations.ics?by=GROUP&token=pypefeed_abc')).toBe('/calendar/migrations.ics?by=GROUP&token=[redacted]');
    expect(loggableUrl('/x?access_token=abc')).toBe('/x?access_token=[redacted]');
  });

  it('leaves other URLs alone', () => {
    expect(loggableUrl('/api/v1/products/pype/')).toBe('/api/v1/products/pype/');
    expect(loggableUrl('/x?tokenizer=1')).toBe('/x?tokenizer=1');
  });
});
