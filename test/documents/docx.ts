/**
 * Reads a downloaded .docx back the way Word would see its structure: the paragraphs with their
 * styles and list numbering, the tables as rows of cell texts, the page header, and the styles
 * that make a heading a heading (its outline level, which the navigation pane and a table of
 * contents use).
 */
import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { ExportFormat } from '../../src/exports.js';
import type { TestApp } from '../support/app.js';

export interface Paragraph {
  style: string;
  text: string;
  /** The list it belongs to (w:numId), or null. */
  list: string | null;
}

export interface Docx {
  paragraphs: Paragraph[];
  tables: string[][][];
  /** Every text of the body, tables included, one paragraph a line. */
  text: string;
  header: string;
  /** Heading style id → its outline level (0 for Heading 1). */
  outline: Map<string, number>;
  files: Record<string, string>;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function paragraphText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)) out += m[1] !== undefined ? unescape(m[1]) : m[0] === '<w:br/>' ? '\n' : '\t';
  return out;
}

const paragraphsIn = (xml: string) => [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);

export function readDocx(data: Uint8Array): Docx {
  const zip = unzipSync(data);
  const files = Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)]));
  const doc = files['word/document.xml'];
  if (!doc) throw new Error('no word/document.xml in the file');
  const tables: string[][][] = [];
  const withoutTables = doc.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) => {
    tables.push(
      [...tbl.matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map((tr) =>
        [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => paragraphsIn(tc[0]).map(paragraphText).join('\n')),
      ),
    );
    return '';
  });
  const paragraphs = paragraphsIn(withoutTables).map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '',
    text: paragraphText(p),
    list: /<w:numId w:val="([^"]+)"/.exec(p)?.[1] ?? null,
  }));
  const outline = new Map<string, number>();
  for (const m of (files['word/styles.xml'] ?? '').matchAll(/<w:style [^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const lvl = /<w:outlineLvl w:val="(\d)"/.exec(m[2]!)?.[1];
    if (lvl !== undefined) outline.set(m[1]!, Number(lvl));
  }
  const header = Object.entries(files)
    .filter(([k]) => /^word\/header\d*\.xml$/.test(k))
    .map(([, v]) => paragraphsIn(v).map(paragraphText).join('\n'))
    .join('\n');
  return { paragraphs, tables, text: [...paragraphsIn(doc).map(paragraphText)].join('\n'), header, outline, files };
}

/** The headings of the document, in order, each as «level text» (1 for Heading 1). */
export function headings(d: Docx): string[] {
  return d.paragraphs.filter((p) => /^Heading\d$/.test(p.style)).map((p) => `${p.style.slice(7)} ${p.text}`);
}

/** The document an export link gives the secretariat, over HTTP, read back. */
export async function download(t: TestApp, kind: string, params: Record<string, string>, o: { email?: string; format?: ExportFormat } = {}): Promise<Docx> {
  const member = await t.member(o.email ?? DEMO_SECRETARIAT_EMAIL);
  const url = await t.app.services.exports.link({ community: t.community._id, member: member._id, kind, format: o.format ?? 'docx', params });
  const r = await fetch(url);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(r.headers.get('content-disposition')).toMatch(/\.docx"$/);
  return readDocx(new Uint8Array(await r.arrayBuffer()));
}

/** Every run of digits in the document's files, with the spaces and punctuation between them gone. */
export function digitsOf(d: Docx): string {
  return Object.values(d.files)
    .map((x) => x.replace(/<[^>]+>/g, ''))
    .join('')
    .replace(/[^\d]/g, '');
}
