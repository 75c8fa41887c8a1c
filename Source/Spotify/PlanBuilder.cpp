#include "Spotify/PlanBuilder.h"

#include "Spotify/CoverArt.h"

namespace moodboard::spotify
{
namespace
{
constexpr std::size_t maxDescriptionBytes = 250;

std::string whyLeftOut (const Resolution& resolution)
{
    switch (resolution.status)
    {
        case Resolution::Status::ambiguous:
            return " (" + std::to_string (resolution.candidates.size()) +
                   " close matches, none clear)";
        case Resolution::Status::failed:
            return " (" + resolution.error + ")";
        case Resolution::Status::notFound:
        case Resolution::Status::matched:
            break;
    }
    return " (not on Spotify)";
}
} // namespace

std::string trackLabel (const library::Track& track)
{
    return (track.artist.empty() ? std::string ("unknown artist") : track.artist) + " - " +
           track.title;
}

std::string truncateUtf8 (const std::string& text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return text;

    // Step back over continuation bytes (10xxxxxx) so the cut falls before a lead byte.
    auto end = maxBytes;
    while (end > 0 && (static_cast<unsigned char> (text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr (0, end);
}

std::string defaultPlaylistName (const std::string& moodText)
{
    return "Moodboard: " + truncateUtf8 (moodText, 80);
}

BuiltPlan buildPushPlan (const matching::Playlist& playlist,
                         const std::vector<Resolution>& resolutions, const std::string& name,
                         const std::string& accountName, bool cover, Playback playback)
{
    BuiltPlan built;
    auto& plan = built.plan;
    plan.accountName = accountName;
    plan.name = name;
    plan.description = truncateUtf8 (playlist.mood.explanation, maxDescriptionBytes);
    plan.playback = playback;

    std::vector<mood::MoodPoint> coverPoints;
    for (std::size_t i = 0; i < playlist.entries.size(); ++i)
    {
        const auto& track = playlist.entries[i].track;
        if (i >= resolutions.size())
        {
            plan.unresolved.push_back (trackLabel (track) + " (not looked up)");
            continue;
        }

        const auto& resolution = resolutions[i];
        if (resolution.status != Resolution::Status::matched || !resolution.match)
        {
            plan.unresolved.push_back (trackLabel (track) + whyLeftOut (resolution));
            continue;
        }

        plan.uris.push_back (resolution.match->uri);
        plan.totalSeconds += resolution.match->durationMs / 1000.0;
        coverPoints.push_back (
            {track.features.valence.value_or (0.5), track.features.energy.value_or (0.5)});
    }

    if (cover && !plan.uris.empty())
    {
        if (auto art = renderCover (coverPoints))
            plan.coverJpegBase64 = std::move (art->base64);
        else
            built.coverProblem = art.error().message;
    }
    return built;
}

} // namespace moodboard::spotify
