#pragma once

#include "TestSignals.h"

#include <filesystem>
#include <map>
#include <string>

/** Writing test audio to disk in every supported format, and scratch folders for tests. */
namespace moodboard::testing
{

enum class FileFormat
{
    wav,
    aiff,
    flac,
    oggVorbis,
    mp3   // written as WAV, then encoded by the `lame` command
};

struct Tags
{
    std::string title, artist, album, genre;
};

/** Writes the channels to `file` with JUCE's writer for the format (16-bit where it applies).
    Tags are written where the format's JUCE writer supports them (Ogg Vorbis comments, RIFF
    INFO in WAV).
    Returns false when the file could not be written.
*/
[[nodiscard]] bool writeAudioFile (const std::filesystem::path& file, FileFormat format,
                                   const Channels& channels, double rate, const Tags& tags = {});

/** An empty folder for one test, below MOODBOARD_TEST_TMP (or the system's temp folder). */
[[nodiscard]] std::filesystem::path makeScratchFolder (const std::string& name);

/** Points MOODBOARD_HOME at a fresh folder for the lifetime of the object. */
class ScopedMoodboardHome final
{
public:
    explicit ScopedMoodboardHome (const std::string& name);
    ~ScopedMoodboardHome();

    [[nodiscard]] const std::filesystem::path& getFolder() const { return folder; }

private:
    std::filesystem::path folder;
    std::string previous;
    bool hadPrevious = false;
};

/** A short piece of music with a clear character: drums at `bpm` over a chord progression,
    mixed at `level` (peak, 0..1). Calm pieces use a sine pad without drums.
*/
[[nodiscard]] Channels makeSong (double bpm, bool calm, double level, double seconds, double rate);

} // namespace moodboard::testing
