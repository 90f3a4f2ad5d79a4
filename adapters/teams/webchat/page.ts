/**
 * The chat page: a small HTML page of our own (page/), Web Chat's prebuilt browser bundle from the
 * botframework-webchat package (no CDN: a hospital network may reach none), and the two things the
 * page asks: who the demo members and bodies are, and where something new has arrived.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import { DEMO_SECRETARIAT_EMAIL } from '../../../src/demo.js';
import { ROOT } from '../../../src/paths.js';
import type { Lang } from '../../../src/ui.js';
import { texts } from '../texts.js';
import type { DemoTenant } from './demo-tenant.js';
import type { Transcripts } from './transcript.js';

export const PAGE_PATH = '/chat';
const PAGE_DIR = path.join(ROOT, 'adapters', 'teams', 'webchat', 'page');

/** Web Chat's full bundle (React included; it defines window.WebChat), or null when the package is missing. */
export function webChatBundle(): string | null {
  try {
    // The package's exports hide dist/; its entry point is in lib/, beside it.
    const entry = createRequire(import.meta.url).resolve('botframework-webchat');
    const file = path.join(path.dirname(path.dirname(entry)), 'dist', 'webchat.js');
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export interface PageState {
  tenant(): Promise<{ tenant: DemoTenant; transcripts: Transcripts } | null>;
}

/** The page's words in the community's language; «{body}» and «{name}» are left for the page to fill in. */
function pageTexts(lang: Lang): Record<string, string> {
  return {
    title: texts(lang, 'teams.webchat.title'),
    demoNotice: texts(lang, 'teams.webchat.demoNotice'),
    whoAreYou: texts(lang, 'teams.webchat.whoAreYou'),
    search: texts(lang, 'teams.webchat.search'),
    channels: texts(lang, 'teams.webchat.channels'),
    unread: texts(lang, 'teams.webchat.unread'),
    hint: texts(lang, 'teams.webchat.hint'),
    channelHint: texts(lang, 'teams.webchat.channelHint', { body: '{body}' }),
    viewingAs: texts(lang, 'teams.webchat.viewingAs', { name: '{name}' }),
    noWebChat: texts(lang, 'teams.webchat.noWebChat'),
  };
}

export function pageRouter(state: PageState): express.Router {
  const r = express.Router();
  const file = (name: string, type: string) => (_req: express.Request, res: express.Response) => {
    res.type(type).setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(PAGE_DIR, name));
  };
  r.get('/', file('index.html', 'html'));
  r.get('/chat.js', file('chat.js', 'js'));
  r.get('/chat.css', file('chat.css', 'css'));
  r.get('/webchat.js', (_req, res) => {
    const bundle = webChatBundle();
    if (!bundle) {
      res.status(404).type('text').send('botframework-webchat is not installed: run npm install');
      return;
    }
    res.type('js').setHeader('cache-control', 'max-age=3600');
    res.sendFile(bundle);
  });

  r.get('/api/roster', async (_req, res) => {
    const t = await state.tenant();
    if (!t) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    const { roster } = t.tenant;
    const lang = roster.lang;
    res.json({
      communityId: roster.communityId,
      firstEmail: DEMO_SECRETARIAT_EMAIL,
      community: roster.communityName,
      lang,
      texts: pageTexts(lang),
      members: t.tenant.users.map((u) => ({
        id: u.member.id,
        userId: u.id,
        email: u.member.email,
        name: u.member.name,
        title: u.member.title,
        party: u.member.party,
        partyType: u.member.partyType,
        roles: u.member.roles,
        lang: u.member.lang,
        secretariat: u.member.secretariat,
      })),
      bodies: roster.bodies.map((b) => ({ key: b.key, short: b.short, name: b.name })),
    });
  });

  // The newest bot activity in each member's chat and each channel; the page marks what it has not seen.
  r.get('/api/unread', async (_req, res) => {
    const t = await state.tenant();
    if (!t) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    const newest = await t.transcripts.newest();
    const members: Record<string, number> = {};
    for (const u of t.tenant.users) if (newest[u.conversationId]) members[u.member.id] = newest[u.conversationId]!;
    const channels: Record<string, number> = {};
    for (const [conversation, seq] of Object.entries(newest)) {
      const body = t.tenant.bodyOfChannel(conversation);
      if (body) channels[body.key] = seq;
    }
    res.json({ members, channels });
  });
  r.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  return r;
}
