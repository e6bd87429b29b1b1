// The page's one player (templates/player/dock.html): list rows carry a play button
// (`row_play`, dashboard/templatetags/media.py) and the dock plays what the button names.
//
// Play/pause, -10/+10 s, speed, a seek bar (the audio URL answers byte ranges, so a seek asks
// for a range and starts there), previous/next through the rows of the list on the page, the
// recording's waveform (click to seek), and for voicemail "Play all new", which walks the new
// messages and, unless the user turned it off in Settings, marks each heard once it played to
// its end. Rows that htmx swaps in (paging, sorting, a folder) are picked up as they come; the
// dock lives outside them, so what plays keeps playing.
//
// `window.dashboardDock` is the little API the keyboard shortcuts (keys.js) drive.
(function () {
  "use strict";

  if (window.dashboardDock) {
    return;
  }

  var SKIP_SECONDS = 10;
  var SPEED_KEY = "dashboard.dock.speed";
  var dock, audio, wave;
  var current = null; // the data of the row playing: {src, peaks, label, id, isNew, duration}
  var peaks = null; // [0..1, ...] of the current recording, or null
  var walkingNew = false; // "Play all new" is under way
  var heard = {}; // ids of voicemail marked heard during this page's life

  // One way of writing a time, shared with the record pages' player (player.js loads first).
  var formatTime = window.formatPlayTime;

  function part(name) {
    return dock.querySelector("[data-dock-" + name + "]");
  }

  function rowButtons() {
    return Array.prototype.slice.call(document.querySelectorAll("button[data-play]"));
  }

  function isNewMessage(button) {
    return button.dataset.new === "1" && !heard[button.dataset.id];
  }

  function indexOfCurrent(buttons) {
    if (!current) {
      return -1;
    }
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].dataset.play === current.src) {
        return i;
      }
    }
    return -1;
  }

  function total() {
    if (isFinite(audio.duration) && audio.duration > 0) {
      return audio.duration;
    }
    return current ? current.duration : 0;
  }

  // --- Drawing ---------------------------------------------------------------------------

  function drawWave() {
    if (!peaks || !peaks.length || wave.hidden) {
      return;
    }
    var ratio = window.devicePixelRatio || 1;
    var width = wave.clientWidth;
    var height = wave.clientHeight;
    if (!width || !height) {
      return;
    }
    wave.width = Math.round(width * ratio);
    wave.height = Math.round(height * ratio);
    var context = wave.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    // The colours come from the stylesheet (dock.css), so dark mode applies here too.
    var style = getComputedStyle(wave);
    var played = style.getPropertyValue("--wave-played").trim() || style.color;
    var rest = style.getPropertyValue("--wave-rest").trim() || "#999";
    var length = total();
    var done = length > 0 ? audio.currentTime / length : 0;
    var bars = Math.max(1, Math.floor(width / 3));
    var middle = height / 2;
    for (var bar = 0; bar < bars; bar++) {
      var value = peaks[Math.floor((bar / bars) * peaks.length)] || 0;
      var half = Math.max(1, value * (middle - 1));
      context.fillStyle = bar / bars < done ? played : rest;
      context.fillRect(bar * 3, middle - half, 2, half * 2);
    }
  }

  function loadPeaks(url) {
    peaks = null;
    wave.hidden = true;
    if (!url || !window.fetch) {
      return;
    }
    var asked = current;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        // Another recording may have started while this one's peaks were on their way.
        if (asked !== current || !body || !Array.isArray(body.peaks)) {
          return;
        }
        peaks = body.peaks;
        wave.hidden = false;
        drawWave();
      })
      .catch(function () {}); // no waveform: the seek bar still works
  }

  function render() {
    var length = total();
    var seek = part("seek");
    if (!dock.dataset.seeking) {
      seek.value = String(audio.currentTime);
    }
    seek.max = String(length);
    seek.setAttribute("aria-valuetext", formatTime(audio.currentTime) + " of " + formatTime(length));
    part("elapsed").textContent = formatTime(audio.currentTime);
    part("total").textContent = formatTime(length);
    var playing = !!current && !audio.paused && !audio.ended;
    // SVG elements have no `hidden` property: the attribute, which dock.css hides.
    part("play-icon").toggleAttribute("hidden", playing);
    part("pause-icon").toggleAttribute("hidden", !playing);
    part("word").textContent = playing ? "Pause" : "Play";
    dock.classList.toggle("is-playing", playing);
    rowButtons().forEach(function (button) {
      var mine = !!current && button.dataset.play === current.src;
      var on = mine && playing;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.querySelector("[data-play-word]").textContent = on ? "Pause" : "Play";
      var row = button.closest("tr");
      if (row) {
        row.classList.toggle("is-playing", mine);
      }
    });
    var newOnes = rowButtons().filter(isNewMessage).length;
    var allNew = dock.querySelector("[data-dock-action=all-new]");
    allNew.hidden = newOnes === 0 && !walkingNew;
    allNew.textContent = walkingNew ? "Stop playing new" : "Play all new (" + newOnes + ")";
    drawWave();
  }

  // --- Playing -----------------------------------------------------------------------------

  function start() {
    var started = audio.play();
    if (started && started.catch) {
      started.catch(function () {}); // a refused autoplay is not an error worth a console
    }
  }

  function play(button) {
    current = {
      src: button.dataset.play,
      peaks: button.dataset.peaks,
      label: button.dataset.label,
      id: button.dataset.id,
      isNew: isNewMessage(button),
      duration: parseFloat(button.dataset.duration) || 0,
    };
    var rate = parseFloat(part("speed").value) || 1;
    audio.src = current.src;
    audio.defaultPlaybackRate = rate;
    audio.playbackRate = rate;
    part("title").textContent = current.label;
    if (window.MediaMetadata && navigator.mediaSession) {
      // What the system's media controls (and a headset's) show and act on.
      navigator.mediaSession.metadata = new window.MediaMetadata({ title: current.label });
    }
    loadPeaks(current.peaks);
    start();
    render();
  }

  function toggle() {
    if (!current) {
      var first = rowButtons()[0];
      if (first) {
        play(first);
      }
      return;
    }
    if (audio.paused || audio.ended) {
      start();
    } else {
      audio.pause();
    }
  }

  function step(offset) {
    var buttons = walkingNew ? rowButtons().filter(isNewMessage) : rowButtons();
    if (!buttons.length) {
      return false;
    }
    var here = indexOfCurrent(buttons);
    var next = here === -1 ? (offset > 0 ? 0 : buttons.length - 1) : here + offset;
    if (next < 0 || next >= buttons.length) {
      return false;
    }
    play(buttons[next]);
    return true;
  }

  function skip(seconds) {
    if (!current) {
      return;
    }
    audio.currentTime = Math.max(0, Math.min(audio.currentTime + seconds, total()));
  }

  function seekTo(seconds) {
    if (current) {
      audio.currentTime = Math.max(0, Math.min(seconds, total()));
    }
  }

  function walkNew() {
    if (walkingNew) {
      walkingNew = false;
      render();
      return;
    }
    var newOnes = rowButtons().filter(isNewMessage);
    if (!newOnes.length) {
      return;
    }
    walkingNew = true;
    play(newOnes[0]);
  }

  // --- Marking voicemail heard ---------------------------------------------------------------

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }

  function heardUrl(id) {
    // The URL for message 0 (templates/player/dock.html), with this message's id instead.
    return dock.dataset.heardUrl.replace(/\/0\/heard\/$/, "/" + encodeURIComponent(id) + "/heard/");
  }

  function showHeard(id, isHeard) {
    document.querySelectorAll("button[data-play][data-id='" + id + "']").forEach(function (button) {
      button.dataset.new = isHeard ? "0" : "1";
      var row = button.closest("tr");
      var badge = row && row.querySelector(".badge-new");
      if (badge) {
        badge.textContent = isHeard ? "Heard" : "New";
        badge.classList.toggle("badge-heard", isHeard);
      }
    });
  }

  // A notice in the page's live region, where the server's notices go too.
  function say(text) {
    var notices = document.getElementById("notices");
    if (notices) {
      var notice = document.createElement("p");
      notice.className = "notice notice-error";
      notice.setAttribute("role", "alert");
      notice.textContent = text;
      notices.appendChild(notice);
    }
  }

  // The list's "Mark as heard" write, for one message; the row says "Heard" at once and goes
  // back to "New" if the write fails. The list itself is read again once a walk ends
  // (refreshList), not after each message, so that the walk's rows stay where they are.
  function markHeard(playing) {
    heard[playing.id] = true;
    showHeard(playing.id, true);
    var failed = function () {
      delete heard[playing.id];
      showHeard(playing.id, false);
      say("Could not mark the " + playing.label.toLowerCase() + " as heard; it stays new.");
    };
    return fetch(heardUrl(playing.id), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        if (!response.ok) {
          failed();
        }
      })
      .catch(failed);
  }

  // The folder counts and the list, as the server now sees them (heard messages left INBOX).
  function refreshList() {
    var area = document.getElementById("voicemail-area");
    if (area && window.htmx) {
      window.htmx.ajax("GET", location.href, { target: "#voicemail-area", swap: "outerHTML" });
    }
  }

  function finished() {
    var playing = current;
    var marking =
      playing && playing.isNew && dock.dataset.markHeard === "1" && !heard[playing.id]
        ? markHeard(playing)
        : null;
    if (walkingNew) {
      if (!step(1)) {
        walkingNew = false;
        render();
        if (marking) {
          marking.then(refreshList);
        }
      }
    }
  }

  // localStorage may be refused (privacy settings): the dock then simply forgets.
  function remember(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {}
  }

  function recall(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  // --- Wiring --------------------------------------------------------------------------------

  function showDock() {
    var any = rowButtons().length > 0;
    rowButtons().forEach(function (button) {
      button.hidden = false;
    });
    if (any || current) {
      dock.hidden = false;
      document.body.classList.add("has-dock");
    }
    render();
  }

  function setUp() {
    dock = document.querySelector("[data-dock]");
    if (!dock) {
      return;
    }
    audio = part("audio");
    wave = part("wave");

    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-play]");
      if (!button) {
        return;
      }
      if (current && button.dataset.play === current.src) {
        toggle();
      } else {
        walkingNew = false;
        play(button);
      }
    });

    dock.addEventListener("click", function (event) {
      var button = event.target.closest("[data-dock-action]");
      if (!button) {
        return;
      }
      var action = button.dataset.dockAction;
      if (action === "toggle") {
        toggle();
      } else if (action === "back") {
        skip(-SKIP_SECONDS);
      } else if (action === "forward") {
        skip(SKIP_SECONDS);
      } else if (action === "next") {
        step(1);
      } else if (action === "previous") {
        step(-1);
      } else if (action === "all-new") {
        walkNew();
      }
    });

    wave.addEventListener("click", function (event) {
      var box = wave.getBoundingClientRect();
      if (box.width > 0) {
        seekTo(((event.clientX - box.left) / box.width) * total());
      }
    });

    // While dragging only the label follows; the audio seeks once on release (`change`), so
    // a drag is one range request, not a burst.
    var seek = part("seek");
    seek.addEventListener("input", function () {
      dock.dataset.seeking = "1";
      part("elapsed").textContent = formatTime(parseFloat(seek.value));
    });
    seek.addEventListener("change", function () {
      delete dock.dataset.seeking;
      seekTo(parseFloat(seek.value));
    });
    part("speed").addEventListener("change", function (event) {
      var rate = parseFloat(event.target.value) || 1;
      audio.defaultPlaybackRate = rate;
      audio.playbackRate = rate;
      remember(SPEED_KEY, String(rate));
    });
    // The speed a supervisor listens at stays from page to page.
    var speed = part("speed");
    var kept = recall(SPEED_KEY);
    if (kept && speed.querySelector("option[value='" + kept + "']")) {
      speed.value = kept;
    }

    ["timeupdate", "durationchange", "loadedmetadata", "play", "pause", "seeked"].forEach(
      function (type) {
        audio.addEventListener(type, render);
      }
    );
    audio.addEventListener("ended", function () {
      render();
      finished();
    });
    // A row's own <audio> (a record's page) and the dock never play at once.
    document.addEventListener(
      "play",
      function (event) {
        if (event.target !== audio && !audio.paused) {
          audio.pause();
        } else if (event.target === audio) {
          document.querySelectorAll("audio").forEach(function (other) {
            if (other !== audio && !other.paused) {
              other.pause();
            }
          });
        }
      },
      true
    );
    window.addEventListener("resize", drawWave);
    // Media keys on keyboards and headsets drive the dock like its buttons.
    if (navigator.mediaSession && navigator.mediaSession.setActionHandler) {
      var handlers = {
        previoustrack: function () { step(-1); },
        nexttrack: function () { step(1); },
        seekbackward: function () { skip(-SKIP_SECONDS); },
        seekforward: function () { skip(SKIP_SECONDS); },
      };
      Object.keys(handlers).forEach(function (action) {
        try {
          navigator.mediaSession.setActionHandler(action, handlers[action]);
        } catch (error) {} // an action this browser does not know
      });
    }
    document.addEventListener("htmx:load", showDock);
    showDock();
  }

  window.dashboardDock = {
    available: function () {
      return !!dock && !dock.hidden;
    },
    toggle: function () {
      toggle();
    },
    next: function () {
      step(1);
    },
    previous: function () {
      step(-1);
    },
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
