// The web pages in a real browser: a resident registers, comments, replies
// and supports; a moderator hides a comment from the desk; an official
// opens a consultation and publishes a decision answering a comment; hostile
// text renders as text; axe-core finds no WCAG 2.1 A/AA violations on any
// page type in either language. The user flows run with JavaScript turned
// off in the page, as the pages need none.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer, openBrowser, screenshot, pageProblems, root, STEP } = require('./support');

const XSS_COMMENT = '<script>window.__pwned=1;alert(5)</script><img src=x onerror="window.__pwned=1"> <b>fet</b>';
const XSS_TITLE = '<img src=x onerror="window.__pwned=1;alert(1)"><script>alert(2)</script> Lekplats';

let server;
let nojs;   // a browser with JavaScript off: the user flows
let withjs; // a browser with JavaScript on: axe-core and the XSS check
let resident; // JavaScript off, signed in as a resident
let moderator; // JavaScript off, signed in as a moderator
const ids = {};

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/E-postadress|E-mail address/).fill(email);
  await page.getByLabel(/^(Lösenord|Password)/).fill('secret-password');
  await page.getByRole('main').getByRole('button', { name: /Logga in|Sign in/ }).click();
}

async function signOut(page) {
  await page.getByRole('button', { name: /Logga ut|Sign out/ }).click();
  await page.waitForURL(`${server.url}/`);
}

async function openConsultation(page, title, extra = {}) {
  await page.goto(`${server.url}/desk/consultations/new`);
  const form = page.locator('#consultation-form');
  await form.getByLabel(/^Rubrik/).first().fill(title);
  await form.getByLabel(/^Sammanfattning/).fill(extra.summary || 'Vi vill höra vad du tycker.');
  await form.getByLabel(/^Text/).first().fill(extra.body || 'Förslaget gäller **hela parken**.');
  await form.getByLabel(/^Område/).fill('Sickla');
  await form.getByLabel(/^Ämnesord/).fill('lek, park');
  if (extra.closes) await form.getByLabel(/^Stänger/).fill(extra.closes);
  await form.getByRole('button', { name: 'Lägg till ett avsnitt' }).click();
  await form.getByRole('group', { name: /Avsnitt 1/ }).getByLabel(/^Rubrik/).fill('Tidplan');
  await form.getByRole('group', { name: /Avsnitt 1/ }).getByLabel(/^Text/).fill('Bygget börjar i vår.');
  await form.getByLabel(/^Publicera direkt/).check();
  await form.getByRole('button', { name: 'Spara samrådet' }).click();
  await page.getByRole('button', { name: 'Ja, publicera nu' }).click();
  await page.waitForURL(/\/desk\/consultations\/\d+\/edit\?done=published#banner$/);
  const id = Number(page.url().split('/')[5]);
  await page.goto(`${server.url}/consultations/${id}`);
  return id;
}

describe('web pages in headless Chromium', () => {
  before(async () => {
    server = await startServer();
    server.createUser('official@nacka.example', 'Olga Official', 'official');
    server.createUser('mona.moderator@nacka.example', 'Mona Moderator', 'moderator');
    server.createUser('adam.admin@nacka.example', 'Adam Admin', 'admin');
    nojs = await openBrowser({ javaScriptEnabled: false });
    withjs = await openBrowser();
    resident = await openBrowser({ javaScriptEnabled: false });
    moderator = await openBrowser({ javaScriptEnabled: false });
  }, STEP);

  after(async () => {
    if (nojs) await nojs.close();
    if (withjs) await withjs.close();
    if (resident) await resident.close();
    if (moderator) await moderator.close();
    if (server) await server.stop();
  }, STEP);

  it('an official opens a consultation from the desk and it shows as published', STEP, async () => {
    const page = await nojs.context.newPage();
    await signIn(page, 'official@nacka.example');
    await page.goto(`${server.url}/desk`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Arbetsyta');
    const closes = new Date(Date.now() + 10 * 86400e3).toISOString().slice(0, 10);
    ids.consultation = await openConsultation(page, 'Ny lekplats i Sicklaparken', { closes });
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Ny lekplats i Sicklaparken');
    assert.match(await page.locator('.facts').textContent(), /Öppet/);
    assert.equal(await page.getByRole('heading', { name: 'Tidplan' }).count(), 1);
    assert.equal(await page.locator('.prose strong').first().textContent(), 'hela parken');
    await page.close();
    // The README's picture of the start page, as a visitor sees it.
    const visitor = await withjs.context.newPage();
    await visitor.goto(`${server.url}/?lang=sv`);
    assert.match(await visitor.getByRole('region', { name: 'Stänger snart' }).textContent(), /Ny lekplats i Sicklaparken/);
    await screenshot(visitor, 'start', 1280, path.join(root, 'docs', 'screenshots', 'start-page.png'));
    await visitor.close();
  });

  it('a form with errors comes back with the values and the errors tied to their fields', STEP, async () => {
    const page = await nojs.context.newPage();
    await page.goto(`${server.url}/desk/consultations/new`);
    const form = page.locator('#consultation-form');
    await form.getByLabel(/^Sammanfattning/).fill('Utan rubrik');
    await form.getByLabel(/^Text/).first().fill('Text');
    await form.getByRole('button', { name: 'Spara samrådet' }).click();
    const summary = page.locator('main > .error-summary');
    assert.match(await summary.textContent(), /Rubrik/);
    // The top of the page links the field with the error.
    assert.equal(await summary.locator('a').first().getAttribute('href'), '#f-title');
    const title = form.getByLabel(/^Rubrik/).first();
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    const described = await title.getAttribute('aria-describedby');
    assert.match(await page.locator(`#${described.split(' ').pop()}`).textContent(), /Ange en rubrik/);
    assert.equal(await form.getByLabel(/^Sammanfattning/).inputValue(), 'Utan rubrik');
    await screenshot(page, 'desk-errors', 360);
    await page.close();
  });

  it('a resident registers, signs out and in again, and reads the consultation', STEP, async () => {
    const page = await withjs.context.newPage();
    await page.goto(`${server.url}/register`);
    await page.getByLabel(/^Namn/).fill('Rut Resident');
    await page.getByLabel(/^E-postadress/).fill('rut@example.se');
    await page.getByLabel(/^Lösenord/).fill('ett-långt-lösenord');
    await page.getByRole('main').getByRole('button', { name: 'Skapa konto' }).click();
    await page.waitForURL(`${server.url}/me`);
    assert.match(await page.getByRole('main').textContent(), /rut@example\.se/);
    assert.match(await page.getByRole('main').textContent(), /Invånare/);
    await signOut(page);
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-postadress/).fill('rut@example.se');
    await page.getByLabel(/^Lösenord/).fill('ett-långt-lösenord');
    await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${server.url}/me`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Samråd' }).click();
    await page.getByLabel('Område').selectOption({ label: 'Sickla' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.getByRole('link', { name: 'Ny lekplats i Sicklaparken' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Ny lekplats i Sicklaparken');
    const cookies = await withjs.context.cookies();
    const session = cookies.find((c) => c.name === 'samrad_session');
    assert.ok(session.httpOnly);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie.includes('samrad_session')), false);
    await signOut(page);
    await page.close();
  });


  it('a resident comments, replies and supports, and each shows on the page', STEP, async () => {
    const page = await resident.context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-postadress/).fill('rut@example.se');
    await page.getByLabel(/^Lösenord/).fill('ett-långt-lösenord');
    await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${server.url}/me`);
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    const form = page.locator('#comment-form');
    await form.getByLabel(/^Din kommentar/).fill('Bygg gärna en plaskdamm.\nOch fler bänkar.');
    await form.getByRole('button', { name: 'Skicka kommentaren' }).click();
    await page.waitForURL(/#comment-\d+$/);
    ids.comment = Number(page.url().split('#comment-').pop());
    const mine = page.locator(`#comment-${ids.comment}`);
    assert.match(await mine.locator('.comment-body').first().innerText(), /Bygg gärna en plaskdamm\.\s+Och fler bänkar\./);
    // An empty comment comes back with the error tied to the field.
    await page.locator('#comment-form').getByRole('button', { name: 'Skicka kommentaren' }).click();
    const field = page.locator('#comment-form').getByLabel(/^Din kommentar/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#new-body-error').textContent(), /Skriv en text/);
    // A reply, then support.
    const again = page.locator(`#comment-${ids.comment}`);
    await again.locator('summary', { hasText: 'Svara' }).first().click();
    await again.getByLabel(/^Ditt svar/).first().fill('Och skugga vid sandlådan.');
    await again.getByRole('button', { name: 'Skicka svaret' }).first().click();
    await page.waitForURL(/#comment-\d+$/);
    ids.reply = Number(page.url().split('#comment-').pop());
    assert.equal(await page.locator(`#comment-${ids.comment} .replies #comment-${ids.reply}`).count(), 1);
    // Support is not offered on one's own comment; someone else supports it.
    assert.equal(await page.locator(`#comment-${ids.comment} > article`).getByRole('button', { name: 'Håll med' }).count(), 0);
    const other = await nojs.context.newPage();
    await other.goto(`${server.url}/consultations/${ids.consultation}`);
    await other.locator(`#comment-${ids.comment} > article`).getByRole('button', { name: 'Håll med' }).click();
    assert.match(await other.locator(`#comment-${ids.comment} > article .reactions`).textContent(), /Håller med: 1/);
    await other.close();
    // Hostile text in a comment, and one that a moderator will hide.
    await page.locator('#comment-form').getByLabel(/^Din kommentar/).fill(XSS_COMMENT);
    await page.locator('#comment-form').getByRole('button', { name: 'Skicka kommentaren' }).click();
    await page.waitForURL(/#comment-\d+$/);
    ids.hostileComment = Number(page.url().split('#comment-').pop());
    await page.locator('#comment-form').getByLabel(/^Din kommentar/).fill('Ring mig på 070-123 45 67');
    await page.locator('#comment-form').getByRole('button', { name: 'Skicka kommentaren' }).click();
    await page.waitForURL(/#comment-\d+$/);
    ids.hidden = Number(page.url().split('#comment-').pop());
    await page.goto(`${server.url}/me`);
    assert.match(await page.getByRole('region', { name: /Mina synpunkter|Mina kommentarer/ }).textContent(), /Bygg gärna en plaskdamm/);
    await page.close();
  });

  it('a comment with script and HTML renders as text and runs nothing', STEP, async () => {
    const page = await withjs.context.newPage();
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('main img, main script, main b').count(), 0);
    assert.equal(await page.locator(`#comment-${ids.hostileComment} .comment-body`).textContent(), XSS_COMMENT);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('a moderator reports a comment and hides it from the desk with a reason', STEP, async () => {
    const page = await moderator.context.newPage();
    await signIn(page, 'mona.moderator@nacka.example');
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    const item = page.locator(`#comment-${ids.hidden}`);
    await item.locator('summary', { hasText: 'Anmäl' }).click();
    await item.getByLabel(/^Skäl$/).selectOption('personal_data');
    await item.getByLabel(/^Kommentar till moderatorn/).fill('Telefonnummer');
    await item.getByRole('button', { name: 'Skicka anmälan' }).click();
    assert.match(await page.getByRole('status').textContent(), /En moderator tittar/);
    await page.goto(`${server.url}/desk/moderation`);
    const queued = page.locator(`#moderate-${ids.hidden}`);
    assert.match(await queued.textContent(), /Innehåller personuppgifter[\s\S]*Telefonnummer/);
    await screenshot(page, 'desk-queue', 360);
    await screenshot(page, 'desk-queue', 1280);
    // Without a reason the form says so at the field.
    await queued.getByRole('button', { name: 'Dölj kommentaren' }).click();
    const reason = page.locator(`#moderate-${ids.hidden}`).getByLabel(/^Skäl \(visas offentligt\)/);
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await reason.fill('Innehöll personuppgifter');
    await page.locator(`#moderate-${ids.hidden}`).getByRole('button', { name: 'Dölj kommentaren' }).click();
    await page.waitForURL(/\/desk\/moderation\?done=hide&comment=\d+#banner$/);
    assert.equal(await page.locator(`#moderate-${ids.hidden}`).count(), 0);
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    const hidden = page.locator(`#comment-${ids.hidden}`);
    assert.equal(await hidden.locator('.hidden-note').textContent(), 'Dold av en moderator: Innehöll personuppgifter');
    assert.doesNotMatch(await hidden.textContent(), /070-123/);
    await screenshot(page, 'consultation-hidden-comment', 360);
    await signOut(page);
    await page.close();
  });

  it('an official publishes a decision from the desk that answers the consultation and a comment', STEP, async () => {
    const page = await nojs.context.newPage();
    await page.goto(`${server.url}/desk/decisions/new`);
    const form = page.locator('#decision-form');
    await form.getByLabel(/^Rubrik/).fill('Lekplats i Sicklaparken byggs');
    await form.getByLabel(/^Text/).fill('Kommunstyrelsen beslutar att bygga lekplatsen.');
    await form.getByLabel(/^Beslutande organ/).fill('Kommunstyrelsen');
    await form.getByLabel(/^Diarienummer/).fill('KFKS 2026/42');
    await form.getByLabel(/^Utfall/).selectOption('approved');
    await form.getByRole('checkbox', { name: /Ny lekplats i Sicklaparken/ }).check();
    await form.locator(`#f-answers-${ids.comment}`).check();
    await form.getByLabel('Ja', { exact: true }).fill('2');
    await form.getByLabel('Nej', { exact: true }).fill('1');
    for (const [n, [name, party, vote]] of [['Anna Andersson', 'S', 'for'], ['Bo Berg', 'M', 'for'], ['Cia Ceder', 'V', 'against']].entries()) {
      await form.getByRole('button', { name: 'Lägg till en rad' }).click();
      const row = form.getByRole('group', { name: `Rad ${n + 1}` });
      await row.getByLabel('Namn').fill(name);
      await row.getByLabel('Parti').fill(party);
      await row.getByLabel('Röst').selectOption(vote);
    }
    // The consultation still takes comments: the decision closes it now.
    await form.getByRole('group', { name: /^Om beslutet länkar det öppna samrådet Ny lekplats i Sicklaparken/ })
      .getByRole('radio', { name: /Stäng det för kommentarer nu/ }).check();
    await form.getByRole('button', { name: 'Publicera beslutet' }).click();
    await page.waitForURL(/\/desk\/decisions\?done=decision_published&decision=\d+#banner$/);
    ids.decision = Number(new URL(page.url()).searchParams.get('decision'));
    await page.goto(`${server.url}/decisions/${ids.decision}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Lekplats i Sicklaparken byggs');
    assert.match(await page.locator('.facts').first().textContent(), /Bifallet/);
    assert.equal(await page.getByRole('cell', { name: 'Cia Ceder' }).count(), 1);
    assert.match(await page.locator('.hash-value').textContent(), /^[0-9a-f]{64}$/);
    assert.equal(await page.getByRole('link', { name: /Kontrollera hela loggen/ }).getAttribute('href'), '/api/v1/log/verify');
    await screenshot(page, 'decision', 360);
    await screenshot(page, 'decision', 1280);
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    const said = page.getByRole('region', { name: 'Ni tyckte, vi beslutade' });
    assert.equal(await said.getByRole('link', { name: 'Lekplats i Sicklaparken byggs' }).count(), 1);
    assert.match(await page.locator('.facts').textContent(), /Beslutat/);
    const answered = page.locator(`#comment-${ids.comment} > article`);
    assert.match(await answered.locator('.badge-answered').textContent(), /Besvarad av kommunen/);
    assert.equal(await answered.locator('.answered-by a').textContent(), 'Lekplats i Sicklaparken byggs');
    await page.close();
    // The README's picture of a consultation, as a visitor sees it.
    const visitor = await withjs.context.newPage();
    await visitor.goto(`${server.url}/consultations/${ids.consultation}`);
    await screenshot(visitor, 'consultation', 360);
    await screenshot(visitor, 'consultation', 1280);
    await visitor.close();
    // The README's picture of a consultation with comments: the demo's open
    // cycle-lane consultation as a signed-in resident sees it.
    const reader = await resident.context.newPage();
    await reader.goto(`${server.url}/consultations?state=open`);
    await reader.getByRole('link', { name: 'Nya cykelbanor längs Värmdövägen' }).click();
    await reader.goto(`${reader.url()}#h-comments`);
    assert.ok(await reader.locator('.badge-official').count() > 0);
    await screenshot(reader, 'consultation-comments', 360);
    await screenshot(reader, 'consultation-comments', 1280, path.join(root, 'docs', 'screenshots', 'consultation.png'));
    await reader.close();
  });

  it('an official amends the decision and the page shows what changed and why', STEP, async () => {
    const page = await nojs.context.newPage();
    await page.goto(`${server.url}/decisions/${ids.decision}`);
    await page.getByText('Ändra eller upphäv beslutet', { exact: true }).last().click();
    const form = page.locator('#amend-form');
    await form.getByLabel(/^Utfall/).selectOption('referred');
    await form.getByLabel(/^Skäl till ändringen/).fill('Fullmäktige återremitterade ärendet.');
    await form.getByRole('button', { name: 'Spara ny version' }).click();
    await page.waitForURL(/\/decisions\/\d+#h-versions$/);
    const versions = page.getByRole('region', { name: 'Versioner' });
    const amended = versions.getByRole('heading', { name: /^Ändrat .*Fullmäktige återremitterade ärendet\./ });
    assert.equal(await amended.count(), 1);
    assert.match(await versions.textContent(), /Version 2/);
    assert.match(await page.locator('.facts').first().textContent(), /Återremitterat/);
    // The version's own page shows what changed, old and new side by side.
    await amended.getByRole('link').click();
    assert.match(await page.getByRole('main').textContent(), /Utfall[\s\S]*Bifallet[\s\S]*Återremitterat/);
    await page.close();
  });

  it('script and HTML in a title render as text and run nothing', STEP, async () => {
    const officialPage = await nojs.context.newPage();
    ids.hostile = await openConsultation(officialPage, XSS_TITLE, { body: '<script>alert(3)</script> <img src=x onerror=alert(4)>' });
    await officialPage.close();
    const page = await withjs.context.newPage();
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    for (const url of [`/consultations/${ids.hostile}`, '/consultations', '/', '/search?q=Lekplats']) {
      await page.goto(`${server.url}${url}`);
      await page.waitForLoadState('load');
      assert.equal(await page.evaluate(() => window.__pwned), undefined, url);
      assert.equal(await page.locator('main img, main script').count(), 0, url);
    }
    await page.goto(`${server.url}/consultations/${ids.hostile}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), XSS_TITLE);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('the skip link is the first stop for the keyboard and moves focus to the content', STEP, async () => {
    const page = await withjs.context.newPage();
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await page.close();
  });

  it('axe-core finds no WCAG 2.1 A/AA violations and html-validate no invalid HTML on any page type in Swedish and English', STEP, async () => {
    const page = await withjs.context.newPage();
    await signIn(page, 'adam.admin@nacka.example');
    // A comment left in the queue, and one open consultation with comments awaiting an answer.
    const open = await openConsultation(page, 'Boulebana vid Nacka strand');
    const rut = await resident.context.newPage();
    await rut.goto(`${server.url}/consultations/${open}`);
    await rut.locator('#comment-form').getByLabel(/^Din kommentar/).fill('Gärna med belysning.');
    await rut.locator('#comment-form').getByRole('button', { name: 'Skicka kommentaren' }).click();
    await rut.waitForURL(/#comment-\d+$/);
    const fresh = Number(rut.url().split('#comment-').pop());
    await rut.close();
    await page.goto(`${server.url}/consultations/${ids.consultation}`);
    await page.locator(`#comment-${ids.reply}`).locator('summary', { hasText: 'Anmäl' }).click();
    await page.locator(`#comment-${ids.reply}`).getByRole('button', { name: 'Skicka anmälan' }).click();
    const pages = ['/', '/consultations', `/consultations/${ids.consultation}`, `/consultations/${open}`,
      `/comments/${ids.comment}`, `/comments/${fresh}?flagged=1`, '/decisions', `/decisions/${ids.decision}`,
      '/search?q=lekplats', '/search?q=lekplats&type=consultation', '/search?q=lekplatz', '/data', '/me', '/desk'];
    const problems = [];
    const check = async (label, html) => problems.push(...await pageProblems(page, label, html));
    for (const lang of ['sv', 'en']) {
      for (const p of pages) {
        await page.goto(`${server.url}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        await check(`${lang} ${p}`);
      }
      // A form re-shown with errors.
      await page.goto(`${server.url}/desk/decisions/new?lang=${lang}`);
      const [deskErrors] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#decision-form button[value=save]').click()]);
      await page.waitForLoadState('load');
      await check(`${lang} desk with errors`, await deskErrors.text());
    }
    await signOut(page);
    for (const lang of ['sv', 'en']) {
      for (const p of ['/login', '/register', '/consultations/999999']) {
        await page.goto(`${server.url}${p}?lang=${lang}`);
        await check(`${lang} ${p}`);
      }
      await page.goto(`${server.url}/login?lang=${lang}`);
      const [loginErrors] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('main form button[type=submit]').click()]);
      await page.waitForLoadState('load');
      await check(`${lang} login with errors`, await loginErrors.text());
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('pages read well at 360 and 1280 pixels (screenshots kept as artifacts)', STEP, async () => {
    const page = await withjs.context.newPage();
    await page.goto(`${server.url}/?lang=sv`);
    await screenshot(page, 'start', 360);
    await screenshot(page, 'start-later', 1280);
    for (const [name, url] of [['consultations', '/consultations'], ['decisions', '/decisions'], ['login', '/login'],
      ['register', '/register'], ['search', '/search?q=lekplats'], ['data', '/data']]) {
      await page.goto(`${server.url}${url}`);
      await screenshot(page, name, 360);
      await screenshot(page, name, 1280);
    }
    // Nothing is wider than the narrow screen.
    await page.setViewportSize({ width: 360, height: 800 });
    for (const url of ['/', '/consultations', `/consultations/${ids.consultation}`, `/decisions/${ids.decision}`,
      '/search?q=lekplats', '/data', `/comments/${ids.comment}`]) {
      await page.goto(`${server.url}${url}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 360, `${url} is ${wide}px wide at 360px`);
    }
    await page.close();
  });
});
