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

    /** Analyses a stream to its end. Returns an Error when the stream is damaged, or with
        Kind::cancelled as soon as `cancel` becomes true. Any thread.
    */
    [[nodiscard]] static Expected<Features> analyse (AudioStream& stream,
                                                     const std::atomic<bool>* cancel = nullptr);
};

} // namespace moodboard::audio
