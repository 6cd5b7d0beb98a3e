// The consultation report in a real browser: a decided consultation links
// its report; the report shows its participation chart with the same
// numbers as a table, every comment and the decision, without JavaScript
// at 360 px and without sideways scrolling; an official sees a running
// consultation's report marked as a draft and the desk's form for the
// texts; axe-core and html-validate find nothing in Swedish or English.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { journey, screenshot, signIn, pageProblems, STEP } = require('./support');

// The demo's decided consultation with comments, and an open one.
const DECIDED = '/consultations/14';
const OPEN = '/consultations/1';

describe('the consultation report in headless Chromium', () => {
  const env = journey({ users: [['report-official@example.se', 'Rapportansvarig', 'official']] });

  it('leads from a decided consultation to its report, readable at 360 px without JavaScript', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}${DECIDED}`);
    await page.getByRole('link', { name: 'Samrådsredogörelse' }).first().click();
    await page.waitForURL(`${env.server.url}${DECIDED}/report`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /Samrådsredogörelse/ }).waitFor());
    const chart = page.getByRole('img', { name: 'Synpunkter och svar per dag' });
    await assert.doesNotReject(chart.waitFor());
    const table = page.getByRole('table', { name: 'Synpunkter och svar per dag' });
    const rows = await table.locator('tbody tr').count();
    assert.ok(rows >= 1);
    const json = await (await page.request.get(`${env.server.url}${DECIDED}/report.json`)).json();
    assert.equal(rows, json.participation.by_day.length);
    const comments = await page.locator('[data-n="comments"]').textContent();
    assert.equal(Number(comments), json.participation.comments);
    for (const section of json.sections) {
      for (const c of section.thread.filter((k) => !k.hidden)) {
        assert.equal(await page.locator(`#c-${c.id}`).count(), 1);
      }
    }
    assert.equal(await page.getByRole('heading', { name: 'Beslut som följde' }).count(), 1);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    await screenshot(page, 'report', 360);
    const pdf = await page.request.get(`${env.server.url}${DECIDED}/report.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await page.close();
  });

  it('shows officials a draft of a running consultation, and nobody else', STEP, async () => {
    const anonymous = await env.nojs.context.newPage();
    const refused = await anonymous.goto(`${env.server.url}${OPEN}/report`);
    assert.equal(refused.status(), 404);
    await anonymous.close();
    const page = await env.withjs.context.newPage();
    await signIn(page, env.server.url, 'report-official@example.se');
    await page.goto(`${env.server.url}${OPEN}/report`);
    await assert.doesNotReject(page.locator('#report-draft').waitFor());
    await page.goto(`${env.server.url}/desk/consultations/14/report`);
    await assert.doesNotReject(page.getByLabel('Inledning').waitFor());
    await page.close();
  });

  it('passes axe-core and html-validate in Swedish and English', STEP, async () => {
    const page = await env.withjs.context.newPage();
    const problems = [];
    for (const lang of ['sv', 'en']) {
      for (const path of [`${DECIDED}/report`, '/consultations/9/report']) {
        await page.goto(`${env.server.url}${path}?lang=${lang}`);
        problems.push(...await pageProblems(page, `${path} ${lang}`));
      }
    }
    await signIn(page, env.server.url, 'report-official@example.se');
    for (const lang of ['sv', 'en']) {
      for (const path of [`${OPEN}/report`, '/desk/consultations/14/report']) {
        await page.goto(`${env.server.url}${path}?lang=${lang}`);
        problems.push(...await pageProblems(page, `${path} ${lang} (official)`));
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
