"""Speech-like MP3 recordings whose length matches a record's duration.

The audio is telephone-band (8 kHz mono) at a constant 16 kbit/s: every MPEG-2.5 layer III
frame is then exactly 144 bytes and holds 576 samples, so a file's size depends only on its
length, never on what it says. That lets the seeder write a monitor's `size` without encoding
anything, and keeps files small (2 kB a second) and quick to encode (30 ms for two minutes).

The sandbox keeps recordings short: at most MAX_RECORDING_SECONDS. The demo seeder never
records more than that, and asking for longer is an error rather than a silent mismatch
between a record's `duration` and its audio.
"""

import array
import math
import random
from functools import lru_cache

import lameenc

SAMPLE_RATE = 8000
BIT_RATE_KBPS = 16
MAX_RECORDING_SECONDS = 120

# Two "speakers" with different voice pitches (Hz), as in a call between an agent and a caller.
SPEAKER_PITCHES = (118.0, 196.0)
# Syllable lengths (seconds) and the vowel-like pitch glides within one syllable.
SYLLABLE_LENGTHS = (0.09, 0.14, 0.19, 0.26)
PITCH_GLIDES = (0.92, 1.0, 1.08)
PEAK_AMPLITUDE = 9000
# MPEG-2.5 layer III at 16 kbit/s and 8 kHz: 72 * 16000 / 8000 bytes, never padded.
FRAME_BYTES = 144
SAMPLES_PER_FRAME = 576
# LAME's encoder delay and end padding add two frames to the ones the samples fill.
EXTRA_FRAMES = 2


@lru_cache(maxsize=1)
def _syllable_bank() -> tuple[tuple[bytes, ...], ...]:
    """Every syllable each speaker can say, as 16-bit PCM, built once per process.

    A recording is assembled by concatenating these byte strings, which is fast in pure
    Python; synthesising every sample of a two-minute call would not be.
    """
    bank = []
    for pitch in SPEAKER_PITCHES:
        syllables = []
        for length in SYLLABLE_LENGTHS:
            for glide in PITCH_GLIDES:
                syllables.append(_syllable(pitch=pitch, length=length, glide=glide))
        bank.append(tuple(syllables))
    return tuple(bank)


def _syllable(*, pitch: float, length: float, glide: float) -> bytes:
    count = int(length * SAMPLE_RATE)
    samples = array.array("h")
    phase = 0.0
    for i in range(count):
        progress = i / count
        frequency = pitch * (1 + (glide - 1) * progress)
        phase += 2 * math.pi * frequency / SAMPLE_RATE
        # A fundamental plus two formant-ish harmonics sounds more like a voice than a beep,
        # and a raised-cosine envelope avoids clicks at the syllable edges.
        wave = math.sin(phase) + 0.5 * math.sin(2 * phase) + 0.25 * math.sin(3 * phase)
        envelope = 0.5 - 0.5 * math.cos(2 * math.pi * progress)
        samples.append(int(PEAK_AMPLITUDE * envelope * wave / 1.75))
    return samples.tobytes()


def _silence(seconds: float) -> bytes:
    return bytes(2 * int(seconds * SAMPLE_RATE))


def _conversation_pcm(*, seed: int, seconds: int) -> bytes:
    """Alternating turns of syllables and pauses, exactly `seconds` long."""
    rng = random.Random(seed)
    bank = _syllable_bank()
    wanted = 2 * seconds * SAMPLE_RATE
    chunks: list[bytes] = [_silence(0.3)]
    size = len(chunks[0])
    speaker = rng.randrange(len(bank))
    while size < wanted:
        for _ in range(rng.randint(3, 14)):
            chunk = rng.choice(bank[speaker]) + _silence(rng.choice((0.03, 0.05, 0.08, 0.2)))
            chunks.append(chunk)
            size += len(chunk)
        pause = _silence(rng.uniform(0.3, 0.9))
        chunks.append(pause)
        size += len(pause)
        speaker = 1 - speaker
    return b"".join(chunks)[:wanted]


def _encode(pcm: bytes) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)  # fast; the content is synthetic anyway
    return bytes(encoder.encode(pcm) + encoder.flush())


def _check_seconds(seconds: int) -> None:
    if not 1 <= seconds <= MAX_RECORDING_SECONDS:
        raise ValueError(f"recordings last 1 to {MAX_RECORDING_SECONDS} seconds, not {seconds}")


@lru_cache(maxsize=32)
def recording_mp3(*, seed: int, seconds: int) -> bytes:
    """The MP3 of a recording: the same seed and length always give the same bytes."""
    audio = _encode(_conversation_pcm(seed=seed, seconds=seconds))
    if len(audio) != recording_size(seconds):
        # A record's `size` must equal the bytes served; never serve a file that breaks that.
        raise RuntimeError(
            f"{len(audio)} bytes of MP3 for {seconds} s, not {recording_size(seconds)}"
        )
    return audio


def recording_size(seconds: int) -> int:
    """Bytes of any recording of this length, computed without encoding it."""
    _check_seconds(seconds)
    frames = -(-seconds * SAMPLE_RATE // SAMPLES_PER_FRAME) + EXTRA_FRAMES
    return frames * FRAME_BYTES
