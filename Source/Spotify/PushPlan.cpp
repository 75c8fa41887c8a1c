#include "Spotify/PushPlan.h"

#include "Auth/Pkce.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace moodboard::spotify
{
namespace
{
std::string playbackName (Playback playback)
{
    switch (playback)
    {
        case Playback::play:
            return "play";
        case Playback::queue:
            return "queue";
        case Playback::none:
            break;
    }
    return "none";
}

Playback playbackFrom (const std::string& name)
{
    if (name == "play")
        return Playback::play;
    if (name == "queue")
        return Playback::queue;
    return Playback::none;
}

std::string lengthText (double seconds)
{
    const auto total = static_cast<long> (std::lround (seconds));
    const auto hours = total / 3600, minutes = (total % 3600) / 60;
    return hours > 0 ? std::to_string (hours) + " h " + std::to_string (minutes) + " min"
                     : std::to_string (minutes) + " min " + std::to_string (total % 60) + " s";
}
} // namespace

void to_json (nlohmann::json& out, const PushPlan& plan)
{
    out = {{"accountName", plan.accountName}, {"name", plan.name},
           {"description", plan.description}, {"uris", plan.uris},
           {"unresolved", plan.unresolved},   {"totalSeconds", plan.totalSeconds},
           {"cover", plan.coverJpegBase64},   {"playback", playbackName (plan.playback)},
           {"public", plan.isPublic},         {"updatesPlaylistId", plan.updatesPlaylistId}};
}

void from_json (const nlohmann::json& in, PushPlan& plan)
{
    plan.accountName = in.value ("accountName", "");
    plan.name = in.value ("name", "");
    plan.description = in.value ("description", "");
    plan.uris = in.value ("uris", std::vector<std::string>());
    plan.unresolved = in.value ("unresolved", std::vector<std::string>());
    plan.totalSeconds = in.value ("totalSeconds", 0.0);
    plan.coverJpegBase64 = in.value ("cover", "");
    plan.playback = playbackFrom (in.value ("playback", "none"));
    plan.isPublic = in.value ("public", false);
    plan.updatesPlaylistId = in.value ("updatesPlaylistId", "");
}

std::string PushPlan::digest() const
{
    nlohmann::json fields = *this;
    fields.erase ("unresolved"); // shown, but not written
    return auth::sha256Hex (fields.dump());
}

std::vector<std::string> PushPlan::describe() const
{
    std::vector<std::string> lines;
    lines.push_back ("Account: " + accountName);
    lines.push_back ((updatesPlaylistId.empty() ? "New playlist: " : "Update playlist: ") + name +
                     (isPublic ? " (public)" : " (private)"));
    lines.push_back ("Tracks: " + std::to_string (uris.size()) + ", " + lengthText (totalSeconds));
    if (unresolved.empty())
        lines.push_back ("Every track was found on Spotify.");
    else
    {
        lines.push_back ("Not found on Spotify, left out (" + std::to_string (unresolved.size()) +
                         "):");
        for (const auto& track : unresolved)
            lines.push_back ("  " + track);
    }
    lines.push_back (coverJpegBase64.empty() ? "Cover: none"
                                             : "Cover: the mood map is uploaded as the cover");
    if (playback == Playback::play)
        lines.push_back ("Then: starts playing on your active Spotify device");
    else if (playback == Playback::queue)
        lines.push_back ("Then: adds the tracks to your active device's queue");
    return lines;
}

std::optional<PushConfirmation> ConfirmationPrompt::requestConfirmation (const PushPlan& plan)
{
    if (!ask (plan))
        return std::nullopt;
    return PushConfirmation (plan.digest());
}

} // namespace moodboard::spotify
