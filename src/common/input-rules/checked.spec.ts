import { describe, it, expect } from 'vitest';
import { checkOptional, invalid, valid } from './checked';

describe('checkOptional', () => {
  const check = (text: string) => (text === 'ok' ? valid(text) : invalid('bad'));

  it('reads empty or blank as absent without checking', () => {
    expect(checkOptional('', check)).toEqual({ ok: true, value: null });
    expect(checkOptional('  ', check)).toEqual({ ok: true, value: null });
  });

  it('checks anything else', () => {
    expect(checkOptional('ok', check)).toEqual({ ok: true, value: 'ok' });
    expect(checkOptional('no', check)).toEqual({ ok: false, message: 'bad' });
  });
});
