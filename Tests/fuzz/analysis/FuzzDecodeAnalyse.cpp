// libFuzzer target over the decode-and-analyse path: the bytes become a file with one of the
// extensions we read, FileAudioDecoder opens it and FeatureExtractor analyses it. Crashes,
// sanitizer reports and features outside their documented ranges are failures.
#include "Audio/FeatureExtractor.h"
#include "AudioIO/FileAudioDecoder.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace
{
void require (bool condition, const char* what)
{
    if (! condition)
    {
        std::fprintf (stderr, "feature out of range: %s\n", what);
        std::abort();
    }
}

void requireIn (const std::optional<double>& value, double low, double high, const char* what)
{
    if (value)
        require (std::isfinite (*value) && *value >= low && *value <= high, what);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    using namespace moodboard::audio;
    static const FileAudioDecoder decoder;
    static const std::array<const char*, 5> extensions { ".wav", ".aiff", ".flac", ".ogg", ".mp3" };
    static const auto folder = std::filesystem::temp_directory_path()
                             / ("moodboard-fuzz-" + std::to_string (getpid()));
    std::filesystem::create_directories (folder);

    // The first byte picks the extension, so that every reader sees every kind of input.
    const auto extension = size > 0 ? extensions[data[0] % extensions.size()] : ".wav";
    const auto file = folder / (std::string ("input") + extension);
    {
        std::ofstream out (file, std::ios::binary | std::ios::trunc);
        if (size > 1)
            out.write (reinterpret_cast<const char*> (data + 1), (std::streamsize) (size - 1));
    }

    if (auto stream = decoder.open (file))
    {
        if (auto f = FeatureExtractor::analyse (**stream))
        {
            require (std::isfinite (f->durationSeconds) && f->durationSeconds >= 0.0, "duration");
            requireIn (f->tempoBpm, 20.0, 480.0, "tempo");
            requireIn (f->loudnessLufs, -200.0, 30.0, "loudness");
            requireIn (f->energy, 0.0, 1.0, "energy");
            requireIn (f->valence, 0.0, 1.0, "valence");
            requireIn (f->danceability, 0.0, 1.0, "danceability");
            requireIn (f->acousticness, 0.0, 1.0, "acousticness");
            if (f->key)
                require (*f->key >= 0 && *f->key < 12, "key");
        }
    }
    return 0;
}
