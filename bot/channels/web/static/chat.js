/* Lotse web chat: plain JavaScript, no framework, no third-party requests, no cookies.
   A random session token lives in localStorage and travels in the X-Lotse-Session header. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root) { return; }
  var labels = JSON.parse(root.getAttribute("data-labels") || "{}");
  var network = root.getAttribute("data-network") || "";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var KEY = "lotse.session";
  var PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
  var PIECES = /(https?:\/\/[^\s<>"]+)|(\+?\d[\d ()\/.\-]{4,}\d)/g;
  var busy = false;
  var last = 0;
  var seen = {};
  var stream = null;

  function load() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try {
      if (value) { window.localStorage.setItem(KEY, value); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage blocked: the token lives as long as the page */ }
  }
  function fresh() {
    var bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    var text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return window.btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  var token = load();
  var returning = !!token && PATTERN.test(token);
  if (!returning) { token = fresh(); store(token); }

  function appendText(parent, text) {
    var at = 0;
    PIECES.lastIndex = 0;
    var match;
    while ((match = PIECES.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      var isolated = document.createElement("bdi");
      isolated.dir = "ltr";
      if (match[1]) {
        var link = document.createElement("a");
        link.href = match[1];
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        link.textContent = match[1];
        isolated.appendChild(link);
      } else {
        isolated.textContent = match[2];
      }
      parent.appendChild(isolated);
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function button(label, action, extra) {
    var item = document.createElement("button");
    item.type = "button";
    item.textContent = label;
    if (extra) { item.className = extra; }
    item.addEventListener("click", function () { action(item); });
    return item;
  }

  function add(message, mine) {
    var item = document.createElement("div");
    item.className = "msg " + (mine ? "me" : "bot") + (message.card ? " card" : "") +
      (message.note ? " note" : "");
    if (message.language) { item.lang = message.language; }
    item.dir = mine ? "auto" : (message.dir || "auto");
    appendText(item, message.text || "");
    var options = message.options || [];
    var first = null;
    if (options.length || message.location) {
      var group = document.createElement("div");
      group.className = "options";
      group.setAttribute("role", "group");
      options.forEach(function (option) {
        var choice = button(option.label, function (pressed) {
          if (busy) { return; }
          pressed.classList.add("chosen");
          send({ choice: option.id }, option.label);
        });
        choice.setAttribute("data-choice", option.id);
        group.appendChild(choice);
        first = first || choice;
      });
      if (message.location && navigator.geolocation) {
        var locate = button(labels.location, shareLocation, "location");
        group.appendChild(locate);
        first = first || locate;
      }
      item.appendChild(group);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return first;
  }

  function note(text) {
    add({ text: text, note: true, language: document.documentElement.lang,
          dir: document.documentElement.dir });
  }

  function relabel(body) {
    if (body.labels) { labels = body.labels; }
    if (body.language) {
      document.documentElement.lang = body.language;
      document.documentElement.dir = body.dir || "ltr";
    }
    var words = { "message-label": "message", send: "send", language: "language",
                  privacy: "privacy", "delete": "delete", title: "title" };
    Object.keys(words).forEach(function (id) {
      var element = document.getElementById(id);
      if (element && labels[words[id]]) { element.textContent = labels[words[id]]; }
    });
    document.title = labels.title || document.title;
  }

  function show(body) {
    relabel(body);
    if (body.erased) { forget(); }
    var focus = null;
    (body.replies || []).forEach(function (reply) { focus = add(reply, false) || focus; });
    (focus || input).focus();
  }

  function forget() {
    store(null);
    token = fresh();
    store(token);
    last = 0;
    seen = {};
    while (log.firstChild) { log.removeChild(log.firstChild); }
    if (stream) { stream.abort(); }
  }

  function setBusy(value) {
    busy = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
  }

  function send(payload, shown) {
    if (busy) { return; }
    setBusy(true);
    if (shown) { add({ text: shown }, true); }
    fetch("/api/turn", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Lotse-Session": token },
      body: JSON.stringify(payload),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.json();
    }).then(function (body) {
      setBusy(false);
      if (body.replies) { show(body); } else { note(labels.offline); }
      listen();
    }).catch(function () {
      setBusy(false);
      note(labels.offline);
    });
  }

  function shareLocation() {
    if (busy) { return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      // rounded to about 1 km before it leaves the device, like Telegram's location
      var point = [Math.round(position.coords.latitude * 100) / 100,
                   Math.round(position.coords.longitude * 100) / 100];
      send({ location: point }, labels.location);
    }, function () {
      note(labels.location_failed);
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
  }

  function deliver(message) {
    if (!message || seen[message.id]) { return; }
    seen[message.id] = true;
    last = Math.max(last, message.id);
    var first = add(message, false);
    if (first && document.activeElement !== input) { first.focus(); }
  }

  function mailbox() {
    return fetch("/api/messages?after=" + last, {
      headers: { "X-Lotse-Session": token }, credentials: "omit", cache: "no-store"
    }).then(function (response) { return response.json(); }).then(function (body) {
      (body.messages || []).forEach(deliver);
      return (body.messages || []).length;
    });
  }

  function listen() {
    if (stream) { return; }
    var supported = window.ReadableStream && window.TextDecoder && window.AbortController;
    if (!supported) { poll(); return; }
    var controller = new AbortController();
    var mine = token;
    stream = controller;
    fetch("/api/events?after=" + last, {
      headers: { "X-Lotse-Session": token }, credentials: "omit", cache: "no-store",
      signal: controller.signal
    }).then(function (response) {
      if (!response.ok || !response.body) { throw new Error("no stream"); }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split("\n\n");
          buffer = events.pop();
          events.forEach(function (event) {
            var data = event.split("\n").filter(function (line) {
              return line.indexOf("data: ") === 0;
            }).map(function (line) { return line.slice(6); }).join("\n");
            if (data && mine === token) { deliver(JSON.parse(data)); }
          });
          return pump();
        });
      }
      return pump();
    }).then(function () {
      stream = null;
      window.setTimeout(listen, 200);
    }).catch(function () {
      stream = null;
      window.setTimeout(listen, 5000);
    });
  }

  function poll() {
    window.setTimeout(function () { mailbox().then(poll, poll); }, 5000);
  }

  function start() {
    send({ command: network ? "start net_" + network : "start" }, null);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim() || busy) { return; }
    input.value = "";
    send({ text: text }, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  document.getElementById("language").addEventListener("click", function () {
    send({ command: "language" }, null);
  });
  document.getElementById("privacy").addEventListener("click", function () {
    send({ command: "privacy" }, null);
  });
  document.getElementById("delete").addEventListener("click", function () {
    send({ command: "delete" }, null);
  });

  if (returning) {
    mailbox().then(function (count) { if (!count) { start(); } else { listen(); } }, start);
  } else {
    start();
  }
})();
