// Model Router status page: polls `health` and `metrics/summary` and renders one card per route.
// Relative URLs on purpose: the WAR may be deployed under a context path, so `/health` would miss.
'use strict';

(() => {
  const HEALTH_URL = 'health';
  const SUMMARY_URL = 'metrics/summary';
  const REFRESH_MS = 3000;
  const TIMEOUT_MS = 2500;

  const $ = (selector, root = document) => root.querySelector(selector);
  const field = (name, root = document) => $(`[data-field="${name}"]`, root);
  const routesList = field('routes');
  const template = document.getElementById('route-card');
  const cards = new Map();
  const count = new Intl.NumberFormat();
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

  // Writes only on change, so assistive technology and selection are not disturbed every 3 s.
  function setText(el, text, title) {
    if (el.textContent !== text) el.textContent = text;
    if (title !== undefined && el.title !== title) el.title = title;
  }

  // Counters keep the raw number in data-value (tests and scripts read it), the text is for people.
  function setNumber(el, value, format = count) {
    if (typeof value !== 'number') {
      setText(el, '–');
      el.removeAttribute('data-value');
      return;
    }
    setText(el, format.format(value), format === compact ? count.format(value) : '');
    el.dataset.value = String(value);
  }

  // Costs are exact decimals in the JSON; data-value keeps them as sent, the text rounds for people.
  // Answers often cost fractions of a cent: below a dollar, three significant digits instead of cents.
  const dollars = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });
  const cents = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });
  const usd = { format: (value) => (value > 0 && value < 1 ? cents : dollars).format(value) };
  function setUsd(el, value) {
    if (typeof value !== 'number') {
      setText(el, '–');
      el.removeAttribute('data-value');
      return;
    }
    setText(el, usd.format(value), String(value));
    el.dataset.value = String(value);
  }

  function limitsOf(client) {
    const parts = [];
    if (client.requests_per_minute) parts.push(`${count.format(client.requests_per_minute)} req/min`);
    if (client.tokens_per_day) parts.push(`${compact.format(client.tokens_per_day)} tokens/day`);
    if (client.usd_per_day) parts.push(`${usd.format(client.usd_per_day)}/day`);
    return parts.length ? parts.join(' · ') : 'none';
  }

  // One row per client, rebuilt only when the set of clients changes.
  function renderClients(clients) {
    const section = field('clients-section');
    const body = field('clients');
    const names = clients ? Object.keys(clients) : [];
    section.hidden = names.length === 0;
    if (body.dataset.names !== names.join(',')) {
      body.replaceChildren(...names.map((name) => {
        const row = document.createElement('tr');
        row.dataset.client = name;
        const who = document.createElement('th');
        who.scope = 'row';
        who.textContent = name;
        const cost = document.createElement('td');
        cost.dataset.field = 'cost_today';
        const limits = document.createElement('td');
        limits.dataset.field = 'limits';
        row.append(who, cost, limits);
        return row;
      }));
      body.dataset.names = names.join(',');
    }
    for (const name of names) {
      const row = $(`tr[data-client="${CSS.escape(name)}"]`, body);
      setUsd(field('cost_today', row), clients[name].cost_today_usd);
      setText(field('limits', row), limitsOf(clients[name]));
    }
  }

  function setFlag(el, text, bad) {
    setText(el, text);
    el.classList.toggle('bad', Boolean(bad));
  }

  async function getJson(url) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        cache: 'no-store',
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      const type = response.headers.get('content-type') || '';
      return { status: response.status, body: type.includes('json') ? await response.json() : null };
    } finally {
      clearTimeout(timer);
    }
  }

  // 503 means "degraded" and carries the same JSON as 200: it is data, not a failed read.
  async function loadHealth() {
    const { status, body } = await getJson(HEALTH_URL);
    if (!body || typeof body.tiers !== 'object') throw new Error(`HTTP ${status}`);
    return body;
  }

  // 401 when inbound auth (router.auth.tokens) is on: the page has no token and must not ask for one.
  async function loadSummary() {
    const { status, body } = await getJson(SUMMARY_URL);
    if (status === 401) return { unauthorized: true };
    if (status !== 200 || !body) throw new Error(`HTTP ${status}`);
    return body;
  }

  function cardFor(name) {
    let card = cards.get(name);
    if (card) return card;
    card = template.content.firstElementChild.cloneNode(true);
    card.dataset.route = name;
    const titleId = `route-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    $('.card-title', card).id = titleId;
    $('article', card).setAttribute('aria-labelledby', titleId);
    setText(field('name', card), name);
    cards.set(name, card);
    return card;
  }

  // Cards follow the order of the routing table (health lists routes in match order).
  function syncCards(names) {
    const wanted = names.map(cardFor);
    const current = Array.from(routesList.children);
    if (wanted.length !== current.length || wanted.some((card, i) => card !== current[i])) {
      routesList.replaceChildren(...wanted);
    }
    for (const name of cards.keys()) if (!names.includes(name)) cards.delete(name);
  }

  function hostOf(url) {
    try {
      return new URL(url).host;
    } catch {
      return '';
    }
  }

  // The router sends nanoseconds; Date only promises to parse milliseconds.
  function timeOf(iso) {
    const at = new Date(String(iso).replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString();
  }

  function renderHealth(card, tier) {
    const status = tier.status === 'ok' ? 'ok' : 'degraded';
    card.dataset.status = status;
    setText(field('status', card), status === 'ok' ? 'OK' : 'Degraded');
    setText(field('upstream', card), tier.upstream || card.dataset.route);
    setText(field('model', card), tier.model || '(client model)');
    setText(field('host', card), hostOf(tier.url), tier.url || '');
    // format=openai routes are translated both ways; say so, since their errors read differently
    setText(field('format', card), tier.format === 'openai' ? 'OpenAI API' : 'Anthropic API');

    const reason = field('reason', card);
    setText(reason, tier.reason || '');
    reason.hidden = !tier.reason;

    // Only presence and counts: the router never sends a key, and neither does this page.
    const key = field('key_present', card);
    key.dataset.value = String(Boolean(tier.key_present));
    if (tier.key_present) {
      // Keys answered with 401/403/429 are set aside for a while: say so when it matters.
      const usable = typeof tier.keys === 'number' && (tier.keys > 1 || tier.keys_usable < tier.keys)
        ? ` (${tier.keys_usable} of ${tier.keys} usable)` : '';
      setFlag(key, `present${usable}`, tier.keys_usable === 0);
    } else {
      setFlag(key, `missing: set ${tier.key_env || 'a key'}`, true);
    }

    const last = field('last_outcome', card);
    if (tier.last_outcome) {
      const at = timeOf(tier.last_outcome_at);
      setFlag(last, at ? `${tier.last_outcome} at ${at}` : tier.last_outcome, tier.last_outcome_failed);
    } else {
      setFlag(last, 'no request yet', false);
    }
    last.classList.toggle('muted', !tier.last_outcome);

    setNumber(field('consecutive_failures', card), tier.consecutive_failures);
    field('consecutive_failures', card).classList.toggle('bad', tier.consecutive_failures > 0);
    field('avoided', card).dataset.value = String(Boolean(tier.avoided));
    setFlag(field('avoided', card), tier.avoided ? 'yes, failing' : 'no', tier.avoided);
  }

  function renderMetrics(card, route) {
    const names = ['requests', 'errors', 'in_flight', 'tokens_in', 'tokens_out', 'retries'];
    for (const name of names) {
      setNumber(field(name, card), route ? route[name] : undefined, name.startsWith('tokens') ? compact : count);
    }
    setUsd(field('cost_today', card), route ? route.cost_today_usd : undefined);
    field('errors', card).classList.toggle('bad', Boolean(route && route.errors > 0));
    // Without metrics (401 or unavailable) a grid of dashes says nothing; the notice explains.
    $('.counters', card).hidden = !route;
  }

  function renderFallback(card, tier, route) {
    const el = field('fallback', card);
    el.dataset.value = tier.fallback || '';
    const used = route && route.fallbacks_from > 0 ? ` (used ${count.format(route.fallbacks_from)}×)` : '';
    setText(el, tier.fallback ? `${tier.fallback}${used}` : 'none');
    el.classList.toggle('muted', !tier.fallback);
  }

  function showNotice(text, isError) {
    const notice = field('notice');
    setText(notice, text || '');
    notice.hidden = !text;
    notice.classList.toggle('error', Boolean(isError));
  }

  function render(health, summary) {
    const tiers = health.tiers || {};
    const names = Object.keys(tiers);
    const metrics = summary && !summary.unauthorized ? summary : null;
    syncCards(names);

    const overall = field('overall');
    overall.dataset.status = health.status === 'ok' ? 'ok' : 'degraded';
    setText(overall, health.status === 'ok' ? 'All routes OK' : 'Degraded');

    for (const name of names) {
      const card = cards.get(name);
      const route = metrics && metrics.routes ? metrics.routes[name] : undefined;
      renderHealth(card, tiers[name]);
      renderMetrics(card, route);
      renderFallback(card, tiers[name], route);
    }

    setNumber(field('in_flight', $('#overview')), health.in_flight);
    setNumber(field('max_concurrent'), health.max_concurrent);
    setNumber(field('rejected_at_cap'), metrics ? metrics.rejected_at_cap : undefined);
    const state = field('state');
    state.dataset.value = health.state || '';
    setFlag(state, health.state === 'degraded' ? 'degraded (local)' : (health.state_backend || '–'), health.state === 'degraded');
    state.title = health.state_backend || '';
    renderClients(metrics ? metrics.clients : undefined);
    const okCount = names.filter((name) => tiers[name].status === 'ok').length;
    setText(field('routes_ok'), `${okCount} / ${names.length}`);

    if (summary && summary.unauthorized) {
      showNotice('Counters are hidden: metrics require a client token (router.auth.tokens). Health is shown.');
    } else if (!summary) {
      showNotice('Counters are unavailable right now (metrics/summary did not answer). Health is shown.');
    } else {
      showNotice('');
    }

    const updated = field('updated');
    const now = new Date();
    updated.dateTime = now.toISOString();
    setText(updated, now.toLocaleTimeString());
  }

  function renderUnreachable(error) {
    document.body.classList.add('stale');
    const overall = field('overall');
    overall.dataset.status = 'unreachable';
    setText(overall, 'Unreachable');
    const reason = error && error.name === 'AbortError' ? 'no answer in time' : (error && error.message) || 'unknown error';
    showNotice(`Cannot reach the router's health endpoint (${reason}). Retrying every ${REFRESH_MS / 1000} s; figures shown are from the last success.`, true);
  }

  let timer = 0;
  let running = false;

  // One refresh at a time, the next scheduled when this one ends: a slow router is never piled up
  // with overlapping requests.
  async function refresh() {
    if (running) return;
    running = true;
    clearTimeout(timer);
    try {
      const [health, summary] = await Promise.allSettled([loadHealth(), loadSummary()]);
      if (health.status === 'fulfilled') {
        document.body.classList.remove('stale');
        render(health.value, summary.status === 'fulfilled' ? summary.value : null);
      } else {
        renderUnreachable(health.reason);
      }
    } finally {
      running = false;
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  // Background tabs are throttled by the browser; catch up at once when the page is shown again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });

  refresh();
})();
