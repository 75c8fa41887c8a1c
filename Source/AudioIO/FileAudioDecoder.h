#pragma once

#include "Audio/AudioStream.h"

#include <memory>

namespace moodboard::audio
{

/** Reads WAV, AIFF, FLAC and Ogg Vorbis through JUCE's format readers, and MPEG audio (MP3)
    through libmpg123 (see Mpg123Stream.h).

    Formats are chosen by content, not by extension, so a text file named .mp3 is refused with a
    clear message instead of being decoded as noise. Safe to use from several threads at once:
    each open() creates its own reader.
*/
class FileAudioDecoder final : public AudioDecoder
{
public:
    FileAudioDecoder();
    ~FileAudioDecoder() override;

    [[nodiscard]] Expected<std::unique_ptr<AudioStream>>
        open (const std::filesystem::path& file) const override;

    [[nodiscard]] std::vector<std::string> getExtensions() const override;

private:
    struct Formats;
    std::unique_ptr<Formats> formats;
};

} // namespace moodboard::audio
