#include "Audio/Features.h"

#include <nlohmann/json.hpp>

#include <array>

namespace moodboard::audio
{

namespace
{
    template <typename T>
    nlohmann::json orNull (const std::optional<T>& value)
    {
        return value ? nlohmann::json (*value) : nlohmann::json (nullptr);
    }

    template <typename T>
    void readOptional (const nlohmann::json& j, const char* name, std::optional<T>& value)
    {
        const auto found = j.find (name);
        if (found == j.end() || found->is_null())
            value.reset();
        else
            value = found->template get<T>();
    }
} // namespace

std::string pitchClassName (int pitchClass)
{
    static constexpr std::array<const char*, 12> names { "C", "C#", "D", "D#", "E", "F",
                                                         "F#", "G", "G#", "A", "A#", "B" };
    if (pitchClass < 0 || pitchClass >= 12)
        return {};
    return names[(size_t) pitchClass];
}

std::string keyName (const Features& features)
{
    if (! features.key || ! features.mode)
        return {};

    const auto name = pitchClassName (*features.key);
    if (name.empty())
        return {};

    return name + (*features.mode == 1 ? " major" : " minor");
}

void to_json (nlohmann::json& j, const Features& f)
{
    const auto name = keyName (f);

    j = nlohmann::json {
        { "duration_s", f.durationSeconds },
        { "tempo_bpm", orNull (f.tempoBpm) },
        { "tempo_confidence", orNull (f.tempoConfidence) },
        { "tempo_alternative_bpm", orNull (f.tempoAlternativeBpm) },
        { "loudness_lufs", orNull (f.loudnessLufs) },
        { "loudness_range_lu", orNull (f.loudnessRangeLu) },
        { "sample_peak_dbfs", orNull (f.samplePeakDbfs) },
        { "key", orNull (f.key) },
        { "key_name", name.empty() ? nlohmann::json (nullptr) : nlohmann::json (name) },
        { "mode", orNull (f.mode) },
        { "key_confidence", orNull (f.keyConfidence) },
        { "brightness", orNull (f.brightness) },
        { "spectral_centroid_hz", orNull (f.spectralCentroidHz) },
        { "energy", orNull (f.energy) },
        { "danceability", orNull (f.danceability) },
        { "acousticness", orNull (f.acousticness) },
        { "valence", orNull (f.valence) },
    };
}

void from_json (const nlohmann::json& j, Features& f)
{
    f = Features {};
    f.durationSeconds = j.value ("duration_s", 0.0);
    readOptional (j, "tempo_bpm", f.tempoBpm);
    readOptional (j, "tempo_confidence", f.tempoConfidence);
    readOptional (j, "tempo_alternative_bpm", f.tempoAlternativeBpm);
    readOptional (j, "loudness_lufs", f.loudnessLufs);
    readOptional (j, "loudness_range_lu", f.loudnessRangeLu);
    readOptional (j, "sample_peak_dbfs", f.samplePeakDbfs);
    readOptional (j, "key", f.key);
    readOptional (j, "mode", f.mode);
    readOptional (j, "key_confidence", f.keyConfidence);
    readOptional (j, "brightness", f.brightness);
    readOptional (j, "spectral_centroid_hz", f.spectralCentroidHz);
    readOptional (j, "energy", f.energy);
    readOptional (j, "danceability", f.danceability);
    readOptional (j, "acousticness", f.acousticness);
    readOptional (j, "valence", f.valence);
}

} // namespace moodboard::audio
