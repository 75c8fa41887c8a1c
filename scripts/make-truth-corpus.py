#!/usr/bin/env python3
"""Builds the ground-truth audio corpus for Bench/compare-analysers.sh.

Sources, all from Debian packages (scripts/install-deps.sh --bench):
  - the MIDI music of simutrans-data (tempo and key as the composers declared them),
  - the MIDI examples shipped with mma,
  - songs that mma generates here from a few lines of text, with an exact tempo and key:
    source generated (cadential progressions, kept as they were so older figures compare) and
    source generated-hard (progressions real songs use that a pitch-class profile misreads:
    rock I-bVII-IV, starting on IV or V, secondary dominants, 12-bar blues, Aeolian and
    Andalusian minor, minor through its relative major, minor with a major V; some sparse, bass
    and a chord-tone melody only), every major and minor key twice.
Each MIDI file is rendered with fluidsynth and the FluidR3 General MIDI soundfont, cut to its
first WINDOW seconds (40 by default), and written as WAV, FLAC, Ogg Vorbis and MP3. truth.csv
gives, per song, the tempo that holds for most of the window and the declared key; columns say
how far to trust them (tempo_ok: one tempo covers at least 90 % of the window; key_source:
generated, declared or none) and, for generated songs, the progression and the texture.

The rendered audio is never committed; it lands in OUT (default build/truth-corpus).
usage: scripts/make-truth-corpus.py [--out DIR] [--window 40] [--jobs 2] [--limit N] [--held-out]

--held-out renders only the held-out set (source generated-check: the hard set's progressions
recombined with its grooves and textures, in other keys and tempi, with another seed) into
build/truth-check unless --out says otherwise; the script never writes one corpus over the other.
"""
import argparse, csv, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import midi_truth  # noqa: E402

SF2 = '/usr/share/sounds/sf2/FluidR3_GM.sf2'
SIMUTRANS = '/usr/share/games/simutrans/music'
MMA_EXAMPLES = '/usr/share/doc/mma/examples'
FORMATS = ('wav', 'flac', 'ogg', 'mp3')

# Generated songs: (groove, tempo, tonic, minor). Tonics cover all twelve pitch classes in both
# modes, tempi span 66-184 BPM, grooves include 3/4 and swing.
GENERATED = [
    ('60sRock', 120, 'C', False), ('Ballad', 72, 'A', True), ('BossaNova', 132, 'G', False),
    ('Waltz', 150, 'E', True), ('Swing', 160, 'F', False), ('CountrySwing', 104, 'D', True),
    ('8Beat', 96, 'Bb', False), ('Folk', 110, 'B', True), ('JazzRock', 140, 'Eb', False),
    ('Mambo', 184, 'F#', True), ('50sRock', 168, 'Ab', False), ('PopBallad', 66, 'C#', True),
    ('Rhumba', 116, 'A', False), ('BasicRock', 126, 'G', True), ('BoggieWoggie', 100, 'E', False),
    ('Tango', 124, 'C', True), ('Foxtrot', 108, 'F', False), ('Blues', 88, 'D', False),
    ('Jive', 122, 'Bb', True), ('JazzWaltz', 176, 'Eb', True), ('Calypso', 76, 'B', False),
    ('Merengue', 136, 'Ab', True), ('SoftRock', 92, 'C#', False), ('Bolero', 84, 'F#', False),
]

# Progressions that real songs use and that are harder for key finders which match a pitch-class
# profile, as (semitones above the tonic, chord suffix) per bar. The key stays exact: each one is
# heard in the tonic the song is told, as such songs are conventionally analysed.
PROGRESSIONS = {
    # Major.
    'rock-I-bVII-IV': [(0, ''), (10, ''), (5, ''), (0, ''), (0, ''), (10, ''), (5, ''), (7, '')],
    'pop-I-V-vi-IV': [(0, ''), (7, ''), (9, 'm'), (5, '')],
    'starts-on-IV': [(5, ''), (7, ''), (0, ''), (0, ''), (5, ''), (7, '7'), (0, ''), (0, '')],
    'starts-on-V': [(7, ''), (5, ''), (0, ''), (0, ''), (7, ''), (5, ''), (0, ''), (7, '7')],
    'jazz-I-VI7-ii-V': [(0, ''), (9, '7'), (2, 'm7'), (7, '7'), (4, 'm7'), (9, '7'), (2, 'm7'),
                        (7, '7')],
    'blues-12-bar': [(0, '7'), (5, '7'), (0, '7'), (0, '7'), (5, '7'), (5, '7'), (0, '7'),
                     (0, '7'), (7, '7'), (5, '7'), (0, '7'), (7, '7')],
    # Minor. Circle of fifths through the relative major (i-iv-bVII-bIII-bVI-ii-V7-i).
    'minor-via-relative-major': [(0, 'm'), (5, 'm'), (10, ''), (3, ''), (8, ''), (2, 'm7b5'),
                                 (7, '7'), (0, 'm')],
    'andalusian-i-bVII-bVI-V': [(0, 'm'), (10, ''), (8, ''), (7, '')],
    'aeolian-i-bVII-bVI-bVII': [(0, 'm'), (10, ''), (8, ''), (10, '')],
    'minor-major-V': [(0, 'm'), (7, ''), (0, 'm'), (7, ''), (5, 'm'), (7, ''), (0, 'm'), (0, 'm')],
    'minor-blues-12-bar': [(0, 'm'), (5, 'm'), (0, 'm'), (0, 'm'), (5, 'm'), (5, 'm'), (0, 'm'),
                           (0, 'm'), (8, '7'), (7, '7'), (0, 'm'), (7, '7')],
    'minor-i-bVI-bIII-bVII': [(0, 'm'), (8, ''), (3, ''), (10, ''), (0, 'm'), (8, ''), (5, 'm'),
                              (7, '7')],
}

# The harder set: (progression, groove, tempo, tonic, minor, sparse). Every major and minor key
# twice, each progression four times in four grooves; one song per progression is sparse (bass
# and a melody of chord tones only: no chords, no drums).
GENERATED_HARD = [
    ('rock-I-bVII-IV', '60sRock', 132, 'C', False, False),
    ('blues-12-bar', 'Blues', 92, 'C', False, True),
    ('pop-I-V-vi-IV', 'PopBallad', 76, 'C#', False, False),
    ('jazz-I-VI7-ii-V', 'Swing', 144, 'C#', False, False),
    ('starts-on-IV', 'Folk', 104, 'D', False, True),
    ('rock-I-bVII-IV', 'BasicRock', 112, 'D', False, False),
    ('starts-on-V', '50sRock', 172, 'Eb', False, False),
    ('pop-I-V-vi-IV', 'SoftRock', 96, 'Eb', False, True),
    ('jazz-I-VI7-ii-V', 'Foxtrot', 120, 'E', False, False),
    ('starts-on-IV', 'CountrySwing', 128, 'E', False, False),
    ('blues-12-bar', 'ShuffleBoggie', 116, 'F', False, False),
    ('starts-on-V', 'Ska', 148, 'F', False, False),
    ('rock-I-bVII-IV', 'FolkRock', 124, 'F#', False, True),
    ('blues-12-bar', 'FastBlues', 160, 'F#', False, False),
    ('pop-I-V-vi-IV', 'RockBallad', 70, 'G', False, False),
    ('jazz-I-VI7-ii-V', 'BossaNova', 128, 'G', False, True),
    ('starts-on-IV', 'Twist', 152, 'Ab', False, False),
    ('rock-I-bVII-IV', '8Beat', 100, 'Ab', False, False),
    ('starts-on-V', 'FolkBallad', 88, 'A', False, True),
    ('pop-I-V-vi-IV', '8Beat', 118, 'A', False, False),
    ('jazz-I-VI7-ii-V', 'JazzCombo', 186, 'Bb', False, False),
    ('starts-on-IV', 'Ballad', 80, 'Bb', False, False),
    ('blues-12-bar', 'BoggieWoggie', 108, 'B', False, False),
    ('starts-on-V', 'Zydeco', 138, 'B', False, False),
    ('minor-via-relative-major', 'BossaNova', 140, 'C', True, False),
    ('minor-blues-12-bar', 'SlowBlues', 72, 'C', True, True),
    ('andalusian-i-bVII-bVI-V', 'Rhumba', 112, 'C#', True, False),
    ('minor-i-bVI-bIII-bVII', 'PopBallad', 84, 'C#', True, False),
    ('aeolian-i-bVII-bVI-bVII', 'BasicRock', 118, 'D', True, True),
    ('minor-via-relative-major', 'Ballad', 68, 'D', True, False),
    ('minor-major-V', 'Waltz', 144, 'Eb', True, False),
    ('andalusian-i-bVII-bVI-V', 'Tango', 126, 'Eb', True, True),
    ('minor-blues-12-bar', 'Blues', 100, 'E', True, False),
    ('aeolian-i-bVII-bVI-bVII', '60sRock', 140, 'E', True, False),
    ('minor-i-bVI-bIII-bVII', 'SoftRock', 104, 'F', True, True),
    ('minor-major-V', 'Folk', 116, 'F', True, False),
    ('minor-via-relative-major', 'JazzWaltz', 168, 'F#', True, False),
    ('andalusian-i-bVII-bVI-V', 'Bolero', 90, 'F#', True, False),
    ('minor-blues-12-bar', 'JazzRock', 136, 'G', True, False),
    ('minor-i-bVI-bIII-bVII', '8Beat', 92, 'G', True, False),
    ('aeolian-i-bVII-bVI-bVII', 'FolkRock', 106, 'Ab', True, False),
    ('minor-via-relative-major', 'Swing', 132, 'Ab', True, True),
    ('minor-major-V', 'RockWaltz', 150, 'A', True, True),
    ('andalusian-i-bVII-bVI-V', 'Salsa', 180, 'A', True, False),
    ('minor-blues-12-bar', 'ShuffleBoggie', 112, 'Bb', True, False),
    ('aeolian-i-bVII-bVI-bVII', '8Beat', 124, 'Bb', True, False),
    ('minor-i-bVI-bIII-bVII', 'RockBallad', 74, 'B', True, False),
    ('minor-major-V', 'Tango', 120, 'B', True, False),
]
# The grooves humanise timing and skip notes at random; a fixed seed makes every render of a song
# the same MIDI, so the same audio.
RNDSEED = 'RndSeed 1'


def generated_check():
    """A held-out set for checking that a change to the analysis carries over beyond the songs it
    was developed on: the hard set's progressions recombined with the hard set's grooves and
    textures (each row takes another row's), a fourth higher (so every key still comes twice),
    12 % faster (wrapped into 60-200 BPM), with another random seed. Other renderings of the same
    kinds of song, not other music."""
    rows, count = [], len(GENERATED_HARD)
    for i, (progression, _, bpm, tonic, minor, _) in enumerate(GENERATED_HARD):
        groove = GENERATED_HARD[(i + 7) % count][1]
        sparse = GENERATED_HARD[(i + 3) % count][5]
        bpm = round(bpm * 1.12)
        bpm = bpm if bpm <= 200 else round(bpm * 0.6)
        rows.append((progression, groove, bpm, chord(tonic, 5, ''), minor, sparse))
    return rows


NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B']
ALIASES = {'Db': 'C#', 'D#': 'Eb', 'Gb': 'F#', 'G#': 'Ab', 'A#': 'Bb', 'Cb': 'B', 'Fb': 'E',
           'E#': 'F', 'B#': 'C'}


def chord(tonic, steps, suffix):
    return NAMES[(NAMES.index(tonic) + steps) % 12] + suffix


def mma_text(groove, bpm, tonic, minor, window):
    # i-iv-V7-i / i-VI-iv-V7 in minor, I-vi-IV-V7 / I-IV-V7-I in major, looped to fill the window.
    if minor:
        bars = [chord(tonic, 0, 'm'), chord(tonic, 5, 'm'), chord(tonic, 7, '7'), chord(tonic, 0, 'm'),
                chord(tonic, 0, 'm'), chord(tonic, 8, ''), chord(tonic, 5, 'm'), chord(tonic, 7, '7')]
    else:
        bars = [chord(tonic, 0, ''), chord(tonic, 9, 'm'), chord(tonic, 5, ''), chord(tonic, 7, '7'),
                chord(tonic, 0, ''), chord(tonic, 5, ''), chord(tonic, 7, '7'), chord(tonic, 0, '')]
    beats_per_bar = 3 if 'waltz' in groove.lower() else 4
    count = int(window * bpm / 60 / beats_per_bar) + 2
    lines = [RNDSEED, f'Tempo {bpm}', f'KeySig {tonic} {"Minor" if minor else "Major"}',
             f'Groove {groove}']
    lines += [f'{n + 1} {bars[n % len(bars)]}' for n in range(count)]
    return '\n'.join(lines) + '\n'


CHORD_TONES = {'': (0, 4, 7), 'm': (0, 3, 7), '7': (0, 4, 7, 10), 'm7': (0, 3, 7, 10),
               'm7b5': (0, 3, 6, 10)}
SOLO_NAMES = ['cn', 'c#', 'dn', 'd#', 'en', 'fn', 'f#', 'gn', 'g#', 'an', 'a#', 'bn']
# Eighth-note shapes over the chord tones from the root up (index into root, third, fifth ...,
# then the next octave); two shapes alternate bar by bar.
SHAPES = [(0, 1, 2, 3, 4, 3, 2, 1), (2, 1, 0, 1, 2, 4, 3, 2)]


def solo_bar(root, suffix, beats, shape):
    """One bar of eighth notes on the chord's tones only, in mma Solo syntax. Every note carries
    its accidental (n or #) and octave marks (+) so the key signature never alters a pitch."""
    tones = CHORD_TONES[suffix]
    ladder = [root + t + 12 * octave for octave in range(3) for t in tones]
    notes = []
    for step in SHAPES[shape][:beats * 2]:
        pitch = 60 + ladder[step]  # root between C4 and B4, the melody up to 1.5 octaves above
        notes.append(SOLO_NAMES[pitch % 12] + '+' * ((pitch - 60) // 12))
    return '8' + ';'.join(notes) + ';'


def mma_text_hard(progression, groove, bpm, tonic, minor, sparse, window, seed=RNDSEED):
    bars = PROGRESSIONS[progression]
    beats_per_bar = 3 if 'waltz' in groove.lower() else 4
    count = int(window * bpm / 60 / beats_per_bar) + 2
    lines = [seed, f'Tempo {bpm}', f'KeySig {tonic} {"Minor" if minor else "Major"}',
             f'Groove {groove}']
    if sparse:
        lines += ['AllTracks Chord Arpeggio Scale Plectrum Drum Off',
                  'Begin Solo', '  Voice Clarinet', '  Octave 5', '  Articulate 90', 'End']
    for n in range(count):
        steps, suffix = bars[n % len(bars)]
        name = chord(tonic, steps, suffix)
        melody = ''
        if sparse:
            root = (NAMES.index(tonic) + steps) % 12
            melody = ' { ' + solo_bar(root, suffix, beats_per_bar, n % 2) + ' }'
        lines.append(f'{n + 1} {name}{melody}')
    return '\n'.join(lines) + '\n'


def window_tempo(path, window):
    """The tempo that holds longest in the first `window` seconds, and its share of them."""
    fmt, ntrk, ppq, metas, last_tick, notes = midi_truth.parse_smf(path)
    tempos = sorted((t, int.from_bytes(d, 'big')) for t, ty, d in metas if ty == 0x51 and len(d) == 3)
    if not tempos or tempos[0][0] > 0:
        tempos.insert(0, (0, 500000))
    seconds, at = {}, 0.0
    for k, (tick, us) in enumerate(tempos):
        end_tick = tempos[k + 1][0] if k + 1 < len(tempos) else last_tick
        span = min(max(0, end_tick - tick) * us / ppq / 1e6, max(0.0, window - at))
        bpm = round(60e6 / us, 2)
        seconds[bpm] = seconds.get(bpm, 0.0) + span
        at += max(0, end_tick - tick) * us / ppq / 1e6
    total = sum(seconds.values())
    bpm, held = max(seconds.items(), key=lambda kv: kv[1])
    return bpm, (held / total if total > 0 else 0.0)


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def render(job, out, window):
    name, midi = job['name'], job['midi']
    wav = os.path.join(out, 'wav', name + '.wav')
    # fluidsynth streams raw audio into ffmpeg, which stops reading (and so stops the render)
    # once it has the window: nothing past it is rendered.
    subprocess.run(f"fluidsynth -ni -q -g 0.4 -r 44100 -T raw -O s16 -F - '{SF2}' '{midi}' "
                   f"2>/dev/null | ffmpeg -v error -y -f s16le -ar 44100 -ac 2 -i - -t {window} "
                   f"-c:a pcm_s16le '{wav}'", shell=True, check=True)
    run(['flac', '-f', '-s', '-5', '-o', os.path.join(out, 'flac', name + '.flac'), wav])
    run(['oggenc', '-Q', '-q', '5', '-o', os.path.join(out, 'ogg', name + '.ogg'), wav])
    run(['lame', '--quiet', '-V', '2', wav, os.path.join(out, 'mp3', name + '.mp3')])
    return name


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--out', default=None,
                    help='default build/truth-corpus, or build/truth-check with --held-out')
    ap.add_argument('--window', type=float, default=40.0)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--limit', type=int, default=0, help='at most N songs per source (0: all)')
    ap.add_argument('--held-out', action='store_true',
                    help='render only the held-out set (source generated-check) into OUT')
    a = ap.parse_args()
    limit = a.limit or None
    a.out = a.out or ('build/truth-check' if a.held_out else 'build/truth-corpus')
    truth_file = os.path.join(a.out, 'truth.csv')
    if os.path.exists(truth_file):
        with open(truth_file) as fh:
            held_out_there = all(r['source'] == 'generated-check' for r in csv.DictReader(fh))
        if held_out_there != a.held_out:
            sys.exit(f'make-truth-corpus: {a.out} holds the '
                     f'{"held-out" if held_out_there else "main"} corpus; give --out another '
                     f'folder (the main and held-out corpora are kept apart)')
    for sub in FORMATS + ('midi',):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)

    jobs = []

    def add(source, name, midi, key_source, progression='', texture=''):
        info = midi_truth.analyse(midi)
        # Fewer than 400 notes drops fragments among the found MIDI; a harder generated song is
        # complete by construction and may be sparse.
        if info['duration_s'] < 30 or (info['notes'] < 400
                                       and source not in ('generated-hard', 'generated-check')):
            return
        bpm, share = window_tempo(midi, a.window)
        key = ALIASES.get(info['key'], info['key'])
        if key_source == 'declared' and info['key_events'] != 1:
            key_source = 'none'  # none, or one per track: usually a sequencer's default
        jobs.append(dict(name=name, source=source, midi=midi, bpm=bpm,
                         tempo_ok=int(share >= 0.9), key=key if key_source != 'none' else '',
                         mode=info['mode'] if key_source != 'none' else '',
                         key_source=key_source if key else 'none', time_sig=info['time_sig'],
                         progression=progression, texture=texture))

    sources = {'simutrans': [], 'mma-example': [], 'generated': [], 'generated-hard': []}
    if os.path.isdir(SIMUTRANS):
        sources['simutrans'] = sorted(f for f in os.listdir(SIMUTRANS) if f.endswith('.mid'))
    for root, _, files in sorted(os.walk(MMA_EXAMPLES)):
        sources['mma-example'] += sorted(os.path.join(root, f) for f in files if f.endswith('.mid'))

    if a.held_out:
        sources = {}
        hard_rows, check_rows = [], generated_check()
    else:
        hard_rows, check_rows = GENERATED_HARD, []
    for n, f in enumerate(sources.get('simutrans', [])[:limit]):
        add('simutrans', 'simutrans-' + f[:-4], os.path.join(SIMUTRANS, f), 'declared')
    for f in sources.get('mma-example', [])[:limit]:
        add('mma-example', 'mma-' + os.path.basename(f)[:-4], f, 'declared')
    for groove, bpm, tonic, minor in (GENERATED if not a.held_out else [])[:limit]:
        name = f'gen-{groove}-{bpm}-{tonic.replace("#", "s")}{"m" if minor else ""}'
        text = os.path.join(a.out, 'midi', name + '.mma')
        midi = os.path.join(a.out, 'midi', name + '.mid')
        with open(text, 'w') as fh:
            fh.write(mma_text(groove, bpm, tonic, minor, a.window))
        try:
            run(['mma', text, '-f', midi])
        except subprocess.CalledProcessError:
            print(f'make-truth-corpus: mma could not compile {name}; skipped', file=sys.stderr)
            continue
        add('generated', name, midi, 'generated', 'cadential', 'full')
    hard = [('generated-hard', 'gen-', RNDSEED, row) for row in hard_rows[:limit]]
    hard += [('generated-check', 'check-', 'RndSeed 2', row) for row in check_rows[:limit]]
    for source, prefix, seed, (progression, groove, bpm, tonic, minor, sparse) in hard:
        name = (f'{prefix}{progression}-{groove}-{bpm}-{tonic.replace("#", "s")}'
                f'{"m" if minor else ""}{"-sparse" if sparse else ""}')
        text = os.path.join(a.out, 'midi', name + '.mma')
        midi = os.path.join(a.out, 'midi', name + '.mid')
        with open(text, 'w') as fh:
            fh.write(mma_text_hard(progression, groove, bpm, tonic, minor, sparse, a.window, seed))
        try:
            run(['mma', text, '-f', midi])
        except subprocess.CalledProcessError:
            print(f'make-truth-corpus: mma could not compile {name}; skipped', file=sys.stderr)
            continue
        add(source, name, midi, 'generated', progression, 'sparse' if sparse else 'full')

    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for done in pool.map(lambda j: render(j, a.out, a.window), jobs):
            print(f'make-truth-corpus: {done}', file=sys.stderr)

    cols = ['name', 'source', 'bpm', 'tempo_ok', 'key', 'mode', 'key_source', 'time_sig',
            'progression', 'texture']
    with open(os.path.join(a.out, 'truth.csv'), 'w', newline='') as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction='ignore')
        w.writeheader()
        w.writerows(jobs)
    print(f'make-truth-corpus: {len(jobs)} songs in {a.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
