/** «status»: the member's dashboard — party, bodies and roles, and what is waiting for them. */
import { Body } from '../../models/body.js';
import { Party } from '../../models/party.js';
import { bodyName, partyTypeLabel, roleLabel } from '../../src/directory.js';
import type { Dialog, DialogContext } from '../../src/dialog.js';
import type { PartyType } from '../../models/party.js';
import type { Element, Reply } from '../../src/ui.js';
import { texts as coreTexts } from '../../src/texts.js';
import { texts } from './texts.js';

/** The dashboard, built from every capability's status contribution (also used by Slack's App Home). */
export async function dashboard(ctx: DialogContext, dialogs: () => { status?: Dialog['status'] }[]): Promise<Reply> {
  const { member, lang } = ctx;
  // Every capability reads on its own; asked at once, the dashboard costs the slowest of them, not their sum.
  const [party, bodies, contributions] = await Promise.all([
    Party.findOne({ _id: member.party, community: ctx.community._id }),
    Body.find({ _id: { $in: member.memberships.map((m) => m.body) }, community: ctx.community._id }),
    Promise.all(dialogs().map((d) => d.status?.(ctx) ?? Promise.resolve([]))),
  ]);
  const byId = new Map(bodies.map((b) => [String(b._id), b]));
  const roleLines = member.memberships
    .map((m) => {
      const b = byId.get(String(m.body));
      return b ? `• ${bodyName(b, lang)}: ${roleLabel(m.role, m.proposalRights ?? false, lang)}` : null;
    })
    .filter(Boolean);
  const elements: Element[] = [
    { type: 'section', text: `*${texts(lang, 'status.card.hello', { name: member.name })}*` },
    {
      type: 'fields',
      fields: [{ label: texts(lang, 'status.card.party'), value: party ? `${party.name} (${partyTypeLabel(party.type as PartyType, lang)})` : '—' }],
    },
    { type: 'section', text: `*${texts(lang, 'status.card.bodies')}*\n${roleLines.length ? roleLines.join('\n') : texts(lang, 'status.card.noBodies')}` },
  ];
  const extra = contributions.flat();
  elements.push(...(extra.length ? extra : [{ type: 'context' as const, text: texts(lang, 'status.card.nothingWaiting') }]));
  if (ctx.community.demo) elements.push({ type: 'context', text: coreTexts(lang, 'core.demo.banner') });
  const text = [texts(lang, 'status.card.hello', { name: member.name }), `${texts(lang, 'status.card.bodies')}:`, ...roleLines].join('\n');
  return { text, elements, visibility: 'private' };
}

export function statusDialog(dialogs: () => Dialog[]): Dialog {
  return {
    id: 'status',
    commands: { nb: ['status', 'oversikt'], nn: ['status', 'oversyn'], en: ['status', 'dashboard'] },
    helpLine: (ctx) => `• ${texts(ctx.lang, 'status.help.line')}`,
    async command(ctx) {
      return { replies: [await dashboard(ctx, dialogs)] };
    },
    home: (ctx) => dashboard(ctx, dialogs),
  };
}
