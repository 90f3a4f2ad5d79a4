/** Helpers for the poll tests: a recording channel sender, many generated members, votes through the core. */
import { Address } from '../../models/address.js';
import { Body, type BodyDoc } from '../../models/body.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { PollDoc, PollInput } from '../../models/poll.js';
import { PollService } from './polls.js';
import type { App } from '../../src/platform.js';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import type { AddressDoc } from '../../models/address.js';
import type { Sender } from '../../src/delivery.js';
import { action } from '../../src/payload.js';
import type { Platform, Reply } from '../../src/ui.js';
import type { TestApp } from './app.js';
import { directMessage } from './incoming.js';

export interface Recorded {
  at: number;
  address: AddressDoc;
  reply: Reply;
  ref: string;
}

/** A sender that records what the bot posts and updates, standing in for a platform in domain tests. */
export function recordingSender(platform: Platform = 'slack') {
  const sends: Recorded[] = [];
  const updates: Recorded[] = [];
  let n = 0;
  const sender: Sender = {
    platform,
    async send(address, reply) {
      const ref = `msg-${++n}`;
      sends.push({ at: Date.now(), address, reply, ref });
      return ref;
    },
    async update(address, ref, reply) {
      updates.push({ at: Date.now(), address, reply, ref });
    },
  };
  return { sender, sends, updates };
}

/** Binds a fake channel to the body on the platform, so delivery.toBody posts there. */
export async function bindChannel(t: TestApp, bodyKey: string, platform: Platform = 'slack'): Promise<BodyDoc> {
  const body = (await Body.findOne({ community: t.community._id, key: bodyKey }))!;
  await Address.updateOne(
    { community: t.community._id, platform, kind: 'channel', externalId: `C-${bodyKey}` },
    { $set: { body: body._id, ref: { channel: `C-${bodyKey}` } } },
    { upsert: true },
  );
  return body;
}

/** Adds `count` generated members to a body, spread over the community's non-secretariat parties. */
export async function addMembers(t: TestApp, bodyKey: string, count: number, prefix = 'gen'): Promise<MemberDoc[]> {
  const body = (await Body.findOne({ community: t.community._id, key: bodyKey }))!;
  const parties = await Party.find({ community: t.community._id, type: { $ne: 'secretariat' } }).sort({ key: 1 });
  const docs = Array.from({ length: count }, (_, i) => ({
    community: t.community._id,
    name: `${prefix} Member ${i + 1}`,
    email: `${prefix}.${i + 1}@test.samla.no`,
    party: parties[i % parties.length]!._id,
    memberships: [{ body: body._id, role: 'member' }],
  }));
  await Member.insertMany(docs);
  return Member.find({ community: t.community._id, email: { $regex: `^${prefix}\\.` } }).sort({ _id: 1 });
}

export const defaultInput = (over: Partial<PollInput> = {}): PollInput => ({
  question: 'Kva modell for toppleiarmøtet vil de ha?',
  type: 'single',
  options: ['Modell A', 'Modell B', 'Modell C'],
  maxChoices: null,
  voters: 'member',
  observersMayVote: false,
  anonymous: false,
  results: 'live',
  closesAt: null,
  ...over,
});

export async function createPoll(t: TestApp, bodyKey: string, over: Partial<PollInput> = {}, opts: { remindBeforeMs?: number } = {}): Promise<PollDoc> {
  const body = (await Body.findOne({ community: t.community._id, key: bodyKey }))!;
  const creator = await t.member('sara.solheim@demo.samla.no');
  const polls = PollService.for(t.app.services);
  const poll = await polls.create({ community: t.community._id, creator, body, input: defaultInput(over), ...opts });
  await polls.announce(poll, body);
  return poll;
}

/** One vote click through the core, as the console adapter would send it. */
export function clickVote(t: TestApp, email: string, poll: PollDoc, optionId: string, eventId?: string) {
  return t.app.core.receive(directMessage(t, email, { kind: 'action', action: action('poll', 'vote', { p: String(poll._id), o: optionId }), eventId }));
}

/** A form submission through the core. */
export function submitBallot(t: TestApp, email: string, poll: PollDoc, values: Record<string, string | string[]>) {
  return t.app.core.receive(directMessage(t, email, { kind: 'submit', action: action('poll', 'ballot', { p: String(poll._id) }), values }));
}

/** Starts another app on an existing test database (a restart, or a second instance), without seeding. */
export async function startAppOn(env: Record<string, string>): Promise<App> {
  const { createLogger } = await import('../../src/log.js');
  return startSamla(loadConfig(env), { log: createLogger(env.LOG_LEVEL ?? 'silent') });
}

export function allText(r: Reply): string {
  const parts = [r.text];
  for (const e of r.elements ?? []) {
    if (e.type === 'section' || e.type === 'context') parts.push(e.text);
    if (e.type === 'fields') parts.push(...e.fields.map((f) => `${f.label} ${f.value}`));
    if (e.type === 'bars') parts.push(...e.bars.map((b) => `${b.label} ${b.count}/${b.total}`));
    if (e.type === 'buttons') parts.push(...e.buttons.map((b) => b.label));
  }
  return parts.join('\n');
}

/** The e-mail of a member (not leader, observer or secretariat) of the body: someone who votes in its polls. */
export async function votingMember(t: TestApp, bodyKey: string): Promise<string> {
  const body = (await Body.findOne({ community: t.community._id, key: bodyKey }))!;
  const all = await Member.find({ community: t.community._id, 'memberships.body': body._id });
  return all.find((m) => m.memberships.some((x) => String(x.body) === String(body._id) && x.role === 'member'))!.email;
}
