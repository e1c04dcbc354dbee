// Journeyline console: the little the pages need beyond HTML. Loaded from this origin only (Content-Security-Policy).
// - [data-live] parts of a page refresh every data-refresh-seconds without a reload (the page is fetched again and
//   each live part replaced when it changed; a timeline the agent scrolled is left alone);
// - a[data-more] loads the next timeline page when it comes into view (infinite scroll), and on click without it;
// - time[data-due] counts down to an SLA clock's due time every second.
(function () {
  'use strict';

  // each live part's HTML as the server sent it (the countdowns change what the page shows every second)
  var served = {};

  function remember(root) {
    (root || document).querySelectorAll('[data-live]').forEach(function (part) {
      served[part.getAttribute('data-live')] = part.innerHTML;
    });
  }

  function refreshLiveParts() {
    var parts = document.querySelectorAll('[data-live]');
    if (parts.length === 0 || document.hidden) { return; }
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Console-Refresh': '1' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        parts.forEach(function (part) {
          var name = part.getAttribute('data-live');
          var replacement = fresh.querySelector('[data-live="' + name + '"]');
          if (!replacement || replacement.innerHTML === served[name]) { return; }
          if (part.hasAttribute('data-live-only-unscrolled') && part.getAttribute('data-scrolled') === 'true') { return; }
          if (part.contains(document.activeElement) && document.activeElement !== document.body) { return; }
          part.innerHTML = replacement.innerHTML;
          served[name] = replacement.innerHTML;
          wireMore(part);
          tick();
        });
      })
      .catch(function () { /* the next refresh tries again */ });
  }

  function loadMore(link) {
    if (link.getAttribute('data-loading') === 'true') { return; }
    link.setAttribute('data-loading', 'true');
    var item = link.closest('li');
    var list = link.closest('ol, ul');
    fetch(link.getAttribute('href'), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { link.removeAttribute('data-loading'); return; }
        var holder = document.createElement('ol');
        holder.innerHTML = html;
        if (list) { list.setAttribute('data-scrolled', 'true'); }
        Array.prototype.slice.call(holder.children).forEach(function (child) { list.insertBefore(child, item); });
        item.remove();
        wireMore(list);
      });
  }

  var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { if (entry.isIntersecting) { loadMore(entry.target); } });
  }, { rootMargin: '400px' }) : null;

  function wireMore(root) {
    (root || document).querySelectorAll('a[data-more]').forEach(function (link) {
      if (link.getAttribute('data-wired') === 'true') { return; }
      link.setAttribute('data-wired', 'true');
      link.addEventListener('click', function (event) { event.preventDefault(); loadMore(link); });
      if (observer) { observer.observe(link); }
    });
  }

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('time[data-due]').forEach(function (time) {
      var due = Date.parse(time.getAttribute('data-due'));
      if (isNaN(due)) { return; }
      var left = Math.round((due - now) / 1000);
      var sign = left < 0 ? '−' : '';
      left = Math.abs(left);
      var days = Math.floor(left / 86400);
      var rest = left % 86400;
      time.textContent = sign + (days > 0 ? days + 'd ' : '') + pad(Math.floor(rest / 3600)) + ':'
        + pad(Math.floor(rest % 3600 / 60)) + ':' + pad(rest % 60);
      time.classList.toggle('overdue', sign !== '');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    remember(document);
    wireMore(document);
    tick();
    setInterval(tick, 1000);
    var seconds = parseInt(document.body.getAttribute('data-refresh-seconds') || '0', 10);
    if (seconds > 0) { setInterval(refreshLiveParts, seconds * 1000); }
  });
}());
