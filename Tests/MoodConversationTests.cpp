#include "Mood/MoodConversation.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace moodboard::mood;

namespace
{
std::vector<OfferedTrack> threeTracks()
{
    return { { "Low", { 0.2, 0.2 }, 70.0, 0.3, 0.8 },
             { "Middle", { 0.5, 0.5 }, 100.0, 0.5, 0.5 },
             { "High", { 0.85, 0.9 }, 128.0, 0.8, 0.1 } };
}
} // namespace

TEST_CASE ("More upbeat raises valence and energy by a step and says so", "[mood]")
{
    // "upbeat" sits at valence 0.85 and energy 0.8: a full step of 0.15 on valence, and on
    // energy 0.15 scaled by how far it is from neutral, 0.3 / 0.35.
    MoodConversation c;
    const auto first = c.say ("I'm sad");
    const auto next = c.say ("more upbeat");
    CHECK (next.refined);
    CHECK (next.target.end.valence == Approx (first.target.end.valence + 0.15).margin (1e-9));
    CHECK (next.target.end.energy
           == Approx (first.target.end.energy + 0.15 * 0.3 / 0.35).margin (1e-9));
    CHECK (next.message.starts_with ("More upbeat: valence "));
    CHECK (next.message.find ("energy ") != std::string::npos);
    CHECK_FALSE (next.question.has_value());
}

TEST_CASE ("A target made elsewhere is the base of the next refinement; undo returns to it",
           "[mood]")
{
    // A typed mood, then a preset (Calm, valence 0.60, energy 0.20) chosen outside the chat.
    MoodConversation c;
    const auto typed = c.say ("rainy sunday, a bit melancholic");
    REQUIRE (typed.target.end.valence < 0.5);
    MoodTarget calm;
    calm.end = { 0.60, 0.20 };
    c.adopt ("Mood preset: Calm", calm);
    REQUIRE (c.current().has_value());
    CHECK (c.current()->end.valence == Approx (0.60));

    const auto next = c.say ("more upbeat");
    CHECK (next.refined);
    CHECK (next.target.end.valence == Approx (0.75).margin (1e-9));
    CHECK (next.target.end.energy == Approx (0.20 + 0.15 * 0.3 / 0.35).margin (1e-9));
    CHECK (next.message.starts_with ("More upbeat: valence 60% \u2192 75%"));

    CHECK (c.say ("undo").target.end.valence == Approx (0.60));
    CHECK (c.say ("undo").target.end.valence == Approx (typed.target.end.valence));
}

TEST_CASE ("Darker lowers valence; a bit and much scale the step", "[mood]")
{
    MoodConversation c;
    const auto start = c.say ("something happy").target;
    const auto darker = c.say ("darker").target;
    CHECK (darker.end.valence < start.end.valence - 0.1);
    CHECK (c.say ("undo").target.end.valence == Approx (start.end.valence));

    const auto bit = c.say ("a bit more energetic").target;
    CHECK (bit.end.energy - start.end.energy == Approx (0.075).margin (0.001));
    (void) c.say ("undo");
    const auto much = c.say ("much more energetic").target;
    CHECK (much.end.energy - start.end.energy == Approx (0.24).margin (0.001));
}

TEST_CASE ("Less vocals asks one question and still offers an instrumental target", "[mood]")
{
    MoodConversation c;
    (void) c.say ("chill vibes");
    const auto reply = c.say ("less vocals");
    REQUIRE (reply.question.has_value());
    CHECK (reply.question->find ("instrumental") != std::string::npos);
    CHECK (reply.target.instrumental == true);
    CHECK (reply.refined);
}

TEST_CASE ("Shorter and longer scale the track count", "[mood]")
{
    MoodConversation c;
    CHECK (c.say ("20 songs to relax").target.count == 20);
    CHECK (c.say ("shorter").target.count == 14);
    CHECK (c.say ("longer").target.count == 20);
    CHECK (c.say ("make it 8 songs").target.count == 8);
}

TEST_CASE ("Like the third one aims at that track of the last playlist", "[mood]")
{
    MoodConversation c;
    (void) c.say ("something calm");
    c.setOfferedTracks (threeTracks());
    const auto reply = c.say ("like the third one");
    CHECK (reply.refined);
    CHECK (reply.target.end.valence == Approx (0.85));
    CHECK (reply.target.end.energy == Approx (0.9));
    CHECK (reply.target.arc == Arc::steady);
    REQUIRE (reply.target.tempoBpm.has_value());
    CHECK (reply.target.tempoBpm->min == Approx (118.0));
    CHECK (reply.target.tempoBpm->max == Approx (138.0));
    CHECK (reply.message.starts_with ("More like \"High\""));

    const auto tooFar = c.say ("like the ninth one");
    CHECK (tooFar.question.has_value());
    CHECK (tooFar.target.end.valence == Approx (0.85));
}

TEST_CASE ("Undo steps back through every change, then says there is nothing left", "[mood]")
{
    MoodConversation c;
    const auto a = c.say ("relaxing music").target;
    (void) c.say ("more energetic");
    (void) c.say ("darker");
    CHECK (c.historySize() == 2);
    (void) c.say ("undo");
    const auto back = c.say ("undo");
    CHECK (back.target.end.energy == Approx (a.end.energy));
    CHECK (back.target.end.valence == Approx (a.end.valence));
    const auto none = c.say ("undo");
    CHECK (none.message.find ("nothing to undo") != std::string::npos);
    CHECK (none.target.end.energy == Approx (a.end.energy));
}

TEST_CASE ("A new mood starts over; nonsense keeps the target and asks", "[mood]")
{
    MoodConversation c;
    (void) c.say ("I'm happy");
    const auto fresh = c.say ("actually I'm heartbroken");
    CHECK_FALSE (fresh.refined);
    CHECK (fresh.target.end.valence < 0.3);

    const auto unclear = c.say ("blorp fizzwack");
    CHECK (unclear.question.has_value());
    CHECK (unclear.target.end.valence == Approx (fresh.target.end.valence));
    const auto vague = c.say ("something else");
    CHECK (vague.question.has_value());
}

TEST_CASE ("A conversation survives a save and a load", "[mood]")
{
    const auto dir = std::filesystem::path (std::getenv ("MOODBOARD_TEST_TMP") != nullptr
                                                ? std::getenv ("MOODBOARD_TEST_TMP")
                                                : "/tmp")
                     / "mood-conversation";
    std::filesystem::remove_all (dir);
    const auto file = dir / "chat.json";

    MoodConversation c;
    (void) c.say ("I'm sad, cheer me up");
    (void) c.say ("more upbeat");
    c.setOfferedTracks (threeTracks());
    REQUIRE (c.save (file).has_value());

    auto loaded = MoodConversation::load (file);
    REQUIRE (loaded.has_value());
    REQUIRE (loaded->current().has_value());
    CHECK (loaded->current()->end.valence == Approx (c.current()->end.valence).margin (0.001));
    CHECK (loaded->current()->arc == Arc::rising);
    CHECK (loaded->historySize() == 1);
    CHECK (loaded->say ("like the first one").target.end.energy == Approx (0.2));
    const auto undone = loaded->say ("undo").target;
    CHECK (undone.end.valence == Approx (c.current()->end.valence).margin (0.001));
    CHECK (loaded->say ("undo").target.end.valence < c.current()->end.valence);

    std::ofstream (file) << "{ not json";
    const auto broken = MoodConversation::load (file);
    REQUIRE_FALSE (broken.has_value());
    CHECK (broken.error().message.find ("start a new one") != std::string::npos);
    CHECK (MoodConversation::load (dir / "missing.json").error().kind
           == moodboard::Error::Kind::notFound);
    const auto safe = MoodConversation::fileFor ("../../etc/passwd", dir);
    CHECK (safe == dir / "conversations" / "etcpasswd.json");
}

TEST_CASE ("Exclusions alone narrow the current mood; a new length is named", "[mood]")
{
    MoodConversation c;
    const auto calm = c.say ("relaxing").target;

    const auto narrowed = c.say ("without metal");
    CHECK (narrowed.refined);
    CHECK (narrowed.target.end.energy == Approx (calm.end.energy));
    CHECK (narrowed.target.exclude == std::vector<std::string> { "metal" });
    CHECK (narrowed.message == "Same mood, leaving out metal.");
    CHECK (c.say ("no metal").message == "Those are left out already.");

    const auto longer = c.say ("make it 20 minutes");
    CHECK (longer.refined);
    CHECK_THAT (longer.message, Catch::StartsWith ("A new length: "));
    REQUIRE (longer.target.durationSeconds.has_value());
    CHECK (*longer.target.durationSeconds == 1200.0);
    CHECK (longer.target.exclude == std::vector<std::string> { "metal" });

    CHECK (c.say ("undo").target.exclude == std::vector<std::string> { "metal" });
    CHECK (c.say ("undo").target.exclude.empty());
}
