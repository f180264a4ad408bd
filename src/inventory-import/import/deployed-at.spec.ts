import { describe, it, expect } from 'vitest';
import { checkDeployedAt, type DeployedAtContext } from './deployed-at';

const CAMPUS: DeployedAtContext = { label: 'deployed_at', timeZone: 'America/Chicago', now: null };
const value = (text: string, context = CAMPUS) => {
  const result = checkDeployedAt(text, context);
  return result.ok ? result.value : `error: ${result.message}`;
};

describe('checkDeployedAt', () => {
  it('reads RFC 3339 instants with Z or an offset, as UTC ISO strings', () => {
    expect(value('2024-03-01T14:30:00Z')).toBe('2024-03-01T14:30:00.000Z');
    expect(value('2024-03-01T08:30:00-06:00')).toBe('2024-03-01T14:30:00.000Z');
    expect(value('2024-03-01T20:00+0530')).toBe('2024-03-01T14:30:00.000Z');
    expect(value('2024-03-01t14:30z')).toBe('2024-03-01T14:30:00.000Z');
    expect(value('2024-03-01T15:30+01')).toBe('2024-03-01T14:30:00.000Z');
  });

  it('accepts a space for the T and one before the zone, as spreadsheets write them', () => {
    expect(value('2024-03-01 14:30:00Z')).toBe('2024-03-01T14:30:00.000Z');
    expect(value('2024-03-01 08:30 -06:00')).toBe('2024-03-01T14:30:00.000Z');
    expect(value('2024-03-01 08:30  -06:00')).toContain('error');
  });

  it('keeps milliseconds and drops finer digits without rounding', () => {
    expect(value('2024-03-01T14:30:00.123999999Z')).toBe('2024-03-01T14:30:00.123Z');
    expect(value('2024-03-01T14:30:00,5Z')).toBe('2024-03-01T14:30:00.500Z');
  });

  it('reads a bare date as midnight in the campus time zone, in winter and in summer', () => {
    expect(value('2024-01-15')).toBe('2024-01-15T06:00:00.000Z');
    expect(value('2024-07-15')).toBe('2024-07-15T05:00:00.000Z');
    expect(value('2024-03-10')).toBe('2024-03-10T06:00:00.000Z'); // the spring-forward day: midnight is still standard time
    expect(value('2024-07-15', { ...CAMPUS, timeZone: 'Europe/Berlin' })).toBe('2024-07-14T22:00:00.000Z');
  });

  it('refuses a local time without a zone, saying how to fix it', () => {
    expect(value('2024-03-01T14:30:00')).toMatch(/^error: deployed_at "2024-03-01T14:30:00" has no time zone; add Z or an offset/);
    expect(value('2024-03-01 14:30')).toContain('has no time zone');
  });

  it.each([
    '2024-02-30',
    '2023-02-29T10:00Z',
    '2024-13-01',
    '0000-01-01',
    '2024-03-01T24:00Z',
    '2024-03-01T10:60Z',
    '2024-03-01T10:00:60Z',
    '2024-03-01T10:00+24:00',
  ])('refuses the impossible value %s', (text) => {
    expect(value(text)).toMatch(/^error: deployed_at must be an ISO 8601 date-time/);
  });

  it('refuses spreadsheet-formatted dates and points at the cause', () => {
    expect(value('3/1/2024')).toContain('format the column as text');
    expect(value('45352')).toContain('format the column as text');
  });

  it('requires a value', () => {
    expect(value(' ')).toBe('error: deployed_at is required');
  });

  it('refuses the future when told the time, allowing a few minutes of clock skew', () => {
    const now = new Date('2024-03-01T12:00:00Z');
    expect(value('2024-03-01T12:04:00Z', { ...CAMPUS, now })).toBe('2024-03-01T12:04:00.000Z');
    expect(value('2024-03-01T12:06:00Z', { ...CAMPUS, now })).toContain('is in the future (now is 2024-03-01T12:00:00.000Z)');
    expect(value('2204-03-01', { ...CAMPUS, now })).toContain('is in the future');
  });
});

describe('checkDeployedAt with a cache of midnights', () => {
  it('fills the cache and answers the same from it', () => {
    const midnights = new Map<string, number>();
    const context = { ...CAMPUS, midnights };
    expect(value('2024-01-15', context)).toBe('2024-01-15T06:00:00.000Z');
    expect([...midnights]).toEqual([['2024-01-15', Date.parse('2024-01-15T06:00:00Z')]]);
    expect(value('2024-01-15', context)).toBe('2024-01-15T06:00:00.000Z');
  });
});
