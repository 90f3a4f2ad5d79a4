/**
 * The poll's operations bound to one app's services, for tests and benchmarks that drive polls
 * from outside a member's turn (the dialog and its jobs call the functions themselves).
 */
import type { Types } from 'mongoose';
import type { BodyDoc } from '../../models/body.js';
import type { MemberDoc } from '../../models/member.js';
import type { PollDoc, PollInput } from '../../models/poll.js';
import type { Services } from '../../src/services.js';
import { announce, castVote, closePoll } from '../../dialogs/poll/channel.js';
import { create, participation, tally, type BallotInput } from '../../dialogs/poll/service.js';

export const PollService = {
  for(services: Services) {
    return {
      create: (o: { community: Types.ObjectId | string; creator: MemberDoc; body: BodyDoc; input: PollInput; remindBeforeMs?: number }) => create(services, o),
      announce: (poll: PollDoc, body: BodyDoc) => announce(services, poll, body),
      vote: (poll: PollDoc, member: MemberDoc, ballot: BallotInput) => castVote(services, poll, member, ballot),
      tally: (poll: PollDoc) => tally(poll),
      participation: (poll: PollDoc) => participation(services, poll),
      close: (pollId: Types.ObjectId | string, by: MemberDoc | null) => closePoll(services, pollId, by),
    };
  },
};
