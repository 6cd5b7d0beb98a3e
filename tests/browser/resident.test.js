// The resident's journeys in headless Chromium with JavaScript off: each
// post (registration, sign-in, comment, reply, support, edit, name choice,
// account deletion) leads to a confirmation or an error summary where focus
// starts; long threads in numbered pages; comments on a section. A separate
// browser with JavaScript on runs axe-core and html-validate (pageProblems)
// on every page type these journeys touch, in Swedish and English, signed
// out and signed in (including the resident's own comment).
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
  journey, pageProblems, apiFor, focusedElement: focused, submitForm: submit, clickAndLoad, STEP,
} = require('./support');

const ids = {};
const EMAIL = 'dora@example.se';
const PASSWORD = 'ett-långt-lösenord';

describe('the resident pages in headless Chromium', () => {
  // nojs: the resident, JavaScript off; withjs: the checker, JavaScript on,
  // signed in as the same resident.
  const env = journey({
    nojs: {},
    users: [['olga@nacka.example', 'Olga Official', 'official'],
      ...['anna', 'bertil', 'cecilia'].map((n) => [`${n}@nacka.example`, n, 'resident'])],
    seed: async (server) => {
      const { api, token } = apiFor(server.url);
      const official = await token('olga@nacka.example');
      const day = 86400e3;
      const made = await api('POST', '/api/v1/consultations', {
        title: 'Ny cykelbana längs Värmdövägen', summary: 'Var ska cykelbanan gå?', body: 'Förslaget i **två** delar.',
        language: 'sv', opens_at: new Date(Date.now() - day).toISOString().slice(0, 10),
        closes_at: new Date(Date.now() + 20 * day).toISOString().slice(0, 10),
        sections: [{ heading: 'Sträckning', body: 'Norr eller söder om vägen.' }, { heading: 'Belysning', body: 'Lampor.' }],
      }, official);
      ids.consultation = made.id;
      ids.section = made.sections[0].id;
      await api('POST', `/api/v1/consultations/${made.id}/publish`, {}, official);
      // A long thread: 24 comments from three residents (the limit is ten a minute each).
      const tokens = [];  // one sign-in at a time: the password hasher admits few at once
      for (const n of ['anna', 'bertil', 'cecilia']) tokens.push(await token(`${n}@nacka.example`));
      for (let i = 0; i < 24; i += 1) {
        const c = await api('POST', `/api/v1/consultations/${made.id}/comments`, { body: `Synpunkt ${i + 1}: mer ljus och bredare bana.` }, tokens[i % 3]);
        if (i === 0) ids.annas = c.id;
      }
    },
  });

  it('registration names every error at once, focus on the summary, then confirms', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/register`);
    await submit(page, page.getByRole('main'), 'Skapa konto');
    const summary = page.locator('#error-summary');
    assert.deepEqual(await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['#f-display_name', '#f-email', '#f-password']);
    assert.equal(await focused(page), 'error-summary');
    for (const f of ['#f-display_name', '#f-email', '#f-password']) {
      assert.equal(await page.locator(f).getAttribute('aria-invalid'), 'true');
    }
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^Namn/);  // the first link of the summary
    await page.getByLabel(/^Namn/).fill('Dora Resident');
    await page.getByLabel(/^E-postadress/).fill(EMAIL);
    await page.getByLabel(/^Lösenord/).fill(PASSWORD);
    await submit(page, page.getByRole('main'), 'Skapa konto');
    assert.equal(new URL(page.url()).pathname, '/me');
    assert.match(await page.locator('#banner').textContent(), /Ditt konto är skapat/);
    assert.equal(await focused(page), 'banner');
    // Shown once.
    await page.reload();
    assert.equal(await page.locator('#banner').count(), 0);
    await page.close();
  });

  it('an empty sign-in names both fields; signing in confirms on the page asked for', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/me`);
    await submit(page, page.locator('header'), /Logga ut/);
    await page.goto(`${env.server.url}/login?next=/consultations/${ids.consultation}`);
    await submit(page, page.getByRole('main'), 'Logga in');
    const text = await page.locator('#error-summary').textContent();
    assert.match(text, /E-postadress: Ange din e-postadress/);
    assert.match(text, /Lösenord: Ange ditt lösenord/);
    assert.equal(await focused(page), 'error-summary');
    assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
    await page.getByLabel(/^E-postadress/).fill(EMAIL);
    await page.getByLabel(/^Lösenord/).fill(PASSWORD);
    await submit(page, page.getByRole('main'), 'Logga in');
    assert.equal(new URL(page.url()).pathname, `/consultations/${ids.consultation}`);
    assert.match(await page.locator('#banner').textContent(), /Du är inloggad/);
    assert.equal(await focused(page), 'banner');
    await page.close();
  });

  it('a long thread says where you are and moves by page numbers', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations/${ids.consultation}`);
    assert.equal((await page.locator('.thread-position').textContent()).trim(), 'Kommentarer 1–10 av 24');
    assert.equal(await page.getByRole('link', { name: 'Skriv en kommentar' }).getAttribute('href'), '#comment-form');
    const pages = page.getByRole('navigation', { name: 'Sidor' });
    await pages.getByRole('link', { name: 'Nästa' }).click();
    assert.equal((await page.locator('.thread-position').textContent()).trim(), 'Kommentarer 11–20 av 24');
    await pages.getByRole('link', { name: 'Sida 3' }).click();
    assert.equal((await page.locator('.thread-position').textContent()).trim(), 'Kommentarer 21–24 av 24');
    assert.equal(await pages.getByRole('link', { name: 'Sida 3' }).getAttribute('aria-current'), 'page');
    assert.equal(await pages.getByRole('link', { name: 'Nästa' }).count(), 0);
    await page.close();
  });

  it('a comment on a section lands on its page, anchored, marked as yours, focus on its confirmation', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations/${ids.consultation}`);
    const section = page.locator(`#section-${ids.section}`);
    assert.match(await section.textContent(), /0 kommentarer/);
    await section.getByRole('link', { name: /Kommentera detta avsnitt/ }).click();
    const form = page.locator('#comment-form');
    assert.equal(await form.getByLabel('Kommentaren gäller').inputValue(), String(ids.section));
    await form.getByLabel(/^Din kommentar/).fill('Dra banan söder om vägen.\n\nDär är det lugnare.');
    await submit(page, form, 'Skicka kommentaren');
    assert.match(page.url(), /\?page=3&done=posted&comment=\d+#comment-\d+$/);
    ids.mine = Number(page.url().split('#comment-').pop());
    const mine = page.locator(`#comment-${ids.mine}`);
    assert.equal(await page.locator(':target').getAttribute('id'), `comment-${ids.mine}`);
    assert.match(await mine.locator('.banner').textContent(), /Din kommentar är publicerad/);
    assert.match(await mine.locator('.badge-own').textContent(), /Din kommentar/);
    assert.match(await mine.locator('.comment-section').textContent(), /Om avsnittet Sträckning/);
    assert.equal(await mine.locator('.comment-body p').count(), 2);
    // Focus starts at the comment: one Tab reaches the confirmation's link.
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'Länk till kommentaren');
    // No support or oppose on one's own comment.
    assert.equal(await mine.locator('> article').getByRole('button', { name: /Håll/ }).count(), 0);
    // The section counts it, and its filter shows it alone.
    await page.goto(`${env.server.url}/consultations/${ids.consultation}`);
    await page.locator(`#section-${ids.section}`).getByRole('link', { name: '1 kommentar' }).click();
    assert.equal(await page.locator('ol.thread > li.comment').count(), 1);
    assert.equal((await page.locator('.thread-position').textContent()).trim(), 'Kommentarer 1–1 av 1');
    await page.close();
  });

  it('an empty comment comes back with the summary at the top as the target', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations/${ids.consultation}`);
    await submit(page, page.locator('#comment-form'), 'Skicka kommentaren');
    assert.match(page.url(), /#error-summary$/);
    assert.equal(await page.locator(':target').getAttribute('id'), 'error-summary');
    assert.equal(await page.locator('#error-summary a').getAttribute('href'), '#new-body');
    assert.equal(await page.locator('#new-body').getAttribute('aria-invalid'), 'true');
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^Din kommentar: Skriv en text/);
    await page.close();
  });

  it('a reply lands under its parent; support shows pressed and can be taken back', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations/${ids.consultation}`);
    const annas = page.locator(`#comment-${ids.annas}`);
    await annas.locator('summary', { hasText: 'Svara' }).first().click();
    await annas.getByLabel(/^Ditt svar/).fill('Håller med om ljuset.');
    await submit(page, annas, 'Skicka svaret');
    assert.match(page.url(), /done=replied/);
    const reply = Number(page.url().split('#comment-').pop());
    assert.equal(await page.locator(`#comment-${ids.annas} .replies #comment-${reply} .banner`).count(), 1);
    const support = () => page.locator(`#comment-${ids.annas} > article`).getByRole('button', { name: 'Håll med' });
    assert.equal(await support().getAttribute('aria-pressed'), 'false');
    await clickAndLoad(page, support());
    assert.equal(await support().getAttribute('aria-pressed'), 'true');
    assert.match(await page.locator(`#comment-${ids.annas} > article .reactions`).textContent(), /Håller med: 1/);
    assert.equal(await page.locator(':target').getAttribute('id'), `comment-${ids.annas}`);
    await clickAndLoad(page, support());
    assert.equal(await support().getAttribute('aria-pressed'), 'false');
    assert.match(await page.locator(`#comment-${ids.annas} > article .reactions`).textContent(), /Håller med: 0/);
    assert.match(await page.locator(`#comment-${ids.annas} > .banner`).textContent(), /tagit tillbaka/);
    await page.close();
  });

  it('an edit confirms and the versions are a page', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/consultations/${ids.consultation}?page=3`);
    const mine = page.locator(`#comment-${ids.mine}`);
    await mine.locator('summary', { hasText: 'Ändra' }).click();
    await mine.getByLabel(/^Ny text/).fill('Dra banan söder om vägen, där är det lugnare.');
    await submit(page, mine, 'Spara ändringen');
    assert.match(await page.locator(`#comment-${ids.mine} .banner`).textContent(), /Din ändring är sparad/);
    await page.locator(`#comment-${ids.mine}`).getByRole('link', { name: 'Tidigare versioner' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Kommentarens versioner');
    assert.equal(await page.locator('ol.versions > li').count(), 2);
    await page.close();
  });

  it('showing the real name warns about earlier comments and asks to confirm', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/me`);
    assert.match(await page.locator('#public-name-yes-hint').textContent(), /alla dina tidigare kommentarer/);
    await page.getByLabel('Med mitt namn').check();
    await submit(page, page.locator('section[aria-labelledby="h-privacy"]'), 'Spara valet');
    assert.equal(await focused(page), 'privacy-confirm');
    assert.match(await page.locator('#privacy-confirm').textContent(), /”Dora Resident” kommer att visas vid alla dina tidigare kommentarer/);
    await submit(page, page.locator('#privacy-confirm'), 'Ja, visa mitt namn');
    assert.match(await page.locator('#banner').textContent(), /Ditt namn visas/);
    assert.equal(await page.locator(':target').getAttribute('id'), 'banner');
    await page.close();
  });

  it('every page type passes axe-core and html-validate, signed out and signed in, in both languages', STEP, async () => {
    const page = await env.withjs.context.newPage();
    const problems = [];
    const check = async (label, html) => problems.push(...await pageProblems(page, label, html));
    const postAndCheck = async (label, action) => {
      const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), action()]);
      await page.waitForLoadState('load');
      await check(label, await resp.text());
    };
    const k = `/consultations/${ids.consultation}`;
    for (const lang of ['sv', 'en']) {
      for (const p of [k, `${k}?page=3`, `${k}?section=${ids.section}`, `/comments/${ids.annas}`, `/comments/${ids.mine}/versions`,
        '/login', '/register']) {
        await page.goto(`${env.server.url}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        await check(`${lang} signed out ${p}`);
      }
      await page.goto(`${env.server.url}/register?lang=${lang}`);
      await postAndCheck(`${lang} register with errors`, () => page.locator('main form button[type=submit]').click());
    }
    await page.goto(`${env.server.url}/login?lang=sv`);
    await page.getByLabel(/^E-postadress/).fill(EMAIL);
    await page.getByLabel(/^Lösenord/).fill(PASSWORD);
    await clickAndLoad(page, page.locator('main form button[type=submit]'));
    await check('sv signed in, the page asked for after signing in');
    for (const lang of ['sv', 'en']) {
      // Page 3 holds the resident's own comment with its reply and edit forms.
      for (const p of [k, `${k}?page=3`, `${k}?page=3&done=posted&comment=${ids.mine}`, `${k}?section=${ids.section}`,
        `/comments/${ids.mine}`, `/comments/${ids.annas}`, `/comments/${ids.mine}/versions`, '/me', '/me?done=privacy_public']) {
        await page.goto(`${env.server.url}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        await check(`${lang} signed in ${p}`);
      }
      assert.equal(await page.locator('#f-email, #new-body').count(), 0);
      await page.goto(`${env.server.url}${k}?lang=${lang}`);
      await postAndCheck(`${lang} comment with errors`, () => page.locator('#comment-form button[type=submit]').click());
      await page.goto(`${env.server.url}/me?lang=${lang}`);
      await page.locator('#public-name-no').check();
      await page.locator('section[aria-labelledby="h-privacy"] button[type=submit]').click();
      await page.waitForLoadState('load');
      await page.locator('#public-name-yes').check();
      await postAndCheck(`${lang} name confirmation`, () => page.locator('section[aria-labelledby="h-privacy"] button[type=submit]').click());
      await page.goto(`${env.server.url}/me?lang=${lang}`);
      await postAndCheck(`${lang} deletion without the tick`, () => page.locator('#delete-form button[type=submit]').click());
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('deleting the account needs the tick and confirms on the next page', STEP, async () => {
    const page = await env.nojs.context.newPage();
    await page.goto(`${env.server.url}/me`);
    await submit(page, page.locator('#delete-form'), /Radera/);
    assert.equal(await focused(page), 'error-summary');
    assert.equal(await page.locator('#delete-confirm').getAttribute('aria-invalid'), 'true');
    await page.locator('#delete-confirm').check();
    await submit(page, page.locator('#delete-form'), /Radera/);
    assert.equal(new URL(page.url()).pathname, '/account-deleted');
    assert.equal(await focused(page), 'banner');
    const problems = await (async () => {
      const checker = await env.withjs.context.newPage();
      const out = [];
      for (const lang of ['sv', 'en']) {
        await checker.goto(`${env.server.url}/account-deleted?lang=${lang}`);
        out.push(...await pageProblems(checker, `${lang} /account-deleted`));
      }
      await checker.close();
      return out;
    })();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
