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
                         { "genre", track.genre } };

    if (track.error.empty())
        j.update (nlohmann::json (track.features));
    else
        j.update (nlohmann::json (audio::Features {}));

    j["error"] = track.error.empty() ? nlohmann::json (nullptr) : nlohmann::json (track.error);
}

} // namespace moodboard::library
