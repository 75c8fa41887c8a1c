#!/usr/bin/env python3
"""Writes a small library of synthetic WAV files of clearly different character for the GUI check:
soft, slow major pads and lullabies (calm, pleasant), quiet noise (calm, neutral), and loud, fast,
bright beats in major and minor keys (energetic). Each file carries its title and artist twice:
as RIFF INFO and as an ID3v2 chunk.

Usage: make-test-library.py FOLDER [SECONDS]
"""

import math
import os
import random
import struct
import sys

RATE = 22050

NOTE = {"C": 0, "C#": 1, "D": 2, "D#": 3, "E": 4, "F": 5, "F#": 6, "G": 7, "G#": 8, "A": 9,
        "A#": 10, "B": 11}


def frequency(pitch_class, octave):
    return 440.0 * 2.0 ** ((pitch_class + 12 * (octave + 1) - 69) / 12.0)


def triad(root, minor):
    third = 3 if minor else 4
    return [frequency(NOTE[root], 4), frequency((NOTE[root] + third) % 12, 4),
            frequency((NOTE[root] + 7) % 12, 4), frequency(NOTE[root], 3)]


def pad(seconds, root, minor, level, pulse_bpm):
    """Sustained soft chord with a slow swell on each beat."""
    freqs = triad(root, minor)
    beat = 60.0 / pulse_bpm
    out = []
    for n in range(int(seconds * RATE)):
        t = n / RATE
        phase = (t % beat) / beat
        swell = 0.55 + 0.45 * math.exp(-3.0 * phase)
        value = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        out.append(level * swell * value)
    return out


def beat(seconds, root, minor, level, bpm, rng, saw):
    """Kick on every beat, noisy hats between, bright chord stabs: loud and busy."""
    freqs = triad(root, minor)
    period = 60.0 / bpm
    out = []
    for n in range(int(seconds * RATE)):
        t = n / RATE
        position = t % period
        kick = math.sin(2 * math.pi * (50 + 90 * math.exp(-position * 30)) * position)
        kick *= math.exp(-position * 12)
        half = (t + period / 2) % period
        hat = rng.uniform(-1, 1) * math.exp(-half * 60)
        if saw:
            stab = sum(2 * ((f * t) % 1.0) - 1 for f in freqs) / len(freqs)
        else:
            stab = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        stab *= math.exp(-(t % (period / 2)) * 6)
        out.append(level * (0.55 * kick + 0.3 * hat + 0.45 * stab))
    return out


def hush(seconds, level, rng):
    """Quiet smoothed noise, like distant rain."""
    out, smooth = [], 0.0
    for _ in range(int(seconds * RATE)):
        smooth = 0.97 * smooth + 0.03 * rng.uniform(-1, 1)
        out.append(level * 6 * smooth)
    return out


def info_chunk(title, artist):
    def field(tag, text):
        data = text.encode("utf-8") + b"\0"
        padding = b"\0" if len(data) % 2 else b""   # chunks start on even offsets
        return tag + struct.pack("<I", len(data)) + data + padding

    body = b"INFO" + field(b"INAM", title) + field(b"IART", artist)
    return b"LIST" + struct.pack("<I", len(body)) + body


def id3_chunk(title, artist):
    """An ID3v2.3 tag in an 'id3 ' chunk: TagLib reads WAV titles from it, not from INFO."""
    def frame(frame_id, text):
        data = b"\0" + text.encode("latin-1")
        return frame_id + struct.pack(">I", len(data)) + b"\0\0" + data

    frames = frame(b"TIT2", title) + frame(b"TPE1", artist)
    size = len(frames)
    syncsafe = bytes([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f])
    tag = b"ID3\x03\x00\x00" + syncsafe + frames
    if len(tag) % 2:
        tag += b"\0"
    return b"id3 " + struct.pack("<I", len(tag)) + tag


def write_wav(path, samples, title, artist):
    frames = b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples)
    fmt = struct.pack("<HHIIHH", 1, 1, RATE, RATE * 2, 2, 16)
    chunks = (b"fmt " + struct.pack("<I", len(fmt)) + fmt
              + info_chunk(title, artist)
              + b"data" + struct.pack("<I", len(frames)) + frames
              + id3_chunk(title, artist))
    with open(path, "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(7)

    tracks = [
        ("Moonlit Pad", "Quiet Rooms", lambda: pad(seconds, "C", False, 0.15, 60)),
        ("Slow Lullaby", "Quiet Rooms", lambda: pad(seconds, "F", False, 0.12, 66)),
        ("Warm Blanket", "Soft Hours", lambda: pad(seconds, "G", False, 0.18, 72)),
        ("Evening Fog", "Soft Hours", lambda: pad(seconds, "A", True, 0.14, 58)),
        ("Distant Rain", "Field Notes", lambda: hush(seconds, 0.10, rng)),
        ("Sunny Bounce", "Bright Side", lambda: beat(seconds, "D", False, 0.8, 118, rng, False)),
        ("Dance Floor", "Bright Side", lambda: beat(seconds, "E", False, 0.85, 126, rng, False)),
        ("Night Drive", "Neon Lines", lambda: beat(seconds, "A", True, 0.8, 100, rng, True)),
        ("Storm Warning", "Neon Lines", lambda: beat(seconds, "E", True, 0.95, 160, rng, True)),
        ("Morning Jog", "Bright Side", lambda: beat(seconds, "G", False, 0.75, 140, rng, False)),
    ]

    for number, (title, artist, make) in enumerate(tracks, start=1):
        name = "%02d %s.wav" % (number, title)
        write_wav(os.path.join(folder, name), make(), title, artist)

    print("%d files written to %s" % (len(tracks), folder))


if __name__ == "__main__":
    main()
