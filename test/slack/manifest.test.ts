/** The app manifest asks for what the adapter uses: the command, events, shortcut and scopes. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../adapters/slack/index.js';
import { CONTRIBUTE_SHORTCUT } from '../../adapters/slack/receive.js';

const manifest = parse(fs.readFileSync(new URL('../../slack/manifest.yaml', import.meta.url), 'utf8'));

describe('Slack app manifest', () => {
  it('routes the command, events, interactivity and select options to /slack/events', () => {
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: '/samla' });
    for (const url of [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ]) {
      expect(new URL(url).pathname).toBe(EVENTS_PATH);
    }
  });

  it('subscribes to the events the adapter handles, with App Home on', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('has the message shortcut for contributions and the scopes, incl. users:read.email', () => {
    expect(manifest.features.shortcuts).toContainEqual(expect.objectContaining({ type: 'message', callback_id: CONTRIBUTE_SHORTCUT }));
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'im:write', 'im:history', 'app_mentions:read', 'users:read', 'users:read.email']),
    );
  });
});
