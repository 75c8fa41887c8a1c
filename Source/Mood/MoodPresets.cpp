#include "Mood/MoodPresets.h"

#include "Core/AtomicFile.h"
#include "Core/Paths.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace moodboard::mood
{
namespace
{
using nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr int fileVersion = 1;

/** The arc counts as moving by energy once energy changes by this much (see Arc). */
constexpr double energyNamesArcFrom = 0.1;

[[nodiscard]] std::string_view trimmed (std::string_view text)
{
    const auto isSpace = [] (char c)
    { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (! text.empty() && isSpace (text.front()))
        text.remove_prefix (1);
    while (! text.empty() && isSpace (text.back()))
        text.remove_suffix (1);
    return text;
}

/** ASCII case folding: enough for names typed on any keyboard to match their own spelling. */
[[nodiscard]] std::string folded (std::string_view text)
{
    std::string out (trimmed (text));
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char> (c - 'A' + 'a');
    return out;
}

[[nodiscard]] std::size_t utf8Length (std::string_view text)
{
    // Every byte that does not continue a multi-byte sequence starts a character.
    const auto starts = [] (char c) { return (static_cast<unsigned char> (c) & 0xc0) != 0x80; };
    return static_cast<std::size_t> (std::count_if (text.begin(), text.end(), starts));
}

[[nodiscard]] std::string number (double x)
{
    char text[32];
    std::snprintf (text, sizeof (text), "%.3g", x);
    return text;
}

[[nodiscard]] std::string label (std::size_t index, const MoodPreset& preset)
{
    auto text = "preset " + std::to_string (index + 1);
    if (! trimmed (preset.name).empty())
        text += " (\"" + preset.name + "\")";
    return text;
}

[[nodiscard]] std::optional<std::string> checkPoint (const MoodPoint& p, const std::string& what)
{
    for (const auto& [axis, value] : { std::pair { "valence", p.valence },
                                       std::pair { "energy", p.energy } })
        if (! std::isfinite (value) || value < 0.0 || value > 1.0)
            return "has " + what + " " + axis + " " + number (value) + ": use a value from 0 to 1";
    return std::nullopt;
}

/** Whether moving from `from` to `to` is what `arc` says, by the rule Arc describes. */
[[nodiscard]] bool movesAs (Arc arc, const MoodPoint& from, const MoodPoint& to)
{
    const auto energyMove = to.energy - from.energy;
    const auto move = std::abs (energyMove) >= energyNamesArcFrom ? energyMove
                                                                   : to.valence - from.valence;
    return arc == Arc::rising ? move > 0.0 : move < 0.0;
}

[[nodiscard]] std::optional<std::string> checkPreset (const MoodPreset& preset)
{
    const auto name = trimmed (preset.name);
    if (name.empty())
        return std::string ("has no name: give it one");
    if (name.size() != preset.name.size())
        return std::string ("has spaces around its name: remove them");
    if (utf8Length (name) > maxMoodPresetNameLength)
        return "has a name of " + std::to_string (utf8Length (name)) + " characters: shorten it to "
               + std::to_string (maxMoodPresetNameLength) + " or fewer";
    if (auto wrong = checkPoint (preset.end, "end"))
        return wrong;
    if (preset.arc == Arc::steady)
    {
        if (preset.start)
            return std::string ("is steady but has a start: remove the start or make the arc "
                                "rising or falling");
        return std::nullopt;
    }
    const std::string arcName = toString (preset.arc);
    if (! preset.start)
        return "is " + arcName + " but has no start: give it a start or make it steady";
    if (auto wrong = checkPoint (*preset.start, "start"))
        return wrong;
    if (! movesAs (preset.arc, *preset.start, preset.end))
        return "is " + arcName + " but its " + arcName
               + std::string (" arc does not go that way from start to end (energy decides, or "
                              "valence when energy moves less than 0.1): swap start and end or "
                              "change the arc");
    return std::nullopt;
}

[[nodiscard]] ordered_json toJson (const MoodPreset& preset)
{
    const auto point = [] (const MoodPoint& p)
    { return ordered_json { { "valence", p.valence }, { "energy", p.energy } }; };
    auto j = ordered_json { { "name", preset.name },
                            { "valence", preset.end.valence },
                            { "energy", preset.end.energy },
                            { "arc", toString (preset.arc) } };
    if (preset.start)
        j["start"] = point (*preset.start);
    return j;
}

[[nodiscard]] Expected<MoodPoint> pointFrom (const nlohmann::json& j, const std::string& where)
{
    MoodPoint p;
    for (auto [axis, value] :
         { std::pair { "valence", &p.valence }, std::pair { "energy", &p.energy } })
    {
        if (! j.is_object() || ! j.contains (axis) || ! j.at (axis).is_number())
            return makeError (Error::Kind::corrupt,
                              where + " needs \"" + axis + "\" as a number from 0 to 1");
        *value = j.at (axis).get<double>();
    }
    return p;
}

[[nodiscard]] Expected<MoodPreset> presetFrom (const nlohmann::json& j, std::size_t index)
{
    const auto where = "preset " + std::to_string (index + 1);
    if (! j.is_object())
        return makeError (Error::Kind::corrupt, where + " must be an object with a name, valence, "
                                                        "energy and arc");
    MoodPreset preset;
    if (! j.contains ("name") || ! j.at ("name").is_string())
        return makeError (Error::Kind::corrupt, where + " needs \"name\" as text");
    preset.name = j.at ("name").get<std::string>();
    auto end = pointFrom (j, where);
    if (! end)
        return std::unexpected (end.error());
    preset.end = *end;

    const auto arc = j.value ("arc", nlohmann::json ("steady"));
    if (arc == "steady" || arc == "rising" || arc == "falling")
        preset.arc = arc == "rising" ? Arc::rising : arc == "falling" ? Arc::falling : Arc::steady;
    else
        return makeError (Error::Kind::corrupt,
                          where + " has arc " + arc.dump() + ": use steady, rising or falling");

    if (j.contains ("start") && ! j.at ("start").is_null())
    {
        auto start = pointFrom (j.at ("start"), where + "'s \"start\"");
        if (! start)
            return std::unexpected (start.error());
        preset.start = *start;
    }
    return preset;
}

[[nodiscard]] Error inFile (const fs::path& file, const Error& error)
{
    return { error.kind, "The mood presets in " + file.string() + " cannot be used: "
                             + error.message + ". Fix the file, or move it away to get the "
                             + "default presets back; it was left as it is." };
}

} // namespace

MoodTarget MoodPreset::toTarget() const
{
    MoodTarget target;
    target.end = end;
    target.arc = start ? arc : Arc::steady;
    if (target.arc != Arc::steady)
        target.start = start;
    target.confidence = 1.0;
    target.explanation = "Mood preset \"" + name + "\": valence " + number (end.valence)
                         + ", energy " + number (end.energy)
                         + (target.start ? std::string (", ") + toString (arc) + " from valence "
                                               + number (start->valence) + ", energy "
                                               + number (start->energy)
                                         : std::string())
                         + ".";
    return target;
}

std::vector<MoodPreset> defaultMoodPresets()
{
    return {
        { "Calm", { 0.60, 0.20 }, Arc::steady, std::nullopt },
        { "Focus", { 0.50, 0.40 }, Arc::steady, std::nullopt },
        { "Happy", { 0.85, 0.65 }, Arc::steady, std::nullopt },
        { "Energetic", { 0.70, 0.90 }, Arc::steady, std::nullopt },
        { "Melancholy", { 0.20, 0.30 }, Arc::steady, std::nullopt },
        { "Wind down", { 0.50, 0.15 }, Arc::falling, MoodPoint { 0.55, 0.60 } },
        { "Wake up", { 0.70, 0.75 }, Arc::rising, MoodPoint { 0.50, 0.25 } },
        { "Party", { 0.80, 0.95 }, Arc::steady, std::nullopt },
        { "Romantic", { 0.75, 0.35 }, Arc::steady, std::nullopt },
    };
}

fs::path moodPresetsFile()
{
    return Paths::configDir() / "mood-presets.json";
}

Expected<void> validateMoodPresets (const std::vector<MoodPreset>& presets)
{
    if (presets.empty())
        return makeError (Error::Kind::invalidInput, "there are no presets: keep at least one");
    if (presets.size() > maxMoodPresets)
        return makeError (Error::Kind::invalidInput,
                          "there are " + std::to_string (presets.size()) + " presets: keep "
                              + std::to_string (maxMoodPresets) + " or fewer");

    for (std::size_t i = 0; i < presets.size(); ++i)
    {
        if (auto wrong = checkPreset (presets[i]))
            return makeError (Error::Kind::invalidInput, label (i, presets[i]) + " " + *wrong);
        for (std::size_t k = 0; k < i; ++k)
            if (folded (presets[k].name) == folded (presets[i].name))
                return makeError (Error::Kind::invalidInput,
                                  label (i, presets[i]) + " has the same name as preset "
                                      + std::to_string (k + 1)
                                      + " (case does not count): rename one of them");
    }
    return {};
}

Expected<std::vector<MoodPreset>> loadMoodPresets (const fs::path& file)
{
    std::error_code ec;
    if (! fs::exists (file, ec) && ! ec)
        return defaultMoodPresets();

    std::ifstream in (file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (! in && ! in.eof())
        return makeError (Error::Kind::unreadable,
                          "The mood presets in " + file.string()
                              + " cannot be read: check the file's permissions.");

    const auto parsed = nlohmann::json::parse (text.str(), nullptr, false);
    if (parsed.is_discarded())
        return std::unexpected (inFile (file, { Error::Kind::corrupt, "it is not valid JSON" }));
    if (! parsed.is_object() || ! parsed.contains ("presets") || ! parsed.at ("presets").is_array())
        return std::unexpected (inFile (file, { Error::Kind::corrupt,
                                                "it needs an object with a \"presets\" list" }));
    if (parsed.contains ("version")
        && (! parsed.at ("version").is_number_integer()
            || parsed.at ("version").get<int>() > fileVersion))
        return std::unexpected (inFile (file, { Error::Kind::unsupported,
                                                "it was written by a newer version of Music "
                                                "Moodboard (version "
                                                    + parsed.at ("version").dump() + ")" }));

    std::vector<MoodPreset> presets;
    for (const auto& entry : parsed.at ("presets"))
    {
        auto preset = presetFrom (entry, presets.size());
        if (! preset)
            return std::unexpected (inFile (file, preset.error()));
        presets.push_back (std::move (*preset));
    }
    if (auto valid = validateMoodPresets (presets); ! valid)
        return std::unexpected (inFile (file, { Error::Kind::corrupt, valid.error().message }));
    return presets;
}

Expected<void> saveMoodPresets (const fs::path& file, const std::vector<MoodPreset>& presets)
{
    if (auto valid = validateMoodPresets (presets); ! valid)
        return std::unexpected (Error { Error::Kind::invalidInput,
                                        "The mood presets were not saved: " + valid.error().message
                                            + "." });

    auto list = ordered_json::array();
    for (const auto& preset : presets)
        list.push_back (toJson (preset));
    const auto document = ordered_json { { "version", fileVersion }, { "presets", list } };
    return writeFileAtomically (file, document.dump (2) + "\n");
}

std::optional<std::size_t> findMoodPresetIndex (const std::vector<MoodPreset>& presets,
                                                std::string_view nameOrNumber)
{
    const auto wanted = folded (nameOrNumber);
    if (wanted.empty())
        return std::nullopt;
    for (std::size_t i = 0; i < presets.size(); ++i)
        if (folded (presets[i].name) == wanted)
            return i;

    // A name is matched first, so a preset called "2" wins over the second one.
    if (wanted.size() <= 3 && std::all_of (wanted.begin(), wanted.end(),
                                           [] (char c) { return c >= '0' && c <= '9'; }))
    {
        const auto n = static_cast<std::size_t> (std::stoi (wanted));
        if (n >= 1 && n <= presets.size())
            return n - 1;
    }
    return std::nullopt;
}

const MoodPreset* findMoodPreset (const std::vector<MoodPreset>& presets,
                                  std::string_view nameOrNumber)
{
    const auto index = findMoodPresetIndex (presets, nameOrNumber);
    return index ? &presets[*index] : nullptr;
}

} // namespace moodboard::mood
