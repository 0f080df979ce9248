// Strata's MongoDB schema applier, run by mongosh in the one-shot compose service <datastore>-schema:
//   mongosh "$MONGODB_URI" --quiet --file /strata/mongodb.js
// with the datastore's schema folder mounted read-only at STRATA_SCHEMA_DIR (default /strata/schema) and
// STRATA_DATASTORE naming it. It applies db/<datastore>/schema/<version>_<description>.json as docs/schema-files.md
// says: history in the collection strata_schema_history (version, description, checksum, applied_at, duration_ms);
// every applied file's checksum verified before any change (an edited applied file stops it, nothing changed);
// pending files in version order: create (missing collection, with its validator) or collMod (validator), createIndex,
// collMod for a changed TTL, dropIndex, drop. Exits non-zero naming the file on any error. Needs no network access
// beyond the database and no package: mongosh's own require('fs') and require('crypto').
const fs = require('fs');
const crypto = require('crypto');
const path = require('path');

const HISTORY = 'strata_schema_history';
const folder = process.env.STRATA_SCHEMA_DIR || '/strata/schema';
const datastore = process.env.STRATA_DATASTORE || '';

// A message in the shape of Strata's other errors: "<file>(<line>): error STRATA5xxx: <text>", then exit 1.
function fail(file, code, text, line) {
  const where = file ? (line ? `${file}(${line}): ` : `${file}: `) : '';
  console.error(`${where}error ${code}: ${text}`);
  quit(1);
  throw new Error('quit'); // quit() ends mongosh; this line only matters where quit returns
}

function normalizeVersion(v) { const t = v.replace(/^0+/, ''); return t.length === 0 ? '0' : t; }
function compareVersions(a, b) {
  const x = normalizeVersion(a), y = normalizeVersion(b);
  return x.length !== y.length ? x.length - y.length : (x < y ? -1 : x > y ? 1 : 0);
}

// MigrationChecksum.ComputeFromSource: no BOM, CRLF and CR as LF, one final line end dropped; SHA-256, lowercase hex.
function body(text) {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  t = t.replace(/\r\n/g, '\n').replace(/\r/g, '\n');
  return t.endsWith('\n') ? t.slice(0, -1) : t;
}
function checksum(text) { return crypto.createHash('sha256').update(body(text), 'utf8').digest('hex'); }

// Strict JSON plus // and /* */ comments (the build's rule): comments become spaces, so lines and columns stay.
function parseJson(text, file) {
  let out = '', i = 0, inString = false;
  while (i < text.length) {
    const c = text[i], n = text[i + 1];
    if (inString) {
      out += c;
      if (c === '\\') { out += n === undefined ? '' : n; i += 2; continue; }
      if (c === '"') inString = false;
      i++;
    } else if (c === '"') { inString = true; out += c; i++; }
    else if (c === '/' && n === '/') { while (i < text.length && text[i] !== '\n') { out += ' '; i++; } }
    else if (c === '/' && n === '*') {
      out += '  '; i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) { out += text[i] === '\n' ? '\n' : ' '; i++; }
      out += '  '; i += 2;
    } else { out += c; i++; }
  }
  try { return JSON.parse(out); }
  catch (e) { return fail(file, 'STRATA5106', `Schema file is not valid JSON: ${e.message}. The build checks schema files; rebuild and redeploy.`); }
}

function readFiles() {
  let names;
  try { names = fs.readdirSync(folder); }
  catch (e) { return fail(folder, 'STRATA5105', `Cannot read the schema folder: ${e.message}. Mount db/<datastore>/schema read-only at ${folder} (or set STRATA_SCHEMA_DIR).`); }
  const files = [];
  for (const name of names) {
    const m = /^(\d+)_([A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*)\.json$/.exec(name);
    if (!m) continue; // a README.md or another extension is not a schema file
    const shown = datastore ? `db/${datastore}/schema/${name}` : path.join(folder, name);
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    files.push({ version: m[1], description: m[2].replace(/_/g, ' '), path: shown, text, checksum: checksum(text) });
  }
  files.sort((a, b) => compareVersions(a.version, b.version));
  for (let k = 1; k < files.length; k++) {
    if (compareVersions(files[k - 1].version, files[k].version) === 0) {
      fail(files[k].path, 'STRATA5106', `Two schema files have version ${files[k].version} (${files[k - 1].path}).`);
    }
  }
  return files;
}

function indexExists(indexes, name) { return indexes.find((i) => i.name === name); }

function applyFile(file, plan) {
  const existing = db.getCollectionNames();
  for (const c of plan.collections || []) {
    const options = {};
    for (const key of ['validator', 'validationLevel', 'validationAction']) if (c[key] !== undefined) options[key] = c[key];
    const present = existing.includes(c.name);
    if (!present) {
      db.createCollection(c.name, options);
    } else if (Object.keys(options).length > 0) {
      db.runCommand(Object.assign({ collMod: c.name }, options));
    }
    const collection = db.getCollection(c.name);
    const indexes = present ? collection.getIndexes() : [];
    for (const index of c.indexes || []) {
      const found = indexExists(indexes, index.name);
      if (found && index.expireAfterSeconds !== undefined && found.expireAfterSeconds !== undefined
          && found.expireAfterSeconds !== index.expireAfterSeconds
          && JSON.stringify(found.key) === JSON.stringify(index.keys)) {
        // A TTL index's period changes in place; createIndex would refuse the same name with other options.
        db.runCommand({ collMod: c.name, index: { name: index.name, expireAfterSeconds: index.expireAfterSeconds } });
        continue;
      }
      const indexOptions = Object.assign({}, index);
      delete indexOptions.keys;
      collection.createIndex(index.keys, indexOptions);
    }
    for (const name of c.dropIndexes || []) {
      if (indexExists(indexes, name)) collection.dropIndex(name);
    }
  }
  for (const name of plan.dropCollections || []) {
    if (existing.includes(name)) db.getCollection(name).drop();
  }
}

function main() {
  const files = readFiles();
  const history = db.getCollection(HISTORY).find({}).toArray();
  const applied = new Map(history.map((h) => [normalizeVersion(String(h.version)), h]));

  // Verify before any change: an applied file that was edited stops the run.
  for (const file of files) {
    const entry = applied.get(normalizeVersion(file.version));
    if (entry && entry.checksum !== file.checksum) {
      fail(file.path, 'STRATA5101', `Schema file ${file.version} '${file.description}' was applied with checksum ${entry.checksum} and has been edited since (checksum now ${file.checksum}). Nothing was changed. Restore the file and put the change in a new schema file.`);
    }
  }
  const known = new Set(files.map((f) => normalizeVersion(f.version)));
  for (const version of applied.keys()) {
    if (!known.has(version)) console.error(`warning STRATA5107: schema file ${version} is applied but not in ${folder} (a newer build applied it, or the file was deleted).`);
  }

  const pending = files.filter((f) => !applied.has(normalizeVersion(f.version)));
  const plans = pending.map((f) => ({ file: f, plan: parseJson(body(f.text), f.path) })); // all parsed before any change
  for (const { file, plan } of plans) {
    if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) fail(file.path, 'STRATA5106', 'Schema file is not a JSON object.', 1);
  }

  let done = [];
  for (const { file, plan } of plans) {
    print(`Applying ${file.version} '${file.description}' (${file.path})`);
    const started = new Date();
    try {
      applyFile(file, plan);
    } catch (e) {
      const earlier = done.length ? ` ${done.join(', ')}, applied earlier in this run, stay applied.` : '';
      fail(file.path, 'STRATA5102', `Schema file ${file.version} '${file.description}' failed: ${e && e.codeName ? e.codeName + ': ' : ''}${e && e.message}. It is not recorded as applied; the next run applies it again from its start.${earlier}`);
    }
    const duration = Date.now() - started.getTime();
    db.getCollection(HISTORY).insertOne({
      _id: normalizeVersion(file.version), version: normalizeVersion(file.version), description: file.description,
      checksum: file.checksum, applied_at: started, duration_ms: duration,
    });
    print(`Applied ${file.version} '${file.description}' in ${duration} ms`);
    done.push(file.version);
  }
  print(`Datastore '${datastore || folder}' (mongodb): applied ${done.length} schema file${done.length === 1 ? '' : 's'} (${files.length - pending.length} already applied); up to date.`);
}

main();
