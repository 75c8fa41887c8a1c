#pragma once

#include "Library/Catalog.h"
#include "Matching/Playlist.h"
#include "Matching/Sequencer.h"

#include <filesystem>

namespace moodboard::matching
{

/** Builds mood playlists from the catalog: finds candidates near the target through the
    persisted hnswlib feature index, applies the hard constraints, orders the tracks along the
    mood arc with the Sequencer, and explains each pick.

    Keeps an in-memory copy of the catalog's tracks and the index, refreshed when the catalog's
    generation changes: the index is then updated track by track (added, replaced, marked
    deleted), and rebuilt only when its file is missing, damaged or of another feature-space
    version. Not thread-safe: use one Suggester per thread, or guard it.
*/
class Suggester final
{
public:
    Suggester (library::Catalog& catalog, std::filesystem::path indexFile);
    ~Suggester();

    /** The playlist for a target; an error only when the catalog has no analysed track.
        Any thread but the message or audio thread. */
    [[nodiscard]] Expected<Playlist> suggest (const mood::MoodTarget& target,
                                              const SequenceOptions& options = {});

    /** "Play something like this track": a playlist that opens with the track (a catalog path
        or id) and stays close to its mood, tempo and sound. */
    [[nodiscard]] Expected<Playlist> suggestLike (const std::string& track, int count,
                                                  const SequenceOptions& options = {});

    /** "Make a path from A to B": opens with A, ends with B, and steps across the mood plane
        between them. */
    [[nodiscard]] Expected<Playlist> suggestPath (const std::string& from, const std::string& to,
                                                  int count, const SequenceOptions& options = {});

    /** The catalog track with this path or id, if it is analysed. */
    [[nodiscard]] Expected<library::Track> findTrack (const std::string& pathOrId);

private:
    struct State;
    [[nodiscard]] Expected<void> refresh();

    library::Catalog& catalog;
    std::filesystem::path indexFile;
    std::unique_ptr<State> state;
};

} // namespace moodboard::matching
