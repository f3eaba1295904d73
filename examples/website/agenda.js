// The association's agenda, rendered from the events API (another origin: CORS). No build step, no library.
(function () {
  'use strict';
  var api = chosenApi().replace(/\/$/, '');

  // Where the API is: window.NOGENTECH_API, unless ?api= names another that is safe to call from this page, an
  // https origin of window.NOGENTECH_API_ORIGINS, or, on a page served from this machine (a developer's), an API on
  // this machine too. Never a javascript: URL, never a third party's host.
  function chosenApi() {
    var configured = window.NOGENTECH_API || '';
    var requested = new URLSearchParams(location.search).get('api');
    if (!requested) {
      return configured;
    }
    var url;
    try {
      url = new URL(requested);
    } catch (notAUrl) {
      return configured;
    }
    var loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
    var allowed = window.NOGENTECH_API_ORIGINS || [];
    if (url.protocol === 'https:' && allowed.indexOf(url.origin) >= 0) {
      return url.origin + url.pathname;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && loopback.test(url.hostname)
        && loopback.test(location.hostname)) {
      return url.origin + url.pathname;
    }
    return configured;
  }
  var zone = 'Europe/Paris';
  var day = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
  var clock = new Intl.DateTimeFormat('fr-FR', { hour: 'numeric', minute: '2-digit', timeZone: zone });

  function time(date) {
    var parts = clock.formatToParts(date);
    var hour = parts.find(function (p) { return p.type === 'hour'; }).value.replace(/^0/, '');
    var minute = parts.find(function (p) { return p.type === 'minute'; }).value;
    return hour + ' h' + (minute === '00' ? '' : ' ' + minute);
  }

  // "jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"
  function when(start, end) {
    var s = new Date(start), e = new Date(end);
    return day.format(s) + ', de ' + time(s) + ' à ' + time(e);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function speakerText(speaker) {
    var who = speaker.name ? (speaker.organization ? speaker.name + ' (' + speaker.organization + ')' : speaker.name)
                           : speaker.organization;
    return (speaker.role === 'testimony' ? 'Témoignage : ' : 'Intervenant : ') + who;
  }

  function eventItem(event, past) {
    var item = element('li');
    item.dataset.id = event.id;
    item.appendChild(element('span', 'when', when(event.start, event.end)));
    if (event.status === 'cancelled') { item.appendChild(element('span', 'status', 'Annulé')); }
    if (event.status === 'postponed') { item.appendChild(element('span', 'status', 'Reporté')); }
    item.appendChild(element('span', 'title', event.title));
    if (event.venue) {
      item.appendChild(element('span', 'venue', event.venue.name + (event.venue.city ? ', ' + event.venue.city : '')));
    }
    if (event.speakers && event.speakers.length) {
      var list = element('ul', 'speakers');
      event.speakers.forEach(function (s) { list.appendChild(element('li', null, speakerText(s))); });
      item.appendChild(list);
    }
    if (past) { return item; }
    var add = element('a', 'add-to-calendar', 'Ajouter à mon agenda');
    add.href = api + '/events/' + encodeURIComponent(event.id) + '/calendar.ics';
    item.appendChild(element('br'));
    item.appendChild(add);
    if (event.registration) { item.appendChild(registration(event)); }
    return item;
  }

  // "12 places restantes", "Complet – liste d’attente" or "Inscriptions closes"
  function seatsText(registration) {
    if (!registration.open) { return 'Inscriptions closes'; }
    if (registration.remaining === 0) { return 'Complet – liste d’attente'; }
    return registration.remaining + (registration.remaining === 1 ? ' place restante' : ' places restantes');
  }

  // The seats, and while registrations are open a form that POSTs JSON to the API (202: its French message).
  function registration(event) {
    var box = element('div', 'registration');
    box.appendChild(element('p', 'seats', seatsText(event.registration)));
    if (!event.registration.open) { return box; }
    var prefix = 'inscription-' + event.id;
    var form = element('form', 'register');
    form.setAttribute('aria-label', 'Inscription : ' + event.title);
    [['name', 'Nom et prénom', 'text', 'name', true, 100],
     ['email', 'Adresse e-mail', 'email', 'email', true, 254],
     ['organization', 'Entreprise ou organisme (facultatif)', 'text', 'organization', false, 200]]
      .forEach(function (f) {
        var label = element('label', null, f[1]);
        label.htmlFor = prefix + '-' + f[0];
        var input = element('input');
        input.id = prefix + '-' + f[0];
        input.name = f[0];
        input.type = f[2];
        input.autocomplete = f[3];
        input.required = f[4];
        input.maxLength = f[5];
        form.appendChild(label);
        form.appendChild(input);
      });
    var button = element('button', null, event.registration.remaining === 0 ? 'M’inscrire sur la liste d’attente' : 'Je m’inscris');
    button.type = 'submit';
    form.appendChild(button);
    var message = element('p', 'register-message');
    message.setAttribute('role', 'status');
    form.appendChild(message);
    form.addEventListener('submit', function (submit) {
      submit.preventDefault();
      var body = { name: form.elements.namedItem('name').value, email: form.elements.namedItem('email').value };
      if (form.elements.namedItem('organization').value.trim()) { body.organization = form.elements.namedItem('organization').value; }
      message.textContent = 'Envoi…';
      button.disabled = true;
      fetch(api + '/events/' + encodeURIComponent(event.id) + '/registrations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (response.status === 202) {
            message.textContent = answer.message || 'Merci ! Un e-mail vous a été envoyé pour confirmer votre inscription.';
            form.reset();
          } else {
            message.textContent = 'L’inscription n’a pas abouti : '
              + (answer.detail || 'erreur ' + response.status).replace(/\.$/, '') + '.';
          }
        });
      }).catch(function () {
        message.textContent = 'L’inscription n’a pas abouti : le service ne répond pas. Réessayez plus tard.';
      }).then(function () {
        button.disabled = false;
      });
    });
    box.appendChild(form);
    return box;
  }

  function getJson(path) {
    return fetch(api + path, { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) { throw new Error(path + ' : ' + response.status); }
      return response.json();
    });
  }

  function showNext(series) {
    var box = document.getElementById('next-rencontre');
    box.textContent = '';
    var next = series.next[0];
    var card = element('div', 'card');
    card.appendChild(element('p', 'when', when(next.start, next.end)));
    if (next.event) {
      card.appendChild(element('p', 'title', next.event.title));
      if (next.event.venue) {
        card.appendChild(element('p', 'venue', next.event.venue.name + (next.event.venue.city ? ', ' + next.event.venue.city : '')));
      }
      var add = element('a', 'add-to-calendar', 'Ajouter à mon agenda');
      add.href = api + '/events/' + encodeURIComponent(next.event.id) + '/calendar.ics';
      card.appendChild(add);
    } else {
      card.appendChild(element('p', 'title', 'Programme à venir'));
      card.appendChild(element('p', 'muted', 'Les rencontres du jeudi ont lieu ' + series.rule.text + '.'));
    }
    box.appendChild(card);
  }

  function showUpcoming(page) {
    var list = document.getElementById('upcoming');
    list.textContent = '';
    if (!page.items.length) {
      list.appendChild(element('li', 'muted', 'Aucun événement annoncé pour le moment.'));
    }
    page.items.forEach(function (event) { list.appendChild(eventItem(event)); });
  }

  // The seasons gone by. A season runs from September to August, as the association's programmes do: "2023–2024".
  var parisDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });

  function seasonOf(isoDate) {
    var year = Number(isoDate.slice(0, 4));
    return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
  }

  // Every event starting in [from, to), in date order, following the pages' cursors (at most `pages` of them).
  function allEvents(from, to, pages) {
    function more(path, left, events) {
      return getJson(path).then(function (page) {
        events = events.concat(page.items);
        return page.next && left > 1 ? more('/events?cursor=' + encodeURIComponent(page.next), left - 1, events) : events;
      });
    }
    return more('/events?from=' + from + '&to=' + encodeURIComponent(to) + '&limit=100', pages, []);
  }

  // The current season and the previous one, newest first. When both are empty (a new run of the 2023–24
  // programme, seen from a later year), the two latest seasons that have events.
  function loadPast() {
    var now = new Date();
    now.setSeconds(0, 0);
    var to = now.toISOString().replace(/\.000Z$/, 'Z');
    var current = seasonOf(parisDay.format(now));
    return allEvents((current - 1) + '-09-01', to, 5).then(function (events) {
      return events.length ? events : allEvents('1900-01-01', (current - 1) + '-09-01', 10);
    });
  }

  function showPast(events) {
    var box = document.getElementById('past');
    box.textContent = '';
    var seasons = {};
    events.forEach(function (event) {
      var season = seasonOf(event.start.slice(0, 10));
      (seasons[season] = seasons[season] || []).push(event);
    });
    var years = Object.keys(seasons).map(Number).sort(function (a, b) { return b - a; }).slice(0, 2);
    if (!years.length) {
      box.appendChild(element('p', 'muted', 'Aucune rencontre passée pour le moment.'));
    }
    years.forEach(function (year) {
      var season = element('section', 'season');
      season.setAttribute('aria-labelledby', 'season-' + year);
      var title = element('h3', null, 'Saison ' + year + '–' + (year + 1));
      title.id = 'season-' + year;
      season.appendChild(title);
      var list = element('ol', 'events past');
      list.setAttribute('reversed', '');
      seasons[year].slice().reverse().forEach(function (event) { list.appendChild(eventItem(event, true)); });
      season.appendChild(list);
      box.appendChild(season);
    });
  }

  function subscribe(form) {
    var message = document.getElementById('subscribe-message');
    form.addEventListener('submit', function (submit) {
      submit.preventDefault();
      message.textContent = 'Envoi…';
      fetch(api + '/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: form.email.value })
      }).then(function (response) {
        message.textContent = response.status === 202
          ? 'Merci ! Un e-mail vous a été envoyé : cliquez sur son lien pour confirmer votre inscription.'
          : 'L’inscription n’a pas abouti (' + response.status + '). Vérifiez l’adresse et réessayez.';
      }).catch(function () {
        message.textContent = 'L’inscription n’a pas abouti : le service ne répond pas. Réessayez plus tard.';
      });
    });
  }

  document.getElementById('feed-link').href = api + '/calendar.ics';
  document.getElementById('atom-link').href = api + '/feed.atom';
  subscribe(document.getElementById('subscribe'));
  Promise.all([getJson('/series/rencontres-du-jeudi'), getJson('/events?limit=10'), loadPast()])
    .then(function (results) {
      showNext(results[0]);
      showUpcoming(results[1]);
      showPast(results[2]);
      document.getElementById('agenda').dataset.state = 'ready';
    })
    .catch(function (error) {
      var box = document.getElementById('error');
      box.hidden = false;
      box.textContent = 'L’agenda ne peut pas être chargé pour le moment (' + error.message + ').';
      document.getElementById('agenda').dataset.state = 'error';
    });
})();
