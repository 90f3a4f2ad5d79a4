/** Slack's App Home tab: the member's dashboard, published when they open it or click in it. */
import type { App as BoltApp } from '@slack/bolt';
import { renderHome } from './render.js';
import type { Turns } from './turns.js';

export async function publishHome(turns: Turns, team: string, user: string): Promise<void> {
  const { core, api } = turns.deps;
  const { reply, lang } = await core.home(turns.from(team, user, undefined));
  await api.call('views.publish', { user_id: user, view: renderHome(reply, lang) }).catch(() => {
    // Logged with method and error code; the tab keeps its previous content.
  });
}

export function listenForHome(bolt: BoltApp, turns: Turns): void {
  bolt.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(turns, body.team_id, event.user).catch((err: unknown) => turns.deps.log.error({ err }, 'App Home failed'));
  });
}
