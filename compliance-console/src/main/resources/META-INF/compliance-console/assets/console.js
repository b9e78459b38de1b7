// The console's pages: plain DOM over the JSON endpoints under ../api. Values from the server are always set as
// text, never as HTML, so a hostile table or actor name cannot inject markup.
'use strict';

const api = (path) => new URL('api/' + path, document.baseURI).toString();

function csrfHeaders() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m ? { 'X-XSRF-TOKEN': decodeURIComponent(m[1]) } : {};
}

async function call(method, path, body) {
  const init = { method, headers: { 'Accept': 'application/json', ...csrfHeaders() }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(api(path), init);
  if (res.status === 401) {
    location.reload();
    throw new Error('signed out');
  }
  return res;
}

async function json(method, path, body) {
  const res = await call(method, path, body);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(data.error || ('request failed with HTTP ' + res.status));
  }
  return data;
}

function say(text, isError) {
  const m = document.getElementById('message');
  m.textContent = text || '';
  m.className = isError ? 'error' : '';
}

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  return e;
}

function cells(tr, values) {
  values.forEach(v => tr.appendChild(v instanceof Node ? wrap(v) : el('td', v)));
  return tr;
}

function wrap(node) {
  const td = el('td');
  td.appendChild(node);
  return td;
}

// A result value as a definition list; a list of records as a table, other nested values as JSON text.
function describe(value) {
  const dl = el('dl');
  Object.entries(value || {}).forEach(([k, v]) => {
    dl.appendChild(el('dt', k));
    const dd = el('dd');
    if (Array.isArray(v) && v.length > 0 && v.every(x => x && typeof x === 'object' && !Array.isArray(x))) {
      dd.appendChild(table(v));
    } else {
      dd.textContent = typeof v === 'object' && v !== null ? JSON.stringify(v, null, 2) : String(v);
    }
    dl.appendChild(dd);
  });
  return dl;
}

function table(records) {
  const keys = [...new Set(records.flatMap(r => Object.keys(r)))];
  const t = el('table');
  const head = el('tr');
  keys.forEach(k => head.appendChild(el('th', k, { scope: 'col' })));
  t.appendChild(el('thead')).appendChild(head);
  const body = t.appendChild(el('tbody'));
  records.forEach(r => body.appendChild(cells(el('tr'), keys.map(k =>
    r[k] !== null && typeof r[k] === 'object' ? JSON.stringify(r[k]) : (r[k] ?? '')))));
  return t;
}

// --- Audits --------------------------------------------------------------------------------------------------
let auditNext = null;

function auditParams(before) {
  const f = new FormData(document.getElementById('audit-filter'));
  const p = new URLSearchParams();
  ['type', 'status', 'actor'].forEach(k => { if (f.get(k)) p.set(k, f.get(k)); });
  if (f.get('from')) p.set('from', f.get('from') + 'T00:00:00Z');
  if (f.get('to')) p.set('to', f.get('to') + 'T23:59:59Z');
  if (before) p.set('before', before);
  return p.toString();
}

async function loadAudits(append) {
  const data = await json('GET', 'audits?' + auditParams(append ? auditNext : null));
  const body = document.getElementById('audit-rows');
  if (!append) body.replaceChildren();
  data.records.forEach(r => {
    const link = el('a', r.sequence, { href: '#audits', 'data-sequence': r.sequence });
    link.addEventListener('click', ev => { ev.preventDefault(); showAudit(r.sequence); });
    const tr = cells(el('tr'), [link, r.occurredAt, r.type, r.status + (r.dryRun ? ' (dry run)' : ''),
      r.actor || 'system', r.summary]);
    tr.className = 'status-' + r.status;
    body.appendChild(tr);
  });
  auditNext = data.next;
  document.getElementById('audit-more').hidden = auditNext === null;
}

async function showAudit(sequence) {
  const r = await json('GET', 'audits/' + sequence);
  document.getElementById('audit-detail').hidden = false;
  document.getElementById('audit-detail-title').textContent = 'Record #' + r.sequence;
  document.getElementById('audit-detail-body').textContent = JSON.stringify(r, null, 2);
}

async function verifyChain() {
  const v = await json('POST', 'audits/verify');
  const s = document.getElementById('chain-status');
  s.textContent = v.valid
    ? 'Chain verified: ' + v.recordsChecked + ' records, ' + v.checkpointsChecked + ' checkpoints.'
    : 'Chain BROKEN: ' + v.firstBreak;
  s.className = v.valid ? 'ok' : 'error';
}

// --- Tools ---------------------------------------------------------------------------------------------------
async function runTool(tool, dryRun) {
  if (!dryRun && !confirm('Execute ' + tool + ' now?')) return;
  const state = document.getElementById('tool-state');
  const out = document.getElementById('tool-result');
  state.textContent = (dryRun ? 'Dry run of ' : 'Running ') + tool + '…';
  out.replaceChildren();
  const res = await call('POST', 'tools/' + tool, { dryRun });
  const data = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 202) {
    state.textContent = tool + ' failed: ' + (data.error || 'HTTP ' + res.status);
    return;
  }
  if (dryRun) {
    state.textContent = 'Dry run of ' + tool + ' done: nothing was changed.';
    out.appendChild(describe(data));
    return;
  }
  await pollRun(data.id, tool);
}

async function pollRun(id, tool) {
  const state = document.getElementById('tool-state');
  const out = document.getElementById('tool-result');
  for (;;) {
    const run = await json('GET', 'runs/' + id);
    if (run.state === 'RUNNING') {
      state.textContent = tool + ' running for ' + Math.round(run.elapsedMillis / 1000) + ' s'
        + (run.progress ? ' — ' + run.progress : '');
      await new Promise(r => setTimeout(r, 500));
      continue;
    }
    state.textContent = run.state === 'DONE'
      ? tool + ' finished in ' + run.elapsedMillis + ' ms.'
      : tool + ' failed: ' + run.error;
    state.className = run.state === 'DONE' ? 'ok' : 'error';
    if (run.result) out.appendChild(describe(run.result));
    return;
  }
}

// --- Backups -------------------------------------------------------------------------------------------------
async function loadBackups() {
  const body = document.getElementById('backup-rows');
  body.replaceChildren();
  let list;
  try {
    list = await json('GET', 'backups');
  } catch (e) {
    body.appendChild(cells(el('tr'), [e.message]));
    return;
  }
  list.forEach(b => {
    const verify = el('button', 'Verify', { type: 'button' });
    verify.addEventListener('click', () => verifyBackup(b.folder));
    body.appendChild(cells(el('tr'), [b.folder, b.createdAt, b.status, b.tables.length, b.rows,
      b.storedBytes.toLocaleString('en') + ' B', verify]));
  });
  if (list.length === 0) body.appendChild(cells(el('tr'), ['No backups yet.']));
}

async function verifyBackup(folder) {
  const out = document.getElementById('backup-verify-result');
  out.textContent = 'Verifying ' + folder + '…';
  try {
    out.textContent = JSON.stringify(await json('POST', 'backups/verify', { folder }), null, 2);
  } catch (e) {
    out.textContent = 'Verification failed: ' + e.message;
  }
}

// --- Subject requests ----------------------------------------------------------------------------------------
let dryRunFor = null;

function subjectRequest(dryRun) {
  return {
    identity: document.getElementById('subject-identity').value,
    value: document.getElementById('subject-value').value,
    dryRun
  };
}

async function exportSubject() {
  const req = subjectRequest(false);
  if (!req.value) { say('Enter the subject\'s identity first.', true); return; }
  const res = await call('POST', 'subjects/export', req);
  if (!res.ok) {
    const data = await res.json().catch(() => ({}));
    say('Export failed: ' + (data.error || 'HTTP ' + res.status), true);
    return;
  }
  const blob = await res.blob();
  const a = el('a', 'download', { href: URL.createObjectURL(blob), download: 'subject-export.json' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  say('Export downloaded as subject-export.json.');
}

async function eraseSubject(dryRun) {
  const req = subjectRequest(dryRun);
  if (!req.value) { say('Enter the subject\'s identity first.', true); return; }
  if (!dryRun && !confirm('Erase this subject now? This cannot be undone.')) return;
  const box = document.getElementById('subject-receipt');
  try {
    const receipt = await json('POST', 'subjects/erase', req);
    box.replaceChildren(describe(receipt));
    dryRunFor = dryRun ? req.identity + ':' + req.value : null;
    document.getElementById('subject-erase').disabled = !dryRun;
    say(dryRun ? 'Dry run done: nothing was changed.' : 'Erasure done; the receipt is in the audit trail.');
  } catch (e) {
    say('Request failed: ' + e.message, true);
  }
}

// --- Processors ----------------------------------------------------------------------------------------------
async function loadProcessors() {
  const body = document.getElementById('processor-rows');
  body.replaceChildren();
  (await json('GET', 'processors')).forEach(p => body.appendChild(cells(el('tr'),
    [p.name, p.purpose, (p.dataShared || []).join(', '), p.dpaStatus, p.location])));
  document.getElementById('inventory').src = api('inventory');
}

// --- Navigation ----------------------------------------------------------------------------------------------
async function loadIdentities() {
  const select = document.getElementById('subject-identity');
  const chosen = select.value;
  select.replaceChildren(...(await json('GET', 'identities')).map(name => el('option', name, { value: name })));
  if ([...select.options].some(o => o.value === chosen)) select.value = chosen;
}

const loaders = { audits: () => loadAudits(false), tools: () => {}, backups: loadBackups,
  subjects: loadIdentities, processors: loadProcessors };

function show() {
  const page = (location.hash || '#audits').substring(1);
  const name = loaders[page] ? page : 'audits';
  document.querySelectorAll('main > section').forEach(s => { s.hidden = s.id !== 'page-' + name; });
  document.querySelectorAll('nav a').forEach(a => {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  document.title = document.getElementById('page-' + name).dataset.title + ' — Compliance console';
  say('');
  Promise.resolve(loaders[name]()).catch(e => say(e.message, true));
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('audit-filter').addEventListener('submit', ev => {
    ev.preventDefault();
    loadAudits(false).catch(e => say(e.message, true));
  });
  document.getElementById('audit-more').addEventListener('click', () => loadAudits(true).catch(e => say(e.message, true)));
  document.getElementById('verify-chain').addEventListener('click', () => verifyChain().catch(e => say(e.message, true)));
  document.querySelectorAll('[data-tool]').forEach(b => b.addEventListener('click',
    () => runTool(b.dataset.tool, b.dataset.dry === 'true').catch(e => say(e.message, true))));
  document.getElementById('subject-export').addEventListener('click', () => exportSubject().catch(e => say(e.message, true)));
  document.getElementById('subject-dry-run').addEventListener('click', () => eraseSubject(true));
  document.getElementById('subject-erase').addEventListener('click', () => eraseSubject(false));
  ['subject-identity', 'subject-value'].forEach(id => document.getElementById(id).addEventListener('input', () => {
    document.getElementById('subject-erase').disabled = true;
  }));
  window.addEventListener('hashchange', show);
  show();
});
