/**
 * The chat page's transcripts: each activity appended with the next number of one sequence (the
 * Direct Line watermark), so a poll for «after n» never misses one that was being written while
 * it read. Appends run one at a time in this process (the page is a one-instance demo); the
 * unique index on the number refuses a second writer's duplicate, which then takes the next one.
 */
import { Types } from 'mongoose';
import { WebchatActivity } from '../../../models/webchat-activity.js';
import { Serial } from '../../../src/serial.js';

export type StoredActivity = Record<string, unknown> & { id: string };

export interface Row {
  seq: number;
  conversation: string;
  activity: StoredActivity;
}

const MAX_PAGE = 200;

export class Transcripts {
  private readonly serial = new Serial();
  private next: number | null = null;
  /** The newest bot activity per conversation (what the unread marks compare with). */
  private latest: Map<string, number> | null = null;
  /** When each activity was first shown, so a new version of it stays where it was. */
  private readonly firstSeq = new Map<string, number>();

  constructor(private readonly community: string) {}

  private get communityId() {
    return new Types.ObjectId(this.community);
  }

  /** Appends the activity under its id (a new version of an activity with that id replaces it on the page). */
  append(conversation: string, activity: StoredActivity, fromBot: boolean): Promise<Row> {
    return this.serial.run('append', async () => {
      for (let attempt = 0; ; attempt++) {
        const seq = await this.nextSeq();
        const order = (await this.orderOf(activity.id)) ?? seq;
        // Web Chat sorts by this and replaces an activity it already shows when one with the same id arrives.
        const stored: StoredActivity = { ...activity, channelData: { ...((activity.channelData as object | undefined) ?? {}), 'webchat:sequence-id': order } };
        try {
          await WebchatActivity.create({ community: this.communityId, conversation, seq, activityId: activity.id, fromBot, json: JSON.stringify(stored) });
        } catch (err) {
          if ((err as { code?: number }).code !== 11000 || attempt > 5) throw err;
          this.next = null;
          continue;
        }
        this.next = seq + 1;
        if (!this.firstSeq.has(activity.id)) this.firstSeq.set(activity.id, order);
        if (fromBot) (await this.latestMap()).set(conversation, seq);
        return { seq, conversation, activity: stored };
      }
    });
  }

  /** The newest version of an activity in one of these conversations, or null. */
  async find(conversations: string[], activityId: string): Promise<Row | null> {
    const r = await WebchatActivity.findOne({ community: this.communityId, activityId, conversation: { $in: conversations } }).sort({ seq: -1 });
    return r ? { seq: r.seq, conversation: r.conversation, activity: JSON.parse(r.json) as StoredActivity } : null;
  }

  /** What was appended to these conversations after the watermark, oldest first. */
  async after(conversations: string[], watermark: number): Promise<{ rows: Row[]; watermark: number }> {
    const docs = await WebchatActivity.find({ community: this.communityId, conversation: { $in: conversations }, seq: { $gt: watermark } })
      .sort({ seq: 1 })
      .limit(MAX_PAGE);
    const rows = docs.map((d) => ({ seq: d.seq, conversation: d.conversation, activity: JSON.parse(d.json) as StoredActivity }));
    return { rows, watermark: rows.length ? rows[rows.length - 1]!.seq : Math.max(watermark, 0) };
  }

  /** The number of the newest bot activity in each conversation. */
  async newest(): Promise<Record<string, number>> {
    return Object.fromEntries(await this.latestMap());
  }

  private async nextSeq(): Promise<number> {
    if (this.next === null) {
      const last = await WebchatActivity.findOne({ community: this.communityId }).sort({ seq: -1 });
      this.next = (last?.seq ?? 0) + 1;
    }
    return this.next;
  }

  private async orderOf(activityId: string): Promise<number | null> {
    const known = this.firstSeq.get(activityId);
    if (known !== undefined) return known;
    const first = await WebchatActivity.findOne({ community: this.communityId, activityId }).sort({ seq: 1 });
    return first ? first.seq : null;
  }

  private async latestMap(): Promise<Map<string, number>> {
    if (!this.latest) {
      const map = new Map<string, number>();
      const docs = await WebchatActivity.find({ community: this.communityId, fromBot: true }, { conversation: 1, seq: 1 }).sort({ seq: 1 });
      for (const d of docs) map.set(d.conversation, d.seq);
      this.latest = map;
    }
    return this.latest;
  }
}
