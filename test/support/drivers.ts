/** The platforms every shared suite runs through. Each adapter adds its driver here. */
import { consoleDriver } from './console-driver.js';
import type { DriverFactory } from './driver.js';
import { slackDriver } from './slack-driver.js';
import { teamsDriver } from './teams-driver.js';

export const DRIVERS: [string, DriverFactory][] = [
  ['console', consoleDriver],
  ['slack', (t) => slackDriver(t)],
  ['slack socket mode', (t) => slackDriver(t, undefined, 'socket')],
  ['teams', (t) => teamsDriver(t)],
];
