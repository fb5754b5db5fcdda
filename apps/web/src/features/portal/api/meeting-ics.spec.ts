/// <reference types="jest" />
// The web app's tsconfig knows only Vite's types; Jest's come in for this file alone.
// Imported by relative path: Jest maps the @accord/* aliases, not the web app's @/.
import { type IcsMeeting, meetingIcs } from './meeting-ics';

const NOW = new Date('2027-02-20T08:00:00Z');
const HOST = 'accord.example';

const aMeeting = (overrides: Partial<IcsMeeting> = {}): IcsMeeting => ({
  id: 'f3c1a2b4-0000-4000-8000-000000000001/kickoff',
  title: 'Kick-off',
  scheduledAt: '2027-03-01T09:30:00Z',
  agenda: ['Scope', 'Dates'],
  organizer: 'role:pm',
  projectName: 'ACME ERP roll-out',
  ...overrides,
});

/** The content lines of a calendar file, continuation lines joined back (RFC 5545 §3.1). */
const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
const property = (ics: string, name: string) =>
  unfolded(ics)
    .find((line) => line.startsWith(`${name}:`))
    ?.slice(name.length + 1);
/** The physical lines one property was folded onto. */
function foldedLinesOf(ics: string, name: string): string[] {
  const lines = ics.split('\r\n');
  const first = lines.findIndex((line) => line.startsWith(`${name}:`));
  const next = lines.findIndex((line, index) => index > first && !line.startsWith(' '));
  return lines.slice(first, next);
}
const octets = (line: string) => new TextEncoder().encode(line).length;

describe(meetingIcs.name, () => {
  it('escapes semicolons, commas, backslashes and newlines in text values', () => {
    const ics = meetingIcs(aMeeting({ title: 'Scope; dates, costs \\ risks', agenda: ['Line one\nline two', 'Old Mac\rline'] }), NOW, HOST);
    expect(property(ics, 'SUMMARY')).toBe('Scope\\; dates\\, costs \\\\ risks — ACME ERP roll-out');
    expect(property(ics, 'DESCRIPTION')).toBe('Organised by role:pm\\n1. Line one\\nline two\\n2. Old Mac\\nline');
  });

  it('folds lines longer than 75 octets onto continuation lines that start with a space', () => {
    const ics = meetingIcs(aMeeting({ title: 'A long meeting title that goes on, and on, well past the seventy-five octets a line may hold' }), NOW, HOST);
    const lines = ics.split('\r\n').slice(0, -1);
    expect(lines.filter((line) => octets(line) > 75)).toEqual([]);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(property(ics, 'SUMMARY')).toBe(
      'A long meeting title that goes on\\, and on\\, well past the seventy-five octets a line may hold — ACME ERP roll-out',
    );
  });

  it('folds Chinese text between characters, never inside one, and fills each line', () => {
    const title = '项目启动会：确认范围、里程碑与验收标准，并明确双方的沟通计划和责任人🙂以及后续跟进事项';
    const ics = meetingIcs(aMeeting({ title }), NOW, HOST);
    const summary = foldedLinesOf(ics, 'SUMMARY');
    expect(summary.length).toBeGreaterThan(2);
    for (const line of summary) {
      // A split inside a character leaves a lone surrogate or half a UTF-8 sequence: it would not survive the round trip.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
      expect(octets(line)).toBeLessThanOrEqual(75);
    }
    // A three-octet character more would not have fitted: lines are cut only when full.
    for (const line of summary.slice(0, -1)) expect(octets(line)).toBeGreaterThan(75 - 4);
    expect(property(ics, 'SUMMARY')).toBe(`${title} — ACME ERP roll-out`);
  });

  it('ends every line, the last included, with CRLF', () => {
    const ics = meetingIcs(aMeeting({ agenda: ['First\npoint'] }), NOW, HOST);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('gives the start in UTC and an end an hour later, whatever offset the API wrote', () => {
    const ics = meetingIcs(aMeeting({ scheduledAt: '2027-03-01T09:30:00+08:00' }), NOW, HOST);
    expect(property(ics, 'DTSTART')).toBe('20270301T013000Z');
    expect(property(ics, 'DTEND')).toBe('20270301T023000Z');
    expect(property(ics, 'DTSTAMP')).toBe('20270220T080000Z');
  });

  it('keeps one UID per meeting, so a second download updates the entry rather than adding one', () => {
    const first = property(meetingIcs(aMeeting(), NOW, HOST), 'UID');
    const later = property(
      meetingIcs(aMeeting({ title: 'Kick-off (moved)', scheduledAt: '2027-03-02T09:30:00Z' }), new Date('2027-02-25T10:00:00Z'), HOST),
      'UID',
    );
    const other = property(meetingIcs(aMeeting({ id: 'f3c1a2b4-0000-4000-8000-000000000001/weekly-sync' }), NOW, HOST), 'UID');
    expect(first).toBe('f3c1a2b4-0000-4000-8000-000000000001/kickoff@accord.example');
    expect(later).toBe(first);
    expect(other).not.toBe(first);
  });
});
