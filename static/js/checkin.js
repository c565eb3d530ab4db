/* The check-in desk: scan tickets with this device's camera and check people in, ready for
   the next one at once. Reads QR codes with the browser's BarcodeDetector, or with the same
   API from the barcode-detector package (zxing WebAssembly), served from our own static
   files. The count refreshes every 15 seconds while other desks work. */
(function () {
  "use strict";

  var count = document.getElementById("door-count");

  // After a check-in, the page opens on its one state: start there, for keyboards and
  // screen readers too.
  var shown = document.getElementById("door-outcome");
  if (shown && shown.tabIndex === -1 && !shown.closest("template")) shown.focus();

  function setCounts(counts) {
    if (!count || !counts) return;
    count.querySelector('[data-count="checked_in"]').textContent = counts.checked_in;
    count.querySelector('[data-count="confirmed"]').textContent = counts.confirmed;
    var body = document.getElementById("door-by-ticket");
    if (!body || !counts.by_ticket) return;
    body.replaceChildren.apply(
      body,
      counts.by_ticket.map(function (ticket) {
        var row = document.createElement("tr");
        var name = document.createElement("th");
        name.scope = "row";
        name.textContent = ticket.name;
        row.appendChild(name);
        [ticket.checked_in, ticket.confirmed].forEach(function (value) {
          var cell = document.createElement("td");
          cell.className = "text-end";
          cell.textContent = value;
          row.appendChild(cell);
        });
        return row;
      })
    );
  }

  if (count) {
    setInterval(function () {
      fetch(count.dataset.countsUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(setCounts)
        .catch(function () {});
    }, 15000);
  }

  var scan = document.getElementById("door-scan");
  if (!scan || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  scan.hidden = false;

  var toggle = document.getElementById("scan-toggle");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var slot = document.getElementById("door-outcome-slot");
  var template = document.getElementById("door-outcome-template");
  var csrf = scan.querySelector("input[name=csrfmiddlewaretoken]").value;
  // The desk lives at …/checkin/ (with the language prefix, if any): tickets post below it.
  var base = location.pathname.replace(/\/?$/, "/");
  var TOKEN = /\/checkin\/([A-Za-z0-9_-]{20,64})\/?$/;
  var stream = null;
  var detector = null;
  var busy = false;
  var last = { token: "", at: 0 };

  function say(key) {
    status.textContent = status.dataset[key] || "";
  }

  function loadDetector() {
    if (detector) return Promise.resolve(detector);
    var native = "BarcodeDetector" in window
      ? window.BarcodeDetector.getSupportedFormats().then(function (formats) {
          return formats.indexOf("qr_code") >= 0;
        })
      : Promise.resolve(false);
    return native.then(function (supported) {
      if (supported) return new window.BarcodeDetector({ formats: ["qr_code"] });
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = scan.dataset.polyfillUrl;
        script.onload = function () {
          // The polyfill replaces a missing BarcodeDetector; point it at our own copy of
          // the WebAssembly reader instead of a CDN.
          window.BarcodeDetectionAPI.setZXingModuleOverrides({
            locateFile: function (path, prefix) {
              return path.endsWith(".wasm") ? scan.dataset.wasmUrl : prefix + path;
            },
          });
          var Detector = window.BarcodeDetectionAPI.BarcodeDetector || window.BarcodeDetector;
          resolve(new Detector({ formats: ["qr_code"] }));
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }).then(function (made) {
      detector = made;
      return made;
    });
  }

  function show(outcome) {
    var panel = template.content.firstElementChild.cloneNode(true);
    panel.className = "door-outcome door-outcome-" + outcome.state;
    panel.querySelectorAll("[data-field]").forEach(function (field) {
      field.textContent = outcome[field.dataset.field] || "";
      if (field.dataset.field === "latin_name") field.hidden = !outcome.latin_name;
    });
    var badge = panel.querySelector("[data-field-href=badge_url]");
    badge.href = outcome.badge_url;
    badge.parentElement.hidden = !outcome.badge_url;
    var undo = panel.querySelector("form.door-undo");
    undo.action = outcome.undo_url;
    undo.hidden = !outcome.undo_url || outcome.kind === "undone";
    undo.querySelector("input[name=next]").value = location.pathname;
    slot.replaceChildren(panel);
    setCounts(outcome.counts);
    if (navigator.vibrate) navigator.vibrate(outcome.state === "ok" ? 80 : [60, 60, 60]);
  }

  function checkIn(token) {
    busy = true;
    var started = performance.now();
    return fetch(base + token + "/", {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (response.status === 404) return say("notTicket");
        if (response.status === 503) throw new Error("busy"); // nothing saved: try again
        if (!response.ok) throw new Error(String(response.status));
        return response.json().then(function (outcome) {
          show(outcome);
          say("ready");
          // From reading the code to showing the state: what the queue waits for.
          scan.dataset.lastScanMs = String(Math.round(performance.now() - started));
        });
      })
      .catch(function () {
        say("failed");
        last.token = ""; // let the same ticket be tried again at once
      })
      .finally(function () {
        busy = false;
      });
  }

  function read(raw) {
    var match = null;
    try {
      match = new URL(raw, location.href).pathname.match(TOKEN);
    } catch (error) {
      match = null;
    }
    if (!match) return say("notTicket");
    var now = Date.now();
    // A ticket stays in front of the camera for a while: act on it once.
    if (match[1] === last.token && now - last.at < 4000) return;
    last = { token: match[1], at: now };
    return checkIn(match[1]);
  }

  function tick() {
    if (!stream) return;
    if (busy || video.readyState < 2) {
      setTimeout(tick, 120);
      return;
    }
    detector
      .detect(video)
      .then(function (codes) {
        if (codes.length) return read(codes[0].rawValue);
      })
      .catch(function () {})
      .finally(function () {
        setTimeout(tick, 120);
      });
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    toggle.textContent = toggle.dataset.labelStart;
    status.textContent = "";
  }

  function start() {
    toggle.textContent = toggle.dataset.labelStop;
    Promise.all([
      navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      }),
      loadDetector(),
    ])
      .then(function (ready) {
        stream = ready[0];
        video.srcObject = stream;
        video.hidden = false;
        return video.play();
      })
      .then(function () {
        say("ready");
        tick();
      })
      .catch(function () {
        stop();
        say("noCamera");
      });
  }

  toggle.addEventListener("click", function () {
    if (stream) stop();
    else start();
  });
})();
