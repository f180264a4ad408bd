import { describe, expect, it } from 'vitest';
import { timelineChart, type TimelineRelease } from './timeline-chart';

const releases: TimelineRelease[] = [
  {
    version: '37.22.0',
    track: 'LTS',
    status: 'SUPPORTED',
    generalAvailability: '2019-04-01',
    endOfSupport: '2022-03-31',
    noticeStart: '2021-07-31',
    recommended: true,
  },
  {
    version: '36.20.0',
    track: 'STABLE',
    status: 'DEPRECATED',
    generalAvailability: '2017-12-01',
    endOfSupport: '2019-03-31',
    noticeStart: '2018-07-31',
    recommended: false,
  },
];

const render = (day = '2019-06-01') => timelineChart(releases, { day, dayLabel: 'Shown day', hrefOf: (version) => `/releases/${version}` }).text;

describe('timelineChart', () => {
  it('draws one row per release with its link, track and notice window', () => {
    const svg = render();
    expect(svg.match(/class="release-row"/g)).toHaveLength(2);
    expect(svg).toContain('<a href="/releases/37.22.0">');
    expect(svg).toContain('>LTS</text>');
    expect(svg).toContain('>STABLE</text>');
    expect(svg.match(/url\(#notice-hatch\)/g)).toHaveLength(2);
  });

  it('marks the recommended release and the day shown', () => {
    const svg = render();
    expect(svg).toContain('★ recommended');
    expect(svg).toContain('Shown day 2019-06-01');
  });

  it('has a title and a description for assistive technology', () => {
    const svg = render();
    expect(svg).toMatch(/role="group" aria-labelledby="timeline-title" aria-describedby="timeline-desc"/);
    expect(svg).toContain('2 releases, the earliest available 2017-12-01, the last support ending 2022-03-31');
  });

  it('places bars in time order: a later general availability starts further right', () => {
    const svg = render();
    const starts = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="(18|12)" fill="#/g)].map((match) => Number(match[1]));
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBeGreaterThan(starts[1]);
  });

  it('widens the range to include a day outside every release', () => {
    expect(render('2026-12-06')).toContain('>2026</text>');
  });

  it('escapes versions it is given', () => {
    const svg = timelineChart([{ ...releases[0], version: '<x>' }], { day: '2019-06-01', dayLabel: 'Today', hrefOf: () => '/' }).text;
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).not.toContain('<x>');
  });
});
