// Every dataset's datapackage.json against the official Frictionless
// profiles (data-package, data-resource, tabular-data-resource and, for the
// CSV resources alone, tabular-data-package) as bundled in frictionlessdata's
// `datapackage` library, and every CSV download read back and cast through
// its Table Schema by the same library. The server runs on demo data plus a
// consultation with comments (one hidden) and a questionnaire (one free-text
// answer hidden), a decision with a roll call and an
// amendment, and an uploaded CSV with integer, number, date, boolean and
// string columns. Nothing is fetched from the internet: profiles are named by
// id, so the library takes its bundled copies.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Package, Resource, Profile } = require('datapackage');
const { startServer } = require('../support/samrad_server');

const UPLOAD_CSV = [
  'plats,antal,pris,datum,avgift,kod,anteckning',
  'Sickla,12,3.5,2026-01-02,true,0701,"Nära, men ""dyr"""',
  '"Orminge, centrum",7,,2026-02-03,false,0702,',
  'Fisksätra,0,1e3,2024-02-29,tRuE,0703,"Två\nrader"',
  'Saltsjöbaden,-4,-0.25,2026-12-31,False,0704,Åäö',
].join('\r\n') + '\r\n';

let server;
let work;
const names = [];
const builtins = new Set(); // uploads describe no fields; built-in datasets describe every one

async function call(method, urlPath, { token, json, body, type } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (type) {
    headers['Content-Type'] = type;
  }
  const r = await fetch(server.url + urlPath, { method, headers, body });
  const text = await r.text();
  return { status: r.status, text, json: () => JSON.parse(text) };
}

async function expect(status, method, urlPath, options) {
  const r = await call(method, urlPath, options);
  assert.equal(r.status, status, `${method} ${urlPath}: ${r.text}`);
  return r.json();
}

async function signIn(email) {
  return (await expect(201, 'POST', '/api/v1/sessions', { json: { email, password: 'secret-password' } })).token;
}

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// A consultation open now, comments (one hidden, one reply, one by a public
// name), a decision with a roll call and an amendment, and an uploaded CSV.
async function createData() {
  server.createUser('frictionless.official@nacka.example', 'Olga Official', 'official');
  server.createUser('frictionless.moderator@nacka.example', 'Mona Moderator', 'moderator');
  const official = await signIn('frictionless.official@nacka.example');
  const moderator = await signIn('frictionless.moderator@nacka.example');
  const residents = [];
  for (const [email, name] of [['frictionless.karin@example.se', 'Karin Öppen'], ['frictionless.per@example.se', 'Per Dold']]) {
    await expect(201, 'POST', '/api/v1/accounts', { json: { email, password: 'secret-password', display_name: name } });
    residents.push(await signIn(email));
  }
  await expect(200, 'PATCH', '/api/v1/me', { token: residents[0], json: { public_name: true } });
  const k = await expect(201, 'POST', '/api/v1/consultations', {
    token: official,
    json: { title: 'Ny park, "Kvarnholmen"', summary: 'Sammanfattning', body: 'Förslaget, i **två** delar',
      language: 'sv', opens_at: day(-1), closes_at: day(30), tags: ['park', 'lek'],
      sections: [{ heading: 'Lek', body: 'Lekplats' }] },
  });
  await expect(200, 'POST', `/api/v1/consultations/${k.id}/publish`, { token: official, json: {} });
  const post = (token, json) => expect(201, 'POST', `/api/v1/consultations/${k.id}/comments`, { token, json });
  const first = await post(residents[0], { body: 'Bra förslag, men "fler" träd, tack' });
  await post(residents[1], { body: 'Rad ett\nRad två, med komma', parent_id: first.id });
  const secret = await post(residents[1], { body: 'Ring mig på 070-1234567' });
  await post(official, { body: 'Tack för synpunkterna.' });
  await expect(201, 'POST', `/api/v1/comments/${secret.id}/moderation`,
    { token: moderator, json: { action: 'hide', reason: 'Personuppgifter' } });
  // A questionnaire with every kind of value; one free-text answer hidden.
  const ask = (json) => expect(201, 'POST', `/api/v1/consultations/${k.id}/questions`,
    { token: official, json: { ...json, reason: 'Enkät' } });
  const single = await ask({ type: 'single', text: 'Bra förslag?', options: ['Ja', 'Nej, "inte" alls'], required: true });
  const several = await ask({ type: 'multiple', text: 'Vad saknas?', options: ['Träd', 'Lek, bänkar'] });
  const scale = await ask({ type: 'scale', text: 'Hur nöjd?', scale_max: 10, low_label: 'Inte alls' });
  const rank = await ask({ type: 'ranking', text: 'Ordning?', options: ['A', 'B'] });
  const free = await ask({ type: 'text', text: 'Något mer?' });
  for (const [i, token] of residents.entries()) {
    await expect(200, 'PUT', `/api/v1/consultations/${k.id}/answer`, { token, json: { answers: [
      { question_id: single.id, choices: [i ? 'Nej, "inte" alls' : 'Ja'] },
      { question_id: several.id, choices: ['Träd', 'Lek, bänkar'] }, { question_id: scale.id, value: 7 + i },
      { question_id: rank.id, ranking: ['B', 'A'] },
      { question_id: free.id, text: i ? 'Ring 070-1234567' : 'Två\nrader, "citat"' }] } });
  }
  const hide = await expect(200, 'GET', `/api/v1/consultations/${k.id}/answer`, { token: residents[1] });
  await expect(200, 'POST', `/api/v1/questionnaire-answers/${hide.id}/questions/${free.id}/moderation`,
    { token: moderator, json: { action: 'hide', reason: 'Personuppgifter' } });
  const d = await expect(201, 'POST', '/api/v1/decisions', {
    token: official,
    json: { title: 'Parken byggs', body: 'Beslut om parken.', body_name: 'Kommunstyrelsen',
      reference: 'KFKS 2027/1', decided_at: day(0), outcome: 'approved', consultation_ids: [k.id],
      answers_comment_ids: [first.id],
      votes: { for: 2, against: 1, abstain: 0, absent: 0,
        roll_call: [{ name: 'Anna A', party: 'M', vote: 'for' }, { name: 'Bo B', party: 'S', vote: 'for' },
          { name: 'Cia C', party: 'V', vote: 'against' }] } },
  });
  await expect(201, 'POST', `/api/v1/decisions/${d.id}/amendments`,
    { token: official, json: { changes: { title: 'Parken byggs i etapper' }, reason: 'Förtydligande' } });
  const up = await expect(201, 'POST',
    '/api/v1/datasets?name=parkering_2026&title=Parkering&description=Platser%20i%20Nacka' +
    '&keywords=parkering,trafik&theme=TRAN&license=CC-BY-4.0',
    { token: official, body: UPLOAD_CSV, type: 'text/csv' });
  assert.deepEqual(up.fields.map((f) => f.type),
    ['string', 'integer', 'number', 'date', 'boolean', 'string', 'string']);
}

// The package as served, loaded with the library's own profiles.
async function loadPackage(name) {
  const descriptor = await expect(200, 'GET', `/opendata/${name}/datapackage.json`);
  return { descriptor, pkg: await Package.load(descriptor, { strict: false }) };
}

function messages(errors) {
  return errors.map((e) => e.message.replace(/\s+/g, ' ')).join('\n');
}

function allErrors(pkg) {
  const errors = [...pkg.errors];
  for (const r of pkg.resources) errors.push(...r.errors);
  return messages(errors);
}

// The CSV resource with its path pointing at a downloaded copy, so the
// library reads a local file (through its own CSV parser and Table Schema).
async function readCsv(name, resourceDescriptor) {
  const r = await call('GET', `/opendata/${name}.csv`);
  assert.equal(r.status, 200, r.text);
  const file = `${name}.csv`;
  fs.writeFileSync(path.join(work, file), r.text);
  const resource = await Resource.load({ ...resourceDescriptor, path: file }, { basePath: work });
  let rows;
  try {
    rows = await resource.read({ keyed: true, forceCast: true });
  } catch (error) {
    throw new Error(`${name}.csv: ${error.message}: ${messages(error.errors || [])}`);
  }
  const failures = rows.filter((row) => row instanceof Error);
  const fields = resourceDescriptor.schema.fields.map((f) => f.name);
  return { rows: rows.filter((row) => !(row instanceof Error)), failures, headers: resource.headers, fields };
}

describe('datapackage.json against the Frictionless profiles', () => {
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-frictionless-'));
    server = await startServer({ prefix: 'samrad-frictionless-server-' });
    await createData();
    const list = await expect(200, 'GET', '/api/3/action/package_list');
    names.push(...list.result);
    const datasets = await expect(200, 'GET', '/api/v1/datasets?limit=200');
    for (const d of datasets.items) if (d.builtin) builtins.add(d.name);
  });

  after(async () => {
    if (server) await server.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists the built-in datasets and the upload', () => {
    for (const n of ['consultations', 'comments', 'decisions', 'decision_votes', 'moderation_log', 'events',
      'parkering_2026']) {
      assert.ok(names.includes(n), `${n} in ${names}`);
    }
  });

  it('every package is valid against its profile, with every resource valid against its own', async () => {
    for (const name of names) {
      const { descriptor, pkg } = await loadPackage(name);
      assert.equal(descriptor.profile, 'data-package', name);
      assert.ok(pkg.valid, `${name}:\n${allErrors(pkg)}`);
      assert.equal(pkg.profile.name, 'data-package');
      assert.ok(descriptor.licenses.length >= 1, name);
      const csv = pkg.resources.filter((r) => r.descriptor.format === 'csv');
      assert.equal(csv.length, 1, name);
      assert.equal(csv[0].descriptor.profile, 'tabular-data-resource', name);
      assert.ok(csv[0].tabular, `${name}: the CSV resource is tabular`);
      assert.ok(csv[0].remote, `${name}: the CSV resource is a URL`);
      assert.equal(csv[0].descriptor.path, `${server.url}/opendata/${name}.csv`);
      for (const r of pkg.resources) assert.ok(r.valid, `${name}/${r.name}: ${messages(r.errors)}`);
      const schema = csv[0].schema;
      assert.ok(schema.valid, `${name}: Table Schema: ${messages(schema.errors)}`);
      if (builtins.has(name)) {
        assert.ok(schema.fields.every((f) => f.descriptor.description), `${name}: every field described`);
      }
    }
  });

  it('the CSV resources alone make a valid tabular-data-package', async () => {
    const profile = await Profile.load('tabular-data-package');
    for (const name of names) {
      const { descriptor } = await loadPackage(name);
      const tabular = { ...descriptor, profile: 'tabular-data-package',
        resources: descriptor.resources.filter((r) => r.profile === 'tabular-data-resource') };
      const result = profile.validate(tabular);
      assert.ok(result.valid, `${name}:\n${messages(result.errors)}`);
    }
  });

  it('every CSV download casts through its Table Schema', async () => {
    for (const name of names) {
      const { pkg } = await loadPackage(name);
      const csv = pkg.resources.find((r) => r.descriptor.format === 'csv');
      const { rows, failures, headers, fields } = await readCsv(name, csv.descriptor);
      assert.equal(failures.length, 0, `${name}: ${messages(failures.flatMap((f) => [f, ...(f.errors || [])]))}`);
      assert.deepEqual(headers, fields, `${name}: the header row is the schema's fields, in order`);
      assert.ok(rows.length > 0, `${name} has rows`);
    }
  });

  it('the upload reads back with its types', async () => {
    const { pkg } = await loadPackage('parkering_2026');
    const csv = pkg.resources.find((r) => r.descriptor.format === 'csv');
    const { rows } = await readCsv('parkering_2026', csv.descriptor);
    assert.equal(rows.length, 4);
    assert.equal(rows[0].plats, 'Sickla');
    assert.equal(rows[0].antal, 12);
    assert.equal(rows[0].pris, 3.5);
    assert.equal(rows[0].avgift, true);
    assert.equal(rows[0].kod, '0701');
    assert.equal(rows[0].anteckning, 'Nära, men "dyr"');
    assert.equal(rows[1].plats, 'Orminge, centrum');
    assert.equal(rows[1].pris, null);
    assert.equal(rows[2].pris, 1000);
    assert.equal(rows[2].avgift, true);
    assert.equal(rows[2].anteckning, 'Två\nrader');
    assert.ok(rows[2].datum instanceof Date);
    assert.equal(rows[2].datum.getFullYear(), 2024);
    assert.equal(rows[3].antal, -4);
    assert.equal(rows[3].avgift, false);
    assert.equal(pkg.descriptor.licenses[0].name, 'CC-BY-4.0');
  });

  it('the comments and votes read back with their types', async () => {
    const comments = await loadPackage('comments');
    const c = await readCsv('comments', comments.pkg.resources.find((r) => r.descriptor.format === 'csv').descriptor);
    const hidden = c.rows.find((r) => r.hidden === true && r.hidden_reason === 'Personuppgifter');
    assert.ok(hidden, 'a hidden comment');
    assert.equal(hidden.body, null);
    assert.ok(c.rows.every((r) => Number.isInteger(r.id) && r.created_at instanceof Date));
    assert.ok(c.rows.some((r) => r.official === true));
    assert.ok(c.rows.some((r) => r.author === 'Karin Öppen' && r.author_kind === 'public'));
    const votes = await loadPackage('decision_votes');
    const v = await readCsv('decision_votes', votes.pkg.resources.find((r) => r.descriptor.format === 'csv').descriptor);
    assert.ok(v.rows.some((r) => r.name === 'Cia C' && r.vote === 'against' && r.version === 1));
    const decisions = await loadPackage('decisions');
    const d = await readCsv('decisions', decisions.pkg.resources.find((r) => r.descriptor.format === 'csv').descriptor);
    const amended = d.rows.find((r) => r.title === 'Parken byggs i etapper');
    assert.ok(amended && amended.version === 2 && typeof amended.changes === 'object');
    assert.ok(d.rows.some((r) => r.votes && r.votes.roll_call && r.votes.roll_call.length === 3));
  });

  // The checks above would catch a broken descriptor or a schema that does
  // not match the file: each breakage below must be reported.
  it('rejects a wrong field type, a bad name, a bad license and a mistyped column', async () => {
    const { descriptor } = await loadPackage('parkering_2026');
    const broken = (change) => {
      const d = JSON.parse(JSON.stringify(descriptor));
      change(d);
      return Package.load(d, { strict: false });
    };
    const badType = await broken((d) => { d.resources[0].schema.fields[1].type = 'int'; });
    assert.equal(badType.valid, false, 'field type "int"');
    const badName = await broken((d) => { d.name = 'Parkering 2026'; });
    assert.equal(badName.valid, false, 'name with capitals and a space');
    const badLicense = await broken((d) => { d.licenses = [{ name: 'CC BY 4.0' }]; });
    assert.equal(badLicense.valid, false, 'license name with spaces');
    const noSchema = await broken((d) => { delete d.resources[0].schema; });
    assert.equal(noSchema.valid, false, 'tabular resource without schema');
    const csv = descriptor.resources.find((r) => r.format === 'csv');
    const mistyped = JSON.parse(JSON.stringify(csv));
    mistyped.schema.fields[0].type = 'integer'; // plats holds names
    const { failures } = await readCsv('parkering_2026', mistyped);
    assert.ok(failures.length > 0, 'a string column declared integer fails to cast');
    const renamed = JSON.parse(JSON.stringify(csv));
    renamed.schema.fields[0].name = 'place';
    const r = await readCsv('parkering_2026', renamed);
    assert.ok(r.failures.some((f) => /header/.test(f.message)), 'a field missing from the header row');
  });
});
