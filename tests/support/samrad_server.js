// For the Node.js tests: runs the real `samrad serve` on a free port with a
// fresh data folder (optionally filled by `samrad demo-data`), and creates
// accounts through `samrad admin create-user`. Needs no npm package.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const binary = process.env.SAMRAD_BINARY || path.join(root, 'build', 'samrad');

// Resolves to {url, data, createUser(email, name, role), stop()}.
async function startServer({ demo = true, prefix = 'samrad-node-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const data = path.join(dir, 'data');
  if (demo) execFileSync(binary, ['demo-data', '--data', data], { stdio: 'ignore' });
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
  return { url, data, createUser, stop };
}

module.exports = { startServer, root, binary };
