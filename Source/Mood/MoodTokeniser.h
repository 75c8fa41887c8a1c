#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::mood
{

/** One unit of typed text after normalising: a lower-case word, a number, or a break between
    clauses. Contractions are already expanded ("don’t" gives "do" and "not").
*/
struct MoodToken
{
    enum class Kind
    {
        word,
        number,
        comma,        // ',' ';' ':' and brackets: the end of a clause
        sentenceEnd   // '.', '!', '?'
    };

    Kind kind = Kind::word;
    std::string text;           // lower-case, straight apostrophes, contractions expanded
    std::string original;       // as typed, for artist names
    double number = 0.0;        // the value when kind is number
    bool allCaps = false;       // typed in capitals ("TIRED"), a sign of emphasis
    bool capitalised = false;   // first letter upper-case, e.g. part of a name
    bool elongated = false;     // letters stretched ("soooo"), a sign of emphasis
    bool exclaimed = false;     // a sentence end made of '!'

    [[nodiscard]] bool isWord() const noexcept { return kind == Kind::word; }
    [[nodiscard]] bool isBreak() const noexcept
    {
        return kind == Kind::comma || kind == Kind::sentenceEnd;
    }
};

/** Text past this many bytes is not read: a mood never needs more. */
inline constexpr std::size_t maxMoodTextBytes = 4000;

/** Splits text into tokens. Never throws on odd input: control characters, invalid UTF-8 and very
    long text are handled (text past the first 4000 bytes is ignored).
    Any thread.
*/
[[nodiscard]] std::vector<MoodToken> tokeniseMoodText (std::string_view text);

/** The words of a lexicon phrase, normalised the same way as typed text, joined by single spaces.
    Any thread.
*/
[[nodiscard]] std::string normaliseMoodPhrase (std::string_view phrase);

} // namespace moodboard::mood
