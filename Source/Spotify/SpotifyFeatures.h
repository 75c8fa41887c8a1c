#pragma once

#include "Audio/Features.h"
#include "Library/Track.h"
#include "Spotify/SpotifyApi.h"

#include <filesystem>

namespace moodboard::spotify
{

/** Where a Spotify track's features came from. */
enum class FeatureOrigin
{
    spotify,       // Spotify's audio features (accounts that still get them)
    localAnalysis, // the user has the same recording: our own analysis of the file
    none           // unknown: used only when the user asks for the track itself
};

struct FeaturedTrack
{
    SpotifyTrack track;
    FeatureOrigin origin = FeatureOrigin::none;
    std::optional<audio::Features> features;
    std::int64_t localTrackId = 0; // the catalog's track when origin is localAnalysis
};

/** Spotify's audio features in our scales (the same names, ranges and directions). */
[[nodiscard]] audio::Features featuresFromSpotify (const SpotifyAudioFeatures&, int durationMs);

/** The user's file of the same recording: same ISRC, else same normalised title and first artist
    with durations within 3 s. Nothing when there is none. Any thread. */
[[nodiscard]] const library::Track* findLocalRecording (const SpotifyTrack&,
                                                        const std::vector<library::Track>& local);

/** Features for tracks that live on Spotify: Spotify's own where the account gets them, else the
    local analysis of the same recording, else none. A 403 on audio features is remembered in
    `stateFile` (per user) so later runs do not ask again. Nothing from Spotify is stored here
    beyond that one flag. Any thread except the message and audio threads. */
[[nodiscard]] Expected<std::vector<FeaturedTrack>>
attachFeatures (SpotifyApi& api, const std::vector<SpotifyTrack>& tracks,
                const std::vector<library::Track>& localTracks,
                const std::filesystem::path& stateFile, const std::atomic<bool>* cancel = nullptr);

[[nodiscard]] std::string originName (FeatureOrigin);

} // namespace moodboard::spotify
