// Test support: runs the real `samrad serve` (../support/samrad_server.js)
// on demo data, and opens Debian's headless Chromium through playwright-core
// with a fresh profile.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { before, after } = require('node:test');
const { chromium } = require('playwright-core');
const axe = require('axe-core');
const { HtmlValidate } = require('html-validate');
const { startServer, root } = require('../support/samrad_server');

const browserPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const artifacts = path.join(root, 'tests', 'artifacts');

// A browser with its own fresh profile folder, removed on close.
async function openBrowser(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  // An action or wait that cannot finish fails after a minute, naming what it
  // waited for, instead of stalling the journey until the test's timeout.
  context.setDefaultTimeout(60000);
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Writes tests/artifacts/NAME-WIDTH.png; with SAMRAD_DOC_SCREENSHOTS=1 also
// the README's picture at copyTo (docs/screenshots/), which is committed.
async function screenshot(page, name, width, copyTo) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.setViewportSize({ width, height: 900 });
  const file = path.join(artifacts, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (copyTo && process.env.SAMRAD_DOC_SCREENSHOTS === '1') {
    fs.mkdirSync(path.dirname(copyTo), { recursive: true });
    await page.screenshot({ path: copyTo, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return file;
}

// Signs in through the sign-in page of the server at url.
async function signIn(page, url, email, password = 'secret-password') {
  await page.goto(`${url}/login`);
  await page.getByLabel(/E-postadress|E-mail address/).fill(email);
  await page.getByLabel(/^(Lösenord|Password)/).fill(password);
  await page.getByRole('main').getByRole('button', { name: /Logga in|Sign in/ }).click();
  await page.waitForLoadState();
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

// The problems of the page open in `page` (a browser with JavaScript on):
// axe-core's WCAG 2.1 A/AA violations and html-validate's findings (duplicate
// ids, invalid nesting, unknown attributes ...) in the HTML as the server
// sent it. `html` is that text when the page was the answer to a form post;
// otherwise the page's address is fetched again with the same cookies.
async function pageProblems(page, label, html) {
  const problems = [];
  // On a page with JavaScript off page.evaluate never returns: say so instead.
  let timer;
  const scripted = await Promise.race([page.evaluate(() => true),
    new Promise((resolve) => { timer = setTimeout(resolve, 30000, false); })]);
  clearTimeout(timer);
  if (!scripted) throw new Error(`${label}: pageProblems needs a browser with JavaScript on`);
  await page.evaluate(axe.source);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG);
  if (result.passes.length < 10) problems.push(`${label}: axe did not run`);
  for (const v of result.violations) {
    problems.push(`${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }
  const source = html ?? await (await page.request.get(page.url())).text();
  const report = await validator.validateString(source);
  for (const r of report.results) {
    for (const m of r.messages) {
      const line = source.split('\n')[m.line - 1] || '';
      problems.push(`${label}: html ${m.ruleId}: ${m.message} in: ${line.trim().slice(0, 160)}`);
    }
  }
  return problems;
}

// JSON API calls to the server at url: api(method, path, body, token) throws
// on any status of 300 or more; token(email) signs in with the test password.
function apiFor(url) {
  const api = async (method, p, body, bearer) => {
    const headers = { 'Content-Type': 'application/json' };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const r = await fetch(`${url}${p}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const token = async (email) => (await api('POST', '/api/v1/sessions', { email, password: 'secret-password' })).token;
  return { api, token };
}

// The element that has focus: its id, or its text when it has none.
async function focusedElement(page) {
  const f = page.locator(':focus');
  if (await f.count() === 0) return null;
  return (await f.getAttribute('id')) || (await f.textContent()).trim();
}

// Clicks what `target` finds and waits until the page it leads to has loaded.
// page.waitForLoadState alone resolves at once on the page still showing, and
// closing a page while its next document commits can hang Chromium's close.
async function clickAndLoad(page, target) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await target.click();
  await navigated;
  await page.waitForLoadState('load');
}

// Clicks the button named `name` inside scope and waits for the next page.
async function submitForm(page, scope, name) {
  await clickAndLoad(page, scope.getByRole('button', { name }));
}

// A phone's screen, for the browser with JavaScript off.
const PHONE = { width: 360, height: 800 };

// Before a test, after and the hooks below: long enough for a loaded 2-core
// machine, short enough that a stalled Chromium fails the step it stalled in.
const STEP = { timeout: 120000 };

// The setup most journeys share, called inside their describe(): before the
// tests it starts `samrad serve` (on demo data unless demo is false), creates
// the users [email, name, role], runs seed(server), then opens a browser with
// JavaScript off (at a phone's width unless nojs says other options) and one
// with JavaScript on; after the tests it closes both and stops the server.
// The returned object holds server, nojs and withjs while the tests run.
function journey({ demo = true, users = [], seed, nojs = { viewport: PHONE } } = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer({ demo });
    for (const [email, name, role] of users) env.server.createUser(email, name, role);
    if (seed) await seed(env.server);
    env.nojs = await openBrowser({ javaScriptEnabled: false, ...nojs });
    env.withjs = await openBrowser();
  }, STEP);
  after(async () => {
    await env.nojs?.close();
    await env.withjs?.close();
    await env.server?.stop();
  }, STEP);
  return env;
}

module.exports = {
  startServer, openBrowser, screenshot, signIn, pageProblems, apiFor, focusedElement, clickAndLoad, submitForm, journey, STEP, root,
};
