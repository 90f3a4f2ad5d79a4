/** Every dialog the bot runs. A new capability adds its dialog to the list here. */
import type { Dialog } from '../src/dialog.js';
import { helpDialog } from './help.js';
import { statusDialog } from './status.js';
import { languageDialog } from './language.js';
import { channelDialog, demoDialog } from './admin.js';
import { muteDialog } from './mute.js';
import { deliveryDialog } from './delivery.js';
import { strategyDialog } from './strategy/index.js';
import { meetingDialog } from './meeting/index.js';
import { partnerDialog } from './partner/index.js';
import { caseDialog } from './case/index.js';
import { pollDialog } from './poll/index.js';
import { inputDialog } from './input/index.js';

export function allDialogs(): Dialog[] {
  const dialogs: Dialog[] = [];
  const list = () => dialogs;
  dialogs.push(statusDialog(list), languageDialog, muteDialog, demoDialog, channelDialog, deliveryDialog);
  dialogs.push(partnerDialog);
  dialogs.push(caseDialog);
  dialogs.push(pollDialog);
  dialogs.push(meetingDialog);
  dialogs.push(strategyDialog);
  dialogs.push(inputDialog);
  return [helpDialog(list), ...dialogs];
}
