// Audio players for recordings and voicemail (the `audio_player` tag, dashboard/templatetags/media.py).
//
// The markup works on its own as a native <audio controls>. This script swaps in richer
// controls: play/pause, a seek bar, back/forward 10 s, speed, elapsed/total time, and keys
// (space plays or pauses, arrow keys skip) while the player has focus. Only one recording
// plays at a time across the page.
//
// Every listener is delegated from the document, so players that htmx swaps in later work
// without re-binding; only the switch from native to custom controls runs per player.
(function () {
  "use strict";

  if (window.mediaPlayerReady) {
    return; // loaded twice (a page and a partial both including it): bind once
  }
  window.mediaPlayerReady = true;

  var SKIP_SECONDS = 10;

  function formatTime(seconds) {
    if (!isFinite(seconds) || seconds < 0) {
      seconds = 0;
    }
    var whole = Math.floor(seconds);
    var hours = Math.floor(whole / 3600);
    var minutes = Math.floor((whole % 3600) / 60);
    var secs = String(whole % 60).padStart(2, "0");
    if (hours > 0) {
      return hours + ":" + String(minutes).padStart(2, "0") + ":" + secs;
    }
    return minutes + ":" + secs;
  }
  window.formatPlayTime = formatTime;

  function playerOf(element) {
    return element && element.closest ? element.closest("[data-player]") : null;
  }

  function audioOf(player) {
    return player.querySelector("[data-player-audio]");
  }

  // The audio's own duration once known; until then the record's duration from the page.
  function totalOf(player) {
    var audio = audioOf(player);
    if (isFinite(audio.duration) && audio.duration > 0) {
      return audio.duration;
    }
    return parseFloat(player.dataset.duration) || 0;
  }

  function render(player) {
    var audio = audioOf(player);
    var total = totalOf(player);
    var seek = player.querySelector("[data-player-seek]");
    // Do not move the thumb under a user who is dragging it.
    if (!player.dataset.seeking) {
      seek.value = String(audio.currentTime);
    }
    seek.max = String(total);
    seek.setAttribute(
      "aria-valuetext",
      formatTime(audio.currentTime) + " of " + formatTime(total)
    );
    player.querySelector("[data-player-elapsed]").textContent = formatTime(audio.currentTime);
    player.querySelector("[data-player-total]").textContent = formatTime(total);
    var playing = !audio.paused && !audio.ended;
    var toggle = player.querySelector("[data-player-action=toggle]");
    toggle.setAttribute("aria-label", playing ? "Pause" : "Play");
    player.querySelector("[data-player-icon]").textContent = playing ? "\u275A\u275A" : "\u25B6";
    player.classList.toggle("is-playing", playing);
  }

  function enhance(root) {
    var players = root.querySelectorAll("[data-player]:not([data-player-enhanced])");
    players.forEach(function (player) {
      player.dataset.playerEnhanced = "";
      // A Tab stop for the player's keys (space, arrows), which only this script handles.
      player.tabIndex = 0;
      audioOf(player).removeAttribute("controls");
      player.querySelector("[data-player-controls]").hidden = false;
      render(player);
    });
  }

  function toggle(audio) {
    if (audio.paused || audio.ended) {
      var started = audio.play();
      if (started && started.catch) {
        started.catch(function () {}); // a refused autoplay is not an error worth a console
      }
    } else {
      audio.pause();
    }
  }

  function skip(audio, player, seconds) {
    var target = audio.currentTime + seconds;
    audio.currentTime = Math.max(0, Math.min(target, totalOf(player)));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-player-action]");
    var player = playerOf(button);
    if (!player) {
      return;
    }
    var audio = audioOf(player);
    var action = button.dataset.playerAction;
    if (action === "toggle") {
      toggle(audio);
    } else if (action === "back") {
      skip(audio, player, -SKIP_SECONDS);
    } else if (action === "forward") {
      skip(audio, player, SKIP_SECONDS);
    }
  });

  // While dragging, only the labels follow; the audio seeks once on release (`change`), so a
  // drag does not fire a burst of range requests.
  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-player-seek]")) {
      return;
    }
    var player = playerOf(event.target);
    player.dataset.seeking = "1";
    player.querySelector("[data-player-elapsed]").textContent = formatTime(
      parseFloat(event.target.value)
    );
  });

  document.addEventListener("change", function (event) {
    var player = playerOf(event.target);
    if (!player) {
      return;
    }
    var audio = audioOf(player);
    if (event.target.matches("[data-player-seek]")) {
      delete player.dataset.seeking;
      audio.currentTime = parseFloat(event.target.value);
    } else if (event.target.matches("[data-player-speed]")) {
      audio.playbackRate = parseFloat(event.target.value);
    }
  });

  document.addEventListener("keydown", function (event) {
    var player = playerOf(event.target);
    if (!player || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    // Lists and links keep their own keys; buttons keep space (it presses them, as everywhere);
    // the seek bar keeps its arrows (they move it, which seeks).
    if (target.matches("select, a")) {
      return;
    }
    var audio = audioOf(player);
    if (event.key === " ") {
      if (target.matches("button")) {
        return;
      }
      event.preventDefault();
      toggle(audio);
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      if (target.matches("[data-player-seek]")) {
        return;
      }
      event.preventDefault();
      skip(audio, player, event.key === "ArrowLeft" ? -SKIP_SECONDS : SKIP_SECONDS);
    }
  });

  // Media events do not bubble: listen in the capture phase to hear every player's.
  ["timeupdate", "durationchange", "loadedmetadata", "play", "pause", "ended", "seeked"].forEach(
    function (type) {
      document.addEventListener(
        type,
        function (event) {
          var player = playerOf(event.target);
          if (player && player.dataset.playerEnhanced !== undefined) {
            render(player);
          }
        },
        true
      );
    }
  );

  // One recording at a time: starting one pauses every other audio on the page.
  document.addEventListener(
    "play",
    function (event) {
      document.querySelectorAll("audio").forEach(function (audio) {
        if (audio !== event.target && !audio.paused) {
          audio.pause();
        }
      });
    },
    true
  );

  document.addEventListener("ratechange", function (event) {
    var player = playerOf(event.target);
    if (player) {
      player.querySelector("[data-player-speed]").value = String(event.target.playbackRate);
    }
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }
  // htmx fires htmx:load for every swapped-in fragment.
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
})();
