#include "Mood/MoodTarget.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace moodboard::mood
{
namespace
{
/** Three decimals are plenty for a mood and keep the printed JSON readable. */
[[nodiscard]] double rounded (double x)
{
    return std::isfinite (x) ? std::round (x * 1000.0) / 1000.0 : 0.0;
}

[[nodiscard]] nlohmann::json pointJson (const MoodPoint& p)
{
    return { { "valence", rounded (p.valence) }, { "energy", rounded (p.energy) } };
}

template <typename T>
[[nodiscard]] nlohmann::json orNull (const std::optional<T>& value)
{
    if (! value)
        return nullptr;
    if constexpr (std::is_same_v<T, double>)
        return rounded (*value);
    else
        return *value;
}

} // namespace

MoodPoint MoodTarget::pointAt (double t) const
{
    if (! start || arc == Arc::steady || ! std::isfinite (t))
        return end;

    t = std::clamp (t, 0.0, 1.0);
    return { start->valence + (end.valence - start->valence) * t,
             start->energy + (end.energy - start->energy) * t };
}

const char* toString (Arc arc)
{
    switch (arc)
    {
        case Arc::steady: return "steady";
        case Arc::rising: return "rising";
        case Arc::falling: return "falling";
    }
    return "steady";
}

void to_json (nlohmann::json& j, const MoodTarget& target)
{
    j = nlohmann::json::object();
    j["valence"] = rounded (target.end.valence);
    j["energy"] = rounded (target.end.energy);
    j["tempo_bpm"] = target.tempoBpm ? nlohmann::json { { "min", rounded (target.tempoBpm->min) },
                                                        { "max", rounded (target.tempoBpm->max) } }
                                     : nlohmann::json (nullptr);
    j["danceability"] = orNull (target.danceability);
    j["acousticness"] = orNull (target.acousticness);
    j["instrumental"] = orNull (target.instrumental);
    j["arc"] = toString (target.arc);
    j["start"] = target.start ? pointJson (*target.start) : nlohmann::json (nullptr);
    j["count"] = target.count;
    j["duration_s"] = orNull (target.durationSeconds);
    j["exclude"] = target.exclude;
    j["confidence"] = rounded (target.confidence);
    j["explanation"] = target.explanation;
}

} // namespace moodboard::mood
