// Following in headless Chromium: with JavaScript off at 360 px, someone
// without an account follows a consultation by e-mail, confirms with the
// link of the e-mail the server queued (read from its outbox in SQLite),
// and unsubscribes with the signed link an e-mail carries; a signed-in
// resident follows with one click and stops on /me/subscriptions. A
// browser with JavaScript on runs axe-core and html-validate on every
// page of these journeys, in Swedish and English.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { journey, signIn, pageProblems, STEP } = require('./support');

// server; nojs, the follower, JavaScript off, a phone's width; withjs, the
// checker, JavaScript on (set in the describe below).
let env;
let consultation;
const ADDRESS = 'foljare@example.se';

// A Python one-off against the server's SQLite file (no npm package needed).
function python(script, ...args) {
  return execFileSync('python3', ['-c', script, path.join(env.server.data, 'samrad.db'), ...args]).toString().trim();
}

function confirmToken(address) {
  return python(`import sqlite3, sys, re
db = sqlite3.connect(sys.argv[1])
body = db.execute("SELECT text_body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC", (sys.argv[2],)).fetchone()[0]
print(re.search(r"/follow/confirm\\?t=([A-Za-z0-9_-]+)", body).group(1))`, address);
}

// The unsubscribe link's token for scope, signed as the server signs it.
function unsubscribeToken(scope) {
  return python(`import base64, hashlib, hmac, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
k = db.execute("SELECT value FROM secrets WHERE name = 'mail'").fetchone()[0].encode()
k = hashlib.sha256(k).digest() if len(k) > 32 else k
mac = hmac.new(k, b"samrad unsubscribe v1\\n" + sys.argv[2].encode(), hashlib.sha256).hexdigest()[:32]
print(base64.urlsafe_b64encode(sys.argv[2].encode()).decode().rstrip("=") + "." + mac)`, scope);
}

function count(sql) {
  return Number(python(`import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])`, sql));
}

async function problemsOf(url, label) {
  const page = await env.withjs.context.newPage();
  const problems = [];
  for (const lang of ['sv', 'en']) {
    const r = await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
    assert.ok(r.status() < 500, `${label} answers`);
    problems.push(...await pageProblems(page, `${label} (${lang})`));
  }
  await page.close();
  return problems;
}

describe('following in headless Chromium', () => {
  env = journey({
    seed: async (server) => {
      const r = await fetch(`${server.url}/api/v1/consultations?state=open&limit=1`);
      consultation = (await r.json()).items[0];
    },
  });

  it('follows a consultation by e-mail, confirms by the link and unsubscribes', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations/${consultation.id}`);
    const form = page.locator('#follow-form');
    // A wrong address comes back with the error summary and the field marked.
    await form.getByLabel('E-postadress').fill('inte en adress');
    await form.getByRole('button', { name: 'Följ' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('#error-summary').textContent(), /e-postadress/i);
    assert.equal(await page.locator('#follow-email').getAttribute('aria-invalid'), 'true');
    await page.locator('#follow-email').fill(ADDRESS);
    await page.locator('#follow-frequency').selectOption('daily');
    await page.locator('#follow-mail_lang').selectOption('en');
    // By keyboard: Enter in the address field sends the form.
    await page.locator('#follow-email').press('Enter');
    await page.waitForURL(/\/follow\/sent$/);
    assert.match(await page.locator('h1').textContent(), /Titta i din e-post/);
    assert.equal(count(`SELECT count(*) FROM mail_outbox WHERE recipient = '${ADDRESS}' AND lang = 'en'`), 1);
    assert.equal(count(`SELECT count(*) FROM subscriptions WHERE email = '${ADDRESS}' AND confirmed_at IS NULL`), 1);

    // The link only shows a button: a mail scanner's GET confirms nothing.
    await page.goto(`${env.server.url}/follow/confirm?t=${confirmToken(ADDRESS)}`);
    assert.equal(count(`SELECT count(*) FROM subscriptions WHERE email = '${ADDRESS}' AND confirmed_at IS NULL`), 1);
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await page.waitForURL(/\/follow\/confirmed/);
    assert.match(await page.locator('main').textContent(), new RegExp(consultation.title));
    const id = count(`SELECT id FROM subscriptions WHERE email = '${ADDRESS}' AND confirmed_at IS NOT NULL`);
    assert.ok(id > 0);

    await page.goto(`${env.server.url}/unsubscribe?t=${unsubscribeToken(`sub:${id}`)}`);
    assert.match(await page.locator('main').textContent(), new RegExp(consultation.title));
    await page.getByRole('button', { name: 'Sluta få e-post' }).click();
    await page.waitForURL(/\/unsubscribe\/done$/);
    assert.equal(count(`SELECT count(*) FROM subscriptions WHERE email = '${ADDRESS}'`), 0);
    await page.close();
  });

  it('follows with one click when signed in and stops on the list of what one follows', STEP, async () => {
    env.server.createUser('lisa@example.se', 'Lisa', 'resident');
    const page = await env.nojs.context.newPage();
    await signIn(page, env.server.url, 'lisa@example.se');
    await page.goto(`${env.server.url}/consultations/${consultation.id}`);
    assert.equal(await page.locator('#follow-email').count(), 0, 'no e-mail field when signed in');
    await page.locator('#follow-frequency').selectOption('weekly');
    await page.locator('#follow-form').getByRole('button', { name: 'Följ' }).click();
    await page.waitForURL(/\/me\/subscriptions\?done=followed/);
    assert.match(await page.locator('#banner').textContent(), new RegExp(consultation.title));
    await page.goto(`${env.server.url}/consultations/${consultation.id}`);
    assert.match(await page.locator('#follow').textContent(), /Du följer detta/);
    await page.goto(`${env.server.url}/me/subscriptions`);
    await page.getByRole('button', { name: /Sluta följa/ }).click();
    await page.waitForURL(/done=stopped/);
    assert.match(await page.locator('main').textContent(), /Du följer inget ännu/);
    await page.close();
  });

  it('has no accessibility or HTML problems on any page of the journeys, in both languages', STEP, async () => {
    const before = count('SELECT count(*) FROM mail_outbox');
    const checker = await env.withjs.context.newPage();
    const problems = [];
    problems.push(...await problemsOf(`${env.server.url}/consultations/${consultation.id}`, 'consultation with Follow'));
    problems.push(...await problemsOf(`${env.server.url}/follow?kind=body&target=Kommunstyrelsen`, 'follow page'));
    problems.push(...await problemsOf(`${env.server.url}/search?q=cykel`, 'search with Follow'));
    problems.push(...await problemsOf(`${env.server.url}/data`, 'data with Follow links'));
    problems.push(...await problemsOf(`${env.server.url}/follow/sent`, 'check your e-mail'));
    problems.push(...await problemsOf(`${env.server.url}/follow/confirm?t=x`, 'confirm button'));
    problems.push(...await problemsOf(`${env.server.url}/unsubscribe?t=${unsubscribeToken('user:1')}`, 'unsubscribe'));
    problems.push(...await problemsOf(`${env.server.url}/unsubscribe/done`, 'unsubscribed'));
    // The form again with its errors, as the server answered the post.
    for (const lang of ['sv', 'en']) {
      await checker.goto(`${env.server.url}/consultations/${consultation.id}?lang=${lang}`);
      await checker.locator('#follow-email').fill('fel');
      const [answer] = await Promise.all([
        checker.waitForResponse((r) => r.url().endsWith('/follow') && r.request().method() === 'POST'),
        checker.locator('#follow-form button[type=submit]').click(),
      ]);
      assert.equal(answer.status(), 422);
      await checker.waitForLoadState();
      problems.push(...await pageProblems(checker, `follow errors (${lang})`, await answer.text()));
    }
    await signIn(checker, env.server.url, 'karin.berg@example.se', 'demo-losenord');
    await checker.goto(`${env.server.url}/decisions`);
    await checker.locator('main a[href^="/decisions/"]').first().click();
    await checker.locator('#follow-form').getByRole('button').click();
    await checker.waitForURL(/\/me\/subscriptions/);
    for (const lang of ['sv', 'en']) {
      await checker.goto(`${env.server.url}/me/subscriptions?lang=${lang}`);
      problems.push(...await pageProblems(checker, `my subscriptions (${lang})`));
    }
    await checker.close();
    assert.deepEqual(problems, []);
    // Looking at pages sends nothing.
    assert.equal(count('SELECT count(*) FROM mail_outbox'), before);
  });
});
