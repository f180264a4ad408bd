import { describe, expect, it } from 'vitest';
import { formatUtcOffset, offsetTransitions, vtimezone } from './vtimezone';

describe('offsetTransitions', () => {
  it('finds the US changes of 2026 to the minute', () => {
    const transitions = offsetTransitions('America/Chicago', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(transitions).toEqual([
      // 2:00 CST on the second Sunday of March, 2:00 CDT on the first Sunday of November.
      { at: new Date('2026-03-08T08:00:00Z'), offsetFromMinutes: -360, offsetToMinutes: -300 },
      { at: new Date('2026-11-01T07:00:00Z'), offsetFromMinutes: -300, offsetToMinutes: -360 },
    ]);
  });

  it('finds none in a zone without daylight saving time', () => {
    expect(offsetTransitions('Asia/Tokyo', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('vtimezone', () => {
  it('writes one sub-component per change, the one before the range included', () => {
    const text = vtimezone('America/Chicago', new Date('2026-12-06T06:00:00Z'), new Date('2027-12-06T06:00:00Z'));
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:America/Chicago',
      ...['BEGIN:STANDARD', 'DTSTART:20261101T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0600', 'TZNAME:CST', 'END:STANDARD'],
      ...['BEGIN:DAYLIGHT', 'DTSTART:20270314T020000', 'TZOFFSETFROM:-0600', 'TZOFFSETTO:-0500', 'TZNAME:CDT', 'END:DAYLIGHT'],
      ...['BEGIN:STANDARD', 'DTSTART:20271107T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0600', 'TZNAME:CST', 'END:STANDARD'],
      'END:VTIMEZONE',
    ]);
  });

  it('states a fixed offset as one standard time', () => {
    const text = vtimezone('Asia/Kolkata', new Date('2026-12-06T00:00:00Z'), new Date('2027-12-06T00:00:00Z'));
    expect(text).toContain('TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530');
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1);
  });

  it('formats offsets', () => {
    expect(formatUtcOffset(-360)).toBe('-0600');
    expect(formatUtcOffset(330)).toBe('+0530');
    expect(formatUtcOffset(0)).toBe('+0000');
  });
});
