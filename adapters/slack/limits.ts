/**
 * Slack's Block Kit limits as zod schemas. The renderer keeps within them by construction; the
 * tests parse every payload it produces with these, so a change that would make Slack reject a
 * message fails here first. Only what Samla renders is modelled.
 */
import { z } from 'zod';

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  actionValue: 2000,
  actionId: 255,
  blockId: 255,
  staticOptions: 100,
  optionGroups: 100,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  inputMaxLength: 3000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  /** Slack truncates the top-level `text` of a message beyond 40,000; we stay far below. */
  messageText: 40000,
} as const;

const plain = (max: number) => z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const mrkdwn = (max: number) => z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) });

const actionId = z.string().min(1).max(LIMITS.actionId);
const blockId = z.string().min(1).max(LIMITS.blockId).optional();

export const optionSchema = z.object({ text: plain(LIMITS.optionText), value: z.string().min(1).max(LIMITS.optionValue) });
const optionGroupSchema = z.object({ label: plain(LIMITS.optionText), options: z.array(optionSchema).min(1).max(LIMITS.staticOptions) });

export const buttonSchema = z.object({
  type: z.literal('button'),
  text: plain(LIMITS.buttonText),
  action_id: actionId,
  value: z.string().max(LIMITS.actionValue).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});

const staticSelect = z
  .object({
    type: z.literal('static_select'),
    action_id: actionId,
    placeholder: plain(LIMITS.placeholder).optional(),
    options: z.array(optionSchema).min(1).max(LIMITS.staticOptions).optional(),
    option_groups: z.array(optionGroupSchema).min(1).max(LIMITS.optionGroups).optional(),
    initial_option: optionSchema.optional(),
  })
  .refine((s) => Boolean(s.options) !== Boolean(s.option_groups), 'a static select has options or option groups, not both');

const multiStaticSelect = z.object({
  type: z.literal('multi_static_select'),
  action_id: actionId,
  placeholder: plain(LIMITS.placeholder).optional(),
  options: z.array(optionSchema).min(1).max(LIMITS.staticOptions),
  initial_options: z.array(optionSchema).optional(),
  max_selected_items: z.number().int().min(1).optional(),
});

const externalSelect = z.object({
  type: z.literal('external_select'),
  action_id: actionId,
  placeholder: plain(LIMITS.placeholder).optional(),
  initial_option: optionSchema.optional(),
  min_query_length: z.number().int().min(0).optional(),
});

const multiExternalSelect = z.object({
  type: z.literal('multi_external_select'),
  action_id: actionId,
  placeholder: plain(LIMITS.placeholder).optional(),
  initial_options: z.array(optionSchema).optional(),
  min_query_length: z.number().int().min(0).optional(),
  max_selected_items: z.number().int().min(1).optional(),
});

const checkboxes = z.object({
  type: z.literal('checkboxes'),
  action_id: actionId,
  options: z.array(optionSchema).min(1).max(10),
  initial_options: z.array(optionSchema).optional(),
});

const textInput = z.object({
  type: z.literal('plain_text_input'),
  action_id: actionId,
  multiline: z.boolean().optional(),
  max_length: z.number().int().min(1).max(LIMITS.inputMaxLength).optional(),
  initial_value: z.string().max(LIMITS.inputMaxLength).optional(),
  placeholder: plain(LIMITS.placeholder).optional(),
});

const numberInput = z.object({
  type: z.literal('number_input'),
  action_id: actionId,
  is_decimal_allowed: z.boolean(),
  initial_value: z.string().optional(),
  min_value: z.string().optional(),
  max_value: z.string().optional(),
  placeholder: plain(LIMITS.placeholder).optional(),
});

const datepicker = z.object({
  type: z.literal('datepicker'),
  action_id: actionId,
  initial_date: z
    .string()
    .regex(/^\d{4}-\d\d-\d\d$/)
    .optional(),
});
const datetimepicker = z.object({ type: z.literal('datetimepicker'), action_id: actionId, initial_date_time: z.number().int().optional() });

const inputElement = z.union([textInput, numberInput, staticSelect, multiStaticSelect, externalSelect, multiExternalSelect, checkboxes, datepicker, datetimepicker]);

const section = z
  .object({
    type: z.literal('section'),
    block_id: blockId,
    text: mrkdwn(LIMITS.sectionText).optional(),
    fields: z.array(mrkdwn(LIMITS.fieldText)).min(1).max(LIMITS.sectionFields).optional(),
    accessory: z.union([buttonSchema, staticSelect]).optional(),
  })
  .refine((s) => s.text || s.fields, 'a section needs text or fields');

const actions = z.object({
  type: z.literal('actions'),
  block_id: blockId,
  elements: z
    .array(z.union([buttonSchema, staticSelect]))
    .min(1)
    .max(LIMITS.actionsElements),
});

const context = z.object({ type: z.literal('context'), block_id: blockId, elements: z.array(mrkdwn(LIMITS.contextText)).min(1).max(LIMITS.contextElements) });
const divider = z.object({ type: z.literal('divider'), block_id: blockId });

const input = z.object({
  type: z.literal('input'),
  block_id: z.string().min(1).max(LIMITS.blockId),
  label: plain(LIMITS.inputLabel),
  hint: plain(LIMITS.inputHint).optional(),
  optional: z.boolean().optional(),
  element: inputElement,
});

export const messageBlockSchema = z.union([section, actions, context, divider]);
export const viewBlockSchema = z.union([section, actions, context, divider, input]);

export const messageSchema = z.object({
  text: z.string().min(1).max(LIMITS.messageText),
  blocks: z.array(messageBlockSchema).min(1).max(LIMITS.messageBlocks),
});

export const modalSchema = z.object({
  type: z.literal('modal'),
  callback_id: z.string().min(1).max(LIMITS.callbackId),
  title: plain(LIMITS.modalTitle),
  submit: plain(LIMITS.modalButton).optional(),
  close: plain(LIMITS.modalButton).optional(),
  private_metadata: z.string().max(LIMITS.privateMetadata).optional(),
  blocks: z.array(viewBlockSchema).min(1).max(LIMITS.viewBlocks),
});

export const homeSchema = z.object({
  type: z.literal('home'),
  private_metadata: z.string().max(LIMITS.privateMetadata).optional(),
  blocks: z.array(messageBlockSchema).min(1).max(LIMITS.viewBlocks),
});

export type SlackBlock = z.infer<typeof viewBlockSchema>;
export type SlackMessage = z.infer<typeof messageSchema>;
export type SlackModal = z.infer<typeof modalSchema>;
export type SlackHome = z.infer<typeof homeSchema>;
