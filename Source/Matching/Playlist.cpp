#include "Matching/Playlist.h"
#include "Matching/PlaylistFileName.h"

#include "Core/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace moodboard::matching
{

std::vector<mood::OfferedTrack> offeredTracksOf (const Playlist& playlist)
{
    std::vector<mood::OfferedTrack> tracks;
    for (const auto& entry : playlist.entries)
    {
        const auto& f = entry.track.features;
        tracks.push_back ({ entry.track.title.empty() ? entry.track.path : entry.track.title,
                            { f.valence.value_or (0.5), f.energy.value_or (0.5) }, f.tempoBpm,
                            f.danceability, f.acousticness });
    }
    return tracks;
}

double Playlist::getTotalSeconds() const
{
    double total = 0.0;
    for (const auto& entry : entries)
        total += entry.track.features.durationSeconds;
    return total;
}

void to_json (nlohmann::json& j, const Playlist& playlist)
{
    auto tracks = nlohmann::json::array();

    for (const auto& entry : playlist.entries)
    {
        nlohmann::json t = entry.track;
        t.erase ("error");
        t["reason"] = entry.reason;
        t["distance"] = entry.distance;
        tracks.push_back (std::move (t));
    }

    j = nlohmann::json { { "mood", playlist.mood },
                         { "tracks", std::move (tracks) },
                         { "total_duration_s", playlist.getTotalSeconds() },
                         { "notes", playlist.notes } };
}

Expected<void> writeM3u8 (const Playlist& playlist, const std::filesystem::path& file,
                          const std::string& title)
{
    // Extended M3U in UTF-8: a header, then for each track its length, its name and its path.
    std::string text = "#EXTM3U\n#PLAYLIST:" + playlistTitle (title, file) + "\n";

    for (const auto& entry : playlist.entries)
    {
        const auto& track = entry.track;
        const auto seconds = (long) std::lround (track.features.durationSeconds);
        auto name = track.artist.empty() ? track.title : track.artist + " - " + track.title;
        std::replace_if (name.begin(), name.end(),
                         [] (char c) { return c == '\n' || c == '\r'; }, ' ');
        text += "#EXTINF:" + std::to_string (seconds) + "," + name + "\n" + track.path + "\n";
    }

    return writeFileAtomically (file, text);
}

} // namespace moodboard::matching
