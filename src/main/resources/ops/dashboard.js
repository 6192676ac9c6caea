// Inkwell operations dashboard: plain JavaScript, no build step, nothing loaded from elsewhere.
// Every value from the server is written with textContent, never as HTML.
'use strict';

const REFRESH_MS = 5000;
const HISTORY = 60;
const TOKEN_KEY = 'inkwell.ops.token';
const OPEN_KEY = 'inkwell.ops.open';

const session = {
  token: sessionStorage.getItem(TOKEN_KEY),
  open: sessionStorage.getItem(OPEN_KEY) === 'true',
};
const poolHistory = [];
let refreshTimer = null;
let view = 'dashboard';
const browser = { table: null, page: 1 };

class AuthError extends Error {}

// ---------- small DOM helpers ----------

function $(id) {
  return document.getElementById(id);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function ms(value) {
  if (value === null || value === undefined) return '–';
  if (value >= 1000) return (value / 1000).toFixed(value >= 10000 ? 0 : 1) + ' s';
  return (value >= 10 ? Math.round(value) : value.toFixed(1)) + ' ms';
}

function bytes(value) {
  if (value < 1024) return value + ' B';
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = value;
  let unit = -1;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit++;
  }
  return (v >= 10 ? Math.round(v) : v.toFixed(1)) + ' ' + units[unit];
}

function count(value) {
  return Number(value).toLocaleString('en-US');
}

function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 90) return seconds + ' s ago';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h ago';
  return Math.round(seconds / 86400) + ' days ago';
}

function figure(label, value, field) {
  return el('div', { class: 'figure' }, el('b', { 'data-field': field }, value), el('span', {}, label));
}

function sub(text) {
  return el('div', { class: 'sub' }, text);
}

function rows(items, render, empty) {
  if (!items || items.length === 0) return el('p', { class: 'muted' }, empty);
  return el('ul', { class: 'rows' }, items.map((item) => el('li', {}, render(item))));
}

// ---------- server access ----------

async function api(path) {
  const headers = { Accept: 'application/json' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (response.status === 401) {
    signOut('Your session has ended; sign in again.');
    throw new AuthError();
  }
  if (response.status === 403) {
    signOut('This account may not see the dashboard: it needs the ADMIN role.');
    throw new AuthError();
  }
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      const problem = await response.json();
      if (problem.detail) detail = problem.detail;
    } catch (ignored) {
      // not problem+json
    }
    throw new Error(detail);
  }
  return response.json();
}

async function login(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  $('login-submit').disabled = true;
  try {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: $('email').value, password: $('password').value }),
    });
    if (response.ok) {
      const body = await response.json();
      session.token = body.token;
      session.open = false;
      sessionStorage.setItem(TOKEN_KEY, body.token);
      sessionStorage.removeItem(OPEN_KEY);
    } else if (response.status === 404) {
      // this server has no login yet: the dashboard's data is open
      session.token = null;
      session.open = true;
      sessionStorage.setItem(OPEN_KEY, 'true');
    } else {
      $('login-error').textContent = response.status === 400 || response.status === 401
        ? 'Wrong e-mail or password.' : 'Sign-in failed (' + response.status + ').';
      return;
    }
    $('password').value = '';
    start();
  } catch (error) {
    $('login-error').textContent = 'Sign-in failed: ' + error.message;
  } finally {
    $('login-submit').disabled = false;
  }
}

function signOut(message) {
  session.token = null;
  session.open = false;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(OPEN_KEY);
  clearTimeout(refreshTimer);
  $('dashboard').hidden = true;
  $('tables').hidden = true;
  $('sign-out').hidden = true;
  $('auth-note').textContent = '';
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('email').focus();
}

function start() {
  $('login').hidden = true;
  $('sign-out').hidden = false;
  $('auth-note').textContent = session.open ? 'open: this server has no login' : '';
  route();
}

function tablesHash() {
  return browser.table ? '#tables/' + encodeURIComponent(browser.table) + '/' + browser.page : '#tables';
}

// Deep links: #tables/<name>/<page> opens the data browser there; anything else, the dashboard.
function route() {
  const match = /^#tables(?:\/([^/]+)(?:\/(\d+))?)?$/.exec(location.hash);
  if (match) {
    if (match[1]) {
      browser.table = decodeURIComponent(match[1]);
      browser.page = Math.max(1, Number(match[2] || 1));
    }
    show('tables');
  } else {
    show('dashboard');
  }
}

function link(hash) {
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
}

function show(which) {
  view = which;
  link(which === 'tables' ? tablesHash() : '');
  $('nav-dashboard').classList.toggle('active', which === 'dashboard');
  $('nav-tables').classList.toggle('active', which === 'tables');
  $('dashboard').hidden = which !== 'dashboard';
  $('tables').hidden = which !== 'tables';
  clearTimeout(refreshTimer);
  if (which === 'dashboard') refresh();
  else loadTables();
}

// ---------- dashboard ----------

async function refresh() {
  clearTimeout(refreshTimer);
  try {
    const overview = await api('/api/ops');
    render(overview);
    $('refreshed').textContent = 'updated ' + new Date(overview.checkedAt).toLocaleTimeString();
  } catch (error) {
    if (error instanceof AuthError) return;
    $('refreshed').textContent = 'update failed: ' + error.message;
  }
  if (view === 'dashboard' && !$('dashboard').hidden) refreshTimer = setTimeout(refresh, REFRESH_MS);
}

function render(overview) {
  const headline = $('headline');
  headline.dataset.state = overview.state;
  $('headline-state').textContent = overview.state.toUpperCase();
  $('headline-reason').textContent = overview.reason;
  // the server names the cards, in display order, with their titles
  const cards = Object.entries(overview.titles).map(([id, title]) => [id, title.charAt(0).toUpperCase() + title.slice(1)]);
  const strip = $('strip');
  strip.replaceChildren(...cards.map(([id, title]) => {
    const card = overview.cards[id];
    return el('li', { 'data-state': card.state, 'data-card': id, title: card.reason }, el('span', { class: 'dot' }), title);
  }));
  const pool = overview.cards.pool;
  if (pool && pool.max !== undefined) {
    poolHistory.push({ acquired: pool.acquired, pending: pool.pending, max: pool.max });
    if (poolHistory.length > HISTORY) poolHistory.shift();
  }
  $('cards').replaceChildren(...cards.map(([id, title]) => {
    const card = overview.cards[id];
    // a card whose check could not run has only its state and reason; a card without a body
    // below shows just those too
    const body = BODIES[id] && FULL[id] in card ? BODIES[id](card) : [];
    return el('section', { class: 'card', id: 'card-' + id, 'data-state': card.state },
      el('header', {}, el('span', { class: 'dot', 'data-state': card.state }), el('h3', {}, title),
        el('span', { class: 'state', 'data-field': 'state' }, card.state)),
      el('p', { class: 'reason', 'data-field': 'reason' }, card.reason),
      body);
  }));
}

// Figures and charts of the cards this page knows: a field only a full card has, and how to draw it.
const FULL = {
  pool: 'max', migrations: 'expected', queries: 'queries', slowQueries: 'recent', indexes: 'indexes',
  storage: 'tables', config: 'checks', seed: 'demoLogins', backup: 'markerFile',
};

const BODIES = {
  pool(card) {
    return [
      el('div', { class: 'figures' },
        figure('in use', card.acquired, 'acquired'), figure('max', card.max, 'max'), figure('idle', card.idle, 'idle'),
        figure('waiting', card.pending, 'pending'), figure('timeouts', card.timeouts, 'timeouts'),
        figure('rejected', card.rejections, 'rejections')),
      sparkline(poolHistory),
      el('div', { class: 'legend' }, el('span', {}, el('i', { class: 'l-acq' }), 'in use'),
        el('span', {}, el('i', { class: 'l-pend' }), 'waiting'),
        el('span', {}, 'wait p95 ' + ms(card.acquireWait.p95Ms) + ' (' + count(card.acquireWait.count) + ' waited)'),
        el('span', {}, 'connect p95 ' + ms(card.connectionCreate.p95Ms))),
      card.replicas && card.replicas.length ? [sub('read replicas'), rows(card.replicas, (r) => [
        el('span', { class: 'grow mono' }, r.name),
        el('span', { class: 'muted' }, r.serving ? 'serving' : (r.up ? 'lagging' : 'down')),
        el('span', { class: 'num muted' }, 'lag ' + ms(r.lagMs) + ' · ' + r.acquired + ' / ' + r.max),
      ], '')] : [],
    ];
  },

  migrations(card) {
    const applied = card.expected - card.pending.length;
    return [
      el('div', { class: 'figures' }, figure('applied', applied + ' / ' + card.expected, 'applied'),
        figure('pending', card.pending.length, 'pendingCount'), figure('unknown', card.unknown.length, 'unknown'),
        figure('schema', card.schemaMatches ? 'matches' : 'differs', 'schemaMatches')),
      meter(applied, card.expected, card.pending.length ? 'var(--red)' : 'var(--green)'),
      card.pending.length ? [sub('pending'), rows(card.pending.slice(0, 4), (c) => [el('span', { class: 'grow mono' }, c.changeSet)], '')] : [],
      sub('latest applied'),
      rows(card.applied.slice(0, card.pending.length ? 2 : 4), (a) => [
        el('span', { class: 'grow mono' }, a.changeSet), el('span', { class: 'muted' }, a.author),
        el('span', { class: 'num muted' }, a.executedAt ? new Date(a.executedAt).toLocaleString() : '–'),
      ], 'nothing applied'),
    ];
  },

  queries(card) {
    const top = card.queries.slice(0, 7);
    return [
      bars(top.map((q) => ({ label: q.name, value: q.latency.p95Ms, text: ms(q.latency.p95Ms) + ' p95 · ' + count(q.latency.count) + '×' })),
        card.thresholdMs),
      el('div', { class: 'legend' }, el('span', {}, card.queries.length + ' named statements; bars: 95th percentile since start; line: '
        + ms(card.thresholdMs) + ' slow threshold')),
    ];
  },

  slowQueries(card) {
    const top = card.pgStatStatements.statements.slice(0, 4);
    return [
      el('div', { class: 'figures' }, figure('source', card.source, 'source'), figure('threshold', ms(card.thresholdMs), 'threshold'),
        figure('recent', card.recent.length, 'recentCount')),
      sub('this instance, newest first'),
      rows(card.recent.slice(0, 4), (s) => [el('span', { class: 'grow mono', title: s.sql }, s.name),
        el('span', { class: 'num' }, ms(s.durationMs)), el('span', { class: 'num muted' }, ago(s.at))], 'no slow statement recorded'),
      sub(card.pgStatStatements.available ? 'pg_stat_statements, slowest mean' : 'pg_stat_statements'),
      card.pgStatStatements.available
        ? rows(top, (s) => [el('span', { class: 'grow mono', title: s.query }, s.query),
          el('span', { class: 'num' }, ms(s.meanMs)), el('span', { class: 'num muted' }, count(s.calls) + '×')], 'no statements yet')
        : el('p', { class: 'muted' }, card.pgStatStatements.note),
    ];
  },

  indexes(card) {
    const used = card.indexes.slice().sort((a, b) => b.scans - a.scans).slice(0, 5);
    return [
      el('div', { class: 'figures' }, figure('indexes', card.indexes.length, 'indexCount'),
        figure('never used', card.unused.length, 'unusedCount'),
        figure('seq-scan heavy', card.tables.filter((t) => t.seqScanHeavy).length, 'seqScanHeavy')),
      bars(used.map((i) => ({ label: i.index, value: Math.log10(1 + i.scans), text: count(i.scans) + ' scans' })), null),
      card.unused.length ? [sub('never used (statistics since ' + (card.statsSince ? new Date(card.statsSince).toLocaleDateString() : 'the start') + ')'),
        el('p', { class: 'mono', 'data-field': 'unused' }, card.unused.slice(0, 6).map((i) => i.index).join(', ')
          + (card.unused.length > 6 ? ', …' : ''))] : [],
    ];
  },

  storage(card) {
    const top = card.tables.slice(0, 7);
    return [
      el('div', { class: 'figures' }, figure('database', bytes(card.databaseBytes), 'databaseBytes'),
        figure('tables', card.tables.length, 'tableCount'),
        figure('dead rows', count(card.tables.reduce((sum, t) => sum + t.deadRows, 0)), 'deadRows')),
      bars(top.map((t) => ({ label: t.table, value: t.totalBytes,
        text: bytes(t.totalBytes) + ' · ' + count(t.liveRows) + ' live · ' + count(t.deadRows) + ' dead' })), null),
    ];
  },

  config(card) {
    return [
      rows(card.checks, (c) => [el('span', { class: 'dot', 'data-state': c.state }), el('b', {}, c.name),
        el('span', { class: 'grow', title: c.reason }, c.reason)], ''),
      sub('database'),
      el('p', { class: 'mono', 'data-field': 'databaseUrl' }, card.databaseUrl),
      el('p', { class: 'muted' }, 'PostgreSQL ' + card.serverVersion),
    ];
  },

  seed(card) {
    return [
      el('div', { class: 'figures' }, figure('mode', card.devMode ? 'dev' : 'production', 'mode'),
        figure('demo logins', card.demoLogins.filter((d) => d.present && !d.deleted).length + ' / ' + card.demoLogins.length, 'present')),
      rows(card.demoLogins, (d) => [el('span', { class: 'dot', 'data-state': !d.present || d.deleted ? 'unknown' : d.demoPassword && !card.devMode ? 'red' : 'green' }),
        el('span', { class: 'grow' }, d.email), el('span', { class: 'muted' }, d.present ? (d.role + (d.deleted ? ' · deleted' : '')
          + (d.demoPassword ? ' · demo password' : '')) : 'absent')], ''),
    ];
  },

  backup(card) {
    return [
      el('div', { class: 'figures' }, figure('last backup', card.lastBackup ? ago(card.lastBackup) : 'unknown', 'lastBackup')),
      el('p', { class: 'muted' }, card.markerFile ? 'marker file ' + card.markerFile : 'set inkwell.ops.backup-marker-file to the file your backup job touches'),
    ];
  },
};

function meter(value, max, colour) {
  const bar = el('div', { class: 'bar' });
  const fill = el('i');
  fill.style.width = (max > 0 ? Math.round(100 * value / max) : 0) + '%';
  fill.style.background = colour;
  bar.append(fill);
  return bar;
}

// Horizontal bars, one per item; an optional threshold draws a red line at that value.
function bars(items, threshold) {
  const width = 400;
  const rowHeight = 17;
  const labelWidth = 150;
  const height = Math.max(1, items.length) * rowHeight + 4;
  const max = Math.max(threshold || 0, ...items.map((i) => i.value), 1e-9);
  const scale = (width - labelWidth - 6) / max;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img' });
  if (items.length === 0) {
    chart.append(svg('text', { x: 0, y: 12 }, 'no data yet'));
    return chart;
  }
  items.forEach((item, index) => {
    const y = index * rowHeight + 2;
    const label = item.label.length > 26 ? item.label.slice(0, 25) + '…' : item.label;
    chart.append(svg('text', { class: 'label', x: 0, y: y + 11 }, label));
    const barWidth = Math.max(1, item.value * scale);
    const over = threshold !== null && item.value >= threshold;
    chart.append(svg('rect', { x: labelWidth, y: y + 2, width: barWidth, height: rowHeight - 6, rx: 2,
      fill: over ? '#d64545' : '#5b8def' }));
    const inside = barWidth > 150;
    chart.append(svg('text', { x: inside ? labelWidth + 4 : labelWidth + barWidth + 4, y: y + 11,
      fill: inside ? '#fff' : '#5f6b7a' }, item.text));
  });
  if (threshold) {
    const x = labelWidth + threshold * scale;
    chart.append(svg('line', { x1: x, x2: x, y1: 0, y2: height, stroke: '#d64545', 'stroke-dasharray': '3 2' }));
  }
  return chart;
}

// Connections in use and acquires waiting over the last refreshes, against the pool size.
function sparkline(history) {
  const width = 400;
  const height = 54;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const max = Math.max(1, ...history.map((h) => Math.max(h.max, h.acquired + h.pending)));
  const x = (i) => (history.length < 2 ? width : (i * width) / (HISTORY - 1));
  const y = (v) => height - 3 - (v * (height - 6)) / max;
  chart.append(svg('line', { x1: 0, x2: width, y1: y(history.length ? history[history.length - 1].max : 0),
    y2: y(history.length ? history[history.length - 1].max : 0), stroke: '#dde2ea', 'stroke-dasharray': '4 3' }));
  const line = (key, colour) => svg('polyline', { fill: 'none', stroke: colour, 'stroke-width': 2,
    points: history.map((h, i) => x(i) + ',' + y(h[key])).join(' ') });
  if (history.length) {
    chart.append(line('acquired', '#5b8def'), line('pending', '#d98e04'));
  }
  return chart;
}

// ---------- data browser ----------

async function loadTables() {
  try {
    const list = await api('/api/ops/tables');
    $('table-list').replaceChildren(...list.data.map((table) => {
      const button = el('button', { type: 'button', 'data-table': table.name, class: table.name === browser.table ? 'active' : null },
        el('span', {}, table.name), el('span', { class: 'muted' }, '≈' + count(table.estimatedRows)));
      button.addEventListener('click', () => openTable(table.name, 1));
      return el('li', {}, button);
    }));
    if (browser.table) openTable(browser.table, browser.page);
  } catch (error) {
    if (!(error instanceof AuthError)) $('table-note').textContent = 'cannot list tables: ' + error.message;
  }
}

async function openTable(name, page) {
  browser.table = name;
  browser.page = page;
  link(tablesHash());
  for (const button of document.querySelectorAll('#table-list button')) {
    button.classList.toggle('active', button.dataset.table === name);
  }
  try {
    const data = await api('/api/ops/tables/' + encodeURIComponent(name) + '?page=' + page);
    $('table-title').textContent = data.table;
    $('table-note').textContent = data.columns.length + ' columns · ≈' + count(data.estimatedRows) + ' rows'
      + (data.softDelete ? ' · soft-deleted rows are struck through' : '');
    $('page-number').textContent = 'page ' + data.page;
    $('page-prev').disabled = data.page <= 1;
    $('page-next').disabled = !data.hasMore;
    const head = el('tr', {}, el('th', {}, ''), data.columns.map((c) => el('th', {}, c.name,
      el('small', {}, c.type + (c.primaryKey ? ' · key' : '') + (c.masked ? ' · masked' : '')))));
    const body = data.rows.map((row) => el('tr', { class: row.deleted ? 'deleted' : null },
      el('td', { class: 'marker' }, row.deleted ? el('span', { class: 'badge' }, 'deleted') : ''),
      row.values.map((value, i) => {
        const masked = data.columns[i].masked && value !== null;
        return el('td', { class: value === null ? 'null' : masked ? 'masked' : null, title: value === null ? null : value },
          value === null ? 'null' : value);
      })));
    $('table-grid').replaceChildren(el('thead', {}, head), el('tbody', {}, body));
  } catch (error) {
    if (!(error instanceof AuthError)) $('table-note').textContent = 'cannot read ' + name + ': ' + error.message;
  }
}

// ---------- start ----------

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', login);
  $('sign-out').addEventListener('click', () => signOut(''));
  $('nav-dashboard').addEventListener('click', () => show('dashboard'));
  $('nav-tables').addEventListener('click', () => show('tables'));
  $('page-prev').addEventListener('click', () => openTable(browser.table, browser.page - 1));
  $('page-next').addEventListener('click', () => openTable(browser.table, browser.page + 1));
  window.addEventListener('hashchange', () => {
    if ($('login').hidden) route();
  });
  if (session.token || session.open) start();
  else signOut('');
});
