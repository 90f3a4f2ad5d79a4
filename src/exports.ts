/**
 * Exports (CSV, XLSX, Markdown) offered as links to the bot's own HTTP server. A link carries a
 * signed token that names the community, the member it was made for, what to export and when it
 * expires; it works only while that member is still in the secretariat.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import type { Types } from 'mongoose';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Member } from '../models/member.js';
import { Setting } from '../models/setting.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { canAdminister } from './permissions.js';

type Id = Types.ObjectId | string;
export type ExportFormat = 'csv' | 'xlsx' | 'md';

export interface Table {
  /** Without extension. */
  filename: string;
  columns: { key: string; header: string }[];
  rows: Record<string, string | number | Date | null | undefined>[];
}

export interface ExportSource {
  table?(community: Id, params: Record<string, string>): Promise<Table | null>;
  markdown?(community: Id, params: Record<string, string>): Promise<{ filename: string; text: string } | null>;
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
      try {
        const body = await this.verify(String(req.params.token));
        if (!body) return void res.status(403).type('text/plain').send('This link is invalid or has expired. Ask Samla for a new one.');
        const member = await Member.findOne({ _id: body.m, community: body.c });
        if (!member || !canAdminister(member)) return void res.status(403).type('text/plain').send('Only the secretariat can download this.');
        const source = this.sources.get(body.k);
        if (!source) return void res.status(404).type('text/plain').send('Unknown export.');
        if (body.f === 'md') {
          const md = await source.markdown?.(body.c, body.p);
          if (!md) return void res.status(404).type('text/plain').send('Nothing to export.');
          return void this.send(res, `${md.filename}.md`, 'text/markdown; charset=utf-8', Buffer.from(md.text, 'utf8'));
        }
        const table = await source.table?.(body.c, body.p);
        if (!table) return void res.status(404).type('text/plain').send('Nothing to export.');
        if (body.f === 'csv') return void this.send(res, `${table.filename}.csv`, 'text/csv; charset=utf-8', toCsv(table));
        return void this.send(res, `${table.filename}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await toXlsx(table));
      } catch (err) {
        this.log.error({ err }, 'export failed');
        res.status(500).type('text/plain').send('The export failed. Please try again.');
      }
    });
  }

  private send(res: import('express').Response, filename: string, type: string, data: Buffer) {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]+/g, '_')}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(data);
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
    return createHmac('sha256', await this.key()).update(data).digest('base64url');
  }

  private async verify(token: string): Promise<TokenBody | null> {
    const [data, sig] = token.split('.');
    if (!data || !sig) return null;
    const want = Buffer.from(await this.sign(data));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    try {
      const body = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as TokenBody;
      return body.exp * 1000 > Date.now() ? body : null;
    } catch {
      return null;
    }
  }
}

function cell(v: Table['rows'][number][string]): string | number {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return v;
}

export function toCsv(t: Table): Buffer {
  const text = stringify(
    t.rows.map((r) => t.columns.map((c) => cell(r[c.key]))),
    { header: true, columns: t.columns.map((c) => c.header), bom: true },
  );
  return Buffer.from(text, 'utf8');
}

export async function toXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.filename.slice(0, 31) || 'Samla');
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(12, c.header.length + 2)) }));
  for (const r of t.rows) ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, r[c.key] ?? ''])));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
