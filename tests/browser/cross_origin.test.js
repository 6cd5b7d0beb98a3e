// Scripts on other sites in headless Chromium: a page served from another
// origin reads open data, the JSON API and CKAN (a preflighted POST) with
// fetch(); it cannot read with the visitor's cookie, and a write it sends
// with the visitor's session has no effect.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startServer, openBrowser, signIn, STEP } = require('./support');

const DRAFT = {
  title: 'Inskickat från en annan webbplats', summary: 'S', body: 'B', language: 'sv',
  opens_at: '2030-01-01', closes_at: '2030-02-01',
};

let server;
let other; // a plain page on another port: another origin, the same site
let otherUrl;
let browser;

// Runs fetch(url, init) in the page and reports what the script could see.
async function fetchFrom(page, url, init = {}) {
  return page.evaluate(async ([u, i]) => {
    try {
      const r = await fetch(u, i);
      return { ok: true, status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  }, [url, init]);
}

async function officialToken() {
  const r = await fetch(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'olga@nacka.example', password: 'secret-password' }),
  });
  return (await r.json()).token;
}

describe('cross-origin fetch() from another site', () => {
  before(async () => {
    server = await startServer();
    server.createUser('olga@nacka.example', 'Olga Official', 'official');
    other = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="en"><title>Another site</title><h1>Another site</h1></html>');
    });
    await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${other.address().port}/`;
    browser = await openBrowser();
  }, STEP);

  after(async () => {
    if (browser) await browser.close();
    if (other) await new Promise((resolve) => other.close(resolve));
    if (server) await server.stop();
  }, STEP);

  it('reads a dataset, the API and CKAN from another origin', STEP, async () => {
    const page = await browser.context.newPage();
    await page.goto(otherUrl);
    assert.notEqual(new URL(page.url()).origin, new URL(server.url).origin);

    const csv = await fetchFrom(page, `${server.url}/opendata/consultations.csv`);
    assert.equal(csv.ok, true, csv.error);
    assert.equal(csv.status, 200);
    assert.match(csv.text.split('\n')[0], /title/);
    assert.ok(csv.text.split('\n').length > 2);

    const json = await fetchFrom(page, `${server.url}/opendata/consultations.json`);
    assert.equal(json.ok, true, json.error);
    assert.ok(JSON.parse(json.text).length > 0);

    const api = await fetchFrom(page, `${server.url}/api/v1/consultations?limit=5`,
      { headers: { Accept: 'application/json' } });
    assert.equal(api.ok, true, api.error);
    assert.ok(JSON.parse(api.text).items.length > 0);

    // A JSON body is not a simple request: the browser asks first (OPTIONS).
    const ckan = await fetchFrom(page, `${server.url}/api/3/action/package_search`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rows: 2 }),
    });
    assert.equal(ckan.ok, true, ckan.error);
    assert.equal(JSON.parse(ckan.text).success, true);

    // A conditional read with the ETag of the first one (also preflighted).
    const etag = await page.evaluate(async (u) => (await fetch(u)).headers.get('etag'),
      `${server.url}/api/v1/consultations?limit=5`);
    assert.match(etag || '', /^"/, 'the ETag header is exposed to the script');
    await page.close();
  });

  it('refuses reads with the visitor\'s cookie and writes with their session', STEP, async () => {
    const home = await browser.context.newPage();
    await signIn(home, server.url, 'olga@nacka.example');
    const cookies = await browser.context.cookies(server.url);
    assert.ok(cookies.length > 0, 'signed in on the Samråd origin');

    const page = await browser.context.newPage();
    await page.goto(otherUrl);
    const withCookie = await fetchFrom(page, `${server.url}/api/v1/consultations`, { credentials: 'include' });
    assert.equal(withCookie.ok, false, 'a credentialed read is not readable cross-origin');

    const json = await fetchFrom(page, `${server.url}/api/v1/consultations`, {
      method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(DRAFT),
    });
    assert.equal(json.ok, false, 'the preflight of a write is refused');
    // Without a preflight (a "simple" text/plain POST) the browser sends it,
    // cookie and all: the server refuses it and the script sees nothing.
    const simple = await fetchFrom(page, `${server.url}/api/v1/consultations`, {
      method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(DRAFT),
    });
    assert.equal(simple.ok, false);

    const token = await officialToken();
    const list = await fetch(`${server.url}/api/v1/consultations?limit=200`,
      { headers: { Authorization: `Bearer ${token}` } });
    const titles = (await list.json()).items.map((c) => c.title);
    assert.ok(titles.length > 0);
    assert.ok(!titles.includes(DRAFT.title), 'no consultation was created');
    await page.close();
    await home.close();
  });
});
