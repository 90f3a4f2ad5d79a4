/**
 * Forms declared once: each field's kind and limits (what the platforms render and the core
 * validates) together with the type its cleaned value has (what the dialog receives). A field's
 * words live in the feature's catalog under one key each, so a translator finds them and the
 * compiler refuses a form whose label is missing:
 *   `<dialog>.form.<form>.<field>.label`, and where wanted `.hint` and `.placeholder`.
 * The title, the submit button and the options that depend on the data are given when the form
 * is shown, in the member's language.
 *
 *   const ballot = defineForm(texts, 'poll', 'ballot', { choice: field.choice().required(), reason: field.longtext({ maxLength: 500 }) });
 *   ballot.render(lang, { title, submitLabel, options: { choice } }, { p: pollId });
 *   // submit(ctx, values) gets { choice: string; reason: string | undefined }
 */
import { z } from 'zod';
import type { Args } from './dialog.js';
import type { Catalog } from './i18n.js';
import type { CleanValues } from './forms.js';
import { action } from './payload.js';
import type { FieldKind, Form, FormField, FormValues, Lang, Option } from './ui.js';

interface Limits {
  maxLength?: number;
  min?: number;
  max?: number;
  maxChoices?: number;
}

/** One field: its kind, limits and whether it must be filled, and the type of its cleaned value. */
export class FieldSpec<T> {
  constructor(
    readonly kind: FieldKind,
    readonly limits: Limits,
    readonly isRequired: boolean,
    /** The cleaned value's schema, as the form hands it over. */
    readonly schema: z.ZodType<T>,
    /** The same, filled: what `required()` turns the field into. */
    private readonly filled: z.ZodType,
    readonly values?: readonly string[],
  ) {}

  /** The field must be filled; its value is then never undefined. */
  required(): FieldSpec<Exclude<T, undefined>> {
    // `filled` is the same schema without `.optional()` (see optional() below), so it yields T without undefined.
    const schema = this.filled as z.ZodType<Exclude<T, undefined>>;
    return new FieldSpec(this.kind, this.limits, true, schema, schema, this.values);
  }
}

function choiceSchema<V extends string>(values: readonly V[] | undefined): z.ZodType<V> {
  return (values ? z.enum(values as [V, ...V[]]) : z.string()) as z.ZodType<V>;
}

function optional<T>(kind: FieldKind, limits: Limits, schema: z.ZodType<T>, values?: readonly string[]): FieldSpec<T | undefined> {
  return new FieldSpec<T | undefined>(kind, limits, false, schema.optional(), schema, values);
}

export const field = {
  text: (limits: Pick<Limits, 'maxLength'> = {}) => optional('text', limits, z.string()),
  longtext: (limits: Pick<Limits, 'maxLength'> = {}) => optional('longtext', limits, z.string()),
  number: (limits: Pick<Limits, 'min' | 'max'> = {}) => optional('number', limits, z.number()),
  date: () => optional('date', {}, z.date()),
  datetime: () => optional('datetime', {}, z.date()),
  /** One of `values` (then they are the value type), or of the options the form is shown with. */
  choice: <V extends string = string>(values?: readonly V[]) => optional('choice', {}, choiceSchema(values), values),
  /** Any number of the options (at most maxChoices); an unfilled field is an empty list. */
  multichoice: <V extends string = string>(values?: readonly V[], limits: Pick<Limits, 'maxChoices'> = {}) =>
    new FieldSpec<V[]>('multichoice', limits, false, z.array(choiceSchema(values)).default([]), z.array(choiceSchema(values)).min(1), values),
};

type Fields = Record<string, FieldSpec<unknown>>;
export type ValuesOf<F extends Fields> = { [K in keyof F]: F[K] extends FieldSpec<infer T> ? T : never };

/** The words and data a form is shown with. */
export interface FormLook<F extends Fields> {
  title: string;
  submitLabel: string;
  intro?: string;
  /** Words that depend on the data, in place of the catalog's. */
  labels?: Partial<Record<keyof F, string>>;
  hints?: Partial<Record<keyof F, string>>;
  placeholders?: Partial<Record<keyof F, string>>;
  /** Options of choice fields declared without fixed values; labels for those with them. */
  options?: Partial<Record<keyof F, Option[]>>;
  /** Limits that depend on the data (a poll's own maximum of choices). */
  limits?: Partial<Record<keyof F, Limits>>;
  /** Required here, though not in every showing of the form. */
  required?: readonly (keyof F)[];
  /** The fields shown, in declaration order; default: all of them. */
  only?: readonly (keyof F)[];
  values?: FormValues;
  keepDraft?: boolean;
}

export interface FormSpec<F extends Fields> {
  dialog: string;
  id: string;
  fields: F;
  /** The form as the member sees it; `args` ride along with the submission (ids, never free text). */
  render(lang: Lang, look: FormLook<F>, args?: Args): Form;
  /** Cleaned values (after the core's validation) as this form's types. */
  read(values: CleanValues): ValuesOf<F>;
}

type WordKey<P extends string, S extends string, F> = `${P}.form.${S}.${keyof F & string}.label`;
/** Compiles only when the catalog has a label for every field. */
type LabelsIn<M, P extends string, S extends string, F> = [Exclude<WordKey<P, S, F>, keyof M>] extends [never] ? unknown : { missingLabels: Exclude<WordKey<P, S, F>, keyof M> };

/**
 * @param texts the feature's catalog, whose prefix is the dialog's id
 * @param opts.wordsOf the form whose words these fields share (an edit form that reads like the form it edits)
 * @param opts.labelledWhenShown fields whose labels depend on the data (the places of a ranking), given by `look.labels`
 */
export function defineForm<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any catalog; its messages are read back off it below
  C extends Catalog<any>,
  const P extends string,
  const Id extends string,
  F extends Fields,
  const S extends string = Id,
  const L extends keyof F & string = never,
>(texts: C, dialog: P, id: Id, fields: F & LabelsIn<NonNullable<C['messages']>, P, S, Omit<F, L>>, opts: { wordsOf?: S; labelledWhenShown?: readonly L[] } = {}): FormSpec<F> {
  const shape = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema]));
  const schema = z.object(shape);
  const scope = opts.wordsOf ?? id;
  const words = texts as unknown as (lang: Lang, key: string) => string;
  const word = (lang: Lang, k: string, part: 'label' | 'hint' | 'placeholder'): string | undefined => {
    const key = `${dialog}.form.${scope}.${k}.${part}`;
    return texts.has(key) ? words(lang, key) : undefined;
  };
  return {
    dialog,
    id,
    fields,
    render(lang, look, args) {
      const shown = (Object.keys(fields) as (keyof F & string)[]).filter((k) => !look.only || look.only.includes(k));
      const formFields = shown.map((k): FormField => {
        const f = fields[k]!;
        const options = look.options?.[k] ?? f.values?.map((v) => ({ value: v, label: v }));
        const hint = look.hints?.[k] ?? word(lang, k, 'hint');
        const placeholder = look.placeholders?.[k] ?? word(lang, k, 'placeholder');
        return {
          id: k,
          label: look.labels?.[k] ?? word(lang, k, 'label') ?? k,
          kind: f.kind,
          ...(f.isRequired || look.required?.includes(k) ? { required: true } : {}),
          ...(hint !== undefined ? { hint } : {}),
          ...(placeholder !== undefined ? { placeholder } : {}),
          ...f.limits,
          ...look.limits?.[k],
          ...(options ? { options } : {}),
        };
      });
      return {
        id,
        title: look.title,
        submitLabel: look.submitLabel,
        fields: formFields,
        action: action(dialog, id, args),
        ...(look.intro !== undefined ? { intro: look.intro } : {}),
        ...(look.values ? { values: look.values } : {}),
        ...(look.keepDraft !== undefined ? { keepDraft: look.keepDraft } : {}),
      };
    },
    read(values) {
      // Fields the form was not shown with are absent; a shown field's value has passed the core's checks.
      return schema.parse(values) as ValuesOf<F>;
    },
  };
}

/** A dialog's form: its spec, and how it is refused, built and submitted. */
export function formHandler<F extends Fields>(
  spec: FormSpec<F>,
  h: {
    refuse?(ctx: import('./dialog.js').DialogContext, args: Args): Promise<string | null>;
    build(ctx: import('./dialog.js').DialogContext, args: Args): Promise<Form | null>;
    submit(ctx: import('./dialog.js').DialogContext, values: ValuesOf<F>, args: Args): Promise<import('./dialog.js').StepResult>;
  },
): import('./dialog.js').FormHandler<ValuesOf<F>> {
  return { spec, ...h };
}
