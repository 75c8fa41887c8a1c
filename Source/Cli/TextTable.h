#pragma once

#include "Library/Track.h"
#include "Matching/Playlist.h"

#include <ostream>

namespace moodboard::cli
{

/** A few aligned lines with the features of one track, for `moodboard analyze`. */
void printTrackSummary (std::ostream&, const library::Track&);

/** The playlist as an aligned table with one reason per track, for `moodboard suggest`. */
void printPlaylistTable (std::ostream&, const matching::Playlist&);

} // namespace moodboard::cli
