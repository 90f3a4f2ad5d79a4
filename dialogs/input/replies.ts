/** The two shapes every reply of this capability takes: a private message, and a form shown privately. */
import type { StepResult } from '../../src/dialog.js';
import type { Element, Form, Reply } from '../../src/ui.js';

export const priv = (text: string, ...elements: Element[]): Reply => ({ text, elements: elements.length ? elements : [{ type: 'section', text }], visibility: 'private' });
export const formReply = (f: Form): Reply => ({ text: f.title, elements: [{ type: 'form', form: f }], visibility: 'private' });
export const done = (...replies: Reply[]): StepResult => ({ replies });
/** A submission refused as a whole, with the reason above the form. */
export const refused = (reason: string): StepResult => ({ replies: [], errors: { _form: reason } });
