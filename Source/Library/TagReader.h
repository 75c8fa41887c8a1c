#pragma once

#include "Library/Track.h"

#include <filesystem>

namespace moodboard::library
{

/** Fills title, artist, album, genre and ISRC from a file's tags (ID3, Vorbis comments, RIFF
    INFO, AIFF, FLAC) through TagLib. Falls back to the file name for the title, and leaves the
    other fields empty when a file has no tags or its tags are unreadable. Any thread.
*/
void readTags (const std::filesystem::path& file, Track& track);

} // namespace moodboard::library
