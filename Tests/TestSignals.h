#pragma once

#include "Audio/AudioStream.h"

#include <cstdint>
#include <vector>

/** Signals with known answers for the analysis tests, and an in-memory AudioStream.

    Every generator is deterministic (noise comes from a fixed-seed generator), returns planar
    channels and writes the same signal to each channel unless it says otherwise.
*/
namespace moodboard::testing
{

using Channels = std::vector<std::vector<float>>;

/** A sine of the given peak amplitude. */
[[nodiscard]] Channels makeSine (double hz, double peak, double seconds, double rate,
                                 int numChannels = 1);

/** Digital silence. */
[[nodiscard]] Channels makeSilence (double seconds, double rate, int numChannels = 1);

/** Uniform white noise whose peak is `peakDbfs`. */
[[nodiscard]] Channels makeWhiteNoise (double peakDbfs, double seconds, double rate,
                                       int numChannels = 1);

/** Short decaying clicks (a 2 kHz ping with a noise transient) on every beat. */
[[nodiscard]] Channels makeClickTrack (double bpm, double seconds, double rate,
                                       int numChannels = 1);

/** A rock beat: kick on beats 1 and 3, snare on 2 and 4, closed hi-hat on every eighth note,
    scaled so that its peak is `peak`.
*/
[[nodiscard]] Channels makeDrumPattern (double bpm, double seconds, double rate,
                                        int numChannels = 1, double peak = 0.9);

/** A straight eighth-note rock groove: the drums of makeDrumPattern, and a closed hi-hat, a
    plucked bass note and a guitar chord on every eighth note, as loud off the beat as on it, so
    that the off-beats carry much of the beats' onset energy without being beats. Peak 0.9.
*/
[[nodiscard]] Channels makeEighthNoteGroove (double bpm, double seconds, double rate,
                                             int numChannels = 1);

/** Block chords played with additive-synth tones (six harmonics, 1/h amplitudes) over a bass
    note: I-IV-V-I in major or i-iv-V-i in (harmonic) minor, repeated for `seconds`.
    `tonic` is a pitch class 0..11 with C = 0.
*/
[[nodiscard]] Channels makeChordProgression (int tonic, bool minor, double seconds, double rate,
                                             int numChannels = 1);

/** The same instrument playing any progression: each chord lists semitones above the tonic,
    the first entry being its bass note (played an octave lower); 1.5 s per chord.
*/
[[nodiscard]] Channels makeProgression (int tonic, const std::vector<std::vector<int>>& chords,
                                        double seconds, double rate, int numChannels = 1);

/** A quiet, slowly swelling sine chord (A minor triad) with no attacks: a calm pad. */
[[nodiscard]] Channels makeSinePad (double seconds, double rate, int numChannels = 1);

/** Serves planar channels block by block, optionally capping each read, and optionally failing
    with an error once `failAfter` samples have been served.
*/
class MemoryStream final : public audio::AudioStream
{
public:
    MemoryStream (Channels channels, double rate, int maxBlock = 1 << 30,
                  std::int64_t failAfter = -1);

    [[nodiscard]] double getSampleRate() const override { return rate; }
    [[nodiscard]] int getNumChannels() const override { return (int) data.size(); }
    [[nodiscard]] std::int64_t getLengthInSamples() const override;
    [[nodiscard]] Expected<int> read (float* const* channels, int numSamples) override;

    /** How many read() calls were made. */
    [[nodiscard]] int getReadCount() const noexcept { return reads; }

private:
    Channels data;
    double rate;
    int maxBlock;
    std::int64_t failAfter;
    std::int64_t position = 0;
    int reads = 0;
};

} // namespace moodboard::testing
