#pragma once

#include "Audio/AudioStream.h"

#include <filesystem>
#include <memory>

namespace moodboard::audio
{

/** Opens an MPEG audio file (MP3, and layers 1 and 2) with libmpg123.

    libmpg123 replaces JUCE's own MP3 reader, which a fuzzer showed writing past one of its
    arrays on malformed frames. It also skips ID3v2 tags of any size (embedded artwork included),
    honours the LAME/Xing header for gapless length, and scans the frames of files without such a
    header, so VBR files report their true length. Damaged frames are skipped by resyncing, as
    players do; a file with no decodable frame is refused with a message naming it.
    Each stream owns its own handle, so streams may be used on different threads.
*/
[[nodiscard]] Expected<std::unique_ptr<AudioStream>>
    openMpegAudio (const std::filesystem::path& file);

} // namespace moodboard::audio
