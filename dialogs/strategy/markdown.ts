/**
 * Strategy drafts written in Markdown: split into sections by heading (with marked's lexer, not by
 * hand), and turned into the chat's small markup (*bold*, _italic_, bare URLs) for display.
 */
import { createHash } from 'node:crypto';
import { Lexer, type MarkedToken, type Token } from 'marked';

export interface ParsedDraft {
  /** A single top-level heading above the section headings is the document's title. */
  title: string | null;
  /** Markdown before the first section heading. */
  intro: string;
  sections: { heading: string; body: string }[];
}

const lex = (md: string): MarkedToken[] => Lexer.lex(md.replace(/\r\n?/g, '\n')) as MarkedToken[];

/**
 * Every heading at the section level starts a section. The section level is the shallowest level
 * below a lone title; deeper headings stay inside their section's text, so a section can have
 * sub-points without splitting the feedback.
 */
export function parseDraft(markdown: string): ParsedDraft {
  let tokens = lex(markdown);
  const headings = tokens.filter((t) => t.type === 'heading');
  let title: string | null = null;
  const firstHeading = headings[0];
  const top = headings.filter((h) => h.depth === 1);
  if (firstHeading && firstHeading.depth === 1 && top.length === 1 && headings.length > 1) {
    title = inlinePlain(firstHeading.tokens);
    tokens = tokens.filter((t) => t !== firstHeading);
  }
  const rest = headings.filter((h) => h !== (title !== null ? firstHeading : null));
  const level = rest.length ? Math.min(...rest.map((h) => (h.type === 'heading' ? h.depth : 99))) : 0;

  let intro = '';
  const sections: { heading: string; body: string }[] = [];
  for (const t of tokens) {
    if (t.type === 'heading' && t.depth === level) {
      sections.push({ heading: inlinePlain(t.tokens), body: '' });
    } else if (sections.length) {
      sections[sections.length - 1]!.body += t.raw;
    } else {
      intro += t.raw;
    }
  }
  return { title, intro: intro.trim(), sections: sections.map((s) => ({ heading: s.heading, body: s.body.trim() })) };
}

/** What makes two headings the same section: case, spacing, numbering and end punctuation do not count. */
export function headingKey(heading: string): string {
  return heading
    .normalize('NFC')
    .toLowerCase()
    .replace(/^\s*(\d+(\.\d+)*|[a-z])[.)]\s+/, '')
    .replace(/[\s.:;!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The content hash of a section: changes in whitespace alone do not count as a change. */
export function sectionHash(heading: string, body: string): string {
  const norm = `${headingKey(heading)}\n${body.replace(/\s+/g, ' ').trim()}`;
  return createHash('sha256').update(norm).digest('hex');
}

function inlinePlain(tokens: Token[] | undefined): string {
  return inline(tokens, false).replace(/\s+/g, ' ').trim();
}

/** Inline tokens as chat markup (marks = true) or plain text. */
function inline(tokens: Token[] | undefined, marks = true): string {
  if (!tokens) return '';
  return (tokens as MarkedToken[])
    .map((t) => {
      switch (t.type) {
        case 'strong':
          return marks ? `*${inline(t.tokens, false)}*` : inline(t.tokens, false);
        case 'em':
          return marks ? `_${inline(t.tokens, false)}_` : inline(t.tokens, false);
        case 'link': {
          const text = inline(t.tokens, marks);
          return text && text !== t.href ? `${text} (${t.href})` : t.href;
        }
        case 'image':
          return t.text;
        case 'br':
          return '\n';
        case 'codespan':
          return t.text;
        case 'del':
          return inline(t.tokens, marks);
        case 'text':
          return 'tokens' in t && t.tokens ? inline(t.tokens, marks) : decode(t.text);
        case 'escape':
          return t.text;
        case 'html':
          return t.text.replace(/<[^>]*>/g, '');
        default:
          return 'text' in t && typeof t.text === 'string' ? t.text : '';
      }
    })
    .join('');
}

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Markdown blocks as chat text: paragraphs, lists with bullets, sub-headings in bold. */
export function toChatText(markdown: string): string {
  return blocks(lex(markdown), '').trim();
}

function blocks(tokens: MarkedToken[], indent: string, sep = '\n\n'): string {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading':
        out.push(`${indent}*${inline(t.tokens, false)}*`);
        break;
      case 'paragraph':
        out.push(indent + inline(t.tokens));
        break;
      case 'text':
        out.push(indent + ('tokens' in t && t.tokens ? inline(t.tokens) : decode(t.text)));
        break;
      case 'list': {
        const start = typeof t.start === 'number' ? t.start : 1;
        out.push(
          t.items
            .map((item, i) => {
              const mark = t.ordered ? `${start + i}.` : '•';
              const body = blocks(item.tokens as MarkedToken[], `${indent}   `, '\n').trimStart();
              return `${indent}${mark} ${body}`;
            })
            .join('\n'),
        );
        break;
      }
      case 'blockquote':
        out.push(blocks(t.tokens as MarkedToken[], `${indent}│ `));
        break;
      case 'code':
        out.push(t.text);
        break;
      case 'table':
        out.push([t.header, ...t.rows].map((row) => indent + row.map((c) => inline(c.tokens)).join(' | ')).join('\n'));
        break;
      case 'hr':
        out.push(`${indent}———`);
        break;
      case 'html':
        out.push(indent + t.text.replace(/<[^>]*>/g, '').trim());
        break;
      default:
        break;
    }
  }
  return out.filter((s) => s.trim()).join(sep);
}

/**
 * Splits long text into pieces of at most `max` characters, at paragraph breaks where possible,
 * then at line breaks, then between words: a long section is shown whole, in several blocks.
 */
export function splitText(text: string, max = 2500): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const unit of text.split(/(\n\n|\n| )/)) {
    if ((current + unit).length <= max) {
      current += unit;
      continue;
    }
    push();
    // A single unit longer than the limit (no spaces) is cut hard.
    let u = unit;
    while (u.length > max) {
      pieces.push(u.slice(0, max));
      u = u.slice(max);
    }
    current = u;
  }
  push();
  return pieces;
}
