#include "Library/Track.h"

#include <nlohmann/json.hpp>

namespace moodboard::library
{

void to_json (nlohmann::json& j, const Track& track)
{
    j = nlohmann::json { { "path", track.path },
                         { "title", track.title },
                         { "artist", track.artist },
                         { "album", track.album },
                         { "genre", track.genre },
                         { "isrc", track.isrc } };

    auto optional = [] (const std::optional<double>& value)
    { return value ? nlohmann::json (*value) : nlohmann::json (nullptr); };

    j["year"] = track.year > 0 ? nlohmann::json (track.year) : nlohmann::json (nullptr);
    j["replaygain"] = { { "track_gain_db", optional (track.replayGain.trackGainDb) },
                        { "track_peak", optional (track.replayGain.trackPeak) },
                        { "album_gain_db", optional (track.replayGain.albumGainDb) },
                        { "album_peak", optional (track.replayGain.albumPeak) } };

    if (track.error.empty())
        j.update (nlohmann::json (track.features));
    else
        j.update (nlohmann::json (audio::Features {}));

    j["error"] = track.error.empty() ? nlohmann::json (nullptr) : nlohmann::json (track.error);
}

} // namespace moodboard::library
