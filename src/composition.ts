/**
 * The composition root: the one module that knows every capability and every platform, and hands
 * them to the app. Adding a capability is a folder under dialogs/ and one line in `capabilities()`.
 * The core (src/) imports nothing from dialogs/ or adapters/ except here and in the entry points.
 */
import type { StartOptions } from './app.js';
import type { App } from './platform.js';
import { startApp } from './app.js';
import type { Config } from './config.js';
import type { Dialog } from './dialog.js';
import type { AdapterFactory } from './platform.js';
import { action } from './payload.js';
import { helpDialog } from '../dialogs/help/index.js';
import { statusDialog } from '../dialogs/status/index.js';
import { languageDialog } from '../dialogs/language/index.js';
import { channelDialog, demoDialog, labelDialog } from '../dialogs/admin/index.js';
import { muteDialog } from '../dialogs/mute/index.js';
import { deliveryDialog } from '../dialogs/delivery/index.js';
import { partnerDialog } from '../dialogs/partner/index.js';
import { caseDialog } from '../dialogs/case/index.js';
import { casePartnerHooks } from '../dialogs/case/partners.js';
import { onPartnerDecisions } from '../dialogs/partner/service.js';
import { CASE_KIND } from '../models/case.js';
import { pollDialog } from '../dialogs/poll/index.js';
import { meetingDialog } from '../dialogs/meeting/index.js';
import { strategyDialog } from '../dialogs/strategy/index.js';
import { inputDialog } from '../dialogs/input/index.js';

/** Every capability, in the order «hjelp» lists them. */
export function capabilities(): Dialog[] {
  const all: Dialog[] = [];
  // «hjelp» and «status» gather from every capability, themselves included.
  const list = () => all;
  // The partners' last decision on a case completes it; the case capability hears it here.
  onPartnerDecisions(CASE_KIND, casePartnerHooks);
  all.push(
    helpDialog(list),
    statusDialog(list),
    languageDialog,
    muteDialog,
    demoDialog,
    channelDialog,
    labelDialog,
    deliveryDialog,
    partnerDialog,
    caseDialog,
    pollDialog,
    meetingDialog,
    strategyDialog,
    inputDialog,
  );
  return all;
}

/** The platforms, loaded only when configured (Bolt and botbuilder are slow to import). */
export const platforms: AdapterFactory[] = [
  {
    name: 'slack',
    enabled: (c) => c.slackEnabled,
    mount: async (app) => (await import('../adapters/slack/index.js')).mountSlack(app),
  },
  {
    name: 'teams',
    // The chat page runs the Teams adapter too (without /api/messages unless Teams is enabled).
    enabled: (c) => c.teamsEnabled || c.webchatEnabled,
    whenOff: 'Microsoft Teams is off (no /api/messages): set MICROSOFT_APP_ID, or TEAMS_EMULATOR=true for Bot Framework Emulator outside production',
    mount: async (app) => (await import('../adapters/teams/index.js')).mountTeams(app),
  },
];

export type SamlaOptions = Omit<StartOptions, 'dialogs' | 'adapters'> & Partial<Pick<StartOptions, 'dialogs' | 'adapters'>>;

/** Samla as it runs: every capability, and the platforms the configuration enables. */
export function startSamla(config: Config, opts: SamlaOptions = {}): Promise<App> {
  return startApp(config, { dialogs: capabilities(), adapters: platforms, messageAction: contributeFromMessage, ...opts });
}

/** A message shortcut (Slack) or message action (Teams) turns the message into input to a round. */
const contributeFromMessage = action('input', 'from-message');

export { runConsole } from '../adapters/console/index.js';
