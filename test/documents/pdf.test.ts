/**
 * Word-compatible output: the input round summary, downloaded through its link, opens in
 * LibreOffice (headless, Debian's libreoffice-writer-nogui; .ci/run installs it) and converts to
 * a PDF with pages. LibreOffice gets a profile folder of its own, so runs side by side never
 * share one (a shared profile makes a second soffice hand its work to the first, or fail).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contribute } from '../../dialogs/input/contributions.js';
import { EXPORT_KIND } from '../../dialogs/input/exports.js';
import { Member } from '../../models/member.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { openRound } from '../support/rounds.js';

const run = promisify(execFile);
let t: TestApp;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-pdf-'));
  t = await startTestApp({}, { runJobs: false });
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a Word document from Samla', () => {
  it('converts to PDF with LibreOffice', { timeout: 180_000 }, async () => {
    const round = await openRound(t, { title: 'Digitale tenester', themes: ['Velferdsteknologi', 'Journal'] });
    const municipal = await Member.find({ community: t.community._id, title: 'Kommunalsjef helse' }).limit(12);
    let i = 0;
    for (const m of municipal) {
      const text = `Innspel ${++i}: ${'Kommunen treng felles løysingar for velferdsteknologi og deling av journal. '.repeat(6)}`;
      expect((await contribute(round, m, { text, themes: [i % 2 ? 'Velferdsteknologi' : 'Journal'], priorityGroups: ['chronic'] }, i)).kind).toBe('saved');
    }
    const sara = await t.member(DEMO_SECRETARIAT_EMAIL);
    const r = await fetch(
      await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: EXPORT_KIND, format: 'docx', params: { round: String(round._id) } }),
    );
    expect(r.status).toBe(200);
    const docx = path.join(dir, 'sammendrag.docx');
    fs.writeFileSync(docx, Buffer.from(await r.arrayBuffer()));

    const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], {
      timeout: 170_000,
      env: { ...process.env, HOME: dir },
    });

    const pdf = fs.readFileSync(path.join(dir, 'sammendrag.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Page objects (not the /Pages tree): twelve answers of a few lines each fill more than one.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
  });
});
