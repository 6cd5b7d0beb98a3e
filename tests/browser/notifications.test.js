// The notifications journey in headless Chromium with JavaScript off: a
// resident whose comment got a reply and an official answer sees the unread
// count in the header, opens /me/notifications, follows a link to the exact
// comment, marks one and then all read (a confirmation where focus starts),
// and switches a kind off on the settings page, at 360 px too. A browser with
// JavaScript on runs axe-core and html-validate on both pages in Swedish and
// English.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
  journey, screenshot, signIn, pageProblems, apiFor, focusedElement: focused, submitForm: submit, clickAndLoad, STEP,
} = require('./support');

let api;
let token;
const ids = {};

describe('notifications in headless Chromium', () => {
  const env = journey({
    demo: false,
    nojs: {},
    users: [['olga@nacka.example', 'Olga Official', 'official'], ['anna@nacka.example', 'Anna', 'resident'],
      ['bertil@nacka.example', 'Bertil', 'resident']],
    seed: async (server) => {
      ({ api, token } = apiFor(server.url));
      const official = await token('olga@nacka.example');
      ids.anna = await token('anna@nacka.example');
      const day = 86400e3;
      const made = await api('POST', '/api/v1/consultations', {
        title: 'Ny lekplats i Fisksätra', summary: 'Vad ska finnas på lekplatsen?', body: 'Förslaget.',
        language: 'sv', opens_at: new Date(Date.now() - day).toISOString().slice(0, 10),
        closes_at: new Date(Date.now() + 20 * day).toISOString().slice(0, 10),
      }, official);
      await api('POST', `/api/v1/consultations/${made.id}/publish`, {}, official);
      const mine = await api('POST', `/api/v1/consultations/${made.id}/comments`, { body: 'Gungor för de minsta, tack.' }, ids.anna);
      const bertil = await token('bertil@nacka.example');
      ids.reply = (await api('POST', `/api/v1/consultations/${made.id}/comments`,
        { body: 'Och en sandlåda med tak.', parent_id: mine.id }, bertil)).id;
      await api('POST', `/api/v1/consultations/${made.id}/comments`,
        { body: 'Gungor finns med i ritningen.', parent_id: mine.id }, official);
      for (let i = 0; i < 100; i += 1) {
        const list = await api('GET', '/api/v1/me/notifications', null, ids.anna);
        if (list.items.length >= 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  });

  it('shows the unread count and the notifications with links to the exact comment', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await signIn(page, env.server.url, 'anna@nacka.example');
    const link = page.getByRole('banner').getByRole('link', { name: /Aviseringar/ });
    assert.match(await link.textContent(), /2\s*olästa/);
    await clickAndLoad(page, link);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Aviseringar');
    assert.match(await page.locator('#unread-count').textContent(), /2 olästa/);
    const items = page.locator('li.notification');
    assert.equal(await items.count(), 2);
    assert.match(await items.nth(0).textContent(), /Olga Official från kommunen svarade på din synpunkt/);
    assert.match(await items.nth(1).textContent(), /Och en sandlåda med tak\./);
    const toReply = items.nth(1).getByRole('link', { name: /svarade på din synpunkt/ });
    assert.equal(await toReply.getAttribute('href'), `/comments/${ids.reply}`);
    await screenshot(page, 'notifications', 360);
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await clickAndLoad(page, toReply);
    assert.match(await page.content(), /Och en sandlåda med tak\./);
    await page.close();
  });

  it('passes axe-core and html-validate in Swedish and English, unread ones included', STEP, async () => {
    const page = await env.withjs.context.newPage();
    await signIn(page, env.server.url, 'anna@nacka.example');
    const problems = [];
    for (const lang of ['sv', 'en']) {
      for (const path of ['/me/notifications', '/me/notifications/settings']) {
        await page.goto(`${env.server.url}${path}?lang=${lang}`);
        problems.push(...await pageProblems(page, `${path} ${lang}`));
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('marks one and then all read, with a confirmation where focus starts', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/me/notifications`);
    const first = page.locator('li.notification').nth(0);
    await submit(page, first, /Markera som läst/);
    assert.match(page.url(), /done=read/);
    assert.equal(await focused(page), 'banner');
    assert.match(await page.locator('#banner').textContent(), /markerad som läst/);
    assert.match(await page.locator('#unread-count').textContent(), /1 oläst/);
    await submit(page, page.getByRole('main'), 'Markera alla som lästa');
    assert.match(await page.locator('#banner').textContent(), /Alla aviseringar är markerade som lästa/);
    assert.equal(await page.locator('.badge-count').count(), 0);
    assert.equal(await page.getByRole('button', { name: /Markera/ }).count(), 0);
    await page.close();
  });

  it('switches a kind off and e-mail off by the settings form, by keyboard', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/me/notifications/settings`);
    const replies = page.getByRole('group', { name: 'Svar på dina synpunkter' });
    const site = replies.getByRole('checkbox', { name: 'Visa på webbplatsen' });
    assert.equal(await site.isChecked(), true);
    await site.focus();
    await page.keyboard.press('Space');
    const mail = page.getByRole('group', { name: 'Svar från kommunen' }).getByRole('checkbox', { name: 'Skicka också med e-post' });
    await mail.focus();
    await page.keyboard.press('Space');
    await screenshot(page, 'notification-settings', 360);
    await submit(page, page.getByRole('main'), 'Spara inställningarna');
    assert.equal(await focused(page), 'banner');
    assert.match(await page.locator('#banner').textContent(), /sparade/);
    const saved = await api('GET', '/api/v1/me/notification-settings', null, ids.anna);
    const byKind = Object.fromEntries(saved.items.map((p) => [p.kind, p]));
    assert.deepEqual(byKind.reply, { kind: 'reply', enabled: false, email: true });
    assert.deepEqual(byKind.official_answer, { kind: 'official_answer', enabled: true, email: false });
    assert.equal(byKind.decision_answer.enabled, true);
    await page.close();
  });
});
