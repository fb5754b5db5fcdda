/** What a calendar entry needs of a meeting. */
export type IcsMeeting = { id: string; title: string; scheduledAt: string; agenda: string[]; organizer: string; projectName: string };

/** How long a meeting is assumed to last: the API records when it starts, not when it ends. */
const MEETING_MINUTES = 60;

/** 20270301T090000Z: the UTC form RFC 5545 calls a date-time "with UTC time". */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Text values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). A lone CR
 * counts as a newline too: left raw it would end the content line in some readers.
 */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets fold onto continuation lines starting with a space (§3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
    if (size + length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** One meeting as an iCalendar file (VCALENDAR with one VEVENT), built in the browser. */
export function meetingIcs(meeting: IcsMeeting, now: Date, host: string): string {
  const start = new Date(meeting.scheduledAt);
  const end = new Date(start.getTime() + MEETING_MINUTES * 60_000);
  // No ORGANIZER: Accord knows people by name or role, not by the address that property needs.
  const description = [`Organised by ${meeting.organizer}`, ...meeting.agenda.map((point, index) => `${index + 1}. ${point}`)].join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Accord//Customer portal//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${meeting.id}@${host}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${text(`${meeting.title} — ${meeting.projectName}`)}`,
    `DESCRIPTION:${text(description)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** A safe file name for the download: letters, digits and dashes. */
export function icsFileName(meeting: { id: string; title: string }): string {
  const slug = meeting.title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${slug || 'meeting'}-${meeting.id.slice(0, 8)}.ics`;
}
