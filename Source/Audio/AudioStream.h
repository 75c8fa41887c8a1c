#pragma once

#include "Core/Error.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace moodboard::audio
{

/** A decoded audio file read block by block as planar float samples in [-1, 1].

    The analysis reads through this interface so that the core does not depend on any decoder;
    the JUCE-based decoder in AudioIO/ implements it. One stream is used by one thread at a time.
*/
class AudioStream
{
public:
    virtual ~AudioStream() = default;

    [[nodiscard]] virtual double getSampleRate() const = 0;
    [[nodiscard]] virtual int getNumChannels() const = 0;

    /** The length the file declares, in samples per channel; files may hold fewer. */
    [[nodiscard]] virtual std::int64_t getLengthInSamples() const = 0;

    /** Reads up to numSamples per channel into channels[0 .. getNumChannels() - 1].
        Returns how many were read: 0 at the end, an Error when the data is damaged.
    */
    [[nodiscard]] virtual Expected<int> read (float* const* channels, int numSamples) = 0;
};

/** Opens audio files by content. Implementations must be usable from several threads at once. */
class AudioDecoder
{
public:
    virtual ~AudioDecoder() = default;

    /** Opens a file for reading; the error message names the file and says what is wrong. */
    [[nodiscard]] virtual Expected<std::unique_ptr<AudioStream>>
        open (const std::filesystem::path& file) const = 0;

    /** Lower-case extensions with the dot (".wav") of the files this decoder reads. */
    [[nodiscard]] virtual std::vector<std::string> getExtensions() const = 0;
};

} // namespace moodboard::audio
