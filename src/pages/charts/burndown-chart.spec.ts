import { describe, expect, it } from 'vitest';
import { burndownChart, type BurndownInput } from './burndown-chart';

const input: BurndownInput = {
  points: [
    { weekStart: '2019-08-05', remaining: 10 },
    { weekStart: '2019-08-12', remaining: 8 },
    { weekStart: '2019-08-19', remaining: 5 },
  ],
  noticeStart: '2019-07-31',
  deadline: '2020-03-31',
  today: '2019-08-20',
  forecastCompletion: '2019-09-30',
  remaining: 5,
  onTrack: true,
};

describe('burndownChart', () => {
  it('draws the weekly points, the ideal line, the forecast, the deadline and today', () => {
    const svg = burndownChart(input).text;
    expect(svg.match(/<polyline points="([^"]+)"/)![1].split(' ')).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('Deadline 2020-03-31');
    expect(svg).toContain('>Today</text>');
  });

  it('says in words what it shows', () => {
    expect(burndownChart(input).text).toContain(
      '5 migrations remain on 2019-08-20; the deadline is 2020-03-31. At the recent rate the last one completes on 2019-09-30, before the deadline.',
    );
    expect(burndownChart({ ...input, forecastCompletion: null }).text).toContain('there is no forecast');
  });

  it('falls as migrations complete: a smaller count is drawn lower', () => {
    const points = burndownChart(input)
      .text.match(/<polyline points="([^"]+)"/)![1]
      .split(' ')
      .map((point) => Number(point.split(',')[1]));
    expect(points[0]).toBeLessThan(points[1]);
    expect(points[1]).toBeLessThan(points[2]);
  });
});
