// Questionnaires in a real browser with JavaScript off: an official builds
// the questions of a draft on the desk (add by type, options one per line,
// move up, required, fix a question's words and options after adding it);
// once open an edit needs a reason and makes a new version, once closed the
// desk refuses it; a resident sees the edited question, answers with errors
// first, then changes and withdraws the answer; the results stay hidden until
// the consultation closes and then show as SVG charts with the same numbers
// in tables. Every page, with and without errors, passes axe-core (WCAG 2.1
// A/AA) and html-validate in Swedish and English, and fits a 360 px screen.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, openBrowser, screenshot, signIn, pageProblems, submitForm, STEP } = require('./support');

// The server's clock, moved by the test to close the consultation.
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-q-clock-')), 'clock');
const setClock = (epoch) => {
  fs.writeFileSync(`${clockFile}.tmp`, `${Math.floor(epoch)}\n`);
  fs.renameSync(`${clockFile}.tmp`, clockFile);
};
const start = Date.now() / 1000;
const day = (n) => new Date((start + n * 86400) * 1000).toISOString().slice(0, 10);

let server;
let official; // JavaScript off
let resident; // JavaScript off
let checker; // JavaScript on, signed in as an admin: axe-core and html-validate
let consultation;
let token;

async function api(method, p, body) {
  const r = await fetch(`${server.url}${p}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

describe('questionnaires in headless Chromium', () => {
  before(async () => {
    setClock(start);
    process.env.SAMRAD_CLOCK_FILE = clockFile;
    server = await startServer({ demo: false });
    server.createUser('olga.official@nacka.example', 'Olga Official', 'official');
    server.createUser('adam.admin@nacka.example', 'Adam Admin', 'admin');
    server.createUser('rut.resident@example.se', 'Rut', 'resident');
    token = (await api('POST', '/api/v1/sessions', { email: 'olga.official@nacka.example', password: 'secret-password' })).json.token;
    const made = await api('POST', '/api/v1/consultations', {
      title: 'Torget i Fisksätra', summary: 'Vad vill du ha på torget?', body: 'Tyck till.', language: 'sv',
      opens_at: day(-1), closes_at: day(3),
    });
    assert.equal(made.status, 201);
    consultation = made.json.id;
    official = await openBrowser({ javaScriptEnabled: false });
    resident = await openBrowser({ javaScriptEnabled: false });
    checker = await openBrowser();
  }, STEP);

  after(async () => {
    for (const b of [official, resident, checker]) if (b) await b.close();
    if (server) await server.stop();
    fs.rmSync(path.dirname(clockFile), { recursive: true, force: true });
  }, STEP);

  it('an official builds the questions of a draft on the desk without JavaScript', STEP, async () => {
    const page = await official.context.newPage();
    await signIn(page, server.url, 'olga.official@nacka.example');
    await page.goto(`${server.url}/desk/consultations/${consultation}/questions`);
    const form = page.locator('#add-question');
    const add = async (type, text, fill) => {
      await form.getByLabel('Frågetyp').selectOption(type);
      await form.getByLabel(/^Fråga \(/).fill(text);
      if (fill) await fill();
      if (type === 'single') await form.getByLabel('Frågan måste besvaras').check();
      await form.getByRole('button', { name: 'Lägg till frågan' }).click();
      await page.waitForLoadState();
      assert.match(await page.locator('#banner').innerText(), /Frågan är tillagd/);
    };
    // A question without text is refused with the error tied to its field.
    await form.getByRole('button', { name: 'Lägg till frågan' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('.error-summary').innerText(), /Skriv frågan/);
    await add('single', 'Behövs fler bänkar?', () => form.getByLabel(/^Alternativ/).fill('Ja\nNej\nVet inte'));
    await add('multiple', 'Vad saknas?', async () => {
      await form.getByLabel(/^Alternativ/).fill('Träd\nLekplats\nBelysnig');
      await form.getByLabel(/^Högst antal val/).fill('2');
    });
    await add('scale', 'Hur trivs du på torget?', async () => {
      await form.getByLabel(/^Vad 1 betyder/).fill('Inte alls');
      await form.getByLabel(/^Vad högsta värdet betyder/).fill('Mycket');
    });
    await add('ranking', 'Vad är viktigast?', () => form.getByLabel(/^Alternativ/).fill('Grönska\nParkering\nCafé'));
    await add('text', 'Något mer?');
    // The free-text question moves up above the ranking.
    await page.locator('li', { hasText: '5. Något mer?' }).getByRole('button', { name: /Flytta upp/ }).click();
    await page.waitForLoadState();
    const titles = await page.locator('.desk-questions h2').allInnerTexts();
    assert.deepEqual(titles, ['1. Behövs fler bänkar?', '2. Vad saknas?', '3. Hur trivs du på torget?', '4. Något mer?', '5. Vad är viktigast?']);
    // A typo in an option and the question's words are fixed after adding it.
    const second = page.locator('li', { hasText: '2. Vad saknas?' });
    await second.locator('summary').click();
    await second.getByLabel(/^Fråga \(/).fill('Vad saknas på torget?');
    await second.getByLabel(/^Alternativ/).fill('Träd\nLekplats\nBelysning');
    await second.getByRole('button', { name: 'Spara frågan' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('#banner').innerText(), /Frågan är ändrad/);
    const edited = page.locator('li', { hasText: '2. Vad saknas på torget?' });
    assert.deepEqual(await edited.locator('ul li').allInnerTexts(), ['Träd', 'Lekplats', 'Belysning']);
    assert.match(await edited.locator('.meta').innerText(), /version 1/);
    await screenshot(page, 'desk-questions', 360);
    await page.close();
    assert.equal((await api('POST', `/api/v1/consultations/${consultation}/publish`, {})).status, 200);
  });

  it('once the consultation has opened, an edit without a reason is refused on the question\'s own form', STEP, async () => {
    const page = await official.context.newPage();
    await page.goto(`${server.url}/desk/consultations/${consultation}/questions`);
    assert.match(await page.locator('main').innerText(), /varje ändring kräver ett skäl/);
    const second = page.locator('li', { hasText: '2. Vad saknas på torget?' });
    await second.locator('summary').click();
    await second.getByLabel(/^Fråga \(/).fill('Vad saknas på torget i dag?');
    await submitForm(page, second, 'Spara frågan');
    assert.match(await page.locator('.error-summary').innerText(), /Skriv varför frågorna ändras efter publiceringen/);
    const refused = page.locator('li', { hasText: '2. Vad saknas på torget?' });
    assert.equal(await refused.locator('details').getAttribute('open'), '');
    const reason = refused.locator('details').getByLabel(/^Skäl till ändringen/);
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.equal(await refused.getByLabel(/^Fråga \(/).inputValue(), 'Vad saknas på torget i dag?');
    // Nothing was stored: the question is as it was.
    const { questions } = (await api('GET', `/api/v1/consultations/${consultation}/questions`)).json;
    assert.deepEqual(questions.filter((q) => q.text.startsWith('Vad saknas')).map((q) => [q.text, q.version]),
      [['Vad saknas på torget?', 1]]);
    // With a reason it is saved as a new version.
    await reason.fill('Tydligare fråga');
    await submitForm(page, refused, 'Spara frågan');
    assert.match(await page.locator('#banner').innerText(), /Frågan är ändrad/);
    const edited = page.locator('li', { hasText: '2. Vad saknas på torget i dag?' });
    assert.match(await edited.locator('.meta').innerText(), /version 2/);
    await page.close();
  });

  it('a resident answers after fixing errors, changes the answer and withdraws it', STEP, async () => {
    const page = await resident.context.newPage();
    await signIn(page, server.url, 'rut.resident@example.se');
    await page.goto(`${server.url}/consultations/${consultation}/questionnaire`);
    // The edited question as the resident sees it: its new words, the fixed option.
    const edited = page.locator('#questionnaire-form').getByRole('group', { name: /Vad saknas på torget i dag\?/ });
    assert.deepEqual(await edited.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.labels[0].innerText.trim())),
      ['Träd', 'Lekplats', 'Belysning']);
    assert.match(await page.locator('main').innerText(), /Resultaten visas när samrådet har stängt/);
    const form = page.locator('#questionnaire-form');
    // Three choices where two are allowed, and the required question left out.
    for (const label of ['Träd', 'Lekplats', 'Belysning']) await form.getByLabel(label).check();
    await form.getByRole('button', { name: 'Skicka svar' }).click();
    await page.waitForLoadState();
    const summary = await page.locator('.error-summary').innerText();
    assert.match(summary, /Svara på frågan/);
    assert.match(summary, /Välj högst 2 av alternativen/);
    await page.locator('#questionnaire-form').getByRole('group', { name: /Behövs fler bänkar/ }).getByLabel('Ja').check();
    await page.locator('#questionnaire-form').getByLabel('Belysning').uncheck();
    await page.locator('#questionnaire-form').getByRole('group', { name: /Hur trivs du/ }).getByLabel('4').check();
    const ranking = page.locator('#questionnaire-form').getByRole('group', { name: /Vad är viktigast/ });
    await ranking.getByLabel('Grönska').selectOption('1');
    await ranking.getByLabel('Café').selectOption('2');
    await ranking.getByLabel('Parkering').selectOption('3');
    await page.locator('#questionnaire-form').getByLabel('Ditt svar').fill('Fler bänkar\ni solen');
    await page.locator('#questionnaire-form').getByRole('button', { name: 'Skicka svar' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('#banner').innerText(), /Ditt svar är sparat/);
    // The answer given is shown again, and can be changed.
    assert.ok(await page.locator('#questionnaire-form').getByLabel('Lekplats').isChecked());
    await page.locator('#questionnaire-form').getByRole('group', { name: /Behövs fler bänkar/ }).getByLabel('Nej').check();
    await page.locator('#questionnaire-form').getByRole('button', { name: 'Ändra mitt svar' }).click();
    await page.waitForLoadState();
    assert.ok(await page.locator('#questionnaire-form').getByRole('group', { name: /Behövs fler bänkar/ }).getByLabel('Nej').isChecked());
    await page.getByRole('button', { name: 'Ta tillbaka mitt svar' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('#banner').innerText(), /tillbakataget/);
    assert.equal(await page.locator('#questionnaire-form').getByLabel('Lekplats').isChecked(), false);
    // Answered again, so the results have something to show.
    await page.locator('#questionnaire-form').getByRole('group', { name: /Behövs fler bänkar/ }).getByLabel('Ja').check();
    await page.locator('#questionnaire-form').getByRole('group', { name: /Hur trivs du/ }).getByLabel('5').check();
    await page.locator('#questionnaire-form').getByRole('button', { name: 'Skicka svar' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('#banner').innerText(), /Ditt svar är sparat/);
    await page.close();
  });

  it('results show as charts with tables once the consultation has closed', STEP, async () => {
    const page = await resident.context.newPage();
    await page.goto(`${server.url}/consultations/${consultation}/questionnaire`);
    assert.equal(await page.locator('.q-result').count(), 0);
    setClock(start + 5 * 86400);
    await page.goto(`${server.url}/consultations/${consultation}/questionnaire`);
    assert.equal(await page.locator('.q-result').count(), 5);
    const chart = page.getByRole('img', { name: /Behövs fler bänkar/ });
    assert.equal(await chart.count(), 1);
    const first = page.locator('.q-result').first();
    assert.match(await first.locator('table').innerText(), /Ja\s+1\s+100\s%/);
    assert.match(await page.locator('.q-result').nth(2).innerText(), /Medelvärde: 5,0/);
    await page.setViewportSize({ width: 360, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the results are ${width}px wide at 360px`);
    await screenshot(page, 'questionnaire-results', 360);
    await page.close();
  });

  it('once the consultation has closed, the desk offers no edit and refuses a form opened before', STEP, async () => {
    setClock(start);
    const page = await official.context.newPage();
    await page.goto(`${server.url}/desk/consultations/${consultation}/questions`);
    const first = page.locator('li', { hasText: '1. Behövs fler bänkar?' });
    await first.locator('summary').click();
    await first.getByLabel(/^Fråga \(/).fill('Behövs fler bänkar i solen?');
    await first.locator('details').getByLabel(/^Skäl till ändringen/).fill('Tydligare fråga');
    setClock(start + 5 * 86400);
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      first.getByRole('button', { name: 'Spara frågan' }).click()]);
    await page.waitForLoadState('load');
    assert.equal(answer.status(), 409);
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Det går inte just nu/);
    const { questions } = (await api('GET', `/api/v1/consultations/${consultation}/questions`)).json;
    assert.equal(questions[0].text, 'Behövs fler bänkar?');
    await page.goto(`${server.url}/desk/consultations/${consultation}/questions`);
    assert.equal(await page.getByRole('button', { name: 'Spara frågan' }).count(), 0);
    assert.equal(await page.locator('#add-question').count(), 0);
    await page.close();
  });

  it('every questionnaire page passes axe-core and html-validate in Swedish and English', STEP, async () => {
    const page = await checker.context.newPage();
    const problems = [];
    const check = async (label, html) => problems.push(...await pageProblems(page, label, html));
    // An open consultation with a form for a signed-in resident.
    setClock(start);
    const other = await api('POST', '/api/v1/consultations', {
      title: 'Parken', summary: 'S', body: 'B', language: 'sv', opens_at: day(-1), closes_at: day(3),
    });
    await api('POST', `/api/v1/consultations/${other.json.id}/questions`, { type: 'single', text: 'Ja eller nej?', options: ['Ja', 'Nej'], required: true });
    await api('POST', `/api/v1/consultations/${other.json.id}/questions`, { type: 'ranking', text: 'Ordning?', options: ['A', 'B'] });
    await api('POST', `/api/v1/consultations/${other.json.id}/publish`, {});
    const answering = await openBrowser();
    const form = await answering.context.newPage();
    await signIn(form, server.url, 'rut.resident@example.se');
    for (const lang of ['sv', 'en']) {
      await form.goto(`${server.url}/consultations/${other.json.id}/questionnaire?lang=${lang}`);
      problems.push(...await pageProblems(form, `${lang} questionnaire form`));
      const [answer] = await Promise.all([form.waitForResponse((r) => r.request().method() === 'POST'),
        form.locator('#questionnaire-form button[type=submit]').click()]);
      await form.waitForLoadState('load');
      problems.push(...await pageProblems(form, `${lang} questionnaire form with errors`, await answer.text()));
    }
    await answering.close();
    setClock(start + 5 * 86400);
    await signIn(page, server.url, 'adam.admin@nacka.example');
    for (const lang of ['sv', 'en']) {
      for (const p of [`/consultations/${consultation}/questionnaire`, `/desk/consultations/${consultation}/questions`,
        `/desk/consultations/${other.json.id}/questions`, '/desk/questionnaire-texts']) {
        await page.goto(`${server.url}${p}?lang=${lang}`);
        await check(`${lang} ${p}`);
      }
    }
    setClock(start);
    for (const lang of ['sv', 'en']) {
      await page.goto(`${server.url}/desk/consultations/${other.json.id}/questions?lang=${lang}`);
      const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#add-question button[type=submit]').click()]);
      await page.waitForLoadState('load');
      await check(`${lang} add question with errors`, await answer.text());
      // A published question's edit form, refused without a reason.
      await page.locator('.desk-question-edit summary').first().click();
      const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('.desk-question-edit button[type=submit]').first().click()]);
      await page.waitForLoadState('load');
      await check(`${lang} edit question without a reason`, await refused.text());
      assert.equal(refused.status(), 422);
    }
    await page.close();
    assert.deepEqual(problems, []);
  });
});
