/** One Slack turn: the Incoming through the core, and its replies posted where they belong. */
import type { Core, Incoming, Outcome } from '../../src/bot.js';
import type { Logger } from '../../src/log.js';
import type { ActionPayload } from '../../src/payload.js';
import { texts as coreTexts } from '../../src/texts.js';
import type { Lang } from '../../src/ui.js';
import { whereFields } from './conversation.js';
import { slackUser } from './identity.js';
import { ReplyPoster, type ReplyTarget, type SlackApi } from './send.js';

export interface ReceiveDeps {
  core: Core;
  api: SlackApi;
  log: Logger;
  defaultLang: Lang;
  /** What a «contribute this message» shortcut asks of the core (the composition root decides); null: none. */
  messageAction: ActionPayload | null;
}

export type Target = Omit<ReplyTarget, 'lang'>;

export class Turns {
  readonly poster: ReplyPoster;

  constructor(readonly deps: ReceiveDeps) {
    this.poster = new ReplyPoster(deps.api);
  }

  /** Who and where a turn is: the member in their workspace, in the channel (or DM) it came from. */
  from(team: string, user: string, channel: string | undefined): Pick<Incoming, 'platform' | 'tenant' | 'user' | 'conversationId' | 'where' | 'channelExternalId' | 'channelRef'> {
    return { platform: 'slack', tenant: team, user: slackUser(this.deps.api, user), ...whereFields(team, user, channel) };
  }

  /** Runs a turn through the core and posts its replies; a failure is logged and the member told. */
  async run(inc: Incoming, target: Target): Promise<Outcome | null> {
    const { core, log, defaultLang } = this.deps;
    let out: Outcome;
    try {
      out = await core.receive(inc);
    } catch (err) {
      log.error({ err, kind: inc.kind }, 'Slack turn failed');
      await this.poster.post({ ...target, team: inc.tenant, lang: defaultLang, triggerId: undefined }, [
        { text: coreTexts(defaultLang, 'core.error.somethingWrong'), visibility: 'private' },
      ]);
      return null;
    }
    if (!out.duplicate) await this.poster.post({ ...target, team: inc.tenant, lang: out.lang }, out.replies);
    return out;
  }
}
