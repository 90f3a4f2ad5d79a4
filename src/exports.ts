/**
 * Exports (CSV, XLSX, Markdown, Word) offered as links to the bot's own HTTP server. A link carries a
 * signed token that names the community, the member it was made for, what to export and when it
 * expires; it works only while that member is still in the secretariat.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Express } from 'express';
import type { Types } from 'mongoose';
import { stringify } from 'csv-stringify';
import { Community } from '../models/community.js';
import { Member } from '../models/member.js';
import { Setting } from '../models/setting.js';
import type { Config } from './config.js';
import { DOCX_TYPE, renderDocument, type WordDocument } from './documents.js';
import type { Logger } from './log.js';
import { readerLang } from './identity.js';
import { canAdminister } from './permissions.js';
import { texts as coreTexts } from './texts.js';
import { LANGS, type Lang } from './ui.js';

type Id = Types.ObjectId | string;
type ExportRefusal = `core.export.${'invalid' | 'expired' | 'secretariatOnly' | 'unknown' | 'nothing' | 'failed'}`;
export type ExportFormat = 'csv' | 'xlsx' | 'md' | 'docx';

export type Row = Record<string, string | number | Date | null | undefined>;

export interface Table {
  /** Without extension. */
  filename: string;
  columns: { key: string; header: string }[];
  /** Written out as they come, so a year of input never sits in memory whole. */
  rows: Iterable<Row> | AsyncIterable<Row>;
}

export interface ExportSource {
  // Every export is written in `lang`: the language of the member the link was made for (their
  // own, else their community's), looked up when the file is fetched.
  table?(community: Id, params: Record<string, string>, lang: Lang): Promise<Table | null>;
  markdown?(community: Id, params: Record<string, string>, lang: Lang): Promise<{ filename: string; text: string } | null>;
  /**
   * A Word document (see src/documents.ts), written in `lang`: the language of the member the
   * link was made for. The core frames it with the community's name and sensitivity label.
   */
  document?(community: Id, params: Record<string, string>, lang: Lang): Promise<WordDocument | null>;
}

interface TokenBody {
  c: string;
  m: string;
  k: string;
  f: ExportFormat;
  p: Record<string, string>;
  exp: number;
}

export class Exports {
  private readonly sources = new Map<string, ExportSource>();
  private secret: Buffer | null = null;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    private baseUrl: string,
  ) {}

  register(kind: string, source: ExportSource): void {
    if (this.sources.has(kind)) throw new Error(`export ${kind} registered twice`);
    this.sources.set(kind, source);
  }

  /** A link the member can open for the export; it expires after EXPORT_LINK_TTL_SECONDS. */
  async link(o: { community: Id; member: Id; kind: string; format: ExportFormat; params?: Record<string, string> }): Promise<string> {
    const body: TokenBody = {
      c: String(o.community),
      m: String(o.member),
      k: o.kind,
      f: o.format,
      p: o.params ?? {},
      exp: Math.floor(Date.now() / 1000) + this.config.EXPORT_LINK_TTL_SECONDS,
    };
    const data = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${this.config.PUBLIC_URL ?? this.baseUrl}/exports/${data}.${await this.sign(data)}`;
  }

  mount(app: Express): void {
    app.get('/exports/:token', async (req, res) => {
      // What the reader is told is in their language: the member's own when the link is ours
      // (also once expired), else what their browser asks for.
      let lang: Lang = (req.acceptsLanguages(...LANGS) || 'nb') as Lang;
      const say = (status: number, key: ExportRefusal) => void res.status(status).type('text/plain').send(coreTexts(lang, key));
      try {
        const link = await this.verify(String(req.params.token));
        if (!link) return say(403, 'core.export.invalid');
        const { body } = link;
        const member = await Member.findOne({ _id: body.m, community: body.c });
        const community = await Community.findById(body.c);
        lang = readerLang(member, community, lang);
        if (link.expired) return say(403, 'core.export.expired');
        if (!member || !canAdminister(member)) return say(403, 'core.export.secretariatOnly');
        const source = this.sources.get(body.k);
        if (!source) return say(404, 'core.export.unknown');
        if (body.f === 'docx') {
          const doc = community ? await source.document?.(body.c, body.p, lang) : null;
          if (!doc || !community) return say(404, 'core.export.nothing');
          return void this.send(res, `${doc.filename}.docx`, DOCX_TYPE, await renderDocument(doc, community, lang));
        }
        if (body.f === 'md') {
          const md = await source.markdown?.(body.c, body.p, lang);
          if (!md) return say(404, 'core.export.nothing');
          return void this.send(res, `${md.filename}.md`, 'text/markdown; charset=utf-8', Buffer.from(md.text, 'utf8'));
        }
        const table = await source.table?.(body.c, body.p, lang);
        if (!table) return say(404, 'core.export.nothing');
        if (body.f === 'csv') {
          this.headers(res, `${table.filename}.csv`, 'text/csv; charset=utf-8');
          return void (await writeCsv(table, res));
        }
        this.headers(res, `${table.filename}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        await writeXlsx(table, res);
      } catch (err) {
        this.log.error({ err }, 'export failed');
        // Once the file has started, the only honest signal left is a cut connection.
        if (res.headersSent) res.destroy();
        else say(500, 'core.export.failed');
      }
    });
  }

  private send(res: import('express').Response, filename: string, type: string, data: Buffer) {
    this.headers(res, filename, type);
    res.send(data);
  }

  private headers(res: import('express').Response, filename: string, type: string) {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]+/g, '_')}"`);
    res.setHeader('Cache-Control', 'no-store');
  }

  private async key(): Promise<Buffer> {
    if (this.secret) return this.secret;
    if (this.config.SAMLA_SECRET) {
      this.secret = Buffer.from(this.config.SAMLA_SECRET);
      return this.secret;
    }
    // Without SAMLA_SECRET (development) a random secret is made once and kept in the database,
    // so links survive restarts and work from a second instance.
    await Setting.updateOne({ key: 'link-secret' }, { $setOnInsert: { value: randomBytes(32).toString('hex') } }, { upsert: true });
    const s = await Setting.findOne({ key: 'link-secret' });
    this.secret = Buffer.from(s!.value);
    return this.secret;
  }

  private async sign(data: string): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(data)
      .digest('base64url');
  }

  /** The link's contents when we signed it (expired or not); null when we did not. */
  private async verify(token: string): Promise<{ body: TokenBody; expired: boolean } | null> {
    const [data, sig] = token.split('.');
    if (!data || !sig) return null;
    const want = Buffer.from(await this.sign(data));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    try {
      const body = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as TokenBody;
      return { body, expired: !(body.exp * 1000 > Date.now()) };
    } catch {
      return null;
    }
  }
}

function cell(v: Row[string]): string | number {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return v;
}

async function* cells(t: Table) {
  for await (const r of t.rows) yield t.columns.map((c) => cell(r[c.key]));
}

/** CSV (with a BOM, so Excel reads æøå right), streamed row by row. */
export async function writeCsv(t: Table, out: Writable): Promise<void> {
  await pipeline(Readable.from(cells(t)), stringify({ header: true, columns: t.columns.map((c) => c.header), bom: true }), out);
}

/** XLSX through ExcelJS's streaming writer: each row is written out and let go. */
export async function writeXlsx(t: Table, out: Writable): Promise<void> {
  // Loaded on the first Excel export, not at start-up: it is the heaviest module we use.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(t.filename.slice(0, 31) || 'Samla');
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(12, c.header.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  for await (const r of t.rows) ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, r[c.key] ?? '']))).commit();
  ws.commit();
  await wb.commit();
}
