// clipdex page: one plain ES module, no framework, no build step.
//
// Safety: every piece of text that comes from the API goes into the page through
// textContent, Node.append(string) (which makes a Text node) or createElement.
// Nothing here parses HTML, so a title like "<script>…" shows up literally.
//
// The URL is the state: search parameters (q, tag, speaker, since, until, sort,
// offset) plus view=speaker&name=… or view=article&uid=… for the other views.
// navigate() pushes or replaces a history entry and render() draws whatever the
// URL says, so loading a URL, Back and Forward all go through the same path.

const PAGE = 20;           // hits per page
const QUOTES_LIMIT = 100;  // articles asked for in the speaker view (the API allows 100)
const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ---------------------------------------------------------------- module state
// Everything the page remembers between events, in one place. (readState and
// requestSlot are function declarations further down, hoisted, so they can run here.)

let state = readState();           // the URL state on screen: search parameters plus view, uid, name, all
let lastView = null;               // the view render() drew last ('search', 'article', 'speaker'), to move focus on a change
let shownSearch = null;            // stateQuery of the search whose results are on screen, to skip refetching it
let typing = false;                // true while a typing session lasts: its next query replaces the history entry
let debounce = 0;                  // timer that runs the search once typing pauses for DEBOUNCE_MS
let typingEnds = 0;                // timer that ends the typing session after a 1.5 s pause
const searchSlot = requestSlot();  // the pending /api/search: a newer one aborts it and drops its answer
const articleSlot = requestSlot(); // the pending /api/articles/{uid}, likewise
const speakerSlot = requestSlot(); // the pending /api/quotes, likewise

// ---------------------------------------------------------------- API shapes
//
// The one place that checks what the JSON API (src/serve/api.rs) answers. api() runs
// each answer through its endpoint's validator below (shapes.stats, shapes.search,
// shapes.article, shapes.quotes), which returns a fresh object holding just the fields
// the page reads, or throws an Error naming the first field that is off; the status
// line shows that message like any other failure ("Search failed: …"). Lists may be
// absent (the server leaves out some empty ones) and read as []; dates and other
// optional texts are a string or null; everything else must be there with its type.
// The drawing code further down trusts these objects and checks nothing again.

const shapes = (() => {
  /** The Error for a field that is not what the page expects; `at` is its path in the answer. */
  function malformed(at, expected, value) {
    const got = value === undefined ? 'missing'
      : value === null || typeof value === 'number' || typeof value === 'boolean' ? String(value)
        : typeof value === 'string' ? 'text'
          : Array.isArray(value) ? 'a list' : 'an object';
    return new Error(`the server's answer is malformed: ${at || 'the answer'} should be ${expected} but is ${got}`);
  }

  const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  // Checkers: each takes (value, path in the answer) and returns the checked value or throws.
  const text = (v, at) => { if (typeof v !== 'string') throw malformed(at, 'text', v); return v; };
  const maybeText = (v, at) => (v == null ? null : text(v, at)); // Option<String>; dates are RFC 3339 text
  const count = (v, at) => { if (!Number.isSafeInteger(v) || v < 0) throw malformed(at, 'a whole number', v); return v; };
  const flag = (v, at) => { if (typeof v !== 'boolean') throw malformed(at, 'true or false', v); return v; };
  const listOf = (item) => (v, at) => {
    if (v == null) return [];
    if (!Array.isArray(v)) throw malformed(at, 'a list', v);
    return v.map((x, i) => item(x, `${at}[${i}]`));
  };
  /** An object with the fields of `spec` (name -> checker), checked; other fields are dropped. */
  const recordOf = (spec) => (v, at) => {
    if (!isRecord(v)) throw malformed(at, 'an object', v);
    const out = {};
    for (const [key, check] of Object.entries(spec)) out[key] = check(v[key], at ? `${at}.${key}` : key);
    return out;
  };
  /** A whole answer: the same, with the path starting at its top. */
  const answer = (spec) => {
    const check = recordOf(spec);
    return (json) => check(json, '');
  };
  const byteRange = (v, at) => {
    if (!Array.isArray(v) || v.length !== 2) throw malformed(at, 'a [start, end] pair', v);
    return [count(v[0], `${at}[0]`), count(v[1], `${at}[1]`)];
  };

  // The parts of the answers, as src/search serializes them (only what the page reads).
  const snippet = recordOf({ text, highlights: listOf(byteRange) }); // highlights: byte ranges of text
  const periodCount = recordOf({ period: text, articles: count });    // period: "YYYY-MM" or "YYYY"
  const facetCount = recordOf({ value: text, count });
  const person = recordOf({ name: text, stories: count, articles: count });
  const copy = recordOf({ uid: text, path: text, title: text, date: maybeText, source: maybeText });
  const hit = recordOf({
    uid: text, id: text, path: text, title: text, title_missing: flag, date: maybeText,
    speakers: listOf(text), tags: listOf(text), snippet, copies: listOf(copy), copy_count: count,
  });
  const quote = recordOf({ text, start: count, end: count }); // start, end: byte range in the article body
  const speaker = recordOf({ name: text, role: maybeText, aliases: listOf(text), quotes: listOf(quote) });
  const quoted = recordOf({
    uid: text, path: text, title: text, date: maybeText, name: text, role: maybeText, quotes: listOf(snippet),
    copies: listOf(copy), copy_count: count,
  });
  const choices = answer({ name: text, ambiguous: listOf(person) });
  const quotesFound = answer({
    people: listOf(person), total: count, stories: count, articles: listOf(quoted), timeline: listOf(periodCount), warnings: listOf(text),
  });

  // One validator per endpoint: parsed JSON in, checked object out (or an Error thrown).
  return {
    /** GET /api/stats */
    stats: answer({
      articles: count, speakers: count, first_date: maybeText, last_date: maybeText, updated: maybeText, location: text,
    }),
    /** GET /api/search: `search --json` plus matching articles per month. */
    search: answer({
      total: count, stories: count, hits: listOf(hit), warnings: listOf(text),
      facets: recordOf({ tags: listOf(facetCount), speakers: listOf(facetCount) }), months: listOf(periodCount),
    }),
    /** GET /api/articles/{uid} */
    article: answer({
      id: text, path: text, title: text, date: maybeText, source: maybeText, author: maybeText, url: maybeText,
      tags: listOf(text), body: text, speakers: listOf(speaker),
    }),
    /** GET /api/quotes: the people a name may mean (kind 'ambiguous'), or their quotes (kind 'quotes'). */
    quotes: (json) => (isRecord(json) && json.ambiguous !== undefined
      ? { kind: 'ambiguous', ...choices(json) }
      : { kind: 'quotes', ...quotesFound(json) }),
    /** Any error answer, {"error": "…"}: its message, or '' when the body is not one. */
    errorMessage: (json) => (isRecord(json) && typeof json.error === 'string' ? json.error : ''),
  };
})();

// ---------------------------------------------------------------- DOM helpers

/** Creates an element. attrs: class, text, on:{event: fn}, data:{…}, or plain attributes.
 *  Children may be nodes or strings (strings become Text nodes, never markup). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === 'data') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child != null && child !== false) node.append(child);
  return node;
}

const day = (date) => (date ? date.slice(0, 10) : ''); // "2021-03-04T…" -> "2021-03-04"; null -> ''
const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Converts [start, end) UTF-8 byte ranges of `text` (whole numbers, as shapes checks them) to
 *  UTF-16 string ranges, sorted, with overlapping, empty and out-of-bounds ranges dropped.
 *  Extra items of a range are kept. */
function byteRangesToChars(text, ranges) {
  const bytes = encoder.encode(text);
  const sorted = ranges
    .filter((r) => r[0] < r[1] && r[1] <= bytes.length)
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  let lastEnd = 0;
  let lastChar = 0;
  for (const [start, end, ...extra] of sorted) {
    if (start < lastEnd) continue; // overlaps the previous range: skip it
    // Decode the bytes between ranges piece by piece (TextDecoder, not JS indexes).
    const from = lastChar + decoder.decode(bytes.subarray(lastEnd, start)).length;
    const to = from + decoder.decode(bytes.subarray(start, end)).length;
    out.push([from, to, ...extra]);
    lastEnd = end;
    lastChar = to;
  }
  return out;
}

/** Appends `text` to `parent`, wrapping each [start, end, title?] char range in <mark>. */
function appendMarked(parent, text, ranges, markClass) {
  let pos = 0;
  for (const [start, end, title] of ranges) {
    if (start < pos) continue;
    if (start > pos) parent.append(text.slice(pos, start));
    parent.append(h('mark', { class: markClass, title }, text.slice(start, end)));
    pos = end;
  }
  if (pos < text.length) parent.append(text.slice(pos));
  return parent;
}

/** A snippet or quote object {text, highlights} (byte offsets) as a fragment with marks. */
function highlighted({ text, highlights }) {
  return appendMarked(document.createDocumentFragment(), text, byteRangesToChars(text, highlights));
}

/** Re-renders `box` with `draw`; if a control inside it had the focus, the focus goes to
 *  the new control with the same data-value (or at the same place), else to `fallback`. */
function keepingFocus(box, draw, fallback) {
  const old = document.activeElement;
  if (!old || old === box || !box.contains(old)) return draw();
  const controls = () => [...box.querySelectorAll('button, a')];
  const index = controls().indexOf(old);
  const value = old.dataset.value;
  draw();
  const now = controls();
  const target = (value !== undefined && now.find((c) => c.dataset.value === value)) || now[Math.min(index, now.length - 1)];
  (target || fallback || $('total')).focus();
}

// ---------------------------------------------------------------- state <-> URL

function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const offset = parseInt(p.get('offset') || '0', 10);
  return {
    q: p.get('q') || '',
    tags: p.getAll('tag').filter(Boolean),
    speakers: p.getAll('speaker').filter(Boolean),
    since: p.get('since') || '',
    until: p.get('until') || '',
    sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    view: ['article', 'speaker'].includes(p.get('view')) ? p.get('view') : 'search',
    uid: p.get('uid') || '',
    name: p.get('name') || '',
    all: p.get('all') === '1', // speaker view: every quote, not only those matching q
  };
}

/** The URL query string for a state; defaults are left out so URLs stay short. */
function stateQuery(s) {
  const p = new URLSearchParams();
  if (s.view === 'article') p.set('view', 'article'), p.set('uid', s.uid);
  if (s.view === 'speaker') {
    p.set('view', 'speaker');
    p.set('name', s.name);
    if (s.all) p.set('all', '1');
  }
  if (s.q) p.set('q', s.q);
  for (const t of s.tags) p.append('tag', t);
  for (const n of s.speakers) p.append('speaker', n);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.offset) p.set('offset', String(s.offset));
  const text = p.toString();
  return text ? `?${text}` : location.pathname;
}

/** Moves to a new state: 'push' makes a history entry (Back returns), 'replace' does not. */
function navigate(changes, mode = 'push') {
  const next = { ...state, ...changes };
  if (next.view !== 'article') next.uid = '';
  if (next.view !== 'speaker') Object.assign(next, { name: '', all: false });
  const url = stateQuery(next);
  if (url !== stateQuery(state) || mode === 'replace') history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
  if (mode === 'push') typing = false;
  state = next;
  render();
}

/** The search part of the state (no view), which links to the other views carry along. */
const searchOnly = (s = state) => ({ ...s, view: 'search', uid: '', name: '', all: false });
const hrefFor = (changes) => stateQuery({ ...searchOnly(), ...changes });

/** A link that works as a link (new tab, copy) but navigates in place on a plain click. */
function appLink(text, changes, attrs = {}) {
  return h('a', {
    ...attrs,
    href: hrefFor(changes),
    on: {
      click(ev) {
        if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        navigate(changes);
      },
    },
  }, text);
}

// ---------------------------------------------------------------- API

const apiError = (status, message) => Object.assign(new Error(message), { status });

/** GETs /api/…; resolves to the JSON body as checked by `shape` (one of shapes' validators),
 *  rejects with apiError carrying the server's message, or with the validator's Error. */
/** The API's URL for `path` with `params` (a list value repeats its key; empty values are left out). */
function apiUrl(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const v of [].concat(value)) if (v !== '' && v != null) url.searchParams.append(key, String(v));
  }
  return url;
}

async function api(path, params, shape, signal) {
  const url = apiUrl(path, params);
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw apiError(0, 'Cannot reach the clipdex server. Is `clipdex serve` still running?');
  }
  let body;
  let parsed = true;
  try { body = await res.json(); } catch { parsed = false; }
  if (!res.ok) throw apiError(res.status, shapes.errorMessage(body) || `${res.status} ${res.statusText}`);
  if (!parsed) throw apiError(res.status, 'The server sent an answer that is not JSON.');
  return shape(body);
}

/** One slot per kind of request: a new request aborts the old one, and an answer that
 *  arrives after a newer request was made is dropped (`current()` turns false). */
function requestSlot() {
  let controller = null;
  let seq = 0;
  return () => {
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = ++seq;
    return { signal: controller.signal, current: () => mine === seq };
  };
}

function setStatus(message = '', kind = '') {
  const status = $('status');
  status.textContent = message;
  status.className = `status ${kind}`;
}

function showError(what, err) {
  if (err && err.name === 'AbortError') return;
  const message = err && err.message ? err.message : String(err);
  if (err && err.status === 503 && /index/i.test(message)) setStatus(message, 'error'); // "no index yet": plainly
  else if (err && (err.status === 429 || err.status === 503)) setStatus(`The server is busy (${message}). Try again in a moment.`, 'error');
  else setStatus(`${what} failed: ${message}`, 'error');
}

// ---------------------------------------------------------------- header stats

async function loadStats() {
  const stats = $('stats');
  try {
    const s = await api('/api/stats', {}, shapes.stats);
    const span = s.first_date ? `${day(s.first_date)} – ${day(s.last_date)}` : 'no dates';
    const parts = [plural(s.articles, 'article', 'articles'), plural(s.speakers, 'speaker', 'speakers'), span];
    stats.replaceChildren(...parts.flatMap((part, i) => [i ? ' · ' : '', h('span', {}, part)]));
    if (s.updated) stats.title = `Index updated ${s.updated}${s.location ? ` (${s.location})` : ''}`;
  } catch (err) {
    stats.textContent = err.status === 503 ? 'No index yet' : 'Index figures unavailable';
    showError('Loading the index figures', err);
  }
}

// ---------------------------------------------------------------- search view

function searchParams(s) {
  return { q: s.q, tag: s.tags, speaker: s.speakers, since: s.since, until: s.until, sort: s.sort, limit: PAGE, offset: s.offset };
}

async function runSearch() {
  const key = stateQuery(searchOnly());
  if (key === shownSearch) return $('hits').setAttribute('aria-busy', 'false');
  const { signal, current } = searchSlot();
  $('hits').setAttribute('aria-busy', 'true');
  try {
    const data = await api('/api/search', searchParams(state), shapes.search, signal);
    if (!current()) return;
    shownSearch = key;
    renderResults(data);
    setStatus();
  } catch (err) {
    if (!current()) return;
    shownSearch = null;
    if (err.name !== 'AbortError') clearResults();
    showError('Search', err);
  } finally {
    if (current()) $('hits').setAttribute('aria-busy', 'false');
  }
}

/** After a failed search nothing stale stays on screen (the status line says why). */
function clearResults() {
  $('total').textContent = '';
  $('hits').replaceChildren();
  $('pager').hidden = true;
  $('warnings').hidden = true;
  renderFacets($('tag-facets'), [], [], 'tags');
  renderFacets($('speaker-facets'), [], [], 'speakers');
  renderHistogram($('months'), $('months-axis'), [], true);
}

/** "3 matches", or "2 stories (3 articles)" when copies of one story are listed once. */
function storiesAndArticles(stories, articles, one, many) {
  return stories === articles
    ? plural(articles, one, many)
    : `${plural(stories, 'story', 'stories')} (${plural(articles, 'article', 'articles')})`;
}

function renderResults(data) {
  const { hits, stories, warnings } = data;
  // A page lists each story once, so pages count stories.
  const total = stories;
  const shown = hits.length && total > hits.length ? ` · showing ${state.offset + 1}–${state.offset + hits.length}` : '';
  $('total').textContent = total === 0 ? 'No matches' : `${storiesAndArticles(stories, data.total, 'match', 'matches')}${shown}`;
  $('download-search').hidden = total === 0;
  $('download-search').href = apiUrl('/api/search', { ...searchParams(state), format: 'csv' }).href;

  $('warnings').hidden = warnings.length === 0;
  $('warnings').textContent = warnings.length ? `Skipped in the query: ${warnings.join('; ')}` : '';

  const hadFocus = $('hits').contains(document.activeElement);
  $('hits').replaceChildren(...hits.map(renderHit));
  if (hadFocus) $('total').focus(); // the focused hit is gone: start from the top of the list

  $('pager').hidden = total <= PAGE;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + PAGE >= total;
  $('page-info').textContent = `Page ${Math.floor(state.offset / PAGE) + 1} of ${Math.ceil(total / PAGE)}`;

  renderFacets($('tag-facets'), data.facets.tags, state.tags, 'tags');
  renderFacets($('speaker-facets'), data.facets.speakers, state.speakers, 'speakers');
  renderHistogram($('months'), $('months-axis'), data.months, true);
}

function renderHit(hit) {
  const title = hit.title || hit.path || hit.id || '(untitled)';
  const { speakers, tags } = hit;
  return h('li', { class: 'hit' },
    h('h3', {}, appLink(title, { view: 'article', uid: hit.uid }, { class: `hit-title${hit.title_missing ? ' untitled' : ''}` })),
    h('p', { class: 'hit-meta' },
      hit.date ? h('time', { datetime: hit.date }, day(hit.date)) : h('span', { class: 'muted' }, 'no date'),
      speakers.length ? h('span', { class: 'hit-speakers' }, 'Quoted: ',
        speakers.flatMap((name, i) => [i ? ', ' : '', appLink(name, { view: 'speaker', name, all: false })])) : null,
      tags.length ? h('span', { class: 'hit-tags' }, tags.map((tag) => h('button', {
        type: 'button', class: 'tag', title: `Filter by tag “${tag}”`,
        on: { click: () => toggleFilter('tags', tag) },
      }, tag))) : null),
    h('p', { class: 'snippet' }, highlighted(hit.snippet)),
    h('p', { class: 'hit-path muted' }, hit.path),
    renderCopies(hit.copies, hit.copy_count));
}

/** A story's other copies, folded under "N copies": date, source and a link to each. */
function renderCopies(copies, count) {
  if (count === 0) return null;
  const more = count - copies.length;
  return h('details', { class: 'copies' },
    h('summary', {}, `also in ${plural(count, 'copy', 'copies')}`),
    h('ul', {},
      ...copies.map((c) => h('li', {},
        c.date ? h('time', { datetime: c.date }, day(c.date)) : h('span', { class: 'muted' }, 'no date'),
        c.source ? ` · ${c.source} · ` : ' · ',
        appLink(c.title || c.path || '(untitled)', { view: 'article', uid: c.uid }),
        h('span', { class: 'muted' }, ` · ${c.path}`))),
      more > 0 ? h('li', { class: 'muted' }, `and ${more} more`) : null));
}

/** Facet buttons for counts [{value, count}]; active values are pressed and kept in the list even with no count. */
function renderFacets(list, counts, active, kind) {
  const entries = [...counts];
  for (const value of active) if (!entries.some((e) => e.value === value)) entries.unshift({ value, count: 0 });
  if (entries.length === 0) return list.replaceChildren(h('li', { class: 'muted' }, 'none'));
  keepingFocus(list, () => list.replaceChildren(...entries.map(({ value, count }) => {
    const on = active.includes(value);
    return h('li', { class: on ? 'active' : '' },
      h('button', {
        type: 'button', class: 'facet', data: { value }, 'aria-pressed': on ? 'true' : 'false',
        title: on ? `Remove the filter “${value}”` : `Only articles with “${value}”`,
        on: { click: () => toggleFilter(kind, value) },
      }, h('span', { class: 'label' }, value), h('span', { class: 'count' }, String(count))),
      kind === 'speakers'
        ? appLink('quotes', { view: 'speaker', name: value, all: false }, { class: 'open-speaker', 'aria-label': `Quotes by ${value}` })
        : null);
  })));
}

function toggleFilter(kind, value) {
  const list = state[kind].includes(value) ? state[kind].filter((v) => v !== value) : [...state[kind], value];
  navigate({ [kind]: list, offset: 0, view: 'search' });
}

function renderActiveFilters() {
  const chips = [];
  const chip = (label, changes) => h('button', {
    type: 'button', class: 'chip', 'aria-label': `Remove filter ${label}`,
    on: { click: () => navigate({ ...changes, offset: 0 }) },
  }, label, h('span', { class: 'x', 'aria-hidden': 'true' }, '×'));
  for (const t of state.tags) chips.push(chip(`tag: ${t}`, { tags: state.tags.filter((v) => v !== t) }));
  for (const n of state.speakers) chips.push(chip(`speaker: ${n}`, { speakers: state.speakers.filter((v) => v !== n) }));
  if (state.since || state.until) chips.push(chip(`date: ${state.since || '…'} – ${state.until || '…'}`, { since: '', until: '' }));
  if (chips.length > 1) {
    chips.push(h('button', { type: 'button', class: 'chip clear', on: { click: () => navigate({ tags: [], speakers: [], since: '', until: '', offset: 0 }) } }, 'Clear all'));
  }
  keepingFocus($('active-filters'), () => $('active-filters').replaceChildren(...chips), $('q'));
}

// ---------------------------------------------------------------- histogram

const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate(); // month is 1-based

/** Fills the gaps between periods ("YYYY-MM" or "YYYY") so the bars follow time; long
 *  monthly spans are summed into years to keep bars wide enough to see and click. */
function fillPeriods(periods) {
  const counts = new Map(periods.map((p) => [p.period, p.articles]));
  const keys = [...counts.keys()].sort();
  if (keys.length === 0) return [];
  const monthly = keys.every((k) => /^\d{4}-\d{2}$/.test(k));
  if (!monthly) return keys.map((k) => ({ period: k, articles: counts.get(k) }));
  let [y, m] = keys[0].split('-').map(Number);
  const [ly, lm] = keys[keys.length - 1].split('-').map(Number);
  const out = [];
  for (; y < ly || (y === ly && m <= lm); m === 12 ? (y++, m = 1) : m++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ period: key, articles: counts.get(key) || 0 });
  }
  if (out.length <= 72) return out;
  const years = new Map();
  for (const p of out) years.set(p.period.slice(0, 4), (years.get(p.period.slice(0, 4)) || 0) + p.articles);
  return [...years].map(([period, articles]) => ({ period, articles }));
}

/** Bars as divs (heights via el.style, which the CSP allows). Clickable bars set the date range. */
function renderHistogram(box, axis, periods, clickable) {
  const bars = fillPeriods(periods);
  const max = Math.max(1, ...bars.map((b) => b.articles));
  keepingFocus(box, () => box.replaceChildren(...bars.map(({ period, articles }) => {
    const label = `${period}: ${plural(articles, 'article', 'articles')}`;
    const fill = h('span', { class: 'fill' });
    fill.style.height = `${articles ? Math.max(4, (100 * articles) / max) : 0}%`;
    if (!clickable || !articles) return h('span', { class: 'bar', title: label, role: 'img', 'aria-label': label }, fill);
    const [y, m] = period.split('-').map(Number);
    const since = m ? `${period}-01` : `${y}-01-01`;
    const until = m ? `${period}-${lastDay(y, m)}` : `${y}-12-31`;
    const on = state.since === since && state.until === until;
    return h('button', {
      type: 'button', class: `bar${on ? ' on' : ''}`, title: `${label} (click to show only ${period})`, 'aria-label': label,
      'aria-pressed': on ? 'true' : 'false',
      on: { click: () => navigate(on ? { since: '', until: '', offset: 0 } : { since, until, offset: 0 }) },
    }, fill);
  })));
  box.hidden = bars.length === 0;
  axis.textContent = bars.length === 0 ? 'no dated articles' : bars.length === 1 ? bars[0].period : `${bars[0].period} – ${bars[bars.length - 1].period}`;
}

// ---------------------------------------------------------------- article view

async function loadArticle(uid) {
  const { signal, current } = articleSlot();
  const view = $('article');
  view.setAttribute('aria-busy', 'true');
  $('article-title').textContent = 'Loading…';
  for (const id of ['article-meta', 'article-speakers', 'article-body']) $(id).replaceChildren();
  try {
    const a = await api(`/api/articles/${encodeURIComponent(uid)}`, {}, shapes.article, signal);
    if (!current()) return;
    renderArticle(a);
    setStatus();
  } catch (err) {
    if (!current()) return;
    $('article-title').textContent = 'Article not available';
    showError('Opening the article', err);
  } finally {
    if (current()) view.setAttribute('aria-busy', 'false');
  }
}

function renderArticle(a) {
  const title = a.title || a.path || a.id || '(untitled)';
  $('article-title').textContent = title;
  document.title = `${title} — clipdex`;

  const meta = [];
  const row = (label, ...value) => meta.push(h('div', {}, h('dt', {}, label), h('dd', {}, ...value)));
  if (a.date) row('Date', h('time', { datetime: a.date }, day(a.date)));
  if (a.source) row('Source', a.source);
  if (a.author) row('Author', a.author);
  if (a.url) {
    // Only web addresses become links; anything else (javascript:, data:) stays text.
    row('URL', /^https?:\/\//i.test(a.url) ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.url) : a.url);
  }
  if (a.tags.length) row('Tags', a.tags.map((t) => h('button', { type: 'button', class: 'tag', on: { click: () => navigate({ tags: state.tags.includes(t) ? state.tags : [...state.tags, t], offset: 0, view: 'search' }) } }, t)));
  if (a.path) row('File', h('span', { class: 'muted' }, a.path));
  $('article-meta').replaceChildren(...meta);

  $('article-speakers').replaceChildren(...a.speakers.map((s) => h('li', {},
    appLink(s.name, { view: 'speaker', name: s.name, all: false }),
    s.role ? h('span', { class: 'role' }, `, ${s.role}`) : null,
    s.aliases.length ? h('span', { class: 'muted' }, ` (also “${s.aliases.join('”, “')}”)`) : null,
    h('span', { class: 'muted' }, ` · ${plural(s.quotes.length, 'quote', 'quotes')}`))));

  // Quote byte ranges, labelled with who said them, as char ranges into the body.
  const quoteRanges = a.speakers.flatMap((s) => s.quotes.map((q) => [q.start, q.end, s.role ? `${s.name}, ${s.role}` : s.name]));
  renderBody($('article-body'), a.body, byteRangesToChars(a.body, quoteRanges));
}

/** Paragraphs split at blank lines; each quote range is clipped to the paragraphs it spans. */
function renderBody(container, body, ranges) {
  const paragraphs = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let start = 0;
  for (let m; (m = breaks.exec(body)); start = m.index + m[0].length) paragraphs.push([start, m.index]);
  paragraphs.push([start, body.length]);
  container.replaceChildren(...paragraphs.filter(([s, e]) => body.slice(s, e).trim()).map(([s, e]) => {
    const local = ranges
      .filter(([rs, re]) => re > s && rs < e)
      .map(([rs, re, who]) => [Math.max(rs, s) - s, Math.min(re, e) - s, who]);
    return appendMarked(h('p'), body.slice(s, e), local, 'quote');
  }));
}

// ---------------------------------------------------------------- speaker view

async function loadSpeaker(name, q) {
  const { signal, current } = speakerSlot();
  const view = $('speaker');
  view.setAttribute('aria-busy', 'true');
  $('speaker-name').textContent = name;
  $('speaker-summary').textContent = 'Loading…';
  for (const id of ['speaker-timeline', 'speaker-quotes']) $(id).replaceChildren();
  $('speaker-axis').textContent = '';
  try {
    const data = await api('/api/quotes', { name, q, limit: QUOTES_LIMIT }, shapes.quotes, signal);
    if (!current()) return;
    if (data.kind === 'ambiguous') renderAmbiguous(data);
    else renderSpeaker(data, q);
    setStatus();
  } catch (err) {
    if (!current()) return;
    $('speaker-summary').textContent = '';
    showError(`Looking up ${name}`, err);
  } finally {
    if (current()) view.setAttribute('aria-busy', 'false');
  }
}

function renderAmbiguous(data) {
  $('speaker-name').textContent = data.name;
  $('speaker-summary').textContent = 'This name fits several people. Which one?';
  $('speaker-timeline').hidden = true;
  $('speaker-quotes').replaceChildren(...data.ambiguous.map((p) => h('li', { class: 'choice' },
    appLink(p.name, { view: 'speaker', name: p.name, all: state.all }),
    h('span', { class: 'muted' }, ` · ${storiesAndArticles(p.stories, p.articles, 'article', 'articles')}`))));
}

function renderSpeaker(data, q) {
  const { people, articles, stories, total, timeline, warnings } = data;
  if (people.length === 0) {
    // Nobody quoted goes by the name: the answer's warning says so.
    $('speaker-summary').textContent = warnings.join('; ');
    $('speaker-timeline').hidden = true;
    $('speaker-quotes').replaceChildren();
    return;
  }
  const name = people.length ? people[0].name : state.name;
  document.title = `${name} — clipdex`;
  $('speaker-name').textContent = name;

  const role = (articles.find((a) => a.role) || {}).role;
  const summary = [];
  if (role) summary.push(h('span', { class: 'role' }, role), ' · ');
  const counted = storiesAndArticles(stories, total, 'article', 'articles');
  summary.push(q ? `${counted} matching “${q}” · ` : `Quoted in ${counted}`);
  if (q) summary.push(appLink('show every quote', { view: 'speaker', name: state.name, all: true }));
  if (people.length > 1) summary.push(` · includes ${people.map((p) => p.name).join(', ')}`);
  if (articles.length < stories) summary.push(` · showing the newest ${articles.length}`);
  $('speaker-summary').replaceChildren(...summary);
  $('download-speaker').hidden = articles.length === 0;
  $('download-speaker').href = apiUrl('/api/quotes', { name: state.name, q, limit: QUOTES_LIMIT, format: 'csv' }).href;

  $('speaker-timeline').hidden = false;
  renderHistogram($('speaker-timeline'), $('speaker-axis'), timeline, false);

  $('speaker-quotes').replaceChildren(...articles.map((a) => h('li', { class: 'quote-article' },
    h('p', { class: 'quote-source' },
      appLink(a.title || a.path || '(untitled)', { view: 'article', uid: a.uid }, { class: 'quote-title' }),
      a.date ? h('time', { datetime: a.date }, ` · ${day(a.date)}`) : null,
      a.role && a.role !== role ? h('span', { class: 'muted' }, ` · ${a.role}`) : null),
    a.quotes.map((quote) => h('blockquote', { class: 'quote-item', title: a.name || name }, highlighted(quote))),
    renderCopies(a.copies, a.copy_count))));
  if (articles.length === 0) $('speaker-quotes').replaceChildren(h('li', { class: 'muted' }, 'No quotes found.'));
}

// ---------------------------------------------------------------- render + events

/** Draws the page for the current state (inputs, visible view, data). */
function render() {
  const q = $('q');
  if (document.activeElement !== q || q.value.trim() !== state.q) q.value = state.q;
  $('sort').value = state.sort;
  $('since').value = state.since;
  $('until').value = state.until;
  renderActiveFilters();

  $('results-view').hidden = state.view !== 'search';
  $('article').hidden = state.view !== 'article';
  $('speaker').hidden = state.view !== 'speaker';

  if (state.view === 'search') {
    document.title = state.q ? `${state.q} — clipdex` : 'clipdex';
    runSearch();
  } else if (state.view === 'article') {
    loadArticle(state.uid);
  } else {
    loadSpeaker(state.name, state.all ? '' : state.q);
  }
  // Move focus into a view that was just opened (or back to the results from a closed
  // one), for keyboard and screen reader users.
  if (state.view !== lastView && lastView !== null) {
    if (state.view === 'article') $('article-title').focus();
    else if (state.view === 'speaker') $('speaker-name').focus();
    else if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('.view')) $('total').focus();
  }
  lastView = state.view;
}

// Typing: the first keystroke makes a history entry, the next ones replace it; the
// search itself waits until typing pauses (typing, debounce, typingEnds: see module state).

function onType() {
  clearTimeout(debounce);
  clearTimeout(typingEnds);
  const q = $('q').value.trim();
  if (q === state.q && state.view === 'search') return runSearch(); // e.g. a trailing space
  $('hits').setAttribute('aria-busy', 'true'); // the results on screen are stale from now on
  debounce = setTimeout(() => {
    navigate({ q, offset: 0, view: 'search' }, typing && state.view === 'search' ? 'replace' : 'push');
    typing = true;
    typingEnds = setTimeout(() => { typing = false; }, 1500);
  }, DEBOUNCE_MS);
}

/** Enter (or the Search button): no waiting. */
function searchNow(ev) {
  ev.preventDefault();
  clearTimeout(debounce);
  navigate({ q: $('q').value.trim(), offset: 0, view: 'search' }, typing && state.view === 'search' ? 'replace' : 'push');
  typing = false;
}

const closeView = () => navigate({ view: 'search' });

$('q').addEventListener('input', onType);
$('search-form').addEventListener('submit', searchNow);
$('sort').addEventListener('change', () => navigate({ sort: $('sort').value, offset: 0, view: 'search' }));
for (const id of ['since', 'until']) {
  // 'change' fires once a full date is entered or the field is cleared.
  $(id).addEventListener('change', () => navigate({ [id]: $(id).value, offset: 0, view: 'search' }));
}
$('prev').addEventListener('click', () => { navigate({ offset: Math.max(0, state.offset - PAGE) }); $('total').scrollIntoView(); });
$('next').addEventListener('click', () => { navigate({ offset: state.offset + PAGE }); $('total').scrollIntoView(); });
for (const button of document.querySelectorAll('.view .back')) button.addEventListener('click', closeView);
$('home').addEventListener('click', (ev) => {
  ev.preventDefault();
  navigate({ ...readState(''), view: 'search' });
});

document.addEventListener('keydown', (ev) => {
  const inField = /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName) || ev.target.isContentEditable;
  if (ev.key === '/' && !inField && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
    ev.preventDefault();
    $('q').focus();
    $('q').select();
  } else if (ev.key === 'Escape' && state.view !== 'search') {
    ev.preventDefault();
    closeView();
  }
});

window.addEventListener('popstate', () => {
  clearTimeout(debounce);
  typing = false;
  state = readState();
  render();
});

$('hits').setAttribute('aria-busy', 'true');
loadStats();
render();
