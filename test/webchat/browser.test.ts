/**
 * The chat page end to end in headless Chromium (Debian's chromium, driven by playwright-core):
 * the real app over real HTTP, Bot Framework Web Chat rendering the Teams adapter's Adaptive Cards.
 * Everything asserted is what the page shows. Screenshots of each step go to
 * .cache/test-artifacts/webchat/ (not committed).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { ROOT } from '../../src/paths.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { roster } from '../support/directline.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, '.cache', 'test-artifacts', 'webchat');
const WAIT = 30_000;
const TITLE = 'Fastlegeordningen i kommunane';

let t: TestApp;
let browser: Browser;
let page: Page;
let people: Awaited<ReturnType<typeof roster>>['members'];
let shot = 0;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`) });
}

/** Picks who you are in the chooser. */
async function choose(member: { id: string }) {
  await page.locator(`#members button[data-key="dm.${member.id}"]`).click();
  await page
    .locator('#viewing-title')
    .getByText(people.find((p) => p.id === member.id)!.name)
    .waitFor({ timeout: WAIT });
}

async function say(text: string) {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** The newest Adaptive Card in the open chat that shows this text. */
function card(text: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

/** Waits until the open chat shows the text (in a message or on a card). */
async function shows(text: string | RegExp): Promise<Locator> {
  const l = page.locator('.webchat__basic-transcript__transcript').getByText(text).last();
  await l.waitFor({ timeout: WAIT });
  return l;
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestApp({ SAMLA_WEBCHAT: 'on', TEAMS_EMULATOR: undefined });
  people = (await roster(t.app.http.url)).members;
  browser = await chromium.launch({ executablePath: CHROMIUM });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  page = await context.newPage();
  await page.goto(`${t.app.http.url}/chat`);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await screenshot('failed');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Samla in the browser, as demo members', { timeout: 120_000 }, () => {
  const sara = () => people.find((p) => p.email === DEMO_SECRETARIAT_EMAIL)!;
  const bergen = () => people.find((p) => p.party === 'Bergen kommune')!;

  it('the secretariat opens an input round through the card; a wrong deadline is explained on the card, with what was typed kept', async () => {
    await choose(sara());
    await say('innspill ny');
    const form = card('Åpne runden');
    await form.waitFor({ timeout: WAIT });
    await form.getByLabel('Tittel').fill(TITLE);
    await form.getByLabel('Spørsmål til partene').fill('Kva treng kommunen for å halde på fastlegane?');
    await form.getByLabel('Kommuner').check();
    await form.getByLabel(/^Frist( \*)?$/).fill(day(-1));
    await form.getByLabel(/^Frist: klokkeslett( \*)?$/).fill('12:00');
    await form.getByRole('button', { name: 'Åpne runden' }).click();

    // The same card comes back with the error on the field and everything typed still there.
    await shows('Fristen må være fram i tid.');
    await screenshot('round-form-error');
    const again = card('Fristen må være fram i tid.');
    expect(await again.getByLabel('Tittel').inputValue()).toBe(TITLE);
    expect(await again.getByLabel('Kommuner').isChecked()).toBe(true);
    expect(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Åpne runden' }).count()).toBe(1);

    await again.getByLabel(/^Frist( \*)?$/).fill(day(10));
    await again.getByRole('button', { name: 'Åpne runden' }).click();
    await shows(`Runde 1 «${TITLE}» er åpnet`);
    await screenshot('round-opened');
  });

  it('a municipality member gets the invitation while another chat is open, and answers it through the card', async () => {
    const member = bergen();
    // Marked unread in the chooser while the secretariat's chat is still open.
    await page.locator(`#members button[data-key="dm.${member.id}"] .unread`).waitFor({ state: 'visible', timeout: WAIT });
    await screenshot('invitation-unread');
    await choose(member);
    await shows(`Innspill ønskes: ${TITLE}`);
    await card(`Innspill ønskes: ${TITLE}`).getByRole('button', { name: 'Svar' }).click();
    const form = card('Ditt innspill');
    await form.getByRole('button', { name: 'Send' }).waitFor({ timeout: WAIT });
    await form.getByRole('textbox', { name: 'Ditt innspill' }).fill('Vi treng fleire fastlegar i distrikta.');
    await form.getByRole('button', { name: 'Send' }).click();
    await shows(`Takk! Innspillet ditt til «${TITLE}» er lagret for Bergen kommune`);
    await screenshot('answered');
  });

  it('back as the secretariat: the round shows one municipality of 17 has answered, also after a reload', async () => {
    await choose(sara());
    // Her own chat is still there.
    await shows(`Runde 1 «${TITLE}» er åpnet`);
    await say('innspill status');
    await shows(/Kommuner: 1 av 17 har svart/);
    await screenshot('status');
    // A reload keeps who you are and your conversation.
    await page.reload();
    await page.locator('#viewing-title').getByText(sara().name).waitFor({ timeout: WAIT });
    await shows(/Kommuner: 1 av 17 har svart/);
  });

  it('a vote on the poll card in the channel updates that card in place', async () => {
    await say('avstemning ny ssu');
    const form = card('Legg ut avstemningen');
    await form.waitFor({ timeout: WAIT });
    await form.getByLabel('Spørsmål').fill('Kva modell for legevakt?');
    await form.getByLabel('Alternativer, ett per linje').fill('Modell A\nModell B');
    await form.getByRole('button', { name: 'Legg ut avstemningen' }).click();
    await shows(/Avstemning #1 er lagt ut i kanalen til Strategisk samarbeidsutvalg/);

    const voter = people.find((p) => p.roles.includes('SSU: medlem') && p.party === 'Helse Bergen HF')!;
    await choose(voter);
    await page.locator('#channels button[data-key="ch.ssu"]').click();
    const poll = card('Kva modell for legevakt?');
    await poll.waitFor({ timeout: WAIT });
    await poll.getByText(/0 av \d+ medlemmer har stemt/).waitFor({ timeout: WAIT });
    await screenshot('poll-before');
    await poll.getByRole('button', { name: 'Modell A' }).click();
    await card('Kva modell for legevakt?')
      .getByText(/1 av \d+ medlemmer har stemt/)
      .waitFor({ timeout: WAIT });
    // Updated in place: still one card for the poll in the channel.
    expect(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Kva modell for legevakt?' }).count()).toBe(1);
    // The private confirmation went to the voter's own chat, which is marked.
    await page.locator(`#members button[data-key="dm.${voter.id}"] .unread`).waitFor({ state: 'visible', timeout: WAIT });
    await screenshot('poll-after');
  });
  it('on a phone the chooser sits above the chat, which keeps the width of the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const chat = await page.locator('#webchat').boundingBox();
    expect(chat!.width).toBeGreaterThanOrEqual(360);
    await choose(sara());
    await say('status');
    await shows(/Sekretariat/);
    const box = await page.locator('[data-id="webchat-sendbox-input"]').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(250);
    await screenshot('phone');
  });
});
