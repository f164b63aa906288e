// The saga explorer page. Every value from the server goes through esc() before it reaches markup.

const STEPS = ['created', 'inventoryReservation', 'paymentProcessing', 'confirmation', 'compensation'];
const STATUSES = ['STARTED', 'COMPENSATING', 'COMPENSATION_FAILED', 'COMPLETED', 'COMPENSATED'];
const IN_FLIGHT = new Set(['STARTED', 'COMPENSATING']);
const PAGE_SIZE = 25;

const state = {
  status: '',
  search: null,
  // cursors[i]: the cursor that loads page i (page 0 needs none).
  cursors: [undefined],
  pageIndex: 0,
  nextCursor: undefined,
  counts: null,
  selected: null,
};
const banners = new Map();

const $ = (id) => document.getElementById(id);
const esc = (text) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const badge = (status) => `<span class="badge ${esc(status)}">${esc(status)}</span>`;
const money = (cents, currency) => `${(Number(cents) / 100).toFixed(2)} ${esc(currency)}`;
const duration = (ms) =>
  ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
const orderLink = (orderId) => `#/orders/${encodeURIComponent(orderId)}`;

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, init) {
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, {
      error: 'ExplorerUnreachable',
      message: 'the explorer server does not answer',
      hint: 'is `make explorer` still running? Start it again, then reload this page',
    });
  }
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { message: text };
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// Banners: one per concern, so a refresh that works again clears only its own.
function setBanner(key, title, error) {
  const body = error.body ?? { message: String(error.message ?? error) };
  banners.set(
    key,
    `<p data-banner="${esc(key)}" data-error="${esc(body.error)}"><strong>${esc(title)}:</strong>
      <span class="message">${esc(body.message ?? error.message)}</span>
      ${body.hint ? `<span class="hint">What to do: ${esc(body.hint)}</span>` : ''}</p>`,
  );
  renderBanners();
}
function clearBanner(key) {
  if (banners.delete(key)) renderBanners();
}
function renderBanners() {
  const banner = $('banner');
  banner.innerHTML = [...banners.values()].join('');
  banner.hidden = banners.size === 0;
}

function renderFilters() {
  const counts = state.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  const chip = (status, label, count) =>
    `<button type="button" data-status="${esc(status)}" aria-pressed="${state.status === status && !state.search}">
      ${esc(label)}${count === null || count === undefined ? '' : ` <span class="count">${esc(count)}</span>`}</button>`;
  $('filters').innerHTML = [
    chip('', 'all', total),
    ...STATUSES.map((s) => chip(s, s, counts ? counts[s] : null)),
  ].join('');
}

function renderRows(sagas) {
  $('sagas').innerHTML =
    sagas.length === 0
      ? '<tr><td colspan="4" class="muted">no sagas</td></tr>'
      : sagas
          .map(
            (
              s,
            ) => `<tr class="saga ${s.orderId === state.selected ? 'selected' : ''}" data-order-id="${esc(s.orderId)}">
          <td><a href="${esc(orderLink(s.orderId))}">${esc(s.orderId)}</a></td><td>${badge(s.status)}</td>
          <td>${esc(s.currentStep)}</td><td>${esc(new Date(s.updatedAt).toLocaleTimeString())}</td></tr>`,
          )
          .join('');
}

// `isCurrent()`: false once a newer refresh started; a slower, older one must not paint over it.
// `signal`: fires then too, so the server stops reading what nobody will show.
async function loadList(isCurrent, signal) {
  if (state.search) {
    const { items } = await api(`/api/search?q=${encodeURIComponent(state.search)}`, { signal });
    if (!isCurrent()) return items;
    $('list-title').textContent = `Search results for “${state.search}”: ${items.length}`;
    renderRows(items);
    $('pager').hidden = true;
    return items;
  }
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (state.status) params.set('status', state.status);
  const cursor = state.cursors[state.pageIndex];
  if (cursor) params.set('cursor', cursor);
  const page = await api(`/api/sagas?${params}`, { signal });
  if (!isCurrent()) return page.items;
  state.nextCursor = page.nextCursor;
  $('list-title').textContent = state.status ? `Sagas ${state.status}` : 'Recent sagas';
  renderRows(page.items);
  const first = state.pageIndex * PAGE_SIZE;
  const total = state.counts
    ? state.status
      ? state.counts[state.status]
      : Object.values(state.counts).reduce((a, b) => a + b, 0)
    : undefined;
  $('pager').hidden = false;
  $('page-info').textContent =
    page.items.length === 0
      ? ''
      : `rows ${first + 1}–${first + page.items.length}${total === undefined ? '' : ` of ${total}`} · page ${state.pageIndex + 1}`;
  $('newer').disabled = state.pageIndex === 0;
  $('older').disabled = !page.nextCursor;
  return page.items;
}

async function loadCounts(isCurrent, signal) {
  const counts = await api('/api/counts', { signal });
  if (!isCurrent()) return;
  state.counts = counts;
  renderFilters();
}

// Each step is a bar from the previous step's time to its own, on one axis from the saga's start.
function waterfall(saga) {
  const steps = STEPS.filter((name) => saga.steps[name])
    .map((name) => ({ name, ...saga.steps[name], at: Date.parse(saga.steps[name].timestamp) }))
    .sort((a, b) => a.at - b.at);
  if (steps.length === 0) return '';
  const start = steps[0].at;
  const span = Math.max(1, steps[steps.length - 1].at - start);
  const [left, width, rowHeight, top] = [150, 380, 22, 22];
  const x = (ms) => left + (ms / span) * width;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const ms = f * span;
    return `<line class="grid" x1="${x(ms)}" x2="${x(ms)}" y1="${top - 4}" y2="${top + steps.length * rowHeight}"/>
      <text x="${x(ms)}" y="${top - 8}" text-anchor="middle">${esc(duration(ms))}</text>`;
  });
  const rows = steps.map((step, i) => {
    const from = i === 0 ? 0 : steps[i - 1].at - start;
    const to = step.at - start;
    const y = top + i * rowHeight;
    return `<g class="step" data-step="${esc(step.name)}" data-outcome="${esc(step.status)}" data-start-ms="${from}" data-duration-ms="${to - from}">
      <title>${esc(step.name)}: starts +${esc(duration(from))}, takes ${esc(duration(to - from))}, ${esc(step.status)}${step.error ? `: ${esc(step.error)}` : ''}</title>
      <text x="0" y="${y + 15}">${esc(step.name)}</text>
      <rect class="bar-${esc(step.status)}" x="${x(from)}" y="${y + 4}" width="${Math.max(2, x(to) - x(from))}" height="${rowHeight - 8}" rx="2"/>
      <text x="${left + width + 10}" y="${y + 15}">+${esc(duration(from))} · ${esc(duration(to - from))} · ${esc(step.status)}</text></g>`;
  });
  const height = top + steps.length * rowHeight + 6;
  return `<svg class="waterfall" viewBox="0 0 720 ${height}" role="img" aria-label="step waterfall">
    <line class="axis" x1="${left}" x2="${left + width}" y1="${top - 4}" y2="${top - 4}"/>${ticks.join('')}${rows.join('')}</svg>`;
}

function renderDetail(saga, order) {
  const lines = order?.lines ?? [];
  $('detail').innerHTML = `<h2>Saga</h2>
    <p data-order-id="${esc(saga.orderId)}" data-status="${esc(saga.status)}">Order <b>${esc(saga.orderId)}</b> ${badge(saga.status)}
      <span class="muted">current step ${esc(saga.currentStep)}</span></p>
    <dl class="facts">
      <dt>saga</dt><dd class="saga-id">${esc(saga.sagaId)}</dd>
      <dt>customer</dt><dd class="customer">${order ? esc(order.customerId) : '<span class="muted">order row missing</span>'}</dd>
      <dt>order</dt><dd>${order ? `${badge(order.status)} total <span class="total">${money(order.totalCents, order.currency)}</span>` : '–'}</dd>
      ${order?.status === 'CANCELLED' ? `<dt>order reason</dt><dd class="reason order-reason">${esc(order.reason)}</dd>` : ''}
      ${saga.compensationReason ? `<dt>compensation</dt><dd class="reason compensation-reason">${esc(saga.compensationReason)}</dd>` : ''}
    </dl>
    ${
      lines.length
        ? `<table class="lines"><thead><tr><th>Product</th><th>Qty</th><th>Unit</th><th>Line</th></tr></thead><tbody>
      ${lines
        .map(
          (
            l,
          ) => `<tr><td>${esc(l.productId)}</td><td>${esc(l.quantity)}</td><td>${money(l.unitPriceCents, order.currency)}</td>
        <td>${money(l.unitPriceCents * l.quantity, order.currency)}</td></tr>`,
        )
        .join('')}</tbody></table>`
        : ''
    }
    <h2>Waterfall</h2>${waterfall(saga)}
    <ol class="timeline">${STEPS.filter((name) => saga.steps[name])
      .map(
        (name) =>
          `<li><b>${esc(name)}</b> ${badge(saga.steps[name].status)} <span class="muted">${esc(saga.steps[name].timestamp)}</span>
          ${saga.steps[name].error ? `<div class="error">${esc(saga.steps[name].error)}</div>` : ''}</li>`,
      )
      .join('')}</ol>`;
}

async function loadDetail(isCurrent, signal) {
  if (!state.selected) {
    $('detail').innerHTML =
      '<h2>Saga</h2><p class="muted">Select a saga, search for one, or place an order.</p>';
    return null;
  }
  const wanted = state.selected; // a new selection starts a new refresh: isCurrent() covers it
  try {
    const { saga, order } = await api(`/api/orders/${encodeURIComponent(wanted)}`, { signal });
    if (!isCurrent()) return null;
    clearBanner('detail');
    renderDetail(saga, order);
    return saga;
  } catch (error) {
    if (error.status !== 404) throw error;
    if (!isCurrent()) return null;
    // Never leave the previous saga on screen under another order's URL.
    $('detail').innerHTML =
      `<h2>Saga</h2><p class="muted" data-missing="${esc(wanted)}">No saga for order ${esc(wanted)}.</p>`;
    setBanner('detail', 'Saga not found', error);
    return null;
  }
}

// A refresh loop: again after a second while what it shows is in flight (`run` says so), after five
// seconds otherwise, and never sooner than twice its last run took. Calling it restarts it at once and
// aborts the run it replaces: the server then stops that run's reads.
function refreshLoop(run) {
  let timer = null;
  let generation = 0;
  let superseded = null;
  const tick = async () => {
    clearTimeout(timer);
    const mine = ++generation;
    const isCurrent = () => mine === generation;
    superseded?.abort();
    const own = new AbortController();
    superseded = own;
    const started = Date.now();
    const busy = await run(isCurrent, own.signal);
    if (!isCurrent()) return;
    timer = setTimeout(tick, Math.max(busy ? 1000 : 5000, 2 * (Date.now() - started)));
  };
  return tick;
}

// Two loops, each at its own pace: the list and counts query every shard of the status index (seconds on
// a busy emulator), while the selected saga is one read and must follow its saga live.
const refreshList = refreshLoop(async (isCurrent, signal) => {
  try {
    const [list] = await Promise.all([loadList(isCurrent, signal), loadCounts(isCurrent, signal)]);
    if (!isCurrent()) return false;
    clearBanner('refresh');
    return list.some((s) => IN_FLIGHT.has(s.status));
  } catch (error) {
    if (!isCurrent()) return false;
    setBanner('refresh', 'Cannot load sagas', error);
    $('sagas').innerHTML = '<tr><td colspan="4" class="muted">unavailable: see the message above</td></tr>';
    return false;
  }
});
const refreshDetail = refreshLoop(async (isCurrent, signal) => {
  try {
    const saga = await loadDetail(isCurrent, signal);
    return Boolean(saga && IN_FLIGHT.has(saga.status));
  } catch (error) {
    if (!isCurrent()) return false;
    setBanner('detail', 'Cannot load saga', error);
    return false;
  }
});
function refresh() {
  refreshList();
  refreshDetail();
}

function route() {
  const match = /^#\/orders\/(.+)$/.exec(location.hash);
  state.selected = match ? decodeURIComponent(match[1]) : null;
  if (!state.selected) clearBanner('detail');
  refresh();
}

document.addEventListener('DOMContentLoaded', () => {
  $('filters').addEventListener('click', (event) => {
    const chip = event.target.closest('button[data-status]');
    if (!chip) return;
    Object.assign(state, { status: chip.dataset.status, search: null, cursors: [undefined], pageIndex: 0 });
    $('search').value = '';
    refresh();
  });
  $('older').addEventListener('click', () => {
    if (!state.nextCursor) return;
    state.cursors[state.pageIndex + 1] = state.nextCursor;
    state.pageIndex += 1;
    refresh();
  });
  $('newer').addEventListener('click', () => {
    state.pageIndex = Math.max(0, state.pageIndex - 1);
    refresh();
  });
  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const term = $('search').value.trim();
    state.search = term || null;
    clearBanner('search');
    try {
      if (term) {
        const { items } = await api(`/api/search?q=${encodeURIComponent(term)}`);
        if (items.length === 1) location.hash = orderLink(items[0].orderId);
      }
    } catch (error) {
      setBanner('search', 'Search failed', error);
    }
    refresh();
  });
  $('order-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const order = {
      customerId: form.get('customerId'),
      items: [{ productId: form.get('productId'), quantity: Number(form.get('quantity')) }],
    };
    try {
      const body = await api('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(order),
      });
      clearBanner('order');
      location.hash = orderLink(body.orderId);
    } catch (error) {
      setBanner('order', 'Order rejected', error);
    }
  });
  window.addEventListener('hashchange', route);
  renderFilters();
  route();
});
