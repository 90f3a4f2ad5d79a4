/** Names shared by the poll's service, jobs and messages. */
import type { Types } from 'mongoose';

type Id = Types.ObjectId | string;

export const CLOSE_JOB = 'samla:poll:close';
export const REMIND_JOB = 'samla:poll:remind';
export const REMINDER_TEMPLATE = 'poll-reminder';

/** The channel message's update key (delivery.update / SentMessage). */
export const pollKey = (poll: Id) => `poll:${String(poll)}`;
export const resultsKey = (poll: Id) => `poll:${String(poll)}:results`;
