/** Names shared by the poll's service, forms, jobs and messages. */
import type { Types } from 'mongoose';
import { action, type ActionPayload } from '../../src/payload.js';

type Id = Types.ObjectId | string;

export const POLL = 'poll';
export const CREATE_FORM = 'new';
export const BALLOT_FORM = 'ballot';

export const CLOSE_JOB = 'samla:poll:close';
export const REMIND_JOB = 'samla:poll:remind';
export const REMINDER_TEMPLATE = 'poll-reminder';

/** The channel message's update key (delivery.update / SentMessage). */
export const pollKey = (poll: Id) => `poll:${String(poll)}`;
export const resultsKey = (poll: Id) => `poll:${String(poll)}:results`;

/** What the poll's ballot form submits to; its drafts are kept under it. */
export const ballotAction = (poll: Id): ActionPayload => action(POLL, BALLOT_FORM, { p: String(poll) });
