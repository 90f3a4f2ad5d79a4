/**
 * Modals: a submission (whose validation errors must travel in the ack itself, so the turn runs
 * before it), and the options of a select too long to send with the form.
 */
import type { App as BoltApp, BlockSuggestion, ViewSubmitAction } from '@slack/bolt';
import type { Outcome } from '../../src/bot.js';
import { decodePayload } from '../../src/payload.js';
import { texts as coreTexts } from '../../src/texts.js';
import { formsIn } from '../../src/ui.js';
import { teamOf } from './conversation.js';
import { decodeMetadata, FORM_CALLBACK_ID, matchingOptions, modalErrors, renderModal, valuesFromState } from './render.js';
import type { Target, Turns } from './turns.js';

export function listenForForms(bolt: BoltApp, turns: Turns): void {
  const { core, log, defaultLang } = turns.deps;
  const { poster } = turns;

  bolt.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ body, ack }) => {
    const team = teamOf(body);
    const user = body.user.id;
    const meta = decodeMetadata(body.view.private_metadata);
    const payload = meta ? decodePayload(meta.a) : null;
    const target: Target = { userId: user };
    let out: Outcome;
    try {
      out = await core.receive({
        ...turns.from(team, user, meta?.c),
        kind: 'submit',
        ...(payload ? { action: payload } : {}),
        values: valuesFromState(body.view.state?.values ?? {}),
      });
    } catch (err) {
      log.error({ err }, 'Slack submission failed');
      await ack();
      await poster.post({ ...target, lang: defaultLang }, [{ text: coreTexts(defaultLang, 'core.error.somethingWrong'), visibility: 'private' }]);
      return;
    }
    if (out.rejectedForm) {
      // Errors go back inline, per field; Slack keeps what the member typed.
      const errors = modalErrors(out.rejectedForm);
      if (Object.keys(errors).length) {
        await ack({ response_action: 'errors', errors });
        await poster.post(
          { ...target, lang: out.lang },
          out.replies.filter((r) => !formsIn(r).length),
        );
        return;
      }
    }
    // A next form (a step of a wizard) replaces the modal; everything else goes to the member's DM.
    const next = out.replies.findIndex((r) => formsIn(r).length);
    if (next >= 0) {
      const form = formsIn(out.replies[next]!)[0]!;
      await ack({ response_action: 'update', view: renderModal(form, meta?.c ? { c: meta.c } : {}, out.lang) });
      await poster.post(
        { ...target, lang: out.lang },
        out.replies.filter((_, i) => i !== next),
      );
      return;
    }
    await ack();
    await poster.post({ ...target, lang: out.lang }, out.replies);
  });

  bolt.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ body, ack }) => {
    // A select with more than 100 options: the form is rebuilt by the core, never trusted from Slack.
    const b: BlockSuggestion = body;
    const meta = decodeMetadata(b.view?.private_metadata);
    const p = meta ? decodePayload(meta.a) : null;
    const team = teamOf(b);
    let options: ReturnType<typeof matchingOptions> = [];
    if (p) {
      const form = await core.formFor(turns.from(team, b.user.id, meta?.c), p);
      const field = form?.fields.find((f) => f.id === b.action_id);
      if (field) options = matchingOptions(field, b.value ?? '');
    }
    await ack({ options });
  });
}
