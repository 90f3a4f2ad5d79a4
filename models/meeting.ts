import './whole-batches.js';
/**
 * Meetings of a body, their schedule settings and who is coming.
 *
 * Agenda items may point at a case (an accepted case is put on a meeting's agenda with
 * `addAgendaItem` in dialogs/meeting/service.ts); the case's number is copied in so the agenda
 * reads well without looking the case up.
 */
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/** Offsets are in seconds so tests can schedule a few seconds ahead; defaults follow the seeds. */
export const DEFAULT_SCHEDULE = {
  /** Notice with agenda and papers («utsendt 2 veker i forkant»). */
  noticeBefore: 14 * 24 * 3600,
  /** Reminders before the start. */
  remindersBefore: [2 * 24 * 3600, 3600],
  /** After the end, the secretariat is reminded to share the minutes. */
  minutesAfter: 3600,
} as const;

export interface MeetingSchedule {
  noticeBefore: number;
  remindersBefore: number[];
  minutesAfter: number;
}

const scheduleSchema = new Schema(
  {
    noticeBefore: { type: Number, required: true },
    remindersBefore: { type: [Number], default: [] },
    minutesAfter: { type: Number, required: true },
  },
  { _id: false },
);

const agendaItemSchema = new Schema(
  {
    title: { type: String, required: true },
    /** The case this item handles, when it is one. */
    caseId: { type: Schema.Types.ObjectId, ref: 'Case', default: null },
    /** The case's number as shown, e.g. "SSU 12/2026". */
    caseNumber: { type: String, default: '' },
    /** A link to the paper (saksframlegg) for the item. */
    paperUrl: { type: String, default: '' },
  },
  { _id: true },
);

const meetingSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    body: { type: Schema.Types.ObjectId, ref: 'Body', required: true },
    title: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    place: { type: String, default: '' },
    videoUrl: { type: String, default: '' },
    agenda: { type: [agendaItemSchema], default: [] },
    status: { type: String, enum: ['scheduled', 'cancelled'], default: 'scheduled' },
    /** The calendar event's SEQUENCE: raised by every change so calendars update the same event. */
    sequence: { type: Number, default: 0 },
    /** When the notice went out (null until then). */
    noticeSentAt: { type: Date, default: null },
    /** The offsets this meeting is scheduled with (copied from the community's settings when created). */
    schedule: { type: scheduleSchema, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
  },
  { timestamps: true },
);
meetingSchema.index({ community: 1, body: 1, start: 1 });
meetingSchema.index({ community: 1, start: 1 });

export type MeetingFields = InferSchemaType<typeof meetingSchema>;
export type MeetingDoc = HydratedDocument<MeetingFields>;
export type AgendaItemInput = { title: string; caseId?: string | null; caseNumber?: string; paperUrl?: string };
export const Meeting = mongoose.model('Meeting', meetingSchema);

/** A community's meeting schedule; without a row the defaults apply. */
const meetingSettingsSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true, unique: true },
    schedule: { type: scheduleSchema, required: true },
  },
  { timestamps: true },
);
export const MeetingSettings = mongoose.model('MeetingSettings', meetingSettingsSchema);

export const ANSWERS = ['attending', 'absent', 'deputy'] as const;
export type Answer = (typeof ANSWERS)[number];

/** One member's answer for one meeting; one row per (meeting, member), changed in place. */
const attendanceSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    /** The member's party when they answered: the attendance view is by party. */
    party: { type: Schema.Types.ObjectId, ref: 'Party', required: true },
    answer: { type: String, enum: ANSWERS, required: true },
    /** The deputy (vara) sent instead, from the same party. */
    deputy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    answeredAt: { type: Date, default: () => new Date() },
  },
  { timestamps: true },
);
attendanceSchema.index({ meeting: 1, member: 1 }, { unique: true });
attendanceSchema.index({ community: 1, meeting: 1 });
attendanceSchema.index({ community: 1, deputy: 1 });

export type AttendanceFields = InferSchemaType<typeof attendanceSchema>;
export type AttendanceDoc = HydratedDocument<AttendanceFields>;
export const Attendance = mongoose.model('Attendance', attendanceSchema);
