#pragma once

#include "Mood/MoodTarget.h"
#include "Mood/MoodTokeniser.h"

#include <cstddef>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moodboard::mood
{

/** How a lexicon phrase is read in a sentence. */
enum class MoodKind
{
    feeling,   // how someone is ("sleepy", "furious"); the current state when a wish is also given
    music,     // what the music should be like ("relaxing", "banger")
    wish,      // something done to the listener ("cheer me up"); always a wish
    activity,  // what the music is for ("study", "workout")
    setting,   // a time, place or weather ("rainy morning", "beach")
    genre      // a style; asked for, it nudges the mood, refused, it becomes an exclusion
};

/** One phrase of the lexicon with where it sits on the mood plane and what it implies. */
struct MoodEntry
{
    std::string phrase;                     // normalised words, e.g. "cheer me up"
    MoodPoint point;
    MoodKind kind = MoodKind::feeling;
    std::optional<TempoRange> tempoBpm;
    std::optional<double> danceability;
    std::optional<double> acousticness;
    std::optional<bool> instrumental;
    bool isVerb = false;                    // said back as "to ..." ("to wallow", "to study")
    bool isNoun = false;                    // said back as a thing ("vibes"), not "something X"
    std::string say;                        // how explanations word it, when not as typed
    const MoodEntry* impliedState = nullptr; // how someone who says it feels ("can not sleep")
};

/** What a run of tokens was recognised as. */
struct PhraseMatch
{
    enum class Type
    {
        entry,
        negator,
        intensifier,      // before a word: "very", "a bit"
        postIntensifier,  // after a word: "af", "as hell"
        stateCue,         // "i am", "i feel"
        wishCue,          // "want", "give me", "something"; "to", "end with" after a start
        startCue,         // "from", "start with": where a playlist's path begins
        filler            // understood but carries no mood: "the", "songs"
    };

    Type type = Type::filler;
    std::size_t length = 0;            // tokens covered
    const MoodEntry* entry = nullptr;  // for Type::entry
    double factor = 1.0;               // for intensifiers
    std::string_view phrase;           // normalised words matched
};

/** The mood vocabulary: phrases mapped to valence and energy, plus the small words that steer a
    sentence (cues, negators, intensifiers, fillers). Loaded from JSON; immutable afterwards.
    Any thread.
*/
class MoodLexicon final
{
public:
    /** Reads the lexicon's JSON. Returns a message naming the bad entry when it does not fit the
        expected shape or a value is out of range. Any thread.
    */
    [[nodiscard]] static std::expected<std::shared_ptr<const MoodLexicon>, std::string>
        fromJson (std::string_view json);

    /** The lexicon compiled into the program, loaded once. Any thread. */
    [[nodiscard]] static std::shared_ptr<const MoodLexicon> builtIn();

    /** The longest phrase starting at tokens[index], trying simple inflections of its last word
        ("relaxing" finds "relax"). Empty when nothing matches. Any thread.
    */
    [[nodiscard]] std::optional<PhraseMatch> matchAt (const std::vector<MoodToken>& tokens,
                                                      std::size_t index) const;

    /** An entry by its exact phrase, normalised the same way as typed text. Any thread. */
    [[nodiscard]] const MoodEntry* findEntry (std::string_view phrase) const;

    [[nodiscard]] const std::vector<MoodEntry>& getEntries() const noexcept { return entries; }

private:
    struct Phrase
    {
        PhraseMatch::Type type = PhraseMatch::Type::filler;
        std::size_t entryIndex = 0;
        double factor = 1.0;
    };

    MoodLexicon() = default;
    void addPhrase (const std::string& words, Phrase phrase);
    [[nodiscard]] const std::pair<const std::string, Phrase>* lookUp (const std::string& key) const;

    std::vector<MoodEntry> entries;
    std::unordered_map<std::string, Phrase> phrases;
    std::size_t longestPhrase = 1;
};

/** Other spellings of a word to try when it is not in the lexicon as typed: without plural,
    -ing, -ed, -er, -ly endings, or with stretched letters shortened. Any thread.
*/
[[nodiscard]] std::vector<std::string> inflectionCandidates (std::string_view word);

} // namespace moodboard::mood

namespace moodboard::resources
{
std::string_view moodLexiconJson();
}
