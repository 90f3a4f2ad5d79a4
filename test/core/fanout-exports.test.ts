/** The shared fan-out (one message to many, once each) and the signed export links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressDoc } from '../../models/address.js';
import { FanOutRecipient } from '../../models/fanout.js';
import { Member } from '../../models/member.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Dialog } from '../../src/dialog.js';
import { capabilities } from '../../src/composition.js';
import type { Reply } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';

const probe: Dialog = {
  id: 'probe',
  commands: { nb: [], nn: [], en: [] },
  templates: () => ({
    'probe:hello': async (lang, member, params) => (params.skip === member.email ? null : { text: `${lang}:${String(params.word)}:${member.name}` }),
  }),
  exports: () => ({
    'probe:members': {
      async table(community) {
        const ms = await Member.find({ community }).sort({ email: 1 }).limit(3);
        return {
          filename: 'medlemmer',
          columns: [
            { key: 'email', header: 'E-post' },
            { key: 'name', header: 'Navn' },
          ],
          rows: ms.map((m) => ({ email: m.email, name: m.name })),
        };
      },
      async markdown() {
        return { filename: 'rapport', text: '# Rapport\n\nÆ ø å' };
      },
    },
  }),
};

let t: TestApp;
const sent: { to: string; text: string }[] = [];
beforeAll(async () => {
  t = await startTestApp({ FANOUT_PER_SECOND: '100' }, { dialogs: [...capabilities(), probe] });
  t.app.delivery.setFallback({
    platform: 'console',
    async send(address: AddressDoc, reply: Reply) {
      sent.push({ to: address.externalId, text: reply.text });
      return undefined;
    },
  });
});
afterAll(async () => t?.close());

describe('fan-out', () => {
  it('messages every member once in their language, skips whom the template skips and muted members for reminders', async () => {
    const members = await Member.find({ community: t.community._id }).sort({ _id: 1 }).limit(12);
    const [skipped, muted] = [members[0]!, members[1]!];
    await Member.updateOne({ _id: muted._id }, { $set: { mutedReminders: true, lang: 'nn' } });
    await t.app.services.fanout.start({
      key: 'probe:1',
      template: 'probe:hello',
      params: { word: 'frist', skip: skipped.email },
      members: members.map((m) => m._id),
      reminder: true,
    });
    // Starting the same fan-out again adds nobody twice.
    await t.app.services.fanout.start({
      key: 'probe:1',
      template: 'probe:hello',
      params: { word: 'frist', skip: skipped.email },
      members: members.map((m) => m._id),
      reminder: true,
    });
    await until('the fan-out to finish', async () => (await FanOutRecipient.countDocuments({ key: 'probe:1', state: { $in: ['pending', 'sending'] } })) === 0);
    const progress = await t.app.services.fanout.progress('probe:1');
    expect(progress).toMatchObject({ sent: 10, skipped: 2, pending: 0, failed: 0 });
    const to = sent.map((s) => s.to);
    expect(new Set(to).size).toBe(10);
    expect(to).not.toContain(skipped.email);
    expect(to).not.toContain(muted.email);
    const lang = (m: (typeof members)[number]) => m.lang ?? 'nb';
    expect(sent.find((s) => s.to === members[2]!.email)?.text).toBe(`${lang(members[2]!)}:frist:${members[2]!.name}`);
  });
});

describe('fan-out run by two instances at once', () => {
  it('sends each member one message', async () => {
    const members = await Member.find({ community: t.community._id }).sort({ _id: -1 }).limit(20);
    const before = sent.length;
    const { FanOutRecipient: rows } = await import('../../models/fanout.js');
    await rows.insertMany(members.map((m) => ({ key: 'probe:2', member: m._id })));
    // Two runners on the same rows, as two bot instances would be.
    const run = (t.app.services.fanout as unknown as { run(k: string, tpl: string, p: object, r: boolean): Promise<void> }).run.bind(t.app.services.fanout);
    await Promise.all([
      run('probe:2', 'probe:hello', { word: 'x' }, false),
      run('probe:2', 'probe:hello', { word: 'x' }, false),
      run('probe:2', 'probe:hello', { word: 'x' }, false),
    ]);
    const got = sent.slice(before).map((s) => s.to);
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBe(20);
    expect(await t.app.services.fanout.progress('probe:2')).toMatchObject({ sent: 20, pending: 0, sending: 0 });
  });
});

describe('export links', () => {
  it('give the secretariat CSV, XLSX and Markdown, and nobody else anything', async () => {
    const sara = await t.member(DEMO_SECRETARIAT_EMAIL);
    const csvUrl = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: 'probe:members', format: 'csv' });
    const csv = await fetch(csvUrl);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('medlemmer.csv');
    const body = (await csv.text()).replace(/^\uFEFF/, '');
    expect(body.split('\n')[0]).toBe('E-post,Navn');
    expect(body.split('\n').filter(Boolean)).toHaveLength(4);

    const xlsx = await fetch(await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: 'probe:members', format: 'xlsx' }));
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('E-post');
    expect(wb.worksheets[0]!.rowCount).toBe(4);

    const md = await fetch(await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: 'probe:members', format: 'md' }));
    expect(await md.text()).toBe('# Rapport\n\nÆ ø å');

    // Tampered, or made for someone who is not in the secretariat: refused.
    const tampered = csvUrl.replace(/\.([^.]+)$/, '.x$1');
    const forged = await fetch(tampered);
    expect(forged.status).toBe(403);
    // Nobody is known from a forged link: the browser's language decides, bokmål when it says none.
    expect(await forged.text()).toBe('Lenken er ugyldig. Be Samla om en ny.');
    const nynorsk = await fetch(tampered, { headers: { 'Accept-Language': 'nn-NO,nn;q=0.9,nb;q=0.8,en;q=0.5' } });
    expect(await nynorsk.text()).toBe('Lenkja er ugyldig. Be Samla om ei ny.');
    const english = await fetch(tampered, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect(await english.text()).toBe('This link is invalid. Ask Samla for a new one.');
    const gp = await Member.findOne({ community: t.community._id, title: 'Fastlege' });
    const notSecretariat = await t.app.services.exports.link({ community: t.community._id, member: gp!._id, kind: 'probe:members', format: 'csv' });
    const refused = await fetch(notSecretariat);
    expect(refused.status).toBe(403);
    // The member the link was made for is known: their language, whatever the browser says.
    expect(await refused.text()).toBe('Bare sekretariatet kan laste ned dette.');
  });

  it('expire', async () => {
    const sara = await t.member(DEMO_SECRETARIAT_EMAIL);
    const exportsWithShortTtl = t.app.services.exports as unknown as { config: { EXPORT_LINK_TTL_SECONDS: number } };
    const ttl = exportsWithShortTtl.config.EXPORT_LINK_TTL_SECONDS;
    exportsWithShortTtl.config.EXPORT_LINK_TTL_SECONDS = -1;
    try {
      const url = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: 'probe:members', format: 'csv' });
      const r = await fetch(url);
      expect(r.status).toBe(403);
      expect(await r.text()).toBe('Lenken har gått ut. Be Samla om en ny.');
      await Member.updateOne({ _id: sara._id }, { $set: { lang: 'en' } });
      const again = await fetch(url, { headers: { 'Accept-Language': 'nb' } });
      expect(await again.text()).toBe('This link has expired. Ask Samla for a new one.');
    } finally {
      await Member.updateOne({ _id: sara._id }, { $unset: { lang: 1 } });
      exportsWithShortTtl.config.EXPORT_LINK_TTL_SECONDS = ttl;
    }
  });
});
