"""Template helpers of the recordings, voicemail, chats and media-session pages."""

import math

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from dashboard.templatetags.dashboard import duration as duration_text

register = template.Library()

# Lists draw these on every row, so they are tags building markup, not includes: an include
# per row cost more than everything else the row shows.

# The playback speeds of both players (the record page's and the docked one), 1× chosen.
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")


@register.simple_tag
def speed_options() -> SafeString:
    """The <option>s of a player's speed <select>."""
    return format_html_join(
        "\n",
        '<option value="{}"{}>{}&times;</option>',
        ((speed, " selected" if speed == "1" else "", speed) for speed in SPEEDS),
    )


# Without JavaScript this is a plain <audio controls>; static/js/player.js replaces the native
# controls with the richer ones below and keeps one recording playing at a time; it also makes
# the player a Tab stop, for its keys (a stop that would do nothing without it).
# A button's accessible name contains what it shows ("Back 10 s" for "−10 s"), so that
# someone speaking what they see to voice control reaches it (WCAG 2.5.3).
_PLAYER = """<div class="player" data-player data-duration="{duration}"
     role="group" aria-label="{label}">
  <audio controls preload="{preload}" src="{src}" data-player-audio>
    <a href="{src}?download=1">Download the audio</a>
  </audio>
  <div class="player-controls" data-player-controls hidden>
    <button type="button" class="player-toggle" data-player-action="toggle" aria-label="Play">
      <span aria-hidden="true" data-player-icon>&#9654;</span>
    </button>
    <button type="button" data-player-action="back"><span
            class="visually-hidden">Back </span><span
            aria-hidden="true">&minus;</span>10&nbsp;s</button>
    <input type="range" class="player-seek" data-player-seek min="0" max="{duration}"
           step="0.1" value="0" aria-label="Position">
    <button type="button" data-player-action="forward"><span
            class="visually-hidden">Forward </span><span
            aria-hidden="true">+</span>10&nbsp;s</button>
    <span class="player-time" data-player-time>
      <span data-player-elapsed>0:00</span> / <span data-player-total>{total}</span>
    </span>
    <label class="player-speed">
      <span class="visually-hidden">Speed</span>
      <select data-player-speed>
        {speed_options}
      </select>
    </label>
  </div>
  <a class="player-download" href="{src}?download=1" download>Download</a>
</div>"""


@register.simple_tag
def audio_player(*, src: str, label: str, duration=None, preload: str = "none") -> SafeString:
    """An audio player for one recording or voicemail.

    src       the audio URL (served with byte ranges, so the player can seek; `?download=1`
              downloads it, a link shown with or without JavaScript)
    label     what is playing, read out by screen readers ("Recording +4420… to 201")
    duration  the length in seconds from the record, shown before the audio's metadata is loaded
    preload   "none" in lists (no request per row until played), "metadata" on detail pages
    """
    return format_html(
        _PLAYER,
        src=src,
        label=label,
        duration=duration or 0,
        total=duration_text(duration) or "0:00",
        preload=preload or "none",
        speed_options=speed_options(),
    )


# A list row's play button, for the page's one docked player (templates/player/dock.html,
# static/js/dock.js), which reads what to play from the button's data. The button needs the
# script, so it is hidden until the script shows it; without JavaScript the row keeps the
# browser's own player instead.
_ROW_PLAY = """<button type="button" class="row-play" hidden data-play="{src}" data-peaks="{peaks}"
        data-label="{label}" data-duration="{duration}" data-id="{record_id}" data-new="{new}"
        aria-pressed="false"><span class="row-play-icon" aria-hidden="true"></span>
  <span data-play-word>Play</span><span class="visually-hidden"> {label}</span></button>
<noscript><audio controls preload="none" src="{src}" aria-label="{label}">
  <a href="{src}?download=1">Download the audio</a></audio></noscript>"""


@register.simple_tag
def row_play(
    *, src: str, peaks: str, label: str, record_id, duration=None, new: bool = False
) -> SafeString:
    """A list row's play button for the docked player, or a plain player without JavaScript.

    src, label, duration  as for `audio_player`
    peaks                 the URL of the recording's waveform (`{"peaks": [...]}`)
    record_id             the record's id (a voicemail's, to mark it heard after playing)
    new                   a new voicemail: "Play all new" walks these
    """
    return format_html(
        _ROW_PLAY,
        src=src,
        peaks=peaks,
        label=label,
        record_id=int(record_id),
        duration=duration or 0,
        new="1" if new else "0",
    )


@register.simple_tag
def transcript(text) -> SafeString:
    """A transcript in a list row, folded until asked for."""
    return format_html(
        '<details><summary>Transcript</summary><div class="transcript">{}</div></details>', text
    )


_UNKNOWN = mark_safe('<span class="muted">—</span>')  # noqa: S308 (constant markup)


@register.simple_tag
def sentiment_badge(sentiment) -> SafeString:
    """The sentiment of a recording as a badge coloured by its level, a dash when unknown."""
    if not sentiment:
        return _UNKNOWN
    return format_html(
        '<span class="sentiment sentiment--{}">{}</span>',
        sentiment_level(sentiment),
        capfirst(sentiment),
    )


# The words the upstream is known to use, placed on one scale from bad to good.
_SENTIMENT_WORDS = {
    "very negative": "very-negative",
    "very_negative": "very-negative",
    "negative": "negative",
    "mixed": "mixed",
    "neutral": "neutral",
    "positive": "positive",
    "very positive": "very-positive",
    "very_positive": "very-positive",
}
# Numeric scores: -1..1 (or percentages, 0..100) cut into the same five steps.
_SCORE_STEPS = ((-0.6, "very-negative"), (-0.2, "negative"), (0.2, "neutral"), (0.6, "positive"))


def _score_level(score: float) -> str:
    if score > 1:
        score = score / 50 - 1  # 0..100 onto -1..1
    for limit, level in _SCORE_STEPS:
        if score < limit:
            return level
    return "very-positive"


@register.filter
def sentiment_level(value) -> str:
    """The CSS modifier for a sentiment badge: words or numeric scores, "unknown" otherwise."""
    if value in (None, ""):
        return "unknown"
    text = str(value).strip().lower()
    if text in _SENTIMENT_WORDS:
        return _SENTIMENT_WORDS[text]
    try:
        score = float(text)
    except ValueError:
        return "unknown"
    # "nan" and "inf" read as floats, but sit nowhere on the scale.
    return _score_level(score) if math.isfinite(score) else "unknown"
