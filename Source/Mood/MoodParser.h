#pragma once

#include "Mood/MoodTarget.h"

#include <memory>
#include <string_view>

namespace moodboard::mood
{

class MoodLexicon;

/** Turns what a person types ("I'm sleepy and need something relaxing") into a MoodTarget,
    offline, from the lexicon in Resources/MoodLexicon.json.

    Immutable after construction; parse() may be called from any thread.
*/
class MoodParser final
{
public:
    /** A parser over the lexicon compiled into the program. Any thread. */
    MoodParser();

    /** A parser over the given lexicon; a null lexicon falls back to the built-in one.
        Any thread.
    */
    explicit MoodParser (std::shared_ptr<const MoodLexicon> lexicon);
    ~MoodParser();

    /** Reads a mood text. Never throws; text it cannot read gives a neutral target with low
        confidence and an explanation that suggests words to try.
        Any thread.
    */
    [[nodiscard]] MoodTarget parse (std::string_view text) const;

    /** True when the text names a feeling, activity or kind of music (not only exclusions or
        numbers). Any thread. */
    [[nodiscard]] bool mentionsMood (std::string_view text) const;

    /** The lexicon this parser reads with. Any thread. */
    [[nodiscard]] const MoodLexicon& getLexicon() const noexcept { return *lexicon; }

private:
    std::shared_ptr<const MoodLexicon> lexicon;
};

} // namespace moodboard::mood
