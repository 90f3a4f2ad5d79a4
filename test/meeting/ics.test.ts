/** The calendar file, fetched over real HTTP: Oslo times as UTC instants, stable UID, SEQUENCE rising with each change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { calendarUrl } from '../../dialogs/meeting/calendar.js';
import { addAgendaItem, cancelMeeting, createMeeting, updateMeeting } from '../../dialogs/meeting/service.js';
import { parseDateTime } from '../../src/time.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('meeting calendar file', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { runJobs: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

  it('has the meeting’s times, place, agenda and papers, and updates the same event when moved and cancelled', async () => {
    const body = await Body.findOne({ community: t.community._id, key: 'ssu' });
    const start = parseDateTime('2027-03-29 09:00')!; // the Monday after summer time begins (28 March 2027)
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: {
        body: body!._id,
        title: 'SSU-møte mars',
        start,
        end: parseDateTime('2027-03-29 11:30')!,
        place: 'Haukeland, møterom 1',
        videoUrl: 'https://teams.example.com/ssu',
        agenda: [{ title: 'Budsjett', paperUrl: 'https://docs.example.com/budsjett.pdf' }],
      },
    });
    await addAgendaItem(meeting!._id, { title: 'Felles rutine for utskrivning', caseId: '6500000000000000000000aa', caseNumber: 'SSU 12/2027' });
    const url = (await calendarUrl(t.app.services, meeting!, 'nb'))!;
    expect(url.startsWith(t.app.http.url)).toBe(true);

    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/calendar');
    const ics = unfold(await first.text());
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`UID:meeting-${String(meeting!._id)}@samla`);
    expect(ics).toContain('DTSTART:20270329T070000Z'); // 09:00 in Oslo, summer time
    expect(ics).toContain('DTEND:20270329T093000Z');
    expect(ics).toContain('SUMMARY:SSU-møte mars');
    expect(ics).toContain('LOCATION:Haukeland\\, møterom 1');
    expect(ics).toContain('Strategisk samarbeidsutvalg');
    expect(ics).toContain('SSU 12/2027: Felles rutine for utskrivning');
    expect(ics).toContain('https://docs.example.com/budsjett.pdf');
    expect(ics).toContain('STATUS:CONFIRMED');
    const seq = (s: string) => Number(/SEQUENCE:(\d+)/.exec(s)?.[1]);
    const before = seq(ics);

    // Moved into winter time: the same UID, a higher SEQUENCE, the new instant.
    await updateMeeting(t.app.services, {
      community: t.community._id,
      meetingId: meeting!._id,
      actor: null,
      patch: { start: parseDateTime('2027-11-01 09:00')!, end: parseDateTime('2027-11-01 10:00')! },
    });
    const moved = unfold(await (await fetch(url)).text());
    expect(moved).toContain(`UID:meeting-${String(meeting!._id)}@samla`);
    expect(moved).toContain('DTSTART:20271101T080000Z'); // 09:00 in Oslo, winter time
    expect(seq(moved)).toBeGreaterThan(before);

    await cancelMeeting(t.app.services, { community: t.community._id, meetingId: meeting!._id, actor: null });
    const cancelled = unfold(await (await fetch(url)).text());
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(seq(cancelled)).toBeGreaterThan(seq(moved));

    // A tampered link is refused.
    const bad = await fetch(url.replace(/\.[\w-]{32}\.ics$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics'));
    expect(bad.status).toBe(403);
  });

  it('folds every line at 75 octets, never inside a character (æøå are two bytes)', async () => {
    const body = await Body.findOne({ community: t.community._id, key: 'ssu' });
    const start = new Date(Date.now() + 40 * 86400_000);
    const title = 'Møte om økonomi, særlige behov og åpne spørsmål i Bergensområdet før året går ut — ærlig talt';
    const place = 'Haukeland universitetssjukehus, møterom «Ærverdige Øvre Åsane», 2. etasje, inngang fra sørøst';
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body!._id, title, place, start, end: new Date(start.getTime() + 3600_000) },
    });
    const raw = await (await fetch((await calendarUrl(t.app.services, meeting!, 'nn'))!)).text();
    const lines = raw.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l === '' || !/^[\t]/.test(l))).toBe(true);
    const text = unfold(raw);
    expect(text).toContain(`SUMMARY:${title.replace(/,/g, '\\,')}`);
    expect(text).toContain('Ærverdige Øvre Åsane');
  });

  it('the cases capability can put a case on the agenda once, and the agenda item keeps the case', async () => {
    const body = await Body.findOne({ community: t.community._id, key: 'mfu' });
    const start = new Date(Date.now() + 30 * 86400_000);
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body!._id, title: 'MFU', start, end: new Date(start.getTime() + 3600_000) },
    });
    const item = { title: 'Ny prosedyre', caseId: '6500000000000000000000bb', caseNumber: 'MFU 3/2027', paperUrl: 'https://docs.example.com/p.pdf' };
    await addAgendaItem(meeting!._id, item);
    const again = await addAgendaItem(meeting!._id, item);
    expect(again!.agenda).toHaveLength(1);
    expect(String(again!.agenda[0]!.caseId)).toBe(item.caseId);
    expect(again!.agenda[0]!.caseNumber).toBe('MFU 3/2027');
  });
});
