#!/usr/bin/env python3
"""Runs our analyser and the peers on the same ground-truth files in one run and prints figures.

Peers: `aubio tempo` (aubio-tools), `bpm` (bpm-tools, fed by ffmpeg), essentia.js
(RhythmExtractor2013 and KeyExtractor, Bench/peers, fed by ffmpeg) and ffmpeg's ebur128 filter
(the loudness reference). Ours: `moodboard analyze --json`, and `moodboard_bench --decode` for
bare decoding time.

Figures, as `name: value unit` lines:
  tempo_acc1_<tool>   share of songs within 4 % of the true tempo
  tempo_acc2_<tool>   also counting x2, x1/2, x3 and x1/3 of it
  tempo_acc1_<tool>_<source>, tempo_acc2_<tool>_<source>   the same per part of the corpus
  tempo_songs_<tool>  songs a tool was scored on, when fewer than tempo_songs
  key_songs_<set>     songs with key truth in a set: generated (exact, cadential progressions),
                      generated-hard (exact, progressions that mislead pitch-class profiles),
                      generated-check (the held-out set of make-truth-corpus.py --held-out) and
                      declared (the composer's single key signature)
  key_mirex_<tool>_<set>      MIREX weighted key score (1 same, 0.5 fifth, 0.3 relative,
                              0.2 parallel) over every song of the set; a song the tool gave
                              no key for scores 0
  key_mirex_<tool>_<set>_major / _minor   the same over the songs in major or in minor
  key_answered_<tool>_<set>   songs of the set the tool gave a key for
  key_miss_<tool>_<set>       with --key-misses: one line per song scored below 1, what the tool
                              said against the truth
  loudness_err_max / _mean / _within_0.2   |ours - ffmpeg| integrated loudness, LU
  speed_<tool>_<format>   audio seconds per CPU second (x real time per core), decoding included
Every tool runs one process at a time, so CPU seconds are per core; with --timing-runs N every
timed run (each tool's and bare decoding's alike) is repeated N times and the lowest CPU time
kept. Accuracy is over WAV unless --accuracy-format says otherwise.

Setup: scripts/install-bench-peers.sh; scripts/make-truth-corpus.py; build build/analysis.
--build is a build folder holding Source/moodboard (or moodboard) and, for bare decoding time,
Bench/moodboard_bench (skipped when absent).
usage: Bench/compare-analysers.py [--corpus build/truth-corpus] [--build build/analysis]
                                  [--formats wav,flac,ogg,mp3] [--no-essentia]
                                  [--essentia-songs all|key] [--key-misses]
                                  [--timing-runs N]
"""
import argparse, csv, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B']
PITCH = {'C': 0, 'C#': 1, 'Db': 1, 'D': 2, 'D#': 3, 'Eb': 3, 'E': 4, 'F': 5, 'F#': 6, 'Gb': 6,
         'G': 7, 'G#': 8, 'Ab': 8, 'A': 9, 'A#': 10, 'Bb': 10, 'B': 11}


def run(cmd, shell=False, merge=True):
    """Runs a command; returns its output (stdout, and stderr when merge), the CPU seconds it and
    its children used, and its peak resident memory in KiB."""
    proc = subprocess.Popen(cmd, shell=shell, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT if merge else subprocess.DEVNULL)
    out = proc.stdout.read().decode('utf-8', 'replace')
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return out, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def acc(estimate, truth, factors):
    return estimate is not None and any(abs(estimate - truth * f) <= 0.04 * truth * f for f in factors)


def mirex(est, truth):
    """est and truth are (tonic, minor) pairs; est may be None."""
    if est is None:
        return 0.0
    (et, em), (tt, tm) = est, truth
    if (et, em) == (tt, tm):
        return 1.0
    if em == tm and (et - tt) % 12 in (5, 7):
        return 0.5
    if em != tm and ((not tm and et == (tt + 9) % 12) or (tm and et == (tt + 3) % 12)):
        return 0.3
    if et == tt:
        return 0.2
    return 0.0


def binary(build, *paths):
    """The first of build/<path> that exists, or None."""
    found = [os.path.join(build, p) for p in paths if os.path.isfile(os.path.join(build, p))]
    return found[0] if found else None


def ours(build, files):
    cli = binary(build, os.path.join('Source', 'moodboard'), 'moodboard')
    if cli is None:
        sys.exit(f'compare-analysers: no moodboard in {build}/Source or {build}; build the '
                 f'moodboard target there or pass --build')
    out, cpu, rss = run([cli, 'analyze', '--json'] + files, merge=False)
    start = out.find('[') if len(files) > 1 else out.find('{')
    records = json.loads(out[start:])
    records = records if isinstance(records, list) else [records]
    result = {}
    for f, r in zip(files, records):
        key = None if r.get('key') is None else (r['key'], r['mode'] == 0)
        result[f] = dict(bpm=r.get('tempo_bpm'), key=key, lufs=r.get('loudness_lufs'))
    return result, cpu, rss


def decode_only(build, files):
    bench = binary(build, os.path.join('Bench', 'moodboard_bench'), 'moodboard_bench')
    if bench is None:
        return None, None
    _, cpu, rss = run([bench, '--decode'] + files)
    return cpu, rss


def aubio(files):
    result, total = {}, 0.0
    for f in files:
        out, cpu, _ = run(['aubio', 'tempo', f])
        total += cpu
        m = re.search(r'([\d.]+) bpm', out)
        result[f] = dict(bpm=float(m.group(1)) if m and float(m.group(1)) > 0 else None)
    return result, total


def bpm_tools(files):
    result, total = {}, 0.0
    for f in files:
        out, cpu, _ = run(f"ffmpeg -v error -i '{f}' -f f32le -ac 1 -ar 44100 - | bpm", shell=True)
        total += cpu
        m = re.search(r'^([\d.]+)\s*$', out, re.M)
        result[f] = dict(bpm=float(m.group(1)) if m and float(m.group(1)) > 0 else None)
    return result, total


def essentia(files):
    result, total = {}, 0.0
    for f in files:  # one process per file, as a user would run it
        out, cpu, _ = run(['node', os.path.join(HERE, 'peers', 'essentia-analyse.js'), f])
        total += cpu
        try:
            r = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            r = {'error': out}
        key = (PITCH[r['key']], r['scale'] == 'minor') if r.get('key') in PITCH else None
        result[f] = dict(bpm=r.get('bpm') or None, key=key)
    return result, total


def ffmpeg_loudness(files):
    result, total = {}, 0.0
    for f in files:
        out, cpu, _ = run(['ffmpeg', '-nostats', '-hide_banner', '-i', f, '-filter_complex',
                           'ebur128', '-f', 'null', '-'])
        total += cpu
        summary = out[out.rfind('Summary:'):]
        m = re.search(r'I:\s+(-?[\d.]+) LUFS', summary)
        result[f] = dict(lufs=float(m.group(1)) if m and float(m.group(1)) > -70 else None)
    return result, total


def line(name, value, unit=''):
    print(f'{name}: {value:.3f} {unit}'.rstrip() if isinstance(value, float) else f'{name}: {value} {unit}'.rstrip(), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--corpus', default='build/truth-corpus')
    ap.add_argument('--build', default='build/analysis')
    ap.add_argument('--formats', default='wav,flac,ogg,mp3')
    ap.add_argument('--accuracy-format', default='wav')
    ap.add_argument('--no-essentia', action='store_true')
    ap.add_argument('--sources',
                    default='simutrans,mma-example,generated,generated-hard,generated-check',
                    help='which parts of the corpus to run on')
    ap.add_argument('--tools', default='ours,aubio,bpm-tools,ffmpeg-ebur128,essentia.js')
    ap.add_argument('--essentia-formats', default='wav',
                    help='essentia.js is slow; by default it runs on WAV only')
    ap.add_argument('--essentia-songs', choices=('all', 'key'), default='all',
                    help='key: run essentia.js only on songs with key truth (its tempo figures '
                         'then cover those songs only)')
    ap.add_argument('--timing-runs', type=int, default=1,
                    help='run every timed tool (and bare decoding) this many times and keep '
                         'its lowest CPU time; figures on a shared machine vary from run to run')
    ap.add_argument('--key-misses', action='store_true',
                    help='print every song a tool scores below 1 on, with its answer and the truth')
    a = ap.parse_args()
    if a.timing_runs < 1:
        ap.error('--timing-runs must be at least 1')

    truth = [t for t in csv.DictReader(open(os.path.join(a.corpus, 'truth.csv')))
             if t['source'] in a.sources.split(',')]
    seconds = {}
    tools = {}
    speeds = {}
    for fmt in a.formats.split(','):
        files = [os.path.join(a.corpus, fmt, t['name'] + '.' + fmt) for t in truth]
        files = [f for f in files if os.path.exists(f)]
        keyed = {os.path.join(a.corpus, fmt, t['name'] + '.' + fmt) for t in truth
                 if t['key_source'] != 'none'}
        essentia_files = [f for f in files if a.essentia_songs == 'all' or f in keyed]
        audio_s = 0.0
        for f in files:
            out, _, _ = run(['ffprobe', '-v', 'error', '-show_entries', 'format=duration', '-of',
                             'csv=p=0', f])
            seconds[f] = float(out.strip() or 0)
            audio_s += seconds[f]
        line(f'corpus_{fmt}_files', len(files))
        line(f'corpus_{fmt}_audio', audio_s, 's')

        runs = {'ours': lambda: ours(a.build, files)[:2], 'aubio': lambda: aubio(files),
                'bpm-tools': lambda: bpm_tools(files), 'ffmpeg-ebur128': lambda: ffmpeg_loudness(files)}
        if not a.no_essentia and fmt in a.essentia_formats.split(','):
            runs['essentia.js'] = lambda: essentia(essentia_files)
        for tool, go in runs.items():
            if tool not in a.tools.split(','):
                continue
            result, cpu = go()
            for _ in range(a.timing_runs - 1):
                cpu = min(cpu, go()[1])
            tools.setdefault(tool, {}).update(result)
            tool_s = sum(seconds[f] for f in result)
            speeds[(tool, fmt)] = tool_s / cpu if cpu > 0 else 0.0
            line(f'speed_{tool}_{fmt}', speeds[(tool, fmt)], 'x real time per core')
        if 'ours' not in a.tools.split(','):
            continue
        decode_cpu, _ = decode_only(a.build, files)
        for _ in range(a.timing_runs - 1):
            if decode_cpu:
                decode_cpu = min(decode_cpu, decode_only(a.build, files)[0] or decode_cpu)
        if not decode_cpu:
            print(f'compare-analysers: no moodboard_bench in {a.build}; bare decoding not timed',
                  file=sys.stderr)
            continue
        line(f'speed_decode-only_{fmt}', audio_s / decode_cpu, 'x real time per core')
        line(f'analysis_over_decode_time_{fmt}', speeds.get(('ours', fmt)) and
             (audio_s / speeds[('ours', fmt)]) / decode_cpu or 0.0, 'x')

    # Accuracy on one format.
    fmt = a.accuracy_format
    path = {t['name']: os.path.join(a.corpus, fmt, t['name'] + '.' + fmt) for t in truth}
    tempo_set = [t for t in truth if t['tempo_ok'] == '1']
    line('tempo_songs', len(tempo_set))
    for tool in ('ours', 'aubio', 'bpm-tools', 'essentia.js'):
        if tool not in tools:
            continue
        ran = [t for t in tempo_set if path[t['name']] in tools[tool]]
        if len(ran) != len(tempo_set):
            line(f'tempo_songs_{tool}', len(ran))  # --essentia-songs key runs on fewer songs
        if not ran:
            continue
        est = [tools[tool][path[t['name']]].get('bpm') for t in ran]
        tv = [float(t['bpm']) for t in ran]
        a1 = sum(acc(e, v, (1,)) for e, v in zip(est, tv)) / len(tv)
        a2 = sum(acc(e, v, (1, 2, 0.5, 3, 1 / 3)) for e, v in zip(est, tv)) / len(tv)
        line(f'tempo_acc1_{tool}', a1)
        line(f'tempo_acc2_{tool}', a2)
        for source in ('simutrans', 'mma-example', 'generated', 'generated-hard',
                       'generated-check'):
            sub = [(e, v) for e, v, t in zip(est, tv, ran) if t['source'] == source]
            if sub:
                line(f'tempo_acc1_{tool}_{source}', sum(acc(e, v, (1,)) for e, v in sub) / len(sub))
                line(f'tempo_acc2_{tool}_{source}',
                     sum(acc(e, v, (1, 2, 0.5, 3, 1 / 3)) for e, v in sub) / len(sub))

    # Key truth sets: generated songs by their source (the cadential set keeps its old name so
    # older figures compare), found MIDI by its declared signature.
    def key_set_of(t):
        return t['source'] if t['key_source'] == 'generated' else t['key_source']

    def key_name(k):
        return 'none' if k is None else f"{NAMES[k[0]]} {'minor' if k[1] else 'major'}"

    for name in ('generated', 'generated-hard', 'generated-check', 'declared'):
        key_set = [t for t in truth if key_set_of(t) == name]
        line(f'key_songs_{name}', len(key_set))
        for tool in ('ours', 'essentia.js'):
            if tool not in tools or not key_set:
                continue
            said = {t['name']: tools[tool].get(path[t['name']], {}).get('key') for t in key_set}
            scores = {t['name']: mirex(said[t['name']], (PITCH[t['key']], t['mode'] == 'minor'))
                      for t in key_set}
            line(f'key_mirex_{tool}_{name}', sum(scores.values()) / len(key_set))
            for mode in ('major', 'minor'):
                of_mode = [scores[t['name']] for t in key_set if t['mode'] == mode]
                if of_mode:
                    line(f'key_mirex_{tool}_{name}_{mode}', sum(of_mode) / len(of_mode))
            line(f'key_answered_{tool}_{name}', sum(k is not None for k in said.values()))
            if not a.key_misses:
                continue
            for t in key_set:
                if scores[t['name']] < 1:
                    truth_key = key_name((PITCH[t['key']], t['mode'] == 'minor'))
                    print(f"key_miss_{tool}_{name}: {t['name']} said {key_name(said[t['name']])}, "
                          f"truth {truth_key}, score {scores[t['name']]:.1f}", flush=True)
    errors = []
    for f, r in tools.get('ours', {}).items() if 'ffmpeg-ebur128' in tools else []:
        ref = tools['ffmpeg-ebur128'].get(f, {}).get('lufs')
        if ref is not None and r.get('lufs') is not None:
            errors.append(abs(r['lufs'] - ref))
    if errors:
        line('loudness_files', len(errors))
        line('loudness_err_max', max(errors), 'LU')
        line('loudness_err_mean', sum(errors) / len(errors), 'LU')
        line('loudness_within_0.2', sum(e <= 0.2 for e in errors) / len(errors))
    if os.environ.get('COMPARE_DUMP'):
        json.dump({t: {k: v for k, v in r.items()} for t, r in tools.items()},
                  open(os.environ['COMPARE_DUMP'], 'w'), indent=1, default=str)


if __name__ == '__main__':
    main()
