"""The sentiment badge's place on the colour scale, for words and for numeric scores."""

import pytest

from dashboard.templatetags.media import sentiment_level


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("positive", "positive"),
        ("Negative", "negative"),
        (" neutral ", "neutral"),
        ("mixed", "mixed"),
        ("very_positive", "very-positive"),
        (-0.9, "very-negative"),
        ("-0.3", "negative"),
        (0.1, "neutral"),
        (0.45, "positive"),
        (1, "very-positive"),
        (85, "very-positive"),  # a percentage
        (10, "very-negative"),
        ("", "unknown"),
        (None, "unknown"),
        ("<b>angry</b>", "unknown"),
    ],
)
def test_it_places_a_sentiment_on_the_scale(value, level):
    assert sentiment_level(value) == level
