#pragma once

#include "Matching/Playlist.h"
#include "Spotify/PushPlan.h"
#include "Spotify/TrackResolver.h"

#include <string>
#include <vector>

namespace moodboard::spotify
{

/** A PushPlan made from a playlist and its tracks' resolutions, with what went wrong on the way
    that the user should hear about but that does not stop the push. */
struct BuiltPlan
{
    PushPlan plan;
    std::string coverProblem; // non-empty when a cover was asked for but could not be made
};

/** "Artist - Title" of a local track, "unknown artist" when the tags have none. Any thread. */
[[nodiscard]] std::string trackLabel (const library::Track& track);

/** Builds what a push will write: the uris of the matched tracks in playing order and their
    total length, the other tracks listed with why they were left out (not on Spotify, several
    close matches, or the search failed), the playlist's description from the mood's
    explanation (cut at 250 bytes on a character boundary), and, when `cover` is set, the mood
    map of the matched tracks rendered as the cover.

    `resolutions` are in the order of `playlist.entries`; entries without one are listed as
    left out. The plan may hold no uri at all: the caller says so instead of pushing.
    Any thread (rendering the cover takes a few tens of milliseconds).
*/
[[nodiscard]] BuiltPlan buildPushPlan (const matching::Playlist& playlist,
                                       const std::vector<Resolution>& resolutions,
                                       const std::string& name, const std::string& accountName,
                                       bool cover, Playback playback);

/** The name a playlist gets on Spotify when the user gives none: "Moodboard: " and the mood's
    words, cut to at most 80 bytes on a character boundary. Any thread. */
[[nodiscard]] std::string defaultPlaylistName (const std::string& moodText);

/** `text` cut to at most `maxBytes` without splitting a UTF-8 sequence. Any thread. */
[[nodiscard]] std::string truncateUtf8 (const std::string& text, std::size_t maxBytes);

} // namespace moodboard::spotify
