#pragma once

#include "Library/Track.h"

#include <filesystem>

namespace moodboard::library
{

/** Sets title, artist, album, genre, ISRC, year and ReplayGain (track and album gain and peak)
    from a file's tags (ID3v2 including TXXX REPLAYGAIN_* frames, an MP3's APE tag, Vorbis
    comments, RIFF INFO, AIFF, FLAC) through TagLib, clearing what the file does not carry.
    Without a title tag, the file name gives the title, and the artist too when it reads
    "Artist - Title" or "01 - Artist - Title". Any thread.
*/
void readTags (const std::filesystem::path& file, Track& track);

} // namespace moodboard::library
