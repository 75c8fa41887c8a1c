#pragma once

#include "Matching/Playlist.h"
#include "Matching/Sequencer.h"

#include <cstddef>
#include <vector>

namespace moodboard::matching
{

/** Edits a user makes to a playlist shown to them. Each returns a new playlist and leaves the
    given one as it was, so a playlist shared with other threads is never changed under them.
    Positions are 0-based; one out of range returns an unchanged copy. Any thread. */
[[nodiscard]] Playlist moveEntry (const Playlist&, std::size_t from, std::size_t to);

/** Removes the track at `position` and adds it to the playlist's `removed` tracks, which
    refinements leave out. See moveEntry. */
[[nodiscard]] Playlist removeEntry (const Playlist&, std::size_t position);

/** Locks or unlocks the track at `position`: a locked track keeps its place and stays in the
    playlist when the mood is refined. See moveEntry. */
[[nodiscard]] Playlist setEntryLocked (const Playlist&, std::size_t position, bool locked);

/** The locked entries of `playlist` with their slots, for SequenceOptions::locked. The pointers
    refer into `playlist`, which must outlive their use. Any thread. */
[[nodiscard]] std::vector<LockedTrack> lockedTracksOf (const Playlist& playlist);

/** What a refinement of `shown` keeps: its locked tracks at their slots and its removed tracks
    left out. The pointers refer into `shown`, which must outlive their use. Any thread. */
[[nodiscard]] SequenceOptions refinementOptionsOf (const Playlist& shown);

} // namespace moodboard::matching
