/**
 * Word documents (.docx) the secretariat downloads through the export links (src/exports.ts).
 * A capability says what a document holds as plain blocks — headings, text, a label/value block,
 * tables, numbered and bulleted lists — and this module alone turns them into Word: real heading
 * styles (so Word's navigation pane and an inserted table of contents work), real tables with a
 * header row repeated on every page, real list numbering. Every document is framed the same way:
 * the community's name and its sensitivity label in the page header, page numbers in the footer.
 *
 * Every text passes the identity-number guard once more on its way into the file: the guard keeps
 * them out of the data, and a document is where a number that slipped in some other way (an old
 * row, a directory file) would travel furthest.
 */
import type { CommunityDoc } from '../models/community.js';
import type { PartyTypeProgress } from './audience.js';
import { redactNationalIds } from './guard.js';
import { texts } from './texts.js';
import { formatDateTime } from './time.js';
import type { Lang } from './ui.js';

/** A run of text; `lead` is set in bold before it (a party's name before its answer). */
export interface Item {
  lead?: string;
  text: string;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'text'; text: string; style: 'plain' | 'note' | 'quote' }
  | { kind: 'facts'; rows: { label: string; value: string }[] }
  | { kind: 'table'; columns: { header: string; numeric?: boolean }[]; rows: (string | number)[][] }
  | { kind: 'numbered'; items: Item[] }
  | { kind: 'bullets'; items: Item[] };

export interface WordDocument {
  /** Without extension. */
  filename: string;
  title: string;
  blocks: Block[];
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ── the blocks, as a capability writes them ──────────────────────────────────────────────────

export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
/** Text as people wrote it: blank lines part paragraphs, single line breaks stay line breaks. */
export const text = (t: string, style: 'plain' | 'note' | 'quote' = 'plain'): Block => ({ kind: 'text', text: t, style });
/** The label/value block under a title: «Frist: …», «Organ: …». Empty values are left out. */
export const facts = (rows: [label: string, value: string | number | null | undefined][]): Block => ({
  kind: 'facts',
  rows: rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([label, value]) => ({ label, value: String(value) })),
});
export const table = (columns: (string | { header: string; numeric?: boolean })[], rows: (string | number)[][]): Block => ({
  kind: 'table',
  columns: columns.map((c) => (typeof c === 'string' ? { header: c } : c)),
  rows,
});
export const numbered = (items: (Item | string)[]): Block => ({ kind: 'numbered', items: items.map(item) });
export const bullets = (items: (Item | string)[]): Block => ({ kind: 'bullets', items: items.map(item) });
const item = (i: Item | string): Item => (typeof i === 'string' ? { text: i } : i);
/** Who has answered, by party type: the table every document that asked parties for something opens with. */
export const progressTable = (progress: PartyTypeProgress[], h: { type: string; answered: string; of: string; missing: string }): Block =>
  table(
    [h.type, { header: h.answered, numeric: true }, { header: h.of, numeric: true }, h.missing],
    progress.map((p) => [p.label, p.answered, p.total, p.missing.join(', ')]),
  );

// ── into Word ─────────────────────────────────────────────────────────────────────────────────

const NUMBERED = 'samla-numbered';
const BULLETS = 'samla-bullets';
const FONT = 'Calibri';
const HEADER_FILL = 'D9E2F3';
const LABEL_FILL = 'F2F2F2';

/** The width of an A4 page between Word's default margins, in twentieths of a point. */
const TEXT_WIDTH = 9026;
const NUMBER_WIDTH = 1500;

/**
 * Counts take what a number needs; the columns of words share the rest by the length of their
 * longest word (a party name such as «Hovedsammenslutningene» must not break), and of their text.
 */
function columnWidths(columns: { header: string; numeric?: boolean }[], rows: (string | number)[][]): number[] {
  const words = columns.filter((c) => !c.numeric).length;
  const numbers = columns.length - words;
  // A table of counts only: every column alike.
  if (!words) return columns.map(() => Math.floor(TEXT_WIDTH / columns.length));
  const need = columns.map((c, i) => {
    if (c.numeric) return 0;
    let word = 0;
    let text = 0;
    for (const cell of [c.header, ...rows.map((r) => String(r[i] ?? ''))]) {
      text = Math.max(text, cell.length);
      for (const w of cell.split(/\s+/)) word = Math.max(word, w.length);
    }
    // Longer texts wrap anyway; what matters is room for their longest word and a fair share.
    return Math.max(word, Math.min(40, text / 2), 6);
  });
  const total = need.reduce((a, b) => a + b, 0);
  const room = TEXT_WIDTH - numbers * NUMBER_WIDTH;
  return columns.map((c, i) => (c.numeric ? NUMBER_WIDTH : Math.floor((room * need[i]!) / total)));
}

/** The document as a .docx file, in the language of whoever asked for it. */
export async function renderDocument(doc: WordDocument, community: Pick<CommunityDoc, 'name' | 'sensitivityLabel'>, lang: Lang, at = new Date()): Promise<Buffer> {
  // Loaded on the first Word download, not at start-up, like ExcelJS.
  const d = await import('docx');
  const clean = (s: string) => redactNationalIds(s);
  const runs = (s: string, o: { bold?: boolean; italics?: boolean; color?: string } = {}) =>
    clean(s)
      .split('\n')
      .map((line, i) => new d.TextRun({ text: line, break: i > 0 ? 1 : 0, ...o }));
  const paragraphsOf = (s: string, o: { italics?: boolean; indent?: boolean; color?: string } = {}) =>
    s
      .trim()
      .split(/\n\s*\n/)
      .map(
        (p) =>
          new d.Paragraph({
            children: runs(p.trim(), { italics: o.italics, color: o.color }),
            ...(o.indent ? { indent: { left: 567 } } : {}),
            spacing: { after: 120 },
          }),
      );
  const cell = (s: string | number, o: { header?: boolean; numeric?: boolean; fill?: string; bold?: boolean; width?: number } = {}) =>
    new d.TableCell({
      ...(o.width ? { width: { size: o.width, type: d.WidthType.DXA } } : {}),
      children: [
        new d.Paragraph({
          children: runs(String(s), { bold: o.header || o.bold }),
          alignment: o.numeric ? d.AlignmentType.END : d.AlignmentType.START,
        }),
      ],
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(o.fill ? { shading: { type: d.ShadingType.CLEAR, color: 'auto', fill: o.fill } } : {}),
    });
  const fullWidth = { size: 100, type: d.WidthType.PERCENTAGE };
  let lists = 0;
  const listItems = (items: Item[], reference: string) => {
    // Each list counts from 1 again: its own instance of the shared numbering.
    const instance = ++lists;
    return items.map(
      (i) =>
        new d.Paragraph({
          numbering: { reference, level: 0, instance },
          children: [...(i.lead ? [new d.TextRun({ text: clean(i.lead), bold: true }), new d.TextRun({ text: i.text ? ' ' : '' })] : []), ...runs(i.text)],
          spacing: { after: 80 },
        }),
    );
  };
  const LEVEL = { 1: d.HeadingLevel.HEADING_1, 2: d.HeadingLevel.HEADING_2, 3: d.HeadingLevel.HEADING_3 } as const;

  const body: (InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>)[] = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: runs(doc.title) }),
    new d.Paragraph({ children: runs(community.name, { color: '595959' }), spacing: { after: 240 } }),
  ];
  const spacer = () => new d.Paragraph({ children: [], spacing: { after: 120 } });
  for (const b of doc.blocks) {
    if (b.kind === 'heading') body.push(new d.Paragraph({ heading: LEVEL[b.level], children: runs(b.text) }));
    else if (b.kind === 'text')
      body.push(...paragraphsOf(b.text, b.style === 'note' ? { italics: true, color: '595959' } : b.style === 'quote' ? { italics: true, indent: true } : {}));
    else if (b.kind === 'numbered') body.push(...listItems(b.items, NUMBERED));
    else if (b.kind === 'bullets') body.push(...listItems(b.items, BULLETS));
    else if (b.kind === 'facts') {
      if (!b.rows.length) continue;
      body.push(
        new d.Table({
          width: fullWidth,
          columnWidths: [2600, TEXT_WIDTH - 2600],
          rows: b.rows.map(
            (r) => new d.TableRow({ cantSplit: true, children: [cell(r.label, { bold: true, fill: LABEL_FILL, width: 2600 }), cell(r.value, { width: TEXT_WIDTH - 2600 })] }),
          ),
        }),
        spacer(),
      );
    } else {
      const widths = columnWidths(b.columns, b.rows);
      body.push(
        new d.Table({
          width: fullWidth,
          columnWidths: widths,
          rows: [
            new d.TableRow({
              tableHeader: true,
              cantSplit: true,
              children: b.columns.map((c, i) => cell(c.header, { header: true, numeric: c.numeric, fill: HEADER_FILL, width: widths[i] })),
            }),
            ...b.rows.map((r) => new d.TableRow({ cantSplit: true, children: b.columns.map((c, i) => cell(r[i] ?? '', { numeric: c.numeric, width: widths[i] })) })),
          ],
        }),
        spacer(),
      );
    }
  }

  const label = texts(lang, 'core.document.sensitivity', { label: community.sensitivityLabel });
  // «Side 2 av 7»: the numbers are Word's own fields, so they stay right however the text flows.
  const [before = '', between = '', after = ''] = texts(lang, 'core.document.page', { page: '\uE000', pages: '\uE001' }).split(/[\uE000\uE001]/);
  const small = { size: 18, color: '595959' };
  const file = new d.Document({
    creator: 'Samla',
    title: clean(doc.title),
    description: clean(label),
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 } },
        // The outline level is what Word's navigation pane and a table of contents read.
        heading1: { run: { font: FONT, size: 32, bold: true, color: '1F3864' }, paragraph: { outlineLevel: 0, spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '2E74B5' }, paragraph: { outlineLevel: 1, spacing: { before: 240, after: 80 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 23, bold: true, color: '404040' }, paragraph: { outlineLevel: 2, spacing: { before: 200, after: 60 }, keepNext: true } },
        title: { run: { font: FONT, size: 40, bold: true, color: '1F3864' }, paragraph: { spacing: { after: 60 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [{ level: 0, format: d.LevelFormat.DECIMAL, text: '%1.', alignment: d.AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 397 } } } }],
        },
        {
          reference: BULLETS,
          levels: [{ level: 0, format: d.LevelFormat.BULLET, text: '•', alignment: d.AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 397 } } } }],
        },
      ],
    },
    sections: [
      {
        headers: {
          default: new d.Header({
            children: [
              new d.Paragraph({
                children: [new d.TextRun({ text: clean(community.name), ...small }), new d.TextRun({ text: '\t' }), new d.TextRun({ text: clean(label), bold: true, ...small })],
                tabStops: [{ type: d.TabStopType.RIGHT, position: d.TabStopPosition.MAX }],
              }),
            ],
          }),
        },
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                children: [
                  new d.TextRun({ text: texts(lang, 'core.document.made', { date: formatDateTime(at, lang) }), ...small }),
                  new d.TextRun({ text: '\t' }),
                  new d.TextRun({ children: [before, d.PageNumber.CURRENT, between, d.PageNumber.TOTAL_PAGES, after], ...small }),
                ],
                tabStops: [{ type: d.TabStopType.RIGHT, position: d.TabStopPosition.MAX }],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return d.Packer.toBuffer(file);
}
