/**
 * What every iCalendar feed of the service shares: the product id, the refresh hint and the one
 * way to put a VTIMEZONE in. ical-generator writes DTSTAMP in floating local time once a
 * calendar has a time zone of its own (RFC 5545 wants UTC there), so calendars are written without
 * one, events name their zone (TZID), and the zone's definition is added here.
 */
import ical, { type ICalCalendar } from 'ical-generator';
import { vtimezone } from '../../calendar/vtimezone';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** Calendar clients poll subscriptions; once an hour is plenty for dates that move rarely. */
const REFRESH_SECONDS = 60 * 60;

export function newCalendar(name: string, description: string): ICalCalendar {
  return ical({
    name,
    description,
    prodId: { company: 'PyPE Lifecycle', product: 'Feeds', language: 'EN' },
    ttl: REFRESH_SECONDS,
    timezone: null,
  });
}

/** The calendar as text; every content line ends with CRLF, the last one too (RFC 5545 §3.4), which ical-generator leaves out. */
export function calendarText(calendar: ICalCalendar): string {
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** The calendar as text, with the VTIMEZONE of `timeZone` for [from, to) ahead of the first event. */
export function calendarWithTimeZone(calendar: ICalCalendar, timeZone: string, from: Date, to: Date): string {
  const text = calendarText(calendar);
  const zone = `${vtimezone(timeZone, from, to)}\r\n`;
  const firstEvent = text.indexOf('BEGIN:VEVENT');
  const at = firstEvent >= 0 ? firstEvent : text.lastIndexOf('END:VCALENDAR');
  return text.slice(0, at) + zone + text.slice(at);
}

/** The host part of UIDs: stable for one deployment (PUBLIC_URL's host name). */
export const uidDomainOf = (publicUrl: string): string => new URL(publicUrl).hostname;

/** `2026-12-06` → `20261206`, for UIDs. */
export const compactDate = (date: string): string => date.replaceAll('-', '');

/** A wall-clock time in a named zone as ical-generator takes it: local ISO text without offset. */
export const localDateTime = (date: string, time: string): string => `${date}T${time}:00`;
