#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace moodboard::audio
{

/** The version of the analysis; a catalog entry made by another version is analysed again. */
inline constexpr int analysisVersion = 5;

/** What the analysis found in one recording. See docs/FEATURES.md for what each value measures.

    Values that Spotify also reports use its names, ranges and directions (tempo in BPM, loudness in
    LUFS close to Spotify's dB, key as a pitch class 0..11 with C = 0, mode 1 major / 0 minor,
    energy, danceability, acousticness and valence in 0..1). An empty optional means unknown: the
    audio is silent, too short, or the evidence is too weak to commit to a value.
*/
struct Features
{
    double durationSeconds = 0.0;

    std::optional<double> tempoBpm;
    std::optional<double> tempoConfidence;      // 0..1
    std::optional<double> tempoAlternativeBpm;  // the half- or double-time reading when
                                                // evidence is split

    std::optional<double> loudnessLufs;         // integrated, ITU-R BS.1770-4 gating
    std::optional<double> loudnessRangeLu;      // EBU Tech 3342
    std::optional<double> samplePeakDbfs;

    std::optional<int> key;                     // pitch class 0..11, C = 0
    std::optional<int> mode;                    // 1 major, 0 minor
    std::optional<double> keyConfidence;        // 0..1

    std::optional<double> brightness;           // 0..1, from the spectral centroid
    std::optional<double> spectralCentroidHz;
    std::optional<double> energy;               // 0..1
    std::optional<double> danceability;         // 0..1
    std::optional<double> acousticness;         // 0..1
    std::optional<double> valence;              // 0..1

    /** True when the analysis has the features the mood matcher needs. */
    [[nodiscard]] bool isMatchable() const { return energy && valence && loudnessLufs; }
};

/** "C", "C#", ... "B" for a pitch class; "" when out of range. */
[[nodiscard]] std::string pitchClassName (int pitchClass);

/** "A minor", "E major", or "" when the key is unknown. */
[[nodiscard]] std::string keyName (const Features&);

/** The JSON record: snake_case names as in `moodboard analyze --json`, null where unknown. */
void to_json (nlohmann::json&, const Features&);
void from_json (const nlohmann::json&, Features&);

} // namespace moodboard::audio
