import { describe, expect, it } from 'vitest';
import { checkWebhookSecret, checkWebhookUrl } from './webhook-input';

describe('checkWebhookUrl', () => {
  it('accepts http and https URLs, trimmed', () => {
    expect(checkWebhookUrl(' https://hooks.example.edu/pype?team=a ', 'url')).toEqual({ ok: true, value: 'https://hooks.example.edu/pype?team=a' });
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', 'url')).toEqual({ ok: true, value: 'http://127.0.0.1:8080/hook' });
  });

  it('refuses other schemes, credentials, non-URLs and spaces, naming the field', () => {
    expect(checkWebhookUrl('ftp://hooks.example.edu/x', 'url')).toEqual({ ok: false, message: "url must be an http:// or https:// URL, got the scheme 'ftp'" });
    expect(checkWebhookUrl('file:///etc/passwd', 'url')).toMatchObject({ ok: false, message: expect.stringContaining("scheme 'file'") });
    expect(checkWebhookUrl('https://user:pw@hooks.example.edu/x', 'url')).toMatchObject({ ok: false, message: expect.stringContaining('credentials') });
    expect(checkWebhookUrl('https://token@hooks.example.edu/x', 'url')).toMatchObject({ ok: false, message: expect.stringContaining('credentials') });
    expect(checkWebhookUrl('hooks.example.edu/x', 'url')).toMatchObject({ ok: false, message: expect.stringContaining('is not a URL') });
    expect(checkWebhookUrl('https://hooks example.edu/', 'url')).toMatchObject({ ok: false });
    expect(checkWebhookUrl('', 'url')).toMatchObject({ ok: false });
  });
});

describe('checkWebhookSecret', () => {
  it('accepts 16 to 256 characters as given', () => {
    expect(checkWebhookSecret('0123456789abcdef', 'secret')).toEqual({ ok: true, value: '0123456789abcdef' });
  });

  it('refuses empty, short, long and control characters', () => {
    expect(checkWebhookSecret('', 'secret')).toMatchObject({ ok: false, message: expect.stringContaining('must not be empty') });
    expect(checkWebhookSecret('   ', 'secret')).toMatchObject({ ok: false, message: expect.stringContaining('must not be empty') });
    expect(checkWebhookSecret('short', 'secret')).toEqual({ ok: false, message: 'secret must be at least 16 characters long, got 5' });
    expect(checkWebhookSecret('x'.repeat(257), 'secret')).toMatchObject({ ok: false });
    expect(checkWebhookSecret('0123456789abcdef\u0000', 'secret')).toMatchObject({ ok: false });
  });
});
