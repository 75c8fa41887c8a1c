#include "Spotify/SpotifyModels.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace moodboard::spotify
{
namespace
{
using nlohmann::json;

std::string text (const json& object, const char* key)
{
    if (!object.is_object())
        return {};
    const auto found = object.find (key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

double number (const json& object, const char* key, double fallback = 0.0)
{
    if (!object.is_object())
        return fallback;
    const auto found = object.find (key);
    return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

const json* child (const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto found = object.find (key);
    return found != object.end() && !found->is_null() ? &*found : nullptr;
}

bool isTrackObject (const json& value)
{
    return value.is_object() && (value.contains ("duration_ms") || text (value, "type") == "track");
}
} // namespace

std::string SpotifyTrack::artistLine() const
{
    std::string line;
    for (const auto& artist : artists)
        line += (line.empty() ? "" : ", ") + artist;
    return line;
}

SpotifyUser parseUser (const json& value)
{
    return {text (value, "id"), text (value, "display_name"), text (value, "country"),
            text (value, "product")};
}

std::optional<SpotifyTrack> parseTrack (const json& value)
{
    // Playlist items carry the track in `item` (2026) or `track` (before); saved tracks and
    // recently played in `track`.
    const json* object = &value;
    if (!isTrackObject (value))
    {
        if (const auto* item = child (value, "item"); item && isTrackObject (*item))
            object = item;
        else if (const auto* track = child (value, "track"); track && isTrackObject (*track))
            object = track;
        else
            return std::nullopt;
    }

    SpotifyTrack track;
    track.id = text (*object, "id");
    track.uri = text (*object, "uri");
    track.name = text (*object, "name");
    track.durationMs = static_cast<int> (std::max (0.0, number (*object, "duration_ms")));
    if (const auto* local = child (*object, "is_local"); local && local->is_boolean())
        track.isLocal = local->get<bool>();
    if (const auto* artists = child (*object, "artists"); artists && artists->is_array())
        for (const auto& artist : *artists)
            if (auto name = text (artist, "name"); !name.empty())
                track.artists.push_back (std::move (name));
    if (const auto* album = child (*object, "album"))
        track.album = text (*album, "name");
    if (const auto* ids = child (*object, "external_ids"))
        track.isrc = text (*ids, "isrc");

    if (!isSpotifyId (track.id) || track.isLocal)
        return std::nullopt;
    if (track.uri.empty())
        track.uri = "spotify:track:" + track.id;
    return track;
}

SpotifyPlaylist parsePlaylist (const json& value)
{
    SpotifyPlaylist playlist{text (value, "id"), text (value, "uri"), text (value, "name"),
                             text (value, "snapshot_id"), text (value, "description")};
    const auto* items = child (value, "items");
    if (items == nullptr || !items->is_object())
        items = child (value, "tracks");
    if (items != nullptr)
        playlist.itemCount = static_cast<int> (std::max (0.0, number (*items, "total")));
    if (playlist.uri.empty() && !playlist.id.empty())
        playlist.uri = "spotify:playlist:" + playlist.id;
    return playlist;
}

std::optional<SpotifyAudioFeatures> parseAudioFeatures (const json& value)
{
    if (!value.is_object() || !isSpotifyId (text (value, "id")))
        return std::nullopt;

    SpotifyAudioFeatures f;
    f.id = text (value, "id");
    f.danceability = number (value, "danceability");
    f.energy = number (value, "energy");
    f.valence = number (value, "valence");
    f.acousticness = number (value, "acousticness");
    f.instrumentalness = number (value, "instrumentalness");
    f.speechiness = number (value, "speechiness");
    f.liveness = number (value, "liveness");
    f.tempo = number (value, "tempo");
    f.loudness = number (value, "loudness");
    f.key = static_cast<int> (number (value, "key", -1));
    f.mode = static_cast<int> (number (value, "mode", -1));
    return f;
}

Page parsePage (const json& value)
{
    Page page;
    if (const auto* items = child (value, "items"); items && items->is_array())
        page.items.assign (items->begin(), items->end());
    page.total = static_cast<int> (std::max (0.0, number (value, "total")));
    page.offset = static_cast<int> (std::max (0.0, number (value, "offset")));
    page.limit = static_cast<int> (std::max (0.0, number (value, "limit")));
    page.next = text (value, "next");
    return page;
}

std::string errorMessageOf (const std::string& body)
{
    const auto parsed = json::parse (body, nullptr, false);
    std::string message;
    if (parsed.is_object())
    {
        if (const auto* error = child (parsed, "error"); error && error->is_object())
            message = text (*error, "message");
        else if (error && error->is_string())
            message = text (parsed, "error_description").empty()
                          ? error->get<std::string>()
                          : text (parsed, "error_description");
    }

    message.erase (std::remove_if (message.begin(), message.end(),
                                   [] (unsigned char c) { return c < 0x20 || c == 0x7f; }),
                   message.end());
    if (message.size() > 200)
        message = message.substr (0, 200) + "...";
    return message;
}

bool isSpotifyId (std::string_view id)
{
    return id.size() == 22 && std::all_of (id.begin(), id.end(),
                                           [] (unsigned char c) {
                                               return (c >= '0' && c <= '9') ||
                                                      (c >= 'a' && c <= 'z') ||
                                                      (c >= 'A' && c <= 'Z');
                                           });
}

} // namespace moodboard::spotify
