#include "AudioFiles.h"
#include "Mood/MoodPresets.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace moodboard;
using namespace moodboard::mood;
using moodboard::testing::makeScratchFolder;
using moodboard::testing::ScopedMoodboardHome;
namespace fs = std::filesystem;

namespace
{
std::string readAll (const fs::path& file)
{
    std::ifstream in (file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeAll (const fs::path& file, const std::string& text)
{
    std::ofstream out (file, std::ios::binary);
    out << text;
}

/** The message validation gives for `presets`, or "" when they are valid. */
std::string whyInvalid (const std::vector<MoodPreset>& presets)
{
    const auto valid = validateMoodPresets (presets);
    return valid ? std::string() : valid.error().message;
}
} // namespace

TEST_CASE ("The default mood presets are nine valid, distinct moods", "[presets]")
{
    const auto presets = defaultMoodPresets();
    REQUIRE (presets.size() == 9);
    CHECK (validateMoodPresets (presets).has_value());

    CHECK (presets[0].name == "Calm");
    CHECK (presets[0].end.valence == Approx (0.60));
    CHECK (presets[0].end.energy == Approx (0.20));
    CHECK (presets[6].name == "Wake up");

    std::set<std::pair<double, double>> points;
    std::set<std::string> names;
    for (const auto& p : presets)
    {
        points.insert ({ p.end.valence, p.end.energy });
        names.insert (p.name);
    }
    CHECK (points.size() == 9);
    CHECK (names.size() == 9);

    const auto* windDown = findMoodPreset (presets, "Wind down");
    REQUIRE (windDown != nullptr);
    CHECK (windDown->arc == Arc::falling);
    REQUIRE (windDown->start.has_value());
    CHECK (windDown->start->energy > windDown->end.energy + 0.3);

    const auto* wakeUp = findMoodPreset (presets, "wake up");
    REQUIRE (wakeUp != nullptr);
    CHECK (wakeUp->arc == Arc::rising);
    REQUIRE (wakeUp->start.has_value());
    CHECK (wakeUp->start->energy < wakeUp->end.energy - 0.3);

    // Party has the most energy, Melancholy the lowest valence.
    for (const auto& p : presets)
    {
        CHECK (p.end.energy <= findMoodPreset (presets, "Party")->end.energy);
        CHECK (p.end.valence >= findMoodPreset (presets, "Melancholy")->end.valence);
    }
}

TEST_CASE ("A preset's target is its end point, with start and arc when it moves", "[presets]")
{
    const auto presets = defaultMoodPresets();
    const auto calm = presets[0].toTarget();
    CHECK (calm.end.valence == Approx (0.60));
    CHECK (calm.end.energy == Approx (0.20));
    CHECK (calm.arc == Arc::steady);
    CHECK_FALSE (calm.start.has_value());
    CHECK_FALSE (calm.tempoBpm.has_value());
    CHECK (calm.confidence == Approx (1.0));
    CHECK (calm.explanation == "Mood preset \"Calm\": valence 0.6, energy 0.2.");

    const auto windDown = findMoodPreset (presets, "Wind down")->toTarget();
    CHECK (windDown.arc == Arc::falling);
    REQUIRE (windDown.start.has_value());
    CHECK (windDown.start->energy == Approx (0.60));
    CHECK (windDown.pointAt (0.5).energy == Approx ((0.60 + 0.15) / 2));
}

TEST_CASE ("Mood presets round-trip through their file", "[presets]")
{
    const auto folder = makeScratchFolder ("presets-round-trip");
    const auto file = folder / "mood-presets.json";

    SECTION ("a missing file gives the defaults and is not created")
    {
        const auto loaded = loadMoodPresets (file);
        REQUIRE (loaded.has_value());
        REQUIRE (loaded->size() == 9);
        CHECK ((*loaded)[8].name == "Romantic");
        CHECK_FALSE (fs::exists (file));
    }

    SECTION ("edited presets come back as saved")
    {
        std::vector<MoodPreset> presets {
            { "Sunday morning", { 0.7, 0.3 }, Arc::steady, std::nullopt },
            { "Déjà vu", { 0.25, 0.5 }, Arc::steady, std::nullopt },
            { "Build up", { 0.6, 0.9 }, Arc::rising, MoodPoint { 0.4, 0.2 } },
            { "Come down", { 0.45, 0.1 }, Arc::falling, MoodPoint { 0.8, 0.85 } },
        };
        REQUIRE (saveMoodPresets (file, presets).has_value());
        const auto stored = nlohmann::json::parse (readAll (file));
        CHECK (stored["version"] == 1);
        CHECK (stored["presets"].size() == 4);
        CHECK (stored["presets"][0].contains ("start") == false);
        CHECK (stored["presets"][2]["start"]["energy"] == Approx (0.2));

        const auto loaded = loadMoodPresets (file);
        REQUIRE (loaded.has_value());
        REQUIRE (loaded->size() == 4);
        for (std::size_t i = 0; i < presets.size(); ++i)
        {
            CHECK ((*loaded)[i].name == presets[i].name);
            CHECK ((*loaded)[i].end.valence == presets[i].end.valence);
            CHECK ((*loaded)[i].end.energy == presets[i].end.energy);
            CHECK ((*loaded)[i].arc == presets[i].arc);
            CHECK ((*loaded)[i].start.has_value() == presets[i].start.has_value());
        }
        CHECK ((*loaded)[3].start->valence == 0.8);
        CHECK ((*loaded)[3].start->energy == 0.85);
        // Nothing is left beside the file by the atomic write.
        CHECK (std::distance (fs::directory_iterator (folder), fs::directory_iterator()) == 1);
    }
}

TEST_CASE ("Saving mood presets refuses each kind of invalid list and writes nothing", "[presets]")
{
    const auto folder = makeScratchFolder ("presets-invalid");
    const auto file = folder / "mood-presets.json";
    REQUIRE (saveMoodPresets (file, defaultMoodPresets()).has_value());
    const auto before = readAll (file);

    auto presets = defaultMoodPresets();
    std::string expected;
    SECTION ("no presets")
    {
        presets.clear();
        expected = "there are no presets: keep at least one";
    }
    SECTION ("more than 24")
    {
        for (int i = 0; i < 16; ++i)
            presets.push_back ({ "Extra " + std::to_string (i), { 0.5, 0.5 }, Arc::steady, {} });
        expected = "there are 25 presets: keep 24 or fewer";
    }
    SECTION ("an empty name")
    {
        presets[2].name = "   ";
        expected = "preset 3 has no name: give it one";
    }
    SECTION ("spaces around a name")
    {
        presets[2].name = " Happy";
        expected = "preset 3 (\" Happy\") has spaces around its name: remove them";
    }
    SECTION ("a name over 40 characters")
    {
        presets[0].name = std::string (41, 'x');
        expected = "preset 1 (\"" + presets[0].name
                   + "\") has a name of 41 characters: shorten it to 40 or fewer";
    }
    SECTION ("a name of 40 characters with accents is fine, 41 is not")
    {
        std::string name;
        for (int i = 0; i < 40; ++i)
            name += "é";
        presets[0].name = name;
        CHECK (whyInvalid (presets).empty());
        presets[0].name = name + "e";
        expected = "preset 1 (\"" + presets[0].name
                   + "\") has a name of 41 characters: shorten it to 40 or fewer";
    }
    SECTION ("the same name twice, ignoring case")
    {
        presets[4].name = "FOCUS";
        expected = "preset 5 (\"FOCUS\") has the same name as preset 2 (case does not count): "
                   "rename one of them";
    }
    SECTION ("valence above 1")
    {
        presets[1].end.valence = 1.5;
        expected = "preset 2 (\"Focus\") has end valence 1.5: use a value from 0 to 1";
    }
    SECTION ("energy below 0")
    {
        presets[1].end.energy = -0.25;
        expected = "preset 2 (\"Focus\") has end energy -0.25: use a value from 0 to 1";
    }
    SECTION ("a start value that is not a number")
    {
        presets[5].start->energy = std::nan ("");
        expected = "preset 6 (\"Wind down\") has start energy nan: use a value from 0 to 1";
    }
    SECTION ("a start on a steady preset")
    {
        presets[0].start = MoodPoint { 0.2, 0.2 };
        expected = "preset 1 (\"Calm\") is steady but has a start: remove the start or make the "
                   "arc rising or falling";
    }
    SECTION ("a moving preset without a start")
    {
        presets[6].start.reset();
        expected = "preset 7 (\"Wake up\") is rising but has no start: give it a start or make it "
                   "steady";
    }
    SECTION ("a rising arc that falls")
    {
        presets[6].start = MoodPoint { 0.5, 0.95 };
        expected = "preset 7 (\"Wake up\") is rising but its rising arc does not go that way from "
                   "start to end (energy decides, or valence when energy moves less than 0.1): "
                   "swap start and end or change the arc";
    }

    const auto saved = saveMoodPresets (file, presets);
    REQUIRE_FALSE (saved.has_value());
    CHECK (saved.error().kind == Error::Kind::invalidInput);
    CHECK (saved.error().message == "The mood presets were not saved: " + expected + ".");
    CHECK (readAll (file) == before);
}

TEST_CASE ("A falling arc may be named by valence when energy hardly moves", "[presets]")
{
    std::vector<MoodPreset> presets {
        { "Sobering", { 0.3, 0.5 }, Arc::falling, MoodPoint { 0.8, 0.55 } }
    };
    CHECK (whyInvalid (presets).empty());
    presets[0].arc = Arc::rising;
    CHECK_THAT (whyInvalid (presets), Catch::Contains ("does not go that way"));
}

TEST_CASE ("A damaged or invalid presets file is reported and kept as it is", "[presets]")
{
    const auto folder = makeScratchFolder ("presets-damaged");
    const auto file = folder / "mood-presets.json";

    std::string text;
    std::string reason;
    SECTION ("cut-off JSON")
    {
        text = R"({"version": 1, "presets": [{"name": "Calm", "valence": 0.)";
        reason = "it is not valid JSON";
    }
    SECTION ("no presets list")
    {
        text = R"({"version": 1, "moods": []})";
        reason = "it needs an object with a \"presets\" list";
    }
    SECTION ("a value of the wrong type")
    {
        text = R"({"presets": [{"name": "Calm", "valence": "high", "energy": 0.2}]})";
        reason = "preset 1 needs \"valence\" as a number from 0 to 1";
    }
    SECTION ("an unknown arc")
    {
        text = R"({"presets": [{"name": "Calm", "valence": 0.5, "energy": 0.2, "arc": "up"}]})";
        reason = "preset 1 has arc \"up\": use steady, rising or falling";
    }
    SECTION ("a value out of range")
    {
        text = R"({"presets": [{"name": "Calm", "valence": 0.5, "energy": 2}]})";
        reason = "preset 1 (\"Calm\") has end energy 2: use a value from 0 to 1";
    }
    SECTION ("a newer version")
    {
        text = R"({"version": 7, "presets": []})";
        reason = "it was written by a newer version of Music Moodboard (version 7)";
    }

    writeAll (file, text);
    const auto loaded = loadMoodPresets (file);
    REQUIRE_FALSE (loaded.has_value());
    CHECK (loaded.error().message
           == "The mood presets in " + file.string() + " cannot be used: " + reason
                  + ". Fix the file, or move it away to get the default presets back; it was left "
                    "as it is.");
    CHECK (readAll (file) == text);
    CHECK (std::distance (fs::directory_iterator (folder), fs::directory_iterator()) == 1);
}

TEST_CASE ("Mood presets are found by name or by number", "[presets]")
{
    auto presets = defaultMoodPresets();
    CHECK (findMoodPreset (presets, "Calm") == &presets[0]);
    CHECK (findMoodPreset (presets, "  wind DOWN \t") == &presets[5]);
    CHECK (findMoodPreset (presets, "1") == &presets[0]);
    CHECK (findMoodPreset (presets, " 9 ") == &presets[8]);
    CHECK (findMoodPresetIndex (presets, "7") == std::optional<std::size_t> (6));
    CHECK (findMoodPreset (presets, "0") == nullptr);
    CHECK (findMoodPreset (presets, "10") == nullptr);
    CHECK (findMoodPreset (presets, "99999999999999999999") == nullptr);
    CHECK (findMoodPreset (presets, "Sleepy") == nullptr);
    CHECK (findMoodPreset (presets, "") == nullptr);
    CHECK (findMoodPreset (presets, "Calm down") == nullptr);

    // A preset named like a number is found by its name first.
    presets[3].name = "2";
    CHECK (findMoodPreset (presets, "2") == &presets[3]);
}

TEST_CASE ("The presets file lives in the config folder", "[presets]")
{
    const ScopedMoodboardHome home ("presets-path");
    CHECK (moodPresetsFile() == home.getFolder() / "config" / "mood-presets.json");
}
