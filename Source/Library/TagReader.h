#pragma once

#include "Library/Track.h"

#include <filesystem>

namespace moodboard::library
{

/** Fills title, artist, album, genre and ISRC from a file's tags (ID3, Vorbis comments, RIFF
    INFO, AIFF, FLAC) through TagLib. Without a title tag, the file name gives the title, and the
    artist too when it reads "Artist - Title" or "01 - Artist - Title". Any thread.
*/
void readTags (const std::filesystem::path& file, Track& track);

} // namespace moodboard::library
