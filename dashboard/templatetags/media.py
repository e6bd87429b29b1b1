"""Template helpers of the recordings, voicemail, chats and media-session pages."""

import math

from django import template

register = template.Library()

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
