/**
 * `/calendar/releases.ics`: for every published release, its general availability, the start of
 * its notice window and its end of support, as all-day events. UIDs name the release and the
 * milestone, so a moved date updates the event in subscribed calendars instead of adding one.
 */
import type { CalendarDate } from '../../calendar/calendar-date';
import { releasePageUrl } from '../endoflife/endoflife-api';
import { calendarText, newCalendar, uidDomainOf } from './ics';

export interface CalendarRelease {
  version: string;
  track: 'LTS' | 'STABLE';
  generalAvailability: CalendarDate;
  noticeStart: CalendarDate;
  endOfSupport: CalendarDate;
  migrationTargetVersion: string | null;
  updatedAt: Date;
}

const MILESTONES = [
  {
    id: 'general-availability',
    dateOf: (release: CalendarRelease) => release.generalAvailability,
    summary: (release: CalendarRelease) => `PyPE ${release.version} generally available`,
    category: 'GENERAL_AVAILABILITY',
  },
  {
    id: 'notice-start',
    dateOf: (release: CalendarRelease) => release.noticeStart,
    summary: (release: CalendarRelease) => `PyPE ${release.version}: notice period starts (support ends ${release.endOfSupport})`,
    category: 'NOTICE_START',
  },
  {
    id: 'end-of-support',
    dateOf: (release: CalendarRelease) => release.endOfSupport,
    summary: (release: CalendarRelease) => `PyPE ${release.version}: end of support`,
    category: 'END_OF_SUPPORT',
  },
] as const;

function descriptionOf(release: CalendarRelease): string {
  const lines = [
    `PyPE ${release.version} (${release.track}): generally available ${release.generalAvailability}, notice period from ${release.noticeStart}, end of support ${release.endOfSupport}.`,
  ];
  if (release.migrationTargetVersion !== null) lines.push(`Migrate to ${release.migrationTargetVersion}.`);
  return lines.join('\n');
}

/** Releases newest first; the events follow in that order, each release's milestones by date. */
export function releasesCalendar(releases: readonly CalendarRelease[], options: { publicUrl: string }): string {
  const calendar = newCalendar('PyPE runtime releases', 'General availability, notice start and end of support of every published PyPE runtime release');
  const domain = uidDomainOf(options.publicUrl);
  for (const release of releases) {
    for (const milestone of MILESTONES) {
      calendar.createEvent({
        id: `release-${release.version}-${milestone.id}@${domain}`,
        // A date without a time: an all-day event (DTSTART;VALUE=DATE), the same day in every zone.
        start: milestone.dateOf(release),
        allDay: true,
        summary: milestone.summary(release),
        description: descriptionOf(release),
        url: releasePageUrl(options.publicUrl, release.version),
        categories: [{ name: milestone.category }, { name: release.track }],
        stamp: release.updatedAt,
        lastModified: release.updatedAt,
      });
    }
  }
  return calendarText(calendar);
}

/** The UID of a release milestone event (for tests and links). */
export const releaseEventUid = (version: string, milestone: (typeof MILESTONES)[number]['id'], publicUrl: string): string =>
  `release-${version}-${milestone}@${uidDomainOf(publicUrl)}`;
