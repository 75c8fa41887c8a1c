#include "Spotify/SpotifyFeatures.h"

#include "Core/AtomicFile.h"
#include "Spotify/TrackResolver.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace moodboard::spotify
{
namespace
{
std::string firstArtistOf (const std::string& line)
{
    return normaliseForMatching (line.substr (0, line.find (',')));
}

bool readRefusal (const std::filesystem::path& file)
{
    std::ifstream in (file);
    std::stringstream text;
    text << in.rdbuf();
    const auto state = nlohmann::json::parse (text.str(), nullptr, false);
    return state.is_object() && state.value ("audioFeaturesRefused", false);
}
} // namespace

std::string originName (FeatureOrigin origin)
{
    switch (origin)
    {
        case FeatureOrigin::spotify:
            return "spotify";
        case FeatureOrigin::localAnalysis:
            return "local";
        case FeatureOrigin::none:
            break;
    }
    return "none";
}

audio::Features featuresFromSpotify (const SpotifyAudioFeatures& s, int durationMs)
{
    audio::Features f;
    f.durationSeconds = durationMs / 1000.0;
    if (s.tempo > 0.0)
        f.tempoBpm = s.tempo;
    f.loudnessLufs = s.loudness;
    if (s.key >= 0 && s.key < 12)
        f.key = s.key;
    if (s.mode == 0 || s.mode == 1)
        f.mode = s.mode;
    f.energy = s.energy;
    f.danceability = s.danceability;
    f.acousticness = s.acousticness;
    f.valence = s.valence;
    return f;
}

const library::Track* findLocalRecording (const SpotifyTrack& track,
                                          const std::vector<library::Track>& local)
{
    if (!track.isrc.empty())
        for (const auto& candidate : local)
            if (candidate.isrc == track.isrc && candidate.isAnalysed())
                return &candidate;

    const auto title = normaliseForMatching (track.name);
    const auto artist =
        track.artists.empty() ? std::string() : normaliseForMatching (track.artists.front());
    for (const auto& candidate : local)
        if (candidate.isAnalysed() && normaliseForMatching (candidate.title) == title &&
            firstArtistOf (candidate.artist) == artist &&
            std::abs (candidate.features.durationSeconds - track.durationMs / 1000.0) <= 3.0)
            return &candidate;
    return nullptr;
}

Expected<std::vector<FeaturedTrack>> attachFeatures (SpotifyApi& api,
                                                     const std::vector<SpotifyTrack>& tracks,
                                                     const std::vector<library::Track>& local,
                                                     const std::filesystem::path& stateFile,
                                                     const std::atomic<bool>* cancel)
{
    if (readRefusal (stateFile))
        api.setAudioFeaturesRefused (true);

    std::map<std::string, SpotifyAudioFeatures> fromSpotify;
    if (!api.isAudioFeaturesRefused() && !tracks.empty())
    {
        std::vector<std::string> ids;
        for (const auto& track : tracks)
            ids.push_back (track.id);
        auto features = api.getAudioFeatures (ids, cancel);
        if (!features)
            return std::unexpected (features.error());
        if (*features)
            for (auto& f : **features)
                fromSpotify.emplace (f.id, f);
        else if (api.isAudioFeaturesRefused())
            (void) writeFileAtomically (stateFile,
                                        nlohmann::json{{"audioFeaturesRefused", true}}.dump());
    }

    std::vector<FeaturedTrack> featured;
    for (const auto& track : tracks)
    {
        FeaturedTrack item{track, FeatureOrigin::none, std::nullopt, 0};
        if (const auto found = fromSpotify.find (track.id); found != fromSpotify.end())
        {
            item.origin = FeatureOrigin::spotify;
            item.features = featuresFromSpotify (found->second, track.durationMs);
        }
        else if (const auto* file = findLocalRecording (track, local))
        {
            item.origin = FeatureOrigin::localAnalysis;
            item.features = file->features;
            item.localTrackId = file->id;
        }
        featured.push_back (std::move (item));
    }
    return featured;
}

} // namespace moodboard::spotify
