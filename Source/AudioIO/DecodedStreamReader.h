#pragma once

#include "Audio/AudioStream.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace moodboard::audio
{

/** A juce::AudioFormatReader over the project's MPEG audio decoder (libmpg123, see
    AudioIO/Mpg123Stream.h), so MP3 files play through JUCE's transport although JUCE's own MP3
    reader is left out of the build.

    The decoder reads forwards only: a read further on decodes and drops the samples between, and
    a read before the current place opens the file again and decodes up to it. Seeking back in a
    long MP3 therefore costs a decode of the file up to there; the transport does it on its
    read-ahead thread, never on the message or audio thread. One thread at a time, like every
    reader.
*/
class DecodedStreamReader final : public juce::AudioFormatReader
{
public:
    /** Opens an MPEG audio file; null with `problem` set (in words for the user) when it cannot
        be read. Any thread. */
    [[nodiscard]] static std::unique_ptr<DecodedStreamReader> openMpeg (const juce::File& file,
                                                                        juce::String& problem);

    bool readSamples (int* const* destChannels, int numDestChannels, int startOffsetInDestBuffer,
                      juce::int64 startSampleInFile, int numSamples) override;

private:
    DecodedStreamReader (std::filesystem::path, std::unique_ptr<AudioStream>);
    [[nodiscard]] bool moveTo (juce::int64 sample);
    [[nodiscard]] int decode (int numSamples);

    std::filesystem::path path;
    std::unique_ptr<AudioStream> stream;
    juce::int64 position = 0;
    std::vector<std::vector<float>> scratch;
    std::vector<float*> scratchPointers;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (DecodedStreamReader)
};

} // namespace moodboard::audio
