#pragma once

#include "Core/Error.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace moodboard::spotify
{

/** The Web API's objects, as much of them as the product uses. Parsing is defensive: a missing
    field, a null or a field of another type gives the empty value, unknown fields are ignored,
    and an object without the one field it cannot do without (an id) is skipped by the list
    parsers. Any thread. */

struct SpotifyUser
{
    std::string id;
    std::string displayName;
    std::string country;
    std::string product;
};

struct SpotifyTrack
{
    std::string id;
    std::string uri;
    std::string name;
    std::vector<std::string> artists;
    std::string album;
    int durationMs = 0;
    std::string isrc;
    bool isLocal = false;

    [[nodiscard]] std::string artistLine() const; // "A, B"
};

struct SpotifyPlaylist
{
    std::string id;
    std::string uri;
    std::string name;
    std::string snapshotId;
    std::string description;
    int itemCount = 0; // from `items.total`, or the older `tracks.total`
};

/** Spotify's audio features of one track, on Spotify's scales. */
struct SpotifyAudioFeatures
{
    std::string id;
    double danceability = 0.0, energy = 0.0, valence = 0.0, acousticness = 0.0;
    double instrumentalness = 0.0, speechiness = 0.0, liveness = 0.0;
    double tempo = 0.0, loudness = 0.0;
    int key = -1, mode = -1;
};

/** One page of a paging object: the items as JSON, and where the next page is. */
struct Page
{
    std::vector<nlohmann::json> items;
    int total = 0;
    int offset = 0;
    int limit = 0;
    std::string next; // empty at the end
};

[[nodiscard]] SpotifyUser parseUser (const nlohmann::json&);
/** A track object; also accepts a playlist or library item that wraps it in `item` (the field
    since 2026) or `track` (the older name). Nothing when there is no track id (a local file, an
    episode, a removed track). */
[[nodiscard]] std::optional<SpotifyTrack> parseTrack (const nlohmann::json&);
[[nodiscard]] SpotifyPlaylist parsePlaylist (const nlohmann::json&);
[[nodiscard]] std::optional<SpotifyAudioFeatures> parseAudioFeatures (const nlohmann::json&);
[[nodiscard]] Page parsePage (const nlohmann::json&);

/** The message of a Spotify error body (`{"error": {"status": 400, "message": "..."}}`, or the
    accounts service's `error_description`); empty when the body says nothing usable. At most
    200 characters, printable only. */
[[nodiscard]] std::string errorMessageOf (const std::string& body);

/** True for a Spotify id: 22 characters of base 62. */
[[nodiscard]] bool isSpotifyId (std::string_view);

} // namespace moodboard::spotify
