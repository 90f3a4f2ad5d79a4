/** Meetings through every platform: create, notice, RSVP, deputy, attendance and bad input. */
import { expect, it } from 'vitest';
import { Member } from '../../models/member.js';
import { Body } from '../../models/body.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { toInputDateTime } from '../../src/time.js';
import { linkUrl, texts, type Seen } from '../support/driver.js';
import { forEachPlatform } from '../support/platforms.js';
import { until } from '../support/wait.js';

const DAY = 24 * 3600_000;

forEachPlatform('meetings', (ctx) => {
  const email = async (title: string, party?: string) => {
    const all = await Member.find({ community: ctx.t.community._id, title }).populate('party');
    const m = all.find((x) => !party || (x.party as unknown as { key: string }).key === party);
    if (!m) throw new Error(`no ${title}`);
    return m.email;
  };

  it('the secretariat creates a meeting; the notice with agenda and papers reaches members and the channel; members answer', async () => {
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    const form = await sec.say('møte ny ssu');
    expect(form.some((s) => s.form?.title === 'Nytt møte')).toBe(true);
    const start = new Date(Date.now() + 3 * DAY);
    const out = texts(
      await sec.submit({
        title: 'SSU-møte desember',
        start: toInputDateTime(start),
        end: toInputDateTime(new Date(start.getTime() + 2 * 3600_000)),
        place: 'Haukeland, møterom 1',
        video: 'https://teams.example.com/mote-ssu',
        agenda: 'Budsjett 2027 — https://docs.example.com/budsjett.pdf\nRekruttering av fastleger',
      }),
    );
    expect(out).toContain('Møtet er opprettet');
    expect(out).toContain('sendes nå');

    // The notice goes to each member by DM, in their language, and to the body's channel.
    const member = await ctx.d.user(await email('Fagdirektør'));
    const noticeSeen = await until('the notice', async () => {
      const seen = await member.inbox();
      return seen.length ? seen : null;
    });
    const notice = texts(noticeSeen);
    expect(notice).toContain('Innkalling til møte: SSU-møte desember');
    expect(notice).toContain('Budsjett 2027');
    expect(notice).toContain('https://docs.example.com/budsjett.pdf');
    // The calendar file is a labelled link, not a bare 300-character URL (the terminal prints it).
    expect(linkUrl(noticeSeen, 'Legg i kalenderen')).toMatch(/\/meetings\/[a-f0-9]{24}\.nb\.[\w-]+\.ics$/);
    if (ctx.d.platform !== 'console') expect(notice).not.toMatch(/\/(meetings|exports)\//);
    const nnMember = await ctx.d.user(await email('Brukarrepresentant (spesialisthelsetenesta)'));
    const nnNotice = texts(
      await until('the nynorsk notice', async () => {
        const seen = await nnMember.inbox();
        return seen.length ? seen : null;
      }),
    );
    expect(nnNotice).toContain('Her er sakliste og saksdokument');
    const channel = texts(
      await until('the channel notice', async () => {
        const seen = await ctx.d.channel('ssu');
        return seen.length ? seen : null;
      }),
    );
    expect(channel).toContain('SSU-møte desember');

    // «møte» lists my meetings with my answer; opening one shows the agenda; one tap answers.
    expect(texts(await member.say('møte'))).toContain('ikke svart ennå');
    const card = texts(await member.click('SSU-møte desember'));
    expect(card).toContain('Saksliste');
    expect(card).toContain('Rekruttering av fastleger');
    const answered = await member.click('Kommer');
    expect(texts(answered)).toContain('Registrert: Kommer');
    // The card clicked shows the answer in place; no second copy of it is posted.
    expect(answered.filter((s) => !s.updated && s.text.includes('Saksliste'))).toEqual([]);
    if (ctx.d.platform !== 'console') expect(answered.some((s) => s.updated && s.text.includes('Saksliste') && s.text.includes('Kommer'))).toBe(true);
    expect(texts(await member.say('møte'))).toMatch(/ditt svar: Kommer/);
    // The answer can be changed until the meeting starts.
    await member.click('SSU-møte desember');
    expect(texts(await member.click('Kommer ikke'))).toContain('Registrert: Kommer ikke');
  });

  it('a member sends a deputy from the same party; someone from another party is refused and nothing is lost', async () => {
    const principal = await ctx.d.user(await email('Etatsdirektør'));
    await principal.say('møte');
    await principal.click('SSU-møte desember');
    const form = await principal.click('Sender vara');
    expect(form.some((s) => s.form?.title === 'Send vara')).toBe(true);
    const hds = await Member.findOne({ community: ctx.t.community._id, title: 'Direktør', lang: 'nb' }).populate('party');
    const refused = await principal.submit({ deputy: hds!.name });
    const f = refused.find((s) => s.form)?.form;
    expect(f?.errors.deputy).toMatch(/hører ikke til Bergen kommune/);
    expect(f?.values.deputy).toBe(hds!.name);

    const deputyEmail = await email('Seksjonsleder');
    const deputyName = (await Member.findOne({ email: deputyEmail }))!.name;
    const okSeen = await principal.submit({ deputy: deputyEmail });
    const ok = texts(okSeen);
    expect(ok).toContain(`${deputyName} møter for deg`);
    // No further copy of the meeting card: where the form stays on screen (Teams) it becomes the card.
    expect(okSeen.filter((s) => !s.updated && s.text.includes('Saksliste'))).toEqual([]);
    if (ctx.d.platform === 'teams') expect(okSeen.some((s) => s.updated && s.text.includes('Saksliste') && s.text.includes(deputyName))).toBe(true);
    const deputy = await ctx.d.user(deputyEmail);
    const got = texts(
      await until('the deputy notice', async () => {
        const seen = await deputy.inbox();
        return seen.length ? seen : null;
      }),
    );
    expect(got).toContain('har bedt deg møte som vara på SSU-møte desember');
    expect(got).toContain('Budsjett 2027');
    // The deputy sees the meeting in their own list.
    expect(texts(await deputy.say('møte'))).toContain('SSU-møte desember');
  });

  it('the secretariat sees attendance by party', async () => {
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await sec.say('møte');
    await sec.click('SSU-møte desember');
    const viewSeen = await sec.click('Oppmøte');
    const view = texts(viewSeen);
    expect(view).toContain('Oppmøte: SSU-møte desember');
    expect(view).toMatch(/Bergen kommune: .*sender vara: /);
    expect(view).toMatch(/Helse Bergen.*Kommer ikke/);
    expect(view).toMatch(/Ikke svart/);
    expect(linkUrl(viewSeen, 'Last ned listen')).toMatch(/\/exports\//);
    if (ctx.d.platform !== 'console') expect(view).not.toMatch(/\/(meetings|exports)\//);
  });

  it('the secretariat moves the meeting (members are told) and then cancels it', async () => {
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await sec.say('møte');
    await sec.click('SSU-møte desember');
    const form = await sec.click('Endre eller flytte');
    const f = form.find((s) => s.form)?.form;
    expect(f?.values.title).toBe('SSU-møte desember');
    const start = new Date(Date.now() + 5 * DAY);
    const moved = texts(await sec.submit({ ...f!.values, start: toInputDateTime(start), end: toInputDateTime(new Date(start.getTime() + 3600_000)) } as Record<string, string>));
    expect(moved).toContain('Møtet er flyttet til');
    const member = await ctx.d.user(await email('Fagdirektør'));
    const told = texts(
      await until('the move message', async () => {
        const seen = (await member.inbox()).filter((x) => x.text.includes('er flyttet til'));
        return seen.length ? seen : null;
      }),
    );
    expect(told).toContain('SSU-møte desember er flyttet til');
    // The deputy named earlier attends in person, so they are told too.
    const deputy = await ctx.d.user(await email('Seksjonsleder'));
    expect(
      texts(
        await until('the move message to the deputy', async () => {
          const seen = (await deputy.inbox()).filter((x) => x.text.includes('er flyttet til'));
          return seen.length ? seen : null;
        }),
      ),
    ).toContain('SSU-møte desember');

    // The member who sent the deputy comes after all: the deputy is told they are no longer needed.
    const principal = await ctx.d.user(await email('Etatsdirektør'));
    await principal.say('møte');
    await principal.click('SSU-møte desember');
    expect(texts(await principal.click('Kommer'))).toContain('får beskjed om at vara ikke trengs lenger');
    expect(
      texts(
        await until('the release message', async () => {
          const seen = (await deputy.inbox()).filter((x) => x.text.includes('trengs ikke lenger som vara'));
          return seen.length ? seen : null;
        }),
      ),
    ).toContain('SSU-møte desember');
    expect(texts(await deputy.say('møte'))).not.toContain('SSU-møte desember');

    await sec.say('møte');
    await sec.click('SSU-møte desember');
    expect(texts(await sec.click('Avlys møtet'))).toContain('Avlyse SSU-møte desember');
    expect(texts(await sec.click('Ja, avlys møtet'))).toContain('er avlyst');
    const cancelled = texts(
      await until('the cancellation', async () => {
        const seen = (await member.inbox()).filter((x) => x.text.includes('avlyst'));
        return seen.length ? seen : null;
      }),
    );
    expect(cancelled).toContain('SSU-møte desember');
    expect(texts(await member.say('møte'))).not.toContain('SSU-møte desember');
  });

  it('bad input: a time in the past, end before start — clear messages, the typed values kept', async () => {
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await sec.say('møte ny');
    const past = new Date(Date.now() - DAY);
    const seen = await sec.submit({
      body: 'ssu',
      title: 'Feil møte',
      start: toInputDateTime(past),
      end: toInputDateTime(new Date(past.getTime() - 3600_000)),
    });
    const f = seen.find((s: Seen) => s.form)?.form;
    expect(f?.errors.body).toBeUndefined();
    expect(f?.errors.start).toMatch(/tidspunktet er passert/);
    expect(f?.errors.end).toMatch(/slutte etter at det starter/);
    expect(f?.values.title).toBe('Feil møte');
    const start = new Date(Date.now() + 20 * DAY);
    const fixed = texts(await sec.submit({ body: 'mfu', start: toInputDateTime(start), end: toInputDateTime(new Date(start.getTime() + 3600_000)) }));
    expect(fixed).toContain('Møtet er opprettet: Feil møte');
  });

  it('members who answered before the notice went out are told when the meeting moves, and when it is cancelled', async () => {
    const body = await Body.findOne({ community: ctx.t.community._id, key: 'ssu' });
    const start = new Date(Date.now() + 40 * DAY); // the notice goes out 14 days before: not yet
    await createMeeting(ctx.t.app.services, {
      community: ctx.t.community._id,
      actor: null,
      input: { body: body!._id, title: 'SSU-møte langt fram', start, end: new Date(start.getTime() + 3600_000) },
    });
    const member = await ctx.d.user(await email('Fagdirektør'));
    await member.say('møte');
    await member.click('SSU-møte langt fram');
    expect(texts(await member.click('Kommer'))).toContain('Registrert: Kommer');
    await member.inbox();

    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await sec.say('møte');
    await sec.click('SSU-møte langt fram');
    const f = (await sec.click('Endre eller flytte')).find((s) => s.form)?.form;
    const later = new Date(start.getTime() + 2 * DAY);
    expect(
      texts(await sec.submit({ ...f!.values, start: toInputDateTime(later), end: toInputDateTime(new Date(later.getTime() + 3600_000)) } as Record<string, string>)),
    ).toContain('Møtet er flyttet til');
    expect(
      texts(
        await until('the move message', async () => {
          const seen = (await member.inbox()).filter((x) => x.text.includes('er flyttet til'));
          return seen.length ? seen : null;
        }),
      ),
    ).toContain('SSU-møte langt fram er flyttet til');

    await sec.say('møte');
    await sec.click('SSU-møte langt fram');
    await sec.click('Avlys møtet');
    expect(texts(await sec.click('Ja, avlys møtet'))).toContain('er avlyst');
    expect(
      texts(
        await until('the cancellation', async () => {
          const seen = (await member.inbox()).filter((x) => x.text.includes('avlyst'));
          return seen.length ? seen : null;
        }),
      ),
    ).toContain('SSU-møte langt fram');
  });

  it('an answer after the meeting has started is refused clearly', async () => {
    const body = await Body.findOne({ community: ctx.t.community._id, key: 'mfu' });
    const start = new Date(Date.now() + 4000);
    await createMeeting(ctx.t.app.services, {
      community: ctx.t.community._id,
      actor: null,
      input: { body: body!._id, title: 'Straks-møte', start, end: new Date(start.getTime() + 3600_000) },
    });
    const gp = await ctx.d.user(await email('Fastlege', 'gp'));
    await gp.say('møte');
    await gp.click('Straks-møte');
    await until('the meeting to start', async () => Date.now() > start.getTime() + 100);
    expect(texts(await gp.click('Kommer'))).toContain('Møtet har allerede startet');
  });
});
