// libFuzzer target for the mood language: the parser, the refinement reader, a short
// conversation and the mood-target JSON reader get arbitrary bytes. Any crash, sanitizer report or
// out-of-range value is a finding.
#include "Mood/MoodConversation.h"
#include "Mood/MoodParser.h"
#include "Mood/MoodRefinement.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace
{
void requireUnit (double x)
{
    if (! (x >= 0.0 && x <= 1.0))
        std::abort();
}

void requireSane (const moodboard::mood::MoodTarget& t)
{
    requireUnit (t.end.valence);
    requireUnit (t.end.energy);
    requireUnit (t.confidence);
    if (t.start)
    {
        requireUnit (t.start->valence);
        requireUnit (t.start->energy);
    }
    if (t.count < 1 || t.explanation.empty())
        std::abort();
    if (t.tempoBpm && ! (t.tempoBpm->min <= t.tempoBpm->max))
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    static const auto parser = std::make_shared<const moodboard::mood::MoodParser>();
    const std::string_view text (reinterpret_cast<const char*> (data), size);

    requireSane (parser->parse (text));
    (void) moodboard::mood::readRefinement (text, parser->getLexicon());

    // A conversation: the first half of the input as the mood, the rest as a follow-up.
    moodboard::mood::MoodConversation conversation (parser);
    conversation.setOfferedTracks ({ { "a", { 0.2, 0.3 }, 90.0, 0.4, 0.6 } });
    requireSane (conversation.say (text.substr (0, size / 2)).target);
    requireSane (conversation.say (text.substr (size / 2)).target);

    // The reader of model answers and saved conversations.
    const auto json = nlohmann::json::parse (text, nullptr, false);
    if (! json.is_discarded())
        if (const auto target = moodboard::mood::moodTargetFromJson (json))
        {
            requireUnit (target->end.valence);
            requireUnit (target->end.energy);
        }
    return 0;
}
