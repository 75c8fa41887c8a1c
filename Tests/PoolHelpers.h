#pragma once

#include "Matching/Playlist.h"

#include <algorithm>
#include <string>
#include <vector>

namespace moodboard::testing
{

/** The tracks as the pool the Sequencer takes. */
inline std::vector<const library::Track*> pointers (const std::vector<library::Track>& tracks)
{
    std::vector<const library::Track*> out;
    for (const auto& t : tracks)
        out.push_back (&t);
    return out;
}

/** How many entries of the playlist play the file at `path`. */
inline int countPath (const matching::Playlist& playlist, const std::string& path)
{
    return (int) std::ranges::count_if (playlist.entries,
                                        [&] (const auto& e) { return e.track.path == path; });
}

} // namespace moodboard::testing
