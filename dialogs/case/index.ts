/**
 * «sak»: case proposals from a member's idea to a decision. Members propose («sak ny»), follow
 * their cases («sak», «sak SSU 12/2026»); the secretariat triages and handles them with the
 * buttons on the case. The rules are in rules.ts, the changes in service.ts; this file lists
 * what the dialog answers to.
 */
import { Case } from '../../models/case.js';
import { isSecretariat } from '../../models/member.js';
import type { Dialog } from '../../src/dialog.js';
import { action } from '../../src/payload.js';
import type { Element } from '../../src/ui.js';
import { caseActions, listCases, show } from './actions.js';
import { caseExports } from './document.js';
import { findByNumber } from './find.js';
import { handlingForms } from './handling.js';
import { proposalForm, startProposal } from './proposing.js';
import { texts } from './texts.js';
import { DIALOG, caseHeading, formAction, say, showAction } from './views.js';

const NEW_WORDS = new Set(['ny', 'nytt', 'new', 'foreslå', 'føreslå', 'forslag', 'propose']);
const PROPOSE_WORDS = new Set(['saksforslag', 'saksframlegg', 'propose']);

export const caseDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['sak', 'saker', 'saksforslag'], nn: ['sak', 'saksframlegg'], en: ['case', 'cases', 'propose'] },
  helpLine: (ctx) => `• ${texts(ctx.lang, 'case.help.line')}`,

  async command(ctx, args, word) {
    const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
    if (PROPOSE_WORDS.has(word)) return startProposal(ctx, args);
    if (NEW_WORDS.has(first.toLowerCase())) return startProposal(ctx, rest.join(' '));
    if (!args) return listCases(ctx);
    const found = await findByNumber(ctx.member, args);
    if (found.length === 1) return show(ctx, found[0]!);
    if (!found.length) return say(texts(ctx.lang, 'case.error.notFound', { text: args }));
    return say(texts(ctx.lang, 'case.reply.severalFound', { text: args }), {
      type: 'buttons',
      buttons: found.slice(0, 10).map((c) => ({ label: caseHeading(c).slice(0, 75), action: showAction(c) })),
    });
  },

  actions: caseActions,
  exports: () => caseExports(),
  forms: { propose: proposalForm, ...handlingForms },

  async status(ctx) {
    const els: Element[] = [];
    if (isSecretariat(ctx.member)) {
      const waiting = await Case.countDocuments({ community: ctx.community._id, state: 'submitted' });
      if (waiting)
        els.push(
          { type: 'section', text: texts(ctx.lang, 'case.status.waiting', { count: waiting }) },
          { type: 'buttons', buttons: [{ label: texts(ctx.lang, 'case.list.title'), action: action(DIALOG, 'list') }] },
        );
    }
    const returned = await Case.find({ community: ctx.community._id, proposer: ctx.member._id, state: 'returned' }).limit(5);
    for (const c of returned) {
      els.push(
        { type: 'section', text: texts(ctx.lang, 'case.status.returned', { title: c.title }) },
        { type: 'buttons', buttons: [{ label: texts(ctx.lang, 'case.button.revise'), action: formAction(c, 'revise') }] },
      );
    }
    return els;
  },
};
