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

template <typename T>
[[nodiscard]] nlohmann::ordered_json orNull (const std::optional<T>& value)
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

nlohmann::ordered_json toOrderedJson (const MoodTarget& target)
{
    using Json = nlohmann::ordered_json;
    const auto point = [] (const MoodPoint& p)
    { return Json { { "valence", rounded (p.valence) }, { "energy", rounded (p.energy) } }; };

    Json j = Json::object();
    j["valence"] = rounded (target.end.valence);
    j["energy"] = rounded (target.end.energy);
    j["tempo_bpm"] = target.tempoBpm ? Json { { "min", rounded (target.tempoBpm->min) },
                                              { "max", rounded (target.tempoBpm->max) } }
                                     : Json (nullptr);
    j["danceability"] = Json (orNull (target.danceability));
    j["acousticness"] = Json (orNull (target.acousticness));
    j["instrumental"] = Json (orNull (target.instrumental));
    j["arc"] = toString (target.arc);
    j["start"] = target.start ? point (*target.start) : Json (nullptr);
    j["count"] = target.count;
    j["duration_s"] = Json (orNull (target.durationSeconds));
    j["exclude"] = target.exclude;
    j["confidence"] = rounded (target.confidence);
    j["explanation"] = target.explanation;
    return j;
}

void to_json (nlohmann::json& j, const MoodTarget& target)
{
    j = nlohmann::json::parse (toOrderedJson (target).dump());
}

std::expected<MoodTarget, std::string> moodTargetFromJson (const nlohmann::json& j)
{
    const auto unit = [] (double x) { return std::isfinite (x) ? std::clamp (x, 0.0, 1.0) : 0.5; };
    const auto number = [&] (const char* key) -> std::expected<std::optional<double>, std::string>
    {
        if (! j.contains (key) || j.at (key).is_null())
            return std::optional<double>();
        if (! j.at (key).is_number())
            return std::unexpected (std::string (key) + " must be a number or null");
        return std::optional<double> (j.at (key).get<double>());
    };

    if (! j.is_object())
        return std::unexpected (std::string ("a mood target must be a JSON object"));

    MoodTarget t;
    for (const auto* key : { "valence", "energy" })
        if (! j.contains (key) || ! j.at (key).is_number())
            return std::unexpected (std::string (key) + " must be a number from 0 to 1");
    t.end = { unit (j.at ("valence").get<double>()), unit (j.at ("energy").get<double>()) };

    for (const auto* key : { "danceability", "acousticness", "duration_s", "count",
                             "confidence" })
        if (auto n = number (key); ! n)
            return std::unexpected (n.error());
    if (auto d = *number ("danceability"))
        t.danceability = unit (*d);
    if (auto a = *number ("acousticness"))
        t.acousticness = unit (*a);
    if (auto c = *number ("count"); c && std::isfinite (*c))
        t.count = static_cast<int> (std::clamp (std::round (*c), 1.0, 500.0));
    if (auto d = *number ("duration_s"); d && std::isfinite (*d) && *d > 0.0)
        t.durationSeconds = std::clamp (*d, 60.0, 24.0 * 3600.0);
    t.confidence = unit (number ("confidence")->value_or (0.5));

    if (j.contains ("instrumental") && ! j.at ("instrumental").is_null())
    {
        if (! j.at ("instrumental").is_boolean())
            return std::unexpected (std::string ("instrumental must be true, false or null"));
        t.instrumental = j.at ("instrumental").get<bool>();
    }
    if (j.contains ("tempo_bpm") && ! j.at ("tempo_bpm").is_null())
    {
        const auto& tempo = j.at ("tempo_bpm");
        if (! tempo.is_object() || ! tempo.value ("min", nlohmann::json()).is_number()
            || ! tempo.value ("max", nlohmann::json()).is_number())
            return std::unexpected (std::string ("tempo_bpm must be {min, max} or null"));
        auto low = std::clamp (tempo.at ("min").get<double>(), 30.0, 300.0);
        auto high = std::clamp (tempo.at ("max").get<double>(), 30.0, 300.0);
        if (! std::isfinite (low) || ! std::isfinite (high))
            return std::unexpected (std::string ("tempo_bpm must be finite"));
        t.tempoBpm = TempoRange { std::min (low, high), std::max (low, high) };
    }

    const auto arc = j.value ("arc", nlohmann::json ("steady"));
    if (! arc.is_string())
        return std::unexpected (std::string ("arc must be steady, rising or falling"));
    const auto arcName = arc.get<std::string>();
    if (arcName == "rising" || arcName == "falling")
    {
        const auto& start = j.value ("start", nlohmann::json());
        if (! start.is_object() || ! start.value ("valence", nlohmann::json()).is_number()
            || ! start.value ("energy", nlohmann::json()).is_number())
            return std::unexpected (std::string ("a rising or falling arc needs a start point"));
        t.start = MoodPoint { unit (start.at ("valence").get<double>()),
                              unit (start.at ("energy").get<double>()) };
        t.arc = arcName == "rising" ? Arc::rising : Arc::falling;
    }
    else if (arcName != "steady")
        return std::unexpected (std::string ("arc must be steady, rising or falling"));

    if (j.contains ("exclude") && ! j.at ("exclude").is_null())
    {
        if (! j.at ("exclude").is_array())
            return std::unexpected (std::string ("exclude must be a list of words"));
        for (const auto& word : j.at ("exclude"))
        {
            if (! word.is_string())
                return std::unexpected (std::string ("exclude must be a list of words"));
            if (t.exclude.size() < 50)
                t.exclude.push_back (word.get<std::string>().substr (0, 100));
        }
    }
    if (j.contains ("explanation") && j.at ("explanation").is_string())
        t.explanation = j.at ("explanation").get<std::string>().substr (0, 500);
    return t;
}

} // namespace moodboard::mood
