#pragma once

#include "Mood/MoodLexicon.h"

#include <string>
#include <vector>

namespace moodboard::mood
{

/** Whether a phrase describes how someone is now or what they want to hear. */
enum class MoodRole
{
    none,   // no cue: decided later from the phrase's kind
    state,  // after "I'm", "I feel"
    wish    // after "want", "need", "play", or a phrase like "cheer me up"
};

/** One lexicon phrase found in the text, with how the sentence around it bends it. */
struct MoodMention
{
    const MoodEntry* entry = nullptr;
    MoodRole role = MoodRole::none;
    bool negated = false;     // "not happy", "nothing loud"
    bool softened = false;    // "not too sad": a little of it is fine
    double intensity = 1.0;   // >1 for "very", capitals, '!'; <1 for "a bit"
    bool contrasted = false;  // after "but" or "though" in its sentence: the part that counts
    bool implied = false;     // not typed: the feeling a phrase like "can not sleep" implies
    bool startsPath = false;  // after "from" or "start with": where the playlist begins
    std::size_t sentence = 0; // which sentence of the text it is in, from 0
    std::string words;        // as typed, normalised ("relaxing")
};

/** What reading the text found, and how much of it was understood. */
struct MentionScan
{
    std::vector<MoodMention> mentions;
    std::vector<std::string> exclusions;   // lower-case genres, artists or words refused
    std::size_t contentTokens = 0;         // tokens that are not fillers
    std::size_t understoodTokens = 0;      // of those, the ones the lexicon or constraints used
};

/** Walks the tokens left to right, tracking the role (state or wish), negation scope (which ends
    at "but", commas and sentence ends) and intensity. Tokens marked in `consumed` were used by
    constraints and only count as understood. Any thread.
*/
[[nodiscard]] MentionScan scanMentions (const MoodLexicon& lexicon,
                                        const std::vector<MoodToken>& tokens,
                                        const std::vector<bool>& consumed);

} // namespace moodboard::mood
