#include "Matching/PlaylistEdit.h"

#include <algorithm>

namespace moodboard::matching
{

Playlist moveEntry (const Playlist& playlist, std::size_t from, std::size_t to)
{
    auto edited = playlist;
    auto& entries = edited.entries;
    if (from >= entries.size() || to >= entries.size() || from == to)
        return edited;

    // Rotating the range between the two places keeps every other track's order.
    const auto first = entries.begin();
    if (from < to)
        std::rotate (first + (std::ptrdiff_t) from, first + (std::ptrdiff_t) from + 1,
                     first + (std::ptrdiff_t) to + 1);
    else
        std::rotate (first + (std::ptrdiff_t) to, first + (std::ptrdiff_t) from,
                     first + (std::ptrdiff_t) from + 1);
    return edited;
}

Playlist removeEntry (const Playlist& playlist, std::size_t position)
{
    auto edited = playlist;
    if (position < edited.entries.size())
    {
        edited.removed.push_back (edited.entries[position].track);
        edited.entries.erase (edited.entries.begin() + (std::ptrdiff_t) position);
    }
    return edited;
}

Playlist setEntryLocked (const Playlist& playlist, std::size_t position, bool locked)
{
    auto edited = playlist;
    if (position < edited.entries.size())
        edited.entries[position].locked = locked;
    return edited;
}

std::vector<LockedTrack> lockedTracksOf (const Playlist& playlist)
{
    std::vector<LockedTrack> locked;
    for (std::size_t i = 0; i < playlist.entries.size(); ++i)
        if (playlist.entries[i].locked)
            locked.push_back ({ i, &playlist.entries[i].track });
    return locked;
}

SequenceOptions refinementOptionsOf (const Playlist& shown)
{
    SequenceOptions options;
    options.locked = lockedTracksOf (shown);
    for (const auto& track : shown.removed)
        options.excluded.push_back (&track);
    return options;
}

} // namespace moodboard::matching
