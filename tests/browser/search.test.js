// The search page in a real browser: with JavaScript off at 360 px the
// results come before the facets and a keyboard reaches the first result
// before any filter; a misspelt search shows the suggestion's results with
// the way back to the words as typed; and axe-core and html-validate find
// nothing on any variant of the page (empty, results, followed suggestion,
// suggestion offered, function words only) in Swedish and English.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { journey, screenshot, pageProblems, STEP } = require('./support');

// Whatever is written is searchable within a second; the demo data is
// written before the server starts, and the index catches up at start.
async function waitForIndex(page, url, q) {
  for (let i = 0; i < 100; i += 1) {
    const r = await page.request.get(`${url}/api/v1/search?q=${encodeURIComponent(q)}`);
    if (r.ok() && (await r.json()).total > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing found for ${q}`);
}

describe('search page in headless Chromium', () => {
  // nojs: JavaScript off, a phone's width; withjs: JavaScript on, for axe-core.
  const env = journey();

  it('shows results before facets on a phone, with JavaScript off, and by keyboard', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await waitForIndex(page, env.server.url, 'cykel');
    await page.goto(`${env.server.url}/search`);
    await page.getByLabel(/Sök bland samråd/).fill('cykel');
    await page.getByLabel(/Sök bland samråd/).press('Enter');
    await page.waitForURL(/\/search\?q=cykel/);
    const results = await page.locator('#h-results').boundingBox();
    const facets = await page.locator('#h-facets').boundingBox();
    assert.ok(results && facets, 'both results and facets are shown');
    assert.ok(results.y < facets.y, 'the results come before the facets');
    assert.ok(facets.x < 40, 'the facets sit below the results, not beside them');
    const title = page.locator('.result h3 a').first();
    assert.match(await title.textContent(), /cykelbanor/i);
    // From the search button, the next stop is the first result, not a filter.
    await page.getByRole('button', { name: 'Sök', exact: true }).last().focus();
    let reached = '';
    for (let i = 0; i < 10 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const a = document.activeElement;
        if (a?.closest('.result')) return 'result';
        if (a?.closest('.facets')) return 'facet';
        return '';
      });
    }
    assert.equal(reached, 'result');
    await screenshot(page, 'search-results', 360);
    await page.close();
  });

  it('answers a misspelt search with the suggestion and a link to the words as typed', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/search?q=cykelbanr`);
    await assert.doesNotReject(page.getByText('Visar resultat för').waitFor());
    assert.ok(await page.locator('.result').count() > 0);
    await page.getByRole('link', { name: 'cykelbanr' }).click();
    await page.waitForURL(/as_typed=1/);
    assert.equal(await page.locator('.result').count(), 0);
    assert.ok(await page.getByRole('link', { name: 'cykelbanor' }).count() > 0);
    await page.close();
  });

  it('has no accessibility or HTML problems on any variant, in Swedish and English', STEP, async () => {
    const page = await env.withjs.context.newPage();
    const problems = [];
    const variants = {
      empty: '',
      results: '?q=cykel',
      followed: '?q=cykelbanr',
      offered: '?q=cykelbanr&as_typed=1',
      stopwords: '?q=och+att',
      filtered: '?q=cykel&type=consultation',
    };
    for (const lang of ['sv', 'en']) {
      for (const [name, query] of Object.entries(variants)) {
        const sep = query ? '&' : '?';
        await page.goto(`${env.server.url}/search${query}${sep}lang=${lang}`);
        problems.push(...await pageProblems(page, `search ${name} ${lang}`));
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
