// The inspector page. Plain browser JavaScript, no build step, no dependency. One file on purpose:
// without a bundler, every extra script is another request and another global to share state through.
// Rule: data from the bus reaches the DOM only as text (textContent, Text nodes, attribute values
// set through the DOM), never through innerHTML, so a payload can never become markup.
(function () {
  'use strict';

  var MAX_EVENTS = 500;
  var MAX_ROWS = 200;
  var MAX_FAILURES = 100;
  var SVG_NS = 'http://www.w3.org/2000/svg';

  var state = {
    overview: null,
    subscriptions: [],
    events: [],
    lastSeq: -1,
    failures: [],
    lastFailureSeq: -1,
    deadLetters: { total: 0, letters: [] },
    pendingLetters: new Set(),
    types: new Set(),
    filter: { type: '', correlationId: '' },
    selectedId: null,
    selectedEvent: null,
    tree: null,
    treeFor: null,
  };
  var dirty = { overview: false, subscriptions: false, events: false, failures: false, deadLetters: false };
  var frameRequested = false;

  // ---- DOM helpers ------------------------------------------------------------------------------

  function $(id) {
    return document.getElementById(id);
  }

  /** Creates an element; children that are strings or numbers become Text nodes. */
  function h(tag, props) {
    var element = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'class') element.className = value;
        else if (key === 'text') element.textContent = String(value);
        else if (key.slice(0, 2) === 'on') element.addEventListener(key.slice(2), value);
        else element.setAttribute(key, String(value));
      });
    }
    for (var index = 2; index < arguments.length; index++) appendChild(element, arguments[index]);
    return element;
  }

  function appendChild(parent, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child))
      child.forEach(function (item) {
        appendChild(parent, item);
      });
    else if (typeof child === 'string' || typeof child === 'number')
      parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }

  function svg(tag, attributes) {
    var element = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (key) {
      element.setAttribute(key, String(attributes[key]));
    });
    return element;
  }

  function replaceChildren(parent, children) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    appendChild(parent, children);
  }

  // ---- Formatting -------------------------------------------------------------------------------

  var numberFormat = new Intl.NumberFormat('en-US');

  function formatCount(value) {
    return numberFormat.format(value);
  }

  function formatMs(value) {
    if (value === null || value === undefined) return '–';
    if (value < 1) return value.toFixed(2) + ' ms';
    if (value < 100) return value.toFixed(1) + ' ms';
    if (value < 1000) return Math.round(value) + ' ms';
    return (value / 1000).toFixed(2) + ' s';
  }

  function pad(value, width) {
    var text = String(value);
    while (text.length < width) text = '0' + text;
    return text;
  }

  function formatTime(iso) {
    var date = new Date(iso);
    return (
      pad(date.getHours(), 2) +
      ':' +
      pad(date.getMinutes(), 2) +
      ':' +
      pad(date.getSeconds(), 2) +
      '.' +
      pad(date.getMilliseconds(), 3)
    );
  }

  function formatAgo(iso) {
    var seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    if (seconds < 60) return seconds + ' s ago';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
    return Math.floor(seconds / 3600) + ' h ago';
  }

  function formatWindow(ms) {
    var seconds = Math.round(ms / 1000);
    return seconds % 60 === 0 ? seconds / 60 + ' min' : seconds + ' s';
  }

  /** Ids share a time-based prefix: the tail tells them apart. */
  function shortId(id) {
    return id.length > 14 ? '…' + id.slice(-10) : id;
  }

  function hueOf(text) {
    var hash = 0;
    for (var index = 0; index < text.length; index++) hash = (hash * 31 + text.charCodeAt(index)) | 0;
    return Math.abs(hash) % 360;
  }

  function typeTag(type) {
    var tag = h('span', { class: 'type-tag', text: type });
    tag.style.setProperty('--hue', String(hueOf(type)));
    return tag;
  }

  var STATUS_LABELS = {
    ok: 'ok',
    failed: 'failed',
    'dead-lettered': 'dead-lettered',
    unhandled: 'unhandled',
  };

  function statusBadge(event) {
    var label = STATUS_LABELS[event.status] || event.status;
    if (event.status === 'failed' && event.failures > 1) label += ' ×' + event.failures;
    return h('span', { class: 'status status-' + event.status, text: label });
  }

  // ---- Toast ------------------------------------------------------------------------------------

  var toastTimer;
  function toast(message, isError) {
    var element = $('toast');
    element.textContent = message;
    element.className = 'toast toast-show' + (isError ? ' toast-error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      element.className = 'toast';
    }, 3500);
  }

  // ---- Rendering --------------------------------------------------------------------------------

  function schedule(part) {
    dirty[part] = true;
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(function () {
      frameRequested = false;
      if (dirty.overview) renderOverview();
      if (dirty.subscriptions) renderSubscriptions();
      if (dirty.failures) renderFailures();
      if (dirty.deadLetters) renderDeadLetters();
      if (dirty.events) renderEvents();
      dirty = { overview: false, subscriptions: false, events: false, failures: false, deadLetters: false };
    });
  }

  function setKpi(id, value, activeWhenPositive) {
    var element = $(id);
    element.textContent = formatCount(value);
    if (activeWhenPositive) element.parentElement.classList.toggle('kpi-active', value > 0);
  }

  function renderOverview() {
    var overview = state.overview;
    if (!overview) return;
    $('title').textContent = overview.title;
    document.title = overview.title;
    var pill = $('bus-state');
    pill.textContent = overview.state;
    pill.className = 'pill pill-' + overview.state;
    setKpi('kpi-published', overview.published);
    setKpi('kpi-delivered', overview.delivered);
    setKpi('kpi-failed', overview.failed, true);
    setKpi('kpi-retried', overview.retried);
    setKpi('kpi-dead', overview.deadLettered, true);
    setKpi('kpi-unhandled', overview.unhandled);
    setKpi('kpi-inflight', overview.inFlight);
    setKpi('kpi-queued', overview.queued);
    var meter = $('queue-meter');
    var note = $('kpi-queue-note');
    if (overview.maxQueueSize === null) {
      meter.style.width = '0%';
      note.textContent = 'unbounded queue';
    } else {
      var ratio = Math.min(1, overview.queued / overview.maxQueueSize);
      meter.style.width = (ratio * 100).toFixed(1) + '%';
      meter.classList.toggle('meter-high', ratio > 0.8);
      note.textContent = 'of ' + formatCount(overview.maxQueueSize) + ' max';
    }
    var sampling = $('events-sampling');
    sampling.hidden = !(overview.sampleEvery > 1);
    sampling.textContent = 'sampling 1 in ' + formatCount(overview.sampleEvery);
    sampling.title =
      'Above ' +
      formatCount(overview.recordPerSecond) +
      ' events/s the inspector keeps an evenly spaced sample of events and handler times; it keeps every failure.';
    renderChart(overview.rate);
  }

  function niceMax(value) {
    if (value <= 5) return 5;
    var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var index = 0; index < steps.length; index++) {
      if (steps[index] * magnitude >= value) return steps[index] * magnitude;
    }
    return 10 * magnitude;
  }

  function renderChart(rate) {
    var container = $('rate-chart');
    var width = Math.max(320, container.clientWidth);
    var height = Math.max(120, container.clientHeight);
    var left = 44;
    var right = 8;
    var top = 8;
    var bottom = 22;
    var plotWidth = width - left - right;
    var plotHeight = height - top - bottom;
    // The last bucket is still filling: plot the completed ones.
    var published = rate.published.slice(0, -1);
    var failed = rate.failed.slice(0, -1);
    var count = published.length;
    var peak = 0;
    var total = 0;
    for (var index = 0; index < count; index++) {
      peak = Math.max(peak, published[index], failed[index]);
      total += published[index];
    }
    var max = niceMax(peak);
    var perSecond = 1000 / rate.bucketMs;
    var current = count > 0 ? published[count - 1] * perSecond : 0;
    replaceChildren($('chart-figures'), [
      'now ',
      h('strong', { text: formatCount(Math.round(current)) + '/s' }),
      ' · peak ',
      h('strong', { text: formatCount(Math.round(peak * perSecond)) + '/s' }),
      ' · ',
      h('strong', { text: formatCount(total) }),
      ' events in the last ' + formatWindow(count * rate.bucketMs),
    ]);

    var root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height,
      role: 'img',
      'aria-label': 'Events per second',
    });
    var defs = svg('defs');
    var gradient = svg('linearGradient', { id: 'published-fill', x1: 0, y1: 0, x2: 0, y2: 1 });
    gradient.appendChild(svg('stop', { offset: '0', class: 'fill-top' }));
    gradient.appendChild(svg('stop', { offset: '1', class: 'fill-bottom' }));
    defs.appendChild(gradient);
    root.appendChild(defs);

    for (var line = 0; line <= 4; line++) {
      var y = top + plotHeight - (plotHeight * line) / 4;
      root.appendChild(svg('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'grid-line' }));
      var label = svg('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'axis-label' });
      label.textContent = formatCount(Math.round(((max * line) / 4) * perSecond));
      root.appendChild(label);
    }
    var windowSeconds = (count * rate.bucketMs) / 1000;
    var marks = windowSeconds >= 240 ? 5 : 4;
    for (var mark = 0; mark <= marks; mark++) {
      var x = left + (plotWidth * mark) / marks;
      var secondsAgo = Math.round(windowSeconds - (windowSeconds * mark) / marks);
      var text = svg('text', {
        x: x,
        y: height - 6,
        'text-anchor': mark === 0 ? 'start' : mark === marks ? 'end' : 'middle',
        class: 'axis-label',
      });
      text.textContent =
        secondsAgo === 0
          ? 'now'
          : secondsAgo >= 60 && secondsAgo % 60 === 0
            ? '−' + secondsAgo / 60 + ' min'
            : '−' + secondsAgo + ' s';
      root.appendChild(text);
    }

    function point(values, index) {
      var px = left + (count <= 1 ? plotWidth : (plotWidth * index) / (count - 1));
      var py = top + plotHeight - (plotHeight * values[index]) / max;
      return px.toFixed(1) + ',' + py.toFixed(1);
    }
    if (count > 0) {
      var linePoints = [];
      var failedPoints = [];
      for (var at = 0; at < count; at++) {
        linePoints.push(point(published, at));
        failedPoints.push(point(failed, at));
      }
      var baseline = (top + plotHeight).toFixed(1);
      root.appendChild(
        svg('path', {
          class: 'area',
          d:
            'M' +
            left +
            ',' +
            baseline +
            ' L' +
            linePoints.join(' L') +
            ' L' +
            (left + plotWidth) +
            ',' +
            baseline +
            ' Z',
        }),
      );
      root.appendChild(svg('path', { class: 'line', d: 'M' + linePoints.join(' L') }));
      if (
        failed.some(function (value) {
          return value > 0;
        })
      )
        root.appendChild(svg('path', { class: 'line-failed', d: 'M' + failedPoints.join(' L') }));
    }
    replaceChildren(container, root);
  }

  function numberCell(value, tone) {
    var cls = 'num' + (value === 0 ? ' zero' : tone ? ' ' + tone : '');
    return h('td', { class: cls, text: formatCount(value) });
  }

  function renderSubscriptions() {
    var body = document.querySelector('#subscriptions tbody');
    $('subs-count').textContent = String(state.subscriptions.length);
    if (state.subscriptions.length === 0) {
      replaceChildren(
        body,
        h('tr', null, h('td', { colspan: 10, class: 'empty', text: 'No subscriptions yet.' })),
      );
      return;
    }
    var rows = state.subscriptions.map(function (subscription) {
      var described = Boolean(subscription.service || subscription.method);
      var title = described ? subscription.service || subscription.name : subscription.name;
      var origin = described
        ? h(
            'span',
            { class: 'sub-origin' },
            h('span', { class: 'method', text: subscription.method ? '.' + subscription.method + '()' : '' }),
            ' · ' + subscription.id,
          )
        : h('span', { class: 'sub-origin', text: subscription.id });
      var failing = subscription.deadLettered > 0 || subscription.failed > subscription.retried;
      return h(
        'tr',
        { class: failing ? 'row-failing' : '' },
        h('td', { title: subscription.name }, h('span', { class: 'sub-name', text: title }), origin),
        h('td', null, h('code', { class: 'selector', text: subscription.selector })),
        numberCell(subscription.delivered),
        numberCell(subscription.failed, 'bad-num'),
        numberCell(subscription.retried, 'warn-num'),
        numberCell(subscription.deadLettered, 'bad-num'),
        numberCell(subscription.inFlight),
        numberCell(subscription.queued),
        h('td', { class: 'num', text: formatMs(subscription.p50Ms) }),
        h('td', { class: 'num', text: formatMs(subscription.p99Ms) }),
      );
    });
    replaceChildren(body, rows);
  }

  function renderFailures() {
    var list = $('failures');
    var count = $('failures-count');
    count.textContent = String(state.failures.length);
    count.className = 'count' + (state.failures.length > 0 ? ' count-bad' : '');
    if (state.failures.length === 0) {
      replaceChildren(
        list,
        h('p', { class: 'empty', text: 'No failed deliveries. All handlers are healthy.' }),
      );
      return;
    }
    var items = state.failures
      .slice(-30)
      .reverse()
      .map(function (failure) {
        return h(
          'div',
          { class: 'failure' + (failure.willRetry ? ' failure-retry' : '') },
          h(
            'div',
            { class: 'failure-head' },
            h('span', {
              class: 'failure-subscription',
              title: failure.subscription,
              text: failure.subscription,
            }),
            h('span', {
              class: 'badge ' + (failure.willRetry ? 'badge-warn' : 'badge-bad'),
              text: failure.willRetry ? 'retrying' : 'dead-lettered',
            }),
          ),
          h(
            'div',
            { class: 'failure-meta' },
            typeTag(failure.eventType),
            h('span', { text: 'attempt ' + failure.attempt }),
            h('span', { class: 'failure-time', title: failure.at, text: formatTime(failure.at).slice(0, 8) }),
          ),
          h('div', { class: 'error-text', text: failure.error.name + ': ' + failure.error.message }),
        );
      });
    replaceChildren(list, items);
  }

  function renderDeadLetters() {
    var list = $('dead-letters');
    var total = state.deadLetters.total;
    var count = $('dead-count');
    count.textContent = formatCount(total);
    count.className = 'count' + (total > 0 ? ' count-bad' : '');
    if (state.deadLetters.letters.length === 0) {
      replaceChildren(list, h('p', { class: 'empty', text: 'No dead letters.' }));
      return;
    }
    var items = state.deadLetters.letters
      .slice()
      .reverse()
      .map(function (letter) {
        var pending = state.pendingLetters.has(letter.id);
        return h(
          'div',
          { class: 'letter', 'data-letter-id': letter.id },
          h(
            'div',
            { class: 'letter-head' },
            typeTag(letter.event.type),
            h('span', {
              class: 'badge badge-bad',
              text: letter.attempts + (letter.attempts === 1 ? ' attempt' : ' attempts'),
            }),
          ),
          h('div', { class: 'letter-subscription', title: letter.subscription, text: letter.subscription }),
          h('div', { class: 'error-text', text: letter.error.name + ': ' + letter.error.message }),
          h(
            'div',
            { class: 'letter-actions' },
            h('button', {
              type: 'button',
              class: 'btn btn-primary',
              'data-action': 'replay',
              disabled: pending,
              text: 'Replay',
              onclick: function () {
                act(letter, 'replay');
              },
            }),
            h('button', {
              type: 'button',
              class: 'btn btn-ghost',
              'data-action': 'purge',
              disabled: pending,
              text: 'Purge',
              onclick: function () {
                act(letter, 'purge');
              },
            }),
            h('span', {
              class: 'letter-age',
              title: letter.deadLetteredAt,
              text: formatAgo(letter.deadLetteredAt),
            }),
          ),
          h(
            'details',
            null,
            h('summary', { text: 'Payload' }),
            h('pre', { class: 'payload', text: letter.payloadText }),
          ),
        );
      });
    replaceChildren(list, items);
  }

  function matchesFilter(event) {
    var filter = state.filter;
    if (filter.type && event.type !== filter.type) return false;
    if (
      filter.correlationId &&
      event.correlationId !== filter.correlationId &&
      !(event.correlationId === undefined && event.id === filter.correlationId)
    )
      return false;
    return true;
  }

  function renderTypeOptions() {
    var select = $('filter-type');
    var known = {};
    Array.prototype.forEach.call(select.options, function (option) {
      known[option.value] = true;
    });
    Array.from(state.types)
      .sort()
      .forEach(function (type) {
        if (!known[type]) select.appendChild(h('option', { value: type, text: type }));
      });
  }

  function renderEvents() {
    renderTypeOptions();
    var body = document.querySelector('#events tbody');
    var visible = state.events.filter(matchesFilter);
    $('events-count').textContent = formatCount(visible.length);
    if (visible.length === 0) {
      replaceChildren(
        body,
        h(
          'tr',
          null,
          h('td', {
            colspan: 5,
            class: 'empty',
            text: state.events.length === 0 ? 'Waiting for events…' : 'No event matches the filters.',
          }),
        ),
      );
      return;
    }
    var rows = visible
      .slice(-MAX_ROWS)
      .reverse()
      .map(function (event) {
        var flow = event.correlationId || event.id;
        return h(
          'tr',
          {
            class: 'status-' + event.status + (event.id === state.selectedId ? ' selected' : ''),
            'data-event-id': event.id,
            onclick: function () {
              selectEvent(event.id);
            },
          },
          h('td', { class: 'time', text: formatTime(event.timestamp) }),
          h('td', null, typeTag(event.type)),
          h('td', null, statusBadge(event)),
          h(
            'td',
            null,
            h('button', {
              type: 'button',
              class: 'link',
              title: flow,
              text: shortId(flow),
              onclick: function (clickEvent) {
                clickEvent.stopPropagation();
                setCorrelationFilter(flow);
              },
            }),
          ),
          h('td', { class: 'preview', title: event.preview, text: event.preview }),
        );
      });
    replaceChildren(body, rows);
  }

  function renderDetail() {
    var container = $('event-detail');
    var event = state.selectedEvent;
    if (!event) {
      replaceChildren(
        container,
        h('p', {
          class: 'empty',
          text: state.selectedId
            ? 'This event is no longer in the buffer.'
            : 'Select an event to see its payload.',
        }),
      );
      return;
    }
    var headers = Object.keys(event.headers);
    var flow = event.correlationId || event.id;
    replaceChildren(container, [
      h(
        'dl',
        null,
        h('dt', { text: 'Type' }),
        h('dd', null, typeTag(event.type)),
        h('dt', { text: 'Id' }),
        h('dd', { text: event.id }),
        h('dt', { text: 'Time' }),
        h('dd', { text: event.timestamp }),
        h('dt', { text: 'Status' }),
        h('dd', null, statusBadge(event)),
        h('dt', { text: 'Correlation' }),
        h(
          'dd',
          null,
          h('button', {
            type: 'button',
            class: 'link',
            text: flow,
            onclick: function () {
              setCorrelationFilter(flow);
            },
          }),
        ),
        h('dt', { text: 'Caused by' }),
        h('dd', { text: event.causationId || '—' }),
        headers.length > 0
          ? [
              h('dt', { text: 'Headers' }),
              h('dd', {
                text: headers
                  .map(function (key) {
                    return key + ': ' + event.headers[key];
                  })
                  .join('\n'),
              }),
            ]
          : null,
      ),
      h('pre', { class: 'payload', id: 'payload-text', text: event.payloadText }),
    ]);
  }

  function renderTree() {
    var container = $('causal-tree');
    var tree = state.tree;
    $('tree-correlation').textContent = tree ? tree.correlationId : '';
    if (!tree) {
      replaceChildren(
        container,
        h('p', { class: 'empty', text: 'Pick a correlation id to see how its events caused one another.' }),
      );
      return;
    }
    if (tree.nodes.length === 0) {
      replaceChildren(
        container,
        h('p', { class: 'empty', text: 'No event of this correlation id is left in the buffer.' }),
      );
      return;
    }
    replaceChildren(
      container,
      tree.nodes.map(function (node) {
        var row = h(
          'div',
          {
            class: 'tree-node' + (node.id === state.selectedId ? ' selected' : ''),
            onclick: function () {
              selectEvent(node.id);
            },
          },
          h('span', { class: 'tree-branch', text: node.depth === 0 ? '●' : '└' }),
          typeTag(node.type),
          statusBadge(node),
          h('span', { class: 'time', text: formatTime(node.timestamp) }),
          node.causeMissing ? h('span', { class: 'tree-missing', text: 'cause no longer in buffer' }) : null,
        );
        row.style.paddingLeft = 6 + Math.min(node.depth, 30) * 20 + 'px';
        return row;
      }),
    );
  }

  // ---- Data -------------------------------------------------------------------------------------

  function getJson(path) {
    return fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(
      function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.message || 'HTTP ' + response.status);
          return body;
        });
      },
    );
  }

  function selectEvent(id) {
    state.selectedId = id;
    schedule('events');
    getJson('/api/events/' + encodeURIComponent(id))
      .then(function (event) {
        if (state.selectedId !== id) return;
        state.selectedEvent = event;
        renderDetail();
        var flow = event.correlationId || event.id;
        if (!state.tree || state.tree.correlationId !== flow) loadTree(flow);
        else renderTree();
      })
      .catch(function () {
        state.selectedEvent = null;
        renderDetail();
      });
  }

  /** Loads the causal tree of a flow: the filtered correlation id, else the selected event's. */
  function loadTree(flow) {
    var correlationId =
      flow ||
      state.filter.correlationId ||
      (state.selectedEvent && (state.selectedEvent.correlationId || state.selectedEvent.id));
    state.treeFor = correlationId;
    if (!correlationId) {
      state.tree = null;
      renderTree();
      return;
    }
    getJson('/api/correlations/' + encodeURIComponent(correlationId))
      .then(function (tree) {
        if (state.treeFor !== correlationId) return;
        state.tree = tree;
        renderTree();
      })
      .catch(function (error) {
        toast('Could not load the causal tree: ' + error.message, true);
      });
  }

  function setCorrelationFilter(correlationId) {
    $('filter-correlation').value = correlationId;
    applyFilters();
  }

  function applyFilters() {
    state.filter = { type: $('filter-type').value, correlationId: $('filter-correlation').value.trim() };
    var query = new URLSearchParams({ limit: String(MAX_EVENTS) });
    if (state.filter.type) query.set('type', state.filter.type);
    if (state.filter.correlationId) query.set('correlationId', state.filter.correlationId);
    // The page keeps only the newest events; ask the server for matches further back in its buffer.
    getJson('/api/events?' + query.toString())
      .then(function (result) {
        mergeEvents(result.events);
      })
      .catch(function () {});
    loadTree();
    schedule('events');
  }

  function mergeEvents(incoming) {
    var byId = {};
    state.events.forEach(function (event) {
      byId[event.seq] = event;
    });
    incoming.forEach(function (event) {
      byId[event.seq] = event;
      state.types.add(event.type);
    });
    state.events = Object.keys(byId)
      .map(function (seq) {
        return byId[seq];
      })
      .sort(function (a, b) {
        return a.seq - b.seq;
      })
      .slice(-MAX_EVENTS);
    state.lastSeq = Math.max(
      state.lastSeq,
      state.events.length ? state.events[state.events.length - 1].seq : -1,
    );
    schedule('events');
  }

  function appendEvents(incoming) {
    var added = false;
    incoming.forEach(function (event) {
      state.types.add(event.type);
      if (event.seq <= state.lastSeq) return;
      state.lastSeq = event.seq;
      state.events.push(event);
      added = true;
    });
    if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
    if (added) {
      schedule('events');
      var treeFor = state.tree && state.tree.correlationId;
      if (
        treeFor &&
        incoming.some(function (event) {
          return event.correlationId === treeFor;
        })
      )
        loadTree(treeFor);
    }
  }

  function applyFailures(incoming) {
    if (incoming.length === 0) return;
    var byEvent = {};
    incoming.forEach(function (failure) {
      if (failure.seq <= state.lastFailureSeq) return;
      state.lastFailureSeq = failure.seq;
      state.failures.push(failure);
      var tally = byEvent[failure.eventId] || (byEvent[failure.eventId] = { failures: 0, dead: false });
      tally.failures += 1;
      if (!failure.willRetry) tally.dead = true;
    });
    if (state.failures.length > MAX_FAILURES) state.failures.splice(0, state.failures.length - MAX_FAILURES);
    state.events.forEach(function (event) {
      var tally = byEvent[event.id];
      if (!tally) return;
      event.failures += tally.failures;
      event.status = tally.dead || event.status === 'dead-lettered' ? 'dead-lettered' : 'failed';
    });
    schedule('failures');
    schedule('events');
  }

  function act(letter, action) {
    state.pendingLetters.add(letter.id);
    schedule('deadLetters');
    fetch('/api/dead-letters/' + encodeURIComponent(letter.id) + '/' + action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.message || 'HTTP ' + response.status);
          state.deadLetters = {
            total: Math.max(0, state.deadLetters.total - 1),
            letters: state.deadLetters.letters.filter(function (candidate) {
              return candidate.id !== letter.id;
            }),
          };
          toast(
            action === 'replay'
              ? 'Replayed ' + letter.event.type + ' to ' + letter.subscription
              : 'Purged the dead letter',
            false,
          );
        });
      })
      .catch(function (error) {
        toast((action === 'replay' ? 'Replay failed: ' : 'Purge failed: ') + error.message, true);
      })
      .then(function () {
        state.pendingLetters.delete(letter.id);
        schedule('deadLetters');
      });
  }

  function applyMessage(message, isSnapshot) {
    state.overview = message.overview;
    schedule('overview');
    state.subscriptions = message.subscriptions;
    schedule('subscriptions');
    if (isSnapshot) mergeEvents(message.events);
    else appendEvents(message.events);
    applyFailures(message.failures);
    if (message.deadLetters) {
      state.deadLetters = message.deadLetters;
      schedule('deadLetters');
    }
  }

  function connect() {
    var connection = $('connection');
    var source = new EventSource('/api/stream');
    source.addEventListener('open', function () {
      connection.textContent = 'Live';
      connection.className = 'connection connection-live';
    });
    source.addEventListener('error', function () {
      connection.textContent = 'Reconnecting…';
      connection.className = 'connection connection-wait';
    });
    source.addEventListener('snapshot', function (message) {
      applyMessage(JSON.parse(message.data), true);
    });
    source.addEventListener('update', function (message) {
      applyMessage(JSON.parse(message.data), false);
    });
  }

  function start() {
    $('filter-type').addEventListener('change', applyFilters);
    var debounce;
    $('filter-correlation').addEventListener('input', function () {
      clearTimeout(debounce);
      debounce = setTimeout(applyFilters, 250);
    });
    $('filters').addEventListener('submit', function (submitEvent) {
      submitEvent.preventDefault();
      applyFilters();
    });
    $('filter-clear').addEventListener('click', function () {
      $('filter-type').value = '';
      $('filter-correlation').value = '';
      applyFilters();
    });
    window.addEventListener('resize', function () {
      schedule('overview');
    });
    renderFailures();
    renderDeadLetters();
    renderSubscriptions();
    renderEvents();
    connect();
  }

  start();
})();
