/**
 * Who a Slack user is: on first contact the core asks for their e-mail (users.info, scope
 * users:read.email) to find the Member; afterwards the stored Slack user id is enough. For a member
 * who never wrote to the bot, delivery asks the other way round (users.lookupByEmail, same scope).
 */
import { Address, type AddressDoc } from '../../models/address.js';
import type { CommunityDoc } from '../../models/community.js';
import type { MemberDoc } from '../../models/member.js';
import type { PlatformUser } from '../../src/identity.js';
import type { Logger } from '../../src/log.js';
import type { SlackApi } from './send.js';

/** What the adapter stores on a member's address to reach them later: the user id (the DM is opened when sending). */
export interface SlackUserRef {
  userId: string;
}

export function slackUser(api: SlackApi, userId: string): PlatformUser {
  const ref: SlackUserRef = { userId };
  return {
    externalId: userId,
    ref: { ...ref },
    async lookupEmail() {
      const r = await api.call<{ user?: { profile?: { email?: string }; is_bot?: boolean } }>('users.info', { user: userId });
      if (r.user?.is_bot) return null;
      return r.user?.profile?.email ?? null;
    },
  };
}

/** Slack's answer when nobody in the workspace has the e-mail: an answer, not a failure. */
const NOT_FOUND = 'users_not_found';

/**
 * Finds a member in the workspace by their directory e-mail and stores their address, as first
 * contact would have. Null when Slack does not know them (no retry: the answer will not change
 * within this delivery). Other failures are thrown, so delivery logs them.
 */
export async function reachByEmail(api: SlackApi, log: Logger, member: MemberDoc, community: CommunityDoc): Promise<AddressDoc | null> {
  let user: { id?: string; is_bot?: boolean; deleted?: boolean } | undefined;
  try {
    const r = await api.call<{ user?: typeof user }>('users.lookupByEmail', { email: member.email }, [NOT_FOUND]);
    user = r.user;
  } catch (err) {
    if ((err as { slackError?: string }).slackError === NOT_FOUND) {
      log.debug({ member: String(member._id) }, 'member not found in the Slack workspace');
      return null;
    }
    throw err;
  }
  if (!user?.id || user.is_bot || user.deleted) return null;
  const key = { community: community._id, platform: 'slack' as const, kind: 'member' as const, externalId: user.id };
  const ref: SlackUserRef = { userId: user.id };
  try {
    // One row per Slack user (the unique key), so two instances finding the same member store one.
    // $setOnInsert: an address the user already has (from first contact) is theirs and stays as it is.
    await Address.updateOne(key, { $setOnInsert: { member: member._id, ref: { ...ref } } }, { upsert: true });
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
  }
  const address = await Address.findOne(key);
  if (!address?.member || String(address.member) !== String(member._id)) {
    // The Slack user is already bound to another member (e.g. the e-mail moved): never take it over.
    log.info({ member: String(member._id), address: address ? String(address._id) : null }, 'Slack user found by e-mail belongs to another member');
    return null;
  }
  return address;
}
