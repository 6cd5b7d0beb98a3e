// The transparency log's pages in a real browser: the footer leads to "Så kan
// du kontrollera beslutsloggen", which shows the checkpoint and verifier key
// and offers the verification scripts; a log entry page links its
// neighbours and its proof file; with JavaScript off at 360 px nothing
// scrolls sideways; axe-core and html-validate find nothing in Swedish or
// English.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { journey, screenshot, pageProblems, STEP } = require('./support');

describe('log pages in headless Chromium', () => {
  const env = journey();

  it('leads from the footer to the verification page and on to an entry and its proof, without JavaScript', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Kontrollera beslutsloggen' }).click();
    await page.waitForURL(`${env.server.url}/log`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Så kan du kontrollera beslutsloggen' }).waitFor());
    const main = page.getByRole('main');
    assert.match(await main.textContent(), /\{"ok": true\}/);
    assert.match(await main.textContent(), /\+[0-9a-f]{8}\+A/);
    const script = await page.request.get(`${env.server.url}/log/scripts/audit_log.py`);
    assert.equal(script.status(), 200);
    assert.match(script.headers()['content-type'], /^text\/x-python/);
    assert.match(script.headers()['content-disposition'], /attachment/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await screenshot(page, 'log', 360);
    await page.goto(`${env.server.url}/log/2`);
    await page.getByRole('link', { name: 'Nästa post' }).click();
    await page.waitForURL(`${env.server.url}/log/3`);
    const proof = await page.getByRole('link', { name: /bevisfilen/ }).getAttribute('href');
    const file = await page.request.get(`${env.server.url}${proof}`);
    assert.match(await file.text(), /^c2sp\.org\/tlog-proof@v1\nindex 2\n/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await screenshot(page, 'log-entry', 360);
    await page.close();
  });

  it('passes axe-core and html-validate in Swedish and English', STEP, async () => {
    const page = await env.withjs.context.newPage();
    const problems = [];
    for (const lang of ['sv', 'en']) {
      for (const path of ['/log', '/log/1', '/log/3']) {
        await page.goto(`${env.server.url}${path}?lang=${lang}`);
        problems.push(...await pageProblems(page, `${path} ${lang}`));
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
