/**
 * The Teams tenant the chat page plays: each demo member a Teams user (an AAD object id and a
 * «29:» user id derived from their e-mail, as Teams has one per account), their personal chat with
 * the bot, one team holding every demo member, and one channel in it per body. Ids only — the
 * Teams adapter learns who is who the way it does in Teams: from the roster and the member
 * look-up, by e-mail.
 */
import { createHash } from 'node:crypto';
import type { DemoPerson, DemoRoster } from '../../../src/demo-roster.js';

export const TENANT_ID = 'samla-webchat-demo';
export const TEAM_ID = '19:samla-webchat-team@thread.tacv2';
export const BOT = { id: '28:samla-webchat', name: 'Samla' };

export interface TeamsUser {
  member: DemoPerson;
  id: string;
  aadObjectId: string;
  /** The personal chat with the bot. */
  conversationId: string;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function teamsUser(member: DemoPerson): TeamsUser {
  const h = hash(`samla-webchat:${member.email}`);
  return {
    member,
    id: `29:wc-${h.slice(0, 24)}`,
    aadObjectId: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`,
    conversationId: `a:wc-${h.slice(32, 56)}`,
  };
}

export function channelConversationId(bodyKey: string): string {
  return `19:samla-webchat-${bodyKey}@thread.tacv2`;
}

/** Looks the demo members up by their Teams ids, and the bodies by their channels. */
export class DemoTenant {
  readonly users: TeamsUser[];
  private readonly byUserId = new Map<string, TeamsUser>();
  private readonly byMemberId = new Map<string, TeamsUser>();

  constructor(readonly roster: DemoRoster) {
    this.users = roster.members.map(teamsUser);
    for (const u of this.users) {
      this.byUserId.set(u.id, u);
      this.byUserId.set(u.aadObjectId, u);
      this.byMemberId.set(u.member.id, u);
    }
  }

  user(userIdOrAad: string): TeamsUser | undefined {
    return this.byUserId.get(userIdOrAad);
  }

  ofMember(memberId: string): TeamsUser | undefined {
    return this.byMemberId.get(memberId);
  }

  /** The body whose channel this conversation is. */
  bodyOfChannel(conversationId: string) {
    return this.roster.bodies.find((b) => channelConversationId(b.key) === conversationId);
  }

  /** The Teams account as the connector's member look-up answers it. */
  account(u: TeamsUser) {
    return { id: u.id, name: u.member.name, aadObjectId: u.aadObjectId, email: u.member.email, userPrincipalName: u.member.email, tenantId: TENANT_ID, userRole: 'user' };
  }
}
