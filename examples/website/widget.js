/*! Nogentech – l’agenda pour les sites partenaires.
 * <script src="https://www.nogentech.fr/widget.js" data-api="https://api.nogentech.fr"
 *         data-series="rencontres-du-jeudi" async></script>
 * Shows the next events where the tag stands, in its own shadow DOM: the page's styles do not reach it, and its own
 * do not reach the page. Options: data-series (one series; all events without it), data-count (1 to 6, default 3),
 * data-heading-level (2 to 5, default 2), data-target (the id of an element to render into instead).
 * No library, no build step; nothing is loaded but the API's JSON.
 */
(function () {
  'use strict';
  var zone = 'Europe/Paris';
  var day = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
  var clock = new Intl.DateTimeFormat('fr-FR', { hour: 'numeric', minute: '2-digit', timeZone: zone });
  var css = ':host{all:initial;display:block;contain:content}' +
    '.agenda{all:initial;display:block;box-sizing:border-box;max-width:32em;padding:1em 1.25em;border:1px solid #c9d3db;' +
    'border-top:4px solid #0b6e4f;border-radius:6px;background:#fff;color:#1d2a36;font:16px/1.5 system-ui,-apple-system,' +
    '"Segoe UI",Roboto,Arial,sans-serif;text-align:left}' +
    'h2,h3,h4,h5,h6{margin:0 0 .5em;font-size:1.2em;line-height:1.3;font-weight:700;color:#1d2a36;font-family:inherit}' +
    'ol{list-style:none;margin:0;padding:0}li{margin:0;padding:.6em 0;border-top:1px solid #e1e7ec}' +
    'li .title{margin:0;font-size:1em;font-weight:600}p{margin:0}.when{color:#0b6e4f;font-weight:600}' +
    '.muted{color:#4a5865}.status{display:inline-block;padding:0 .4em;border-radius:3px;background:#b42318;color:#fff;font-size:.85em}' +
    'a{color:#0b6e4f;text-decoration:underline}a:focus-visible{outline:3px solid #1d2a36;outline-offset:2px}' +
    '.more{margin-top:.75em;padding-top:.6em;border-top:1px solid #e1e7ec}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';

  function time(date) {
    var parts = clock.formatToParts(date), hour = '', minute = '';
    parts.forEach(function (p) {
      if (p.type === 'hour') { hour = p.value.replace(/^0(?=\d)/, ''); }
      if (p.type === 'minute') { minute = p.value; }
    });
    return hour + ' h' + (minute === '00' ? '' : ' ' + minute);
  }

  function when(start, end) {
    var s = new Date(start), e = new Date(end);
    return day.format(s) + ', de ' + time(s) + ' à ' + time(e);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text != null) { node.textContent = text; }
    return node;
  }

  function link(href, text, hidden) {
    var a = el('a', null, text);
    a.href = href;
    if (hidden) { a.appendChild(el('span', 'sr', hidden)); }
    return a;
  }

  function item(api, level, occurrence) {
    var event = occurrence.event, li = el('li');
    var heading = el('h' + Math.min(level + 1, 6), 'title', event ? event.title : 'Programme à venir');
    var date = el('time', null, when(occurrence.start, occurrence.end));
    date.dateTime = occurrence.start;
    var p = el('p', 'when');
    p.appendChild(date);
    li.appendChild(heading);
    li.appendChild(p);
    if (!event) {
      li.appendChild(el('p', 'muted', 'Le thème sera annoncé prochainement.'));
      return li;
    }
    if (event.status !== 'scheduled') {
      li.appendChild(el('p', null)).appendChild(el('span', 'status', event.status === 'cancelled' ? 'Annulé' : 'Reporté'));
    }
    if (event.venue) {
      li.appendChild(el('p', 'muted', event.venue.name + (event.venue.city ? ', ' + event.venue.city : '')));
    }
    li.appendChild(el('p')).appendChild(link(api + '/events/' + encodeURIComponent(event.id) + '/calendar.ics',
      'Ajouter à mon agenda', ' : ' + event.title + ', ' + day.format(new Date(occurrence.start))));
    return li;
  }

  function render(script) {
    script.setAttribute('data-nogentech-rendered', '');
    var api = script.getAttribute('data-api') || '', series = script.getAttribute('data-series') || '';
    var count = Math.min(Math.max(parseInt(script.getAttribute('data-count'), 10) || 3, 1), 6);
    var level = Math.min(Math.max(parseInt(script.getAttribute('data-heading-level'), 10) || 2, 2), 5);
    var target = script.getAttribute('data-target') && document.getElementById(script.getAttribute('data-target'));
    var host = document.createElement('nogentech-agenda');
    if (target) { target.appendChild(host); } else { script.parentNode.insertBefore(host, script); }
    host.setAttribute('data-state', 'loading');
    var root = host.attachShadow({ mode: 'open' });
    var style = el('style', null, css), box = el('section', 'agenda');
    box.lang = 'fr';
    box.setAttribute('aria-labelledby', 'titre');
    var title = el('h' + level, null, series === 'rencontres-du-jeudi' ? 'Prochaines rencontres du jeudi – Nogentech'
      : 'Prochains événements – Nogentech');
    title.id = 'titre';
    var message = el('p', 'muted', 'Chargement de l’agenda…');
    message.setAttribute('role', 'status');
    box.appendChild(title);
    box.appendChild(message);
    root.appendChild(style);
    root.appendChild(box);

    function fail() {
      message.textContent = 'L’agenda de Nogentech ne peut pas être affiché pour le moment.';
      host.setAttribute('data-state', 'error');
    }
    if (!/^https?:\/\/[^\s/]+/.test(api) || (series && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(series))) { return fail(); }
    api = api.replace(/\/+$/, '');
    var path = series ? '/series/' + series + '?count=' + count : '/events?limit=' + count;
    fetch(api + path, { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      var occurrences = series ? data.next : data.items.map(function (e) { return { start: e.start, end: e.end, event: e }; });
      var list = el('ol');
      occurrences.forEach(function (o) { list.appendChild(item(api, level, o)); });
      if (occurrences.length) { box.replaceChild(list, message); } else { message.textContent = 'Aucun événement annoncé pour le moment.'; }
      var more = el('p', 'more');
      more.appendChild(link(api + '/calendar.ics' + (series ? '?series=' + series : ''),
        'S’abonner au calendrier de Nogentech', ' (iCalendar)'));
      box.appendChild(more);
      host.setAttribute('data-state', 'ready');
    }).catch(fail);
  }

  var current = document.currentScript;
  if (current && current.hasAttribute('data-api') && !current.hasAttribute('data-nogentech-rendered')) { render(current); }
  var others = document.querySelectorAll('script[data-api][src*="widget.js"]:not([data-nogentech-rendered])');
  Array.prototype.forEach.call(others, render);
})();
