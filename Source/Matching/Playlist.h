#pragma once

#include "Core/Error.h"
#include "Library/Track.h"
#include "Mood/MoodConversation.h"
#include "Mood/MoodTarget.h"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace moodboard::matching
{

struct PlaylistEntry
{
    library::Track track;
    mood::MoodPoint target;   // the point of the arc this slot aimed at
    double distance = 0.0;    // in the feature space, lower is closer
    std::string reason;       // one line in plain words, built from the track's features
    bool locked = false;      // the user keeps this track at its place when the mood is refined
};

struct Playlist
{
    mood::MoodTarget mood;
    std::vector<PlaylistEntry> entries;
    std::vector<std::string> notes;   // what was relaxed or could not be met

    /** Tracks the user removed from this playlist. A refinement leaves them out
        (SequenceOptions::excluded) and hands them on, so a removal holds for the rest of the
        playlist's refinements; a new mood starts without them. */
    std::vector<library::Track> removed;

    [[nodiscard]] double getTotalSeconds() const;
};

/** The playlist's tracks as a conversation needs them for "like the third one". Any thread. */
[[nodiscard]] std::vector<mood::OfferedTrack> offeredTracksOf (const Playlist&);

/** `{"mood": {...}, "tracks": [...]}` as printed by `moodboard suggest --json`. */
void to_json (nlohmann::json&, const Playlist&);

/** Writes an extended M3U8 playlist atomically (temporary file, then rename), titled `title`
    (#PLAYLIST), the playlist's name; an empty title is the file's name without its extension.
    Any thread. */
[[nodiscard]] Expected<void> writeM3u8 (const Playlist&, const std::filesystem::path& file,
                                        const std::string& title = {});

/** Writes an XSPF playlist (its title as for writeM3u8; title, creator, album, duration and a
    file:// location per track) atomically. Any thread. */
[[nodiscard]] Expected<void> writeXspf (const Playlist&, const std::filesystem::path& file,
                                        const std::string& title = {});

/** Writes M3U8 for .m3u8 and .m3u, XSPF for .xspf; any other extension is an error that says
    which ones work. `title` as for writeM3u8. Any thread. */
[[nodiscard]] Expected<void> writePlaylistFile (const Playlist&, const std::filesystem::path& file,
                                                const std::string& title = {});

} // namespace moodboard::matching
