// Free-text questionnaire answers moderated like comments, in a real browser
// with JavaScript off at a phone's width: a resident reports another
// resident's answer from the questionnaire's results (the banner says so and
// has the focus), the moderator finds it in the one moderation queue marked
// as a questionnaire answer with its question, hides it with a reason, and
// the text is gone from the results while the public moderation log shows
// the act. Every new or changed page passes axe-core (WCAG 2.1 A/AA) and
// html-validate in Swedish and English.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { openBrowser, signIn, pageProblems, apiFor, focusedElement, submitForm, journey, STEP } = require('./support');

const secret = 'Grannen på nummer 7 heter Sven och är aldrig hemma';

describe('moderating free-text questionnaire answers in headless Chromium', () => {
  const ctx = {};
  const env = journey({
    demo: false,
    users: [['olle.official@nacka.example', 'Olle Official', 'official'],
      ['maja.moderator@nacka.example', 'Maja Moderator', 'moderator'],
      ['anna@example.se', 'Anna', 'resident'], ['bo@example.se', 'Bo', 'resident']],
    seed: async (server) => {
      const { api, token } = apiFor(server.url);
      const official = await token('olle.official@nacka.example');
      const today = new Date();
      const day = (n) => new Date(today.getTime() + n * 86400000).toISOString().slice(0, 10);
      const k = await api('POST', '/api/v1/consultations', {
        title: 'Strandpromenaden', summary: 'S', body: 'B', language: 'sv', opens_at: day(-1), closes_at: day(20),
      }, official);
      const q = await api('POST', `/api/v1/consultations/${k.id}/questions`, { type: 'text', text: 'Vad vill du se?' }, official);
      await api('POST', `/api/v1/consultations/${k.id}/publish`, {}, official);
      await api('PUT', `/api/v1/consultations/${k.id}/questions`, { results_visibility: 'during' }, official);
      const anna = await token('anna@example.se');
      await api('PUT', `/api/v1/consultations/${k.id}/answer`, { answers: [{ question_id: q.id, text: secret }] }, anna);
      await api('PUT', `/api/v1/consultations/${k.id}/answer`,
        { answers: [{ question_id: q.id, text: 'Fler bänkar' }] }, await token('bo@example.se'));
      ctx.consultation = k.id;
      ctx.question = q.id;
      ctx.results = `/consultations/${k.id}/questionnaire`;
    },
  });

  it('a resident reports an answer without JavaScript and the moderator hides it from the queue', STEP, async () => {
    const { server, nojs } = env;
    const bo = await nojs.context.newPage();
    await signIn(bo, server.url, 'bo@example.se');
    await bo.goto(`${server.url}${ctx.results}`);
    const answer = bo.locator('li[id^="answer-"]', { hasText: secret });
    await answer.locator('summary', { hasText: 'Anmäl svaret' }).click();
    await answer.getByLabel('Skäl', { exact: true }).selectOption('personal_data');
    await answer.getByLabel('Kommentar till moderatorn').fill('Namn och adress');
    await submitForm(bo, answer, 'Skicka anmälan');
    assert.match(await bo.locator('#banner').innerText(), /Svaret är anmält/);
    assert.equal(await focusedElement(bo), 'banner');
    // Bo's own answer offers no report form.
    assert.equal(await bo.locator('li[id^="answer-"]', { hasText: 'Fler bänkar' }).locator('form').count(), 0);
    const width = await bo.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the results are ${width}px wide at 360px`);

    await bo.close();
    const moderator = await openBrowser({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const maja = await moderator.context.newPage();
    await signIn(maja, server.url, 'maja.moderator@nacka.example');
    await maja.goto(`${server.url}/desk/moderation`);
    const item = maja.locator('#queue li.card', { hasText: secret });
    assert.match(await item.innerText(), /Enkätsvar/);
    assert.match(await item.innerText(), /Vad vill du se\?/);
    assert.match(await item.innerText(), /Namn och adress/);
    // Without a reason: the error summary links to the field.
    await submitForm(maja, item, 'Dölj svaret');
    assert.equal(await maja.locator('.error-summary a').count(), 1);
    const retry = maja.locator('#queue li.card', { hasText: secret });
    await retry.getByLabel(/^Skäl \(visas offentligt\)/).fill('Personuppgifter om en granne');
    await submitForm(maja, retry, 'Dölj svaret');
    assert.match(await maja.locator('#banner').innerText(), /Ångra: visa enkätsvaret igen/);
    assert.equal(await maja.locator('#queue li.card', { hasText: secret }).count(), 0);
    await maja.goto(`${server.url}${ctx.results}`);
    assert.equal(await maja.getByText(secret).count(), 0);
    await maja.goto(`${server.url}/moderation`);
    assert.match(await maja.locator('table').innerText(), /Personuppgifter om en granne/);
    assert.match(await maja.locator('table').innerText(), /Enkätsvar/);
    await moderator.close();
  });

  it('the pages of the journey pass axe-core and html-validate in Swedish and English', STEP, async () => {
    const { server, withjs } = env;
    const { api, token } = apiFor(server.url);
    // Another report waits in the queue, so the queue shows an answer.
    const anna = await token('anna@example.se');
    const bo = await token('bo@example.se');
    const mine = await api('GET', `/api/v1/consultations/${ctx.consultation}/answer`, undefined, bo);
    await api('POST', `/api/v1/questionnaire-answers/${mine.id}/questions/${ctx.question}/flags`, { reason: 'spam' }, anna);
    const page = await withjs.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    const problems = [];
    await signIn(page, server.url, 'anna@example.se');
    for (const lang of ['sv', 'en']) {
      await page.goto(`${server.url}${ctx.results}?lang=${lang}`);
      problems.push(...await pageProblems(page, `${lang} results with report forms`));
      await page.goto(`${server.url}${ctx.results}?lang=${lang}&done=flagged#banner`);
      problems.push(...await pageProblems(page, `${lang} results with the banner`));
    }
    await signIn(page, server.url, 'maja.moderator@nacka.example');
    for (const lang of ['sv', 'en']) {
      for (const p of ['/desk/moderation', '/moderation']) {
        await page.goto(`${server.url}${p}?lang=${lang}`);
        problems.push(...await pageProblems(page, `${lang} ${p}`));
      }
    }
    await page.close();
    assert.deepEqual(problems, []);
  });
});
