// Runs essentia.js (a peer we compare against; AGPL-3.0, test-only, never shipped) on audio that
// ffmpeg decodes to 44.1 kHz mono float. Prints one JSON line per file:
// {"file", "bpm", "key", "scale", "key_strength"} or {"file", "error"}.
// Usage: node essentia-analyse.js FILE...
'use strict';
const { execFileSync } = require('child_process');
const { Essentia, EssentiaWASM } = require('essentia.js');

const essentia = new Essentia(EssentiaWASM);

function decode(file) {
    const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'f32le', '-ac', '1',
                                        '-ar', '44100', '-'], { maxBuffer: 1 << 30 });
    return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

for (const file of process.argv.slice(2)) {
    try {
        const signal = essentia.arrayToVector(decode(file));
        const rhythm = essentia.RhythmExtractor2013(signal);
        const key = essentia.KeyExtractor(signal);
        console.log(JSON.stringify({ file, bpm: rhythm.bpm, key: key.key, scale: key.scale,
                                     key_strength: key.strength }));
        signal.delete();
    } catch (e) {
        console.log(JSON.stringify({ file, error: String(e) }));
    }
}
