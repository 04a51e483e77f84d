/**
 * Just enough RFC 5545 to publish all-day events with a reminder: text
 * escaped (§3.3.11), lines folded at 75 octets (§3.1), CRLF line ends.
 */
import { addDays } from "../dates";

export interface DayEvent {
  /** Stable across fetches, so a calendar updates the event instead of adding another. */
  uid: string;
  /** When the information behind the event last changed. */
  stamp: string;
  /** YYYY-MM-DD. */
  date: string;
  summary: string;
  description: string;
  url: string;
  /** Days before the date to remind, if at all. */
  alarmDaysBefore?: number;
}

const text = (value: string) => value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** A content line folded so no line exceeds 75 octets, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const day = (date: string) => date.replaceAll("-", "");
const utc = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;

function event(e: DayEvent): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `DTSTAMP:${utc(e.stamp)}`,
    `DTSTART;VALUE=DATE:${day(e.date)}`,
    `DTEND;VALUE=DATE:${day(addDays(e.date, 1))}`,
    `SUMMARY:${text(e.summary)}`,
    `DESCRIPTION:${text(e.description)}`,
    `URL:${e.url}`,
    "TRANSP:TRANSPARENT",
    ...(e.alarmDaysBefore === undefined
      ? []
      : ["BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:-P${e.alarmDaysBefore}D`, `DESCRIPTION:${text(e.summary)}`, "END:VALARM"]),
    "END:VEVENT",
  ];
}

/** A whole calendar of all-day events, as text/calendar. */
export function calendar(name: string, events: DayEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TESTEX//Contract deadlines//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${text(name)}`,
    // Calendars that honour it poll a few times a day: deadlines do not move by the minute.
    "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
    ...events.flatMap(event),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
