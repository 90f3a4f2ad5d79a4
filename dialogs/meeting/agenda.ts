/** A meeting's agenda as one line per item, the way the forms show it and read it back. */
import type { AgendaItemInput } from '../../models/meeting.js';

export type AgendaLike = { title: string; caseId?: unknown; caseNumber?: string | null; paperUrl?: string | null };

const URL_RE = /https?:\/\/\S+/i;

/** Turns «1. Budsjett 2027 — https://…/sak.pdf» lines into agenda items; case links survive an edit. */
export function parseAgenda(text: string | undefined, existing: readonly AgendaLike[] = []): AgendaItemInput[] {
  const out: AgendaItemInput[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const url = URL_RE.exec(raw)?.[0] ?? '';
    let title = raw
      .replace(url, '')
      .replace(/^\s*(\d+[.)]|[-•*])\s*/, '')
      .replace(/[\s—–\-|:,(]+$/, '')
      .trim();
    if (!title && !url) continue;
    const known = existing.find((a) => a.caseNumber && title.startsWith(`${a.caseNumber}:`)) ?? existing.find((a) => a.title === title);
    if (known?.caseNumber && title.startsWith(`${known.caseNumber}:`)) title = title.slice(known.caseNumber.length + 1).trim();
    out.push({
      title: title || url,
      paperUrl: url,
      caseId: known?.caseId ? String(known.caseId) : null,
      caseNumber: known?.caseNumber ?? '',
    });
  }
  return out;
}

export function agendaText(agenda: readonly AgendaLike[]): string {
  return agenda.map((a) => `${a.caseNumber ? `${a.caseNumber}: ` : ''}${a.title}${a.paperUrl ? ` — ${a.paperUrl}` : ''}`).join('\n');
}
