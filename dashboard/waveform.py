"""The waveform of a recording: a few hundred peaks, computed once from the MP3 on the server.

The decoder is miniaudio's (the `miniaudio` wheel carries its own C decoder: no system
library, no ffmpeg). The MP3 is read whole (14 MB for an hour at 32 kbit/s) and decoded to
8 kHz mono a second at a time, so the samples never sit in memory at once; two minutes take
50 ms, once: the peaks are then cached beside the audio.
"""

from __future__ import annotations

from typing import BinaryIO

import miniaudio

# Telephone audio: 8 kHz mono says all a waveform shows, and decodes fast.
SAMPLE_RATE = 8000
# Loudness is measured over windows of this many samples (10 ms), then gathered into the peaks.
WINDOW = SAMPLE_RATE // 100
PEAK_COUNT = 400
FULL_SCALE = 32767
# A recording quieter than this share of full scale is drawn at its true (low) level, not
# stretched to the top: silence must look like silence.
QUIET_FLOOR = 0.05


class UnreadableAudio(Exception):
    """The file is not audio the decoder can read."""


def _window_peaks(audio: bytes) -> list[int]:
    peaks: list[int] = []
    try:
        chunks = miniaudio.stream_memory(
            audio,
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=SAMPLE_RATE,
            frames_to_read=SAMPLE_RATE,  # one second a chunk: a multiple of the window
        )
        for chunk in chunks:
            for start in range(0, len(chunk), WINDOW):
                window = chunk[start : start + WINDOW]
                peaks.append(max(max(window), -min(window)))
    except miniaudio.DecodeError as error:
        raise UnreadableAudio(str(error)) from error
    return peaks


def mp3_peaks(file: BinaryIO, *, count: int = PEAK_COUNT) -> list[float]:
    """`count` peaks of the audio in `file` (an MP3, read from its start), each 0..1, evenly
    spread over its length.

    Scaled to the loudest peak (so a quiet line still shows its shape), unless the whole
    recording is near silence, which stays near zero.
    """
    file.seek(0)
    windows = _window_peaks(file.read())
    if not windows:
        return [0.0] * count
    gathered = []
    for i in range(count):
        # Each peak is the loudest window of its share; a recording shorter than `count`
        # windows repeats windows rather than return fewer peaks.
        start = i * len(windows) // count
        end = max((i + 1) * len(windows) // count, start + 1)
        gathered.append(max(windows[start:end]))
    scale = max(max(gathered), QUIET_FLOOR * FULL_SCALE)
    return [round(min(peak / scale, 1.0), 3) for peak in gathered]
