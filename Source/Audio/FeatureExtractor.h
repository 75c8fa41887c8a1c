#pragma once

#include "Audio/AudioStream.h"
#include "Audio/Features.h"

#include <atomic>

namespace moodboard::audio
{

/** Analyses one recording: decodes it block by block, measures loudness at the file's own rate
    and channel layout, down-mixes and resamples to analysisSampleRate for everything else.

    Stateless and cheap to create; call analyse() from any thread, one call per worker.
*/
class FeatureExtractor final
{
public:
    /** The rate the spectral, tempo and key analysis run at. */
    static constexpr double analysisSampleRate = 22050.0;

    /** The resampler's cutoff, as a fraction of analysisSampleRate / 2. At the Nyquist frequency
        itself, a 2:1 conversion (44.1 kHz) is a half-band filter whose every other tap is zero,
        half the work of the usual 90 %. The price: between about 8.6 and 11 kHz what lay up to
        2.4 kHz above 11 kHz folds back, at -6 dB at 11 kHz and less further down; the
        spectral centroid moved by 80 Hz on average (at most 234 Hz) on the ground-truth songs
        when the cutoff changed, tempo and key not at all.
    */
    static constexpr double analysisResamplerCutoff = 1.0;

    /** Analyses a stream to its end. Returns an Error when the stream is damaged, or with
        Kind::cancelled as soon as `cancel` becomes true. Any thread.
    */
    [[nodiscard]] static Expected<Features> analyse (AudioStream& stream,
                                                     const std::atomic<bool>* cancel = nullptr);
};

} // namespace moodboard::audio
