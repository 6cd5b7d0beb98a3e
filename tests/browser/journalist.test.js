// The journalist's pages in a real browser: with JavaScript off at 360 px a
// reader goes from a decision to the page of its amendment and sees the
// changed words, filters consultations by an area chosen from a list, and
// reaches the accessibility statement and privacy notice from the footer by
// keyboard; axe-core and html-validate find nothing on any of these pages
// in Swedish and English, signed out and signed in.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { journey, openBrowser, screenshot, signIn, pageProblems, STEP } = require('./support');

let official; // JavaScript on, signed in as an official
const pages = {};

// The demo data's decision titled title (its id from the decisions list).
async function decisionId(page, url, title) {
  const r = await page.request.get(`${url}/api/v1/decisions?limit=50`);
  const item = (await r.json()).items.find((d) => d.title.includes(title));
  assert.ok(item, `the demo data has the decision ${title}`);
  return item.id;
}

async function fitsPhone(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${page.url()} is ${width} px wide at 360 px`);
}

describe('journalist pages in headless Chromium', () => {
  // nojs: JavaScript off, a phone's width; withjs: JavaScript on, for axe-core.
  const env = journey({ users: [['olle.official@nacka.example', 'Olle Official', 'official']] });
  before(async () => {
    official = await openBrowser();
    const page = await env.withjs.context.newPage();
    pages.amended = await decisionId(page, env.server.url, 'Belysning');
    pages.answering = await decisionId(page, env.server.url, 'Skatepark');
    await page.close();
  }, STEP);
  after(async () => {
    await official?.close();
  }, STEP);

  it('shows an amendment as changed words on its own page, with JavaScript off at 360 px', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/decisions/${pages.amended}`);
    await fitsPhone(page);
    const version = page.getByRole('link', { name: /^Ändrat \d+ \w+ \d{4}: / });
    await version.first().click();
    await page.waitForURL(/\/versions\/2$/);
    await fitsPhone(page);
    assert.equal(await page.locator('.diff del').first().textContent(), 'Bifallet');
    assert.equal(await page.locator('.diff ins').first().textContent(), 'Återremitterat');
    assert.ok(await page.locator('a[href^="/log/"]').count() > 0, 'the version links its log entry');
    await screenshot(page, 'decision-version', 360);
    await page.getByRole('link', { name: 'Tillbaka till beslutet' }).click();
    await page.goto(`${env.server.url}/decisions/${pages.answering}`);
    const answered = page.locator('.answered-comments li');
    assert.ok(await answered.count() >= 2, 'the decision lists the comments it answers');
    assert.match(await page.locator('.answered .note').first().textContent(), /beslutet publicerades/);
    await page.close();
  });

  it('filters consultations by an area chosen from the values in use', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations`);
    const areas = await page.locator('#filter-area option').allTextContents();
    assert.ok(areas.length > 2, 'the areas in use are choices');
    const area = areas[1];
    await page.selectOption('#filter-area', area);
    await page.locator('#filter-area').press('Tab');
    await page.locator('#filter-tag').press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/area=/);
    const cards = page.locator('.cards .card');
    assert.ok(await cards.count() > 0, `consultations in ${area}`);
    for (const text of await cards.allTextContents()) assert.match(text, new RegExp(area));
    await fitsPhone(page);
    await page.close();
  });

  it('reaches the accessibility statement and privacy notice from the footer by keyboard', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/data`);
    await page.locator('footer a[href="/accessibility"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/accessibility$/);
    assert.equal(await page.locator('h1').textContent(), 'Tillgänglighetsredogörelse');
    assert.ok(await page.locator('a[href="https://www.digg.se/tdosanmalan"]').count() === 1);
    await page.locator('footer a[href="/privacy"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/privacy$/);
    await fitsPhone(page);
    await page.close();
  });

  it('has no accessibility or HTML problems on any of these pages in either language, signed out and in', STEP, async () => {
    const signedIn = await official.context.newPage();
    await signIn(signedIn, env.server.url, 'olle.official@nacka.example');
    assert.equal(await signedIn.getByRole('button', { name: 'Logga ut' }).count(), 1, 'signed in');
    const paths = ['/', '/consultations', '/consultations?state=upcoming', '/decisions',
      `/decisions/${pages.answering}`, `/decisions/${pages.amended}`,
      `/decisions/${pages.amended}/versions/1`, `/decisions/${pages.amended}/versions/2`,
      '/data', '/accessibility', '/privacy', '/register'];
    const problems = [];
    const anonymous = await env.withjs.context.newPage();
    for (const [who, page] of [['signed out', anonymous], ['signed in', signedIn]]) {
      for (const lang of ['sv', 'en']) {
        for (const p of paths) {
          if (who === 'signed in' && p === '/register') continue;
          const url = `${env.server.url}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
          const r = await page.goto(url);
          assert.equal(r.status(), 200, url);
          problems.push(...await pageProblems(page, `${who} ${lang} ${p}`));
        }
      }
    }
    assert.deepEqual(problems, []);
    const en = await anonymous.goto(`${env.server.url}/data?lang=en`);
    assert.ok(en.ok());
    assert.ok(await anonymous.getByText('CSV for Excel').count() > 0);
    await anonymous.close();
    await signedIn.close();
  });
});
