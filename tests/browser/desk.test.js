// The staff desk in a real browser with JavaScript off, one journey per task:
// an official opens a consultation with three sections and publishes it
// after confirming, edits it after publishing with a reason and extends it,
// answers a comment in place, publishes a decision answering two comments
// with a roll call and amends its votes; a moderator hides, dismisses,
// restores and undoes. Every desk page, with and without errors, passes
// axe-core (WCAG 2.1 A/AA) and html-validate in Swedish and English.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, openBrowser, screenshot, signIn, pageProblems, clickAndLoad, STEP } = require('./support');

let server;
// Each browser is open only for the steps that use it: several headless
// Chromiums at once slow a loaded machine down.
let official; // JavaScript off
let moderator; // JavaScript off, the moderation step
let residents = []; // JavaScript off, two residents in their own profiles, from commenting to flagging
let checker; // JavaScript on, signed in as an admin: axe-core and html-validate, the last step
const ids = {};

const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

async function comment(browser, email, consultation, text) {
  const page = await browser.context.newPage();
  await signIn(page, server.url, email);
  await page.goto(`${server.url}/consultations/${consultation}`);
  await page.locator('#comment-form').getByLabel(/^Din kommentar/).fill(text);
  await page.locator('#comment-form').getByRole('button', { name: 'Skicka kommentaren' }).click();
  await page.waitForURL(/#comment-\d+$/);
  const id = Number(page.url().split('#comment-').pop());
  await page.close();
  return id;
}

// The id of the focused element once the page has put the focus somewhere
// (autofocus is applied as the page renders, not always by 'load').
async function focusedId(page) {
  for (let i = 0; i < 40; i += 1) {
    const id = await page.evaluate(() => (document.activeElement && document.activeElement.id) || '');
    if (id) return id;
    await page.waitForTimeout(50);
  }
  return '';
}

async function flag(browser, consultation, id) {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/consultations/${consultation}`);
  const item = page.locator(`#comment-${id}`);
  await item.locator('summary', { hasText: 'Anmäl' }).first().click();
  await item.getByLabel(/^Skäl$/).first().selectOption('spam');
  await clickAndLoad(page, item.getByRole('button', { name: 'Skicka anmälan' }).first());
  await page.close();
}

describe('the staff desk in headless Chromium', () => {
  before(async () => {
    server = await startServer();
    server.createUser('olga.official@nacka.example', 'Olga Official', 'official');
    server.createUser('mona.moderator@nacka.example', 'Mona Moderator', 'moderator');
    server.createUser('adam.admin@nacka.example', 'Adam Admin', 'admin');
    server.createUser('rut.resident@example.se', 'Rut', 'resident');
    server.createUser('bo.resident@example.se', 'Bo', 'resident');
    official = await openBrowser({ javaScriptEnabled: false });
  }, STEP);

  after(async () => {
    for (const b of [official, moderator, checker, ...residents]) if (b) await b.close();
    if (server) await server.stop();
  }, STEP);

  it('an official lands on the desk and opens a consultation with three sections after confirming', STEP, async () => {
    const page = await official.context.newPage();
    await signIn(page, server.url, 'olga.official@nacka.example');
    assert.match(page.url(), /\/desk\?done=login#banner$|\/desk$/);
    await page.getByRole('link', { name: 'Nytt samråd' }).click();
    const form = page.locator('#consultation-form');
    await form.getByLabel(/^Rubrik/).first().fill('Cykelbana längs Värmdövägen');
    await form.getByLabel(/^Sammanfattning/).fill('Var ska cykelbanan gå?');
    await form.getByLabel(/^Text/).first().fill('Tre delar att tycka till om.');
    await form.getByLabel(/^Stänger/).fill(inDays(20));
    for (const [n, heading] of ['Sträckan', 'Belysning', 'Parkering'].entries()) {
      await form.getByRole('button', { name: 'Lägg till ett avsnitt' }).click();
      const group = form.getByRole('group', { name: `Avsnitt ${n + 1}` });
      await group.waitFor();
      // After the round trip the eye is on the new section's first field.
      assert.equal(await focusedId(page), `f-sections_${n}_heading`);
      await group.getByLabel(/^Rubrik/).fill(heading);
      await group.getByLabel(/^Text/).fill(`Om ${heading.toLowerCase()}.`);
    }
    // Reordered without JavaScript: Parkering moves above Belysning.
    await form.getByRole('group', { name: 'Avsnitt 3' }).getByRole('button', { name: /Flytta upp/ }).click();
    assert.equal(await form.getByRole('group', { name: 'Avsnitt 2' }).getByLabel(/^Rubrik/).inputValue(), 'Parkering');
    await screenshot(page, 'desk-consultation-form', 360);
    const publish = form.getByLabel(/^Publicera direkt/);
    assert.equal(await publish.isChecked(), false);
    await publish.check();
    await form.getByRole('button', { name: 'Spara samrådet' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Publicera samrådet?');
    await page.getByRole('button', { name: 'Ja, publicera nu' }).click();
    await page.waitForURL(/\/desk\/consultations\/\d+\/edit\?done=published#banner$/);
    assert.match(await page.getByRole('status').textContent(), /Samrådet är publicerat/);
    ids.consultation = Number(page.url().split('/')[5]);
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    const order = ['Sträckan', 'Parkering', 'Belysning'].map((h) => headings.indexOf(h));
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), headings.join(' | '));
    await page.close();
  });

  it('an official edits the published consultation with a reason and extends its closing date', STEP, async () => {
    const page = await official.context.newPage();
    await page.goto(`${server.url}/desk/consultations/${ids.consultation}/edit`);
    const form = page.locator('#consultation-form');
    await form.getByLabel(/^Sammanfattning/).fill('Var ska den nya cykelbanan gå?');
    await form.getByRole('button', { name: 'Spara samrådet' }).click();
    const summary = page.locator('main > .error-summary');
    assert.equal(await summary.locator('a').first().getAttribute('href'), '#f-desk_reason');
    const reason = form.getByLabel(/^Skäl till ändringen/);
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByLabel(/^Sammanfattning/).inputValue(), 'Var ska den nya cykelbanan gå?');
    await reason.fill('Tydligare sammanfattning');
    await form.getByRole('button', { name: 'Spara samrådet' }).click();
    assert.match(await page.getByRole('status').textContent(), /Ändringen är sparad/);
    assert.match(await page.getByRole('region', { name: 'Versioner' }).textContent(), /Tydligare sammanfattning/);
    const extension = page.locator('#extension-form');
    await extension.getByLabel(/^Nytt slutdatum/).fill(inDays(40));
    await extension.getByLabel(/^Skäl till förlängningen/).fill('Fler vill hinna svara');
    await extension.getByRole('button', { name: 'Förläng' }).click();
    assert.match(await page.getByRole('status').textContent(), /Slutdatumet är förlängt/);
    assert.match(await page.getByRole('region', { name: 'Versioner' }).textContent(), /Fler vill hinna svara/);
    await page.close();
  });

  it('an official answers a comment in place and it shows as answered', STEP, async () => {
    residents = [await openBrowser({ javaScriptEnabled: false }), await openBrowser({ javaScriptEnabled: false })];
    ids.first = await comment(residents[0], 'rut.resident@example.se', ids.consultation, 'Gärna belysning hela vägen.');
    ids.second = await comment(residents[1], 'bo.resident@example.se', ids.consultation, 'Vad händer med parkeringen?');
    const page = await official.context.newPage();
    await page.goto(`${server.url}/desk/answers?desk_consultation=${ids.consultation}`);
    const card = page.locator(`#answer-${ids.first}`);
    assert.match(await card.textContent(), /Väntar på svar/);
    await card.getByRole('button', { name: 'Publicera svaret' }).click();
    assert.equal(await page.locator(`#a${ids.first}-desk_answer_body`).getAttribute('aria-invalid'), 'true');
    await page.locator(`#a${ids.first}-desk_answer_body`).fill('Ja, belysningen ingår.');
    await page.locator(`#answer-${ids.first}`).getByRole('button', { name: 'Publicera svaret' }).click();
    assert.match(await page.getByRole('status').textContent(), /Ditt svar är publicerat/);
    assert.equal(await page.locator(`#answer-${ids.first}`).count(), 0);
    await page.getByLabel('Visa', { exact: true }).selectOption('answered');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    assert.match(await page.locator(`#answer-${ids.first}`).textContent(), /Besvarad med svar[\s\S]*Ja, belysningen ingår/);
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    assert.match(await page.locator(`#comment-${ids.first}`).textContent(), /Svar från kommunen/);
    await page.close();
  });

  it('an official publishes a decision answering two comments with a roll call and amends its votes', STEP, async () => {
    const page = await official.context.newPage();
    await page.goto(`${server.url}/desk/decisions/new`);
    const form = page.locator('#decision-form');
    await form.getByLabel(/^Rubrik/).fill('Cykelbanan byggs');
    await form.getByLabel(/^Text/).fill('Kommunstyrelsen beslutar att bygga cykelbanan.');
    await form.getByLabel(/^Beslutande organ/).fill('Kommunstyrelsen');
    await form.getByLabel(/^Diarienummer/).fill('KFKS 2026/77');
    await form.getByRole('checkbox', { name: /Cykelbana längs Värmdövägen/ }).check();
    // The consultation still takes comments: it runs to its closing date unless closed now.
    const closing = form.getByRole('group', { name: /^Om beslutet länkar det öppna samrådet Cykelbana längs Värmdövägen/ });
    assert.equal(await closing.getByRole('radio', { name: /planerade sista dagen/ }).isChecked(), true);
    await closing.getByRole('radio', { name: /Stäng det för kommentarer nu/ }).check();
    await form.locator(`#f-answers-${ids.first}`).check();
    await form.locator(`#f-answers-${ids.second}`).check();
    await form.getByLabel('Ja', { exact: true }).fill('2');
    await form.getByLabel('Nej', { exact: true }).fill('1');
    for (const [n, [name, party, vote]] of [['Anna Andersson', 'S', 'for'], ['Bo Berg', 'M', 'for']].entries()) {
      await form.getByRole('button', { name: 'Lägg till en rad' }).click();
      const row = form.getByRole('group', { name: `Rad ${n + 1}` });
      await row.waitFor();
      assert.equal(await focusedId(page), `f-roll_${n}_name`);
      await row.getByLabel('Namn').fill(name);
      await row.getByLabel('Parti').fill(party);
      await row.getByLabel('Röst').selectOption(vote);
    }
    await form.getByRole('button', { name: 'Publicera beslutet' }).click();
    // The mismatch names both counts, and the choices are kept.
    assert.match(await page.locator('main > .error-summary').textContent(), /Nej: 1 i rösträkningen, 0 i namnuppropet/);
    assert.equal(await form.locator(`#f-answers-${ids.second}`).isChecked(), true);
    assert.equal(await closing.getByRole('radio', { name: /Stäng det för kommentarer nu/ }).isChecked(), true);
    await screenshot(page, 'desk-decision-errors', 360);
    await form.getByRole('button', { name: 'Lägg till en rad' }).click();
    const third = form.getByRole('group', { name: 'Rad 3' });
    await third.getByLabel('Namn').fill('Cia Ceder');
    await third.getByLabel('Parti').fill('V');
    await third.getByLabel('Röst').selectOption('against');
    await form.getByRole('button', { name: 'Publicera beslutet' }).click();
    await page.waitForURL(/\/desk\/decisions\?done=decision_published&decision=\d+#banner$/);
    assert.match(await page.getByRole('status').textContent(), /Beslutet är publicerat/);
    ids.decision = Number(new URL(page.url()).searchParams.get('decision'));
    // Closed now: the consultation takes no more comments and says it closed early.
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    assert.match(await page.locator('.facts').textContent(), /då beslutet publicerades – före den planerade sista dagen/);
    assert.equal(await page.locator('#comment-form').count(), 0);
    // The amendment changes the votes and the roll call, with a reason.
    await page.goto(`${server.url}/desk/decisions/${ids.decision}/amend`);
    const amend = page.locator('#decision-form');
    assert.equal(await amend.getByRole('group', { name: 'Rad 3' }).getByLabel('Namn').inputValue(), 'Cia Ceder');
    await amend.getByLabel('Ja', { exact: true }).fill('1');
    await amend.getByLabel('Nej', { exact: true }).fill('2');
    await amend.getByRole('group', { name: 'Rad 2' }).getByLabel('Röst').selectOption('against');
    await amend.getByLabel(/^Skäl till ändringen/).fill('Bo Berg röstade nej');
    await amend.getByRole('button', { name: 'Publicera ändringen' }).click();
    assert.match(await page.getByRole('status').textContent(), /Ändringen av beslutet är publicerad/);
    const decision = await (await page.request.get(`${server.url}/api/v1/decisions/${ids.decision}`)).json();
    assert.equal(decision.version, 2);
    assert.deepEqual([decision.votes.for, decision.votes.against], [1, 2]);
    assert.equal(decision.answers_comment_ids.length, 2);
    await page.close();
  });

  it('a moderator hides with an undo, dismisses flags with an undo, and restores a hidden comment', STEP, async () => {
    await flag(residents[1], ids.consultation, ids.first);
    await flag(residents[0], ids.consultation, ids.second);
    for (const b of residents.splice(0)) await b.close();
    moderator = await openBrowser({ javaScriptEnabled: false });
    const page = await moderator.context.newPage();
    await signIn(page, server.url, 'mona.moderator@nacka.example');
    await page.goto(`${server.url}/desk/moderation`);
    const first = page.locator(`#moderate-${ids.first}`);
    assert.match(await first.textContent(), /Skräppost/);
    await first.getByRole('button', { name: 'Dölj kommentaren' }).click();
    assert.equal(await page.locator(`#m${ids.first}-moderation_reason`).getAttribute('aria-invalid'), 'true');
    await page.locator(`#m${ids.first}-moderation_reason`).fill('Reklam');
    await page.locator(`#moderate-${ids.first}`).getByRole('button', { name: 'Dölj kommentaren' }).click();
    assert.match(await page.getByRole('status').textContent(), /Kommentaren är dold/);
    const queued = async () => Number(await page.locator('#banner-count .desk-count').textContent());
    assert.equal(await queued(), 1);
    await screenshot(page, 'desk-moderation', 360);
    await page.getByRole('button', { name: 'Ångra: visa kommentaren igen' }).click();
    assert.match(await page.getByRole('status').textContent(), /Kommentaren visas igen/);
    assert.equal(await queued(), 2); // the undone hide's flags wait in the queue again
    assert.equal(await page.locator(`#moderate-${ids.first}`).count(), 1);
    await page.locator(`#m${ids.second}-moderation_reason`).fill('Inte skräppost');
    await page.locator(`#moderate-${ids.second}`).getByRole('button', { name: 'Avfärda anmälningarna' }).click();
    assert.match(await page.getByRole('status').textContent(), /Anmälningarna är avfärdade/);
    assert.equal(await page.locator(`#moderate-${ids.second}`).count(), 0);
    assert.equal(await queued(), 1);
    await page.getByRole('button', { name: 'Ångra: lägg tillbaka anmälningarna i kön' }).click();
    assert.equal(await page.locator(`#moderate-${ids.second}`).count(), 1);
    assert.equal(await queued(), 2);
    await page.locator(`#m${ids.second}-moderation_reason`).fill('Skräppost');
    await page.locator(`#moderate-${ids.second}`).getByRole('button', { name: 'Dölj kommentaren' }).click();
    await page.locator(`#m${ids.second}-moderation_reason`).fill('Fel av oss');
    await page.locator(`#hidden-${ids.second}`).getByRole('button', { name: 'Visa kommentaren igen' }).click();
    assert.match(await page.getByRole('status').textContent(), /Kommentaren visas igen/);
    await page.goto(`${server.url}/moderation`);
    const log = await page.getByRole('table').textContent();
    for (const reason of ['Reklam', 'Inte skräppost', 'Fel av oss', 'Anmälningar avfärdade']) assert.match(log, new RegExp(reason));
    await page.close();
    await moderator.close();
    moderator = null;
  });

  it('the section buttons work by keyboard alone', STEP, async () => {
    const page = await official.context.newPage();
    await page.goto(`${server.url}/desk/consultations/new`);
    let name = '';
    for (let i = 0; i < 60 && name !== 'add-section'; i += 1) {
      await page.keyboard.press('Tab');
      name = await page.evaluate(() => document.activeElement.value || '');
    }
    assert.equal(name, 'add-section');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    await page.getByRole('group', { name: 'Avsnitt 1' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Avsnitt 1' }).count(), 1);
    assert.equal(await focusedId(page), 'f-sections_0_heading');
    await page.close();
  });

  it('every desk page passes axe-core and html-validate in Swedish and English at 360 px, with and without errors', STEP, async () => {
    checker = await openBrowser();
    const page = await checker.context.newPage();
    await signIn(page, server.url, 'adam.admin@nacka.example');
    await page.setViewportSize({ width: 360, height: 800 });
    const problems = [];
    const check = async (label, html) => {
      problems.push(...await pageProblems(page, label, html));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) problems.push(`${label}: ${width}px wide at 360px`);
    };
    const draft = await (await page.request.get(`${server.url}/api/v1/consultations?state=draft`)).json();
    const pages = ['/desk', '/desk/moderation?done=hide&comment=1', '/desk/answers', '/desk/answers?desk_status=answered',
      '/desk/consultations', '/desk/consultations?state=closing', '/desk/consultations/new',
      `/desk/consultations/${ids.consultation}/edit?done=saved`, `/desk/consultations/${draft.items[0].id}/publish`,
      '/desk/decisions?done=decision_published&decision=1', '/desk/decisions/new',
      `/desk/decisions/${ids.decision}/amend`, '/moderation'];
    const posted = async (label, submit) => {
      const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submit()]);
      await page.waitForLoadState('load');
      await check(label, await answer.text());
    };
    for (const lang of ['sv', 'en']) {
      for (const p of pages) {
        await page.goto(`${server.url}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        await check(`${lang} ${p}`);
      }
      await page.goto(`${server.url}/desk/consultations/new?lang=${lang}`);
      await posted(`${lang} consultation form with errors`, () => page.locator('#consultation-form button[value=save]').click());
      await posted(`${lang} consultation form with a section`, () => page.locator('#consultation-form button[value=add-section]').click());
      await page.goto(`${server.url}/desk/decisions/new?lang=${lang}`);
      await posted(`${lang} decision form with a row`, () => page.locator('#decision-form button[value=add-row]').click());
      await posted(`${lang} decision form with errors`, () => page.locator('#decision-form button[value=save]').click());
      await page.goto(`${server.url}/desk/moderation?lang=${lang}`);
      await posted(`${lang} restore without a reason`, () => page.locator('#hidden button[value=restore]').first().click());
      await page.goto(`${server.url}/desk/answers?desk_status=all&lang=${lang}`);
      await posted(`${lang} answer without text`, () => page.locator('main form[method=post] button[type=submit]').first().click());
    }
    await page.close();
    await checker.close();
    checker = null;
    assert.deepEqual(problems, []);
  });
});
