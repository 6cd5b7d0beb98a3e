// Test support: runs the real `samrad serve` on a free port with a fresh
// data folder, and opens Debian's headless Chromium through playwright-core
// with a fresh profile.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const binary = process.env.SAMRAD_BINARY || path.join(root, 'build', 'samrad');
const browserPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const artifacts = path.join(root, 'tests', 'artifacts');

async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-browser-'));
  const data = path.join(dir, 'data');
  execFileSync(binary, ['demo-data', '--data', data], { stdio: 'ignore' });
  const child = spawn(binary, ['serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`samrad serve exited with ${code}`)));
  });
  const createUser = (email, name, role) =>
    execFileSync(binary, ['admin', 'create-user', '--data', data, '--email', email, '--password',
      'secret-password', '--name', name, '--role', role], { stdio: 'ignore' });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, createUser, stop };
}

// A browser with its own fresh profile folder, removed on close.
async function openBrowser(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Writes tests/artifacts/NAME-WIDTH.png; with SAMRAD_DOC_SCREENSHOTS=1 also
// the README's picture at copyTo (docs/screenshots/), which is committed.
async function screenshot(page, name, width, copyTo) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.setViewportSize({ width, height: 900 });
  const file = path.join(artifacts, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (copyTo && process.env.SAMRAD_DOC_SCREENSHOTS === '1') {
    fs.mkdirSync(path.dirname(copyTo), { recursive: true });
    await page.screenshot({ path: copyTo, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return file;
}

module.exports = { startServer, openBrowser, screenshot, root };
