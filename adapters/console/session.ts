/**
 * A chat in the terminal as one member: each line is one message; a number answers the latest
 * numbered choices; a form is asked one field at a time and, when it comes back with errors, only
 * the fields in error are asked again, with the other answers kept.
 */
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Core, Incoming } from '../../src/bot.js';
import type { Form, FormValues, Lang, Reply } from '../../src/ui.js';
import { texts } from './texts.js';
import { fieldPrompt, parseChoice, renderReply, type Choice } from './render.js';

interface FormInProgress {
  form: Form;
  values: FormValues;
  /** Field ids still to ask, in order. */
  queue: string[];
}

const CANCEL = new Set(['avbryt', 'cancel', 'stopp']);

export class ConsoleSession {
  private choices: Choice[] = [];
  /** The member's language, as the core last answered in it. */
  private lang: Lang = 'nb';
  private pending: FormInProgress | null = null;

  constructor(
    private readonly core: Core,
    private readonly communityId: string,
    private readonly email: string,
    private readonly out: Writable,
    private readonly prompt = false,
  ) {}

  /** The form being asked now, with the answers so far (for tests and the status line). */
  pendingForm(): { form: Form; values: FormValues } | null {
    return this.pending ? { form: this.pending.form, values: this.pending.values } : null;
  }

  /** The id of the form field being asked now. */
  currentField(): string | null {
    return this.pending?.queue[0] ?? null;
  }

  /** Counts forms started, so a caller can tell a form shown again with errors from the one it answered. */
  formSerial = 0;

  /** The numbered choices a typed number answers now. */
  currentChoices(): readonly Choice[] {
    return this.choices;
  }

  private write(s: string) {
    this.out.write(s.endsWith('\n') ? s : `${s}\n`);
  }

  async run(input: Readable): Promise<void> {
    const rl = readline.createInterface({ input, terminal: false });
    if (this.prompt) this.out.write('> ');
    for await (const line of rl) {
      await this.handleLine(line);
      if (this.prompt) this.out.write('> ');
    }
  }

  async handleLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (this.pending) return this.answerField(raw);
    if (!line) return;
    // «#ssu …» says it in the body's channel; in the console every body has one.
    const inChannel = /^#([a-z0-9-]+)\s+([\s\S]+)$/.exec(line);
    if (inChannel) return this.send({ kind: 'text', text: inChannel[2]!, where: 'channel', channelExternalId: inChannel[1]! });
    const n = Number(line);
    if (Number.isInteger(n) && n >= 1 && n <= this.choices.length) {
      return this.send({ kind: 'action', action: this.choices[n - 1]!.action });
    }
    return this.send({ kind: 'text', text: line });
  }

  private async answerField(raw: string): Promise<void> {
    const p = this.pending!;
    const typed = raw.trim();
    if (CANCEL.has(typed.toLowerCase())) {
      this.pending = null;
      this.write(texts(this.lang, 'console.notice.cancelled'));
      return;
    }
    const field = p.form.fields.find((f) => f.id === p.queue[0])!;
    // An empty line keeps what the field already holds (or leaves an optional field empty).
    if (typed) p.values[field.id] = field.options?.length ? parseChoice(field, typed) : raw.replace(/\\n/g, '\n').trim();
    else if (p.form.errors?.[field.id]) p.values = Object.fromEntries(Object.entries(p.values).filter(([k]) => k !== field.id)); // ↵ on a field in error: leave it empty
    p.queue.shift();
    if (p.queue.length) return this.askNext();
    this.pending = null;
    await this.send({ kind: 'submit', action: p.form.action, values: p.values });
  }

  private askNext() {
    const p = this.pending!;
    const f = p.form.fields.find((x) => x.id === p.queue[0])!;
    this.write(fieldPrompt(f, p.values[f.id], this.lang, p.form.errors?.[f.id]));
  }

  private startForm(form: Form) {
    const errors = form.errors ?? {};
    const inError = form.fields.filter((f) => errors[f.id]).map((f) => f.id);
    this.formSerial++;
    this.pending = { form, values: { ...(form.values ?? {}) }, queue: inError.length ? inError : form.fields.map((f) => f.id) };
    this.write(`── ${form.title} ──`);
    if (errors._form) this.write(`! ${errors._form}`);
    if (form.intro && !inError.length) this.write(form.intro);
    this.askNext();
  }

  private async send(turn: Pick<Incoming, 'kind' | 'text' | 'action' | 'values'> & Partial<Pick<Incoming, 'where' | 'channelExternalId'>>): Promise<void> {
    const out = await this.core.receive({
      platform: 'console',
      communityId: this.communityId,
      user: { externalId: this.email, lookupEmail: async () => this.email },
      conversationId: turn.channelExternalId ? `console:#${turn.channelExternalId}` : `console:${this.email}`,
      where: 'direct',
      ...turn,
    });
    this.lang = out.lang;
    this.show(out.replies);
  }

  show(replies: Reply[]): void {
    let choices: Choice[] = [];
    let form: Form | undefined;
    for (const r of replies) {
      // The terminal cannot change what it printed; what was answered is said anew anyway.
      if (r.replacesSource) continue;
      const rendered = renderReply(r, choices.length + 1, this.lang);
      if (rendered.text) this.write(rendered.text);
      choices = choices.concat(rendered.choices);
      form = rendered.forms[0] ?? form;
    }
    if (choices.length) this.choices = choices;
    if (form) this.startForm(form);
  }
}
