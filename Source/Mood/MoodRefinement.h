#pragma once

#include "Mood/MoodLexicon.h"
#include "Mood/MoodTarget.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::mood
{

/** A follow-up message read as a change to the current target rather than a new mood. */
struct MoodRefinement
{
    enum class Kind
    {
        adjust,     // "more upbeat", "darker", "less vocals", "shorter", "20 songs"
        undo,       // "undo", "go back"
        keep,       // "keep it going", "more like this": the same target, a fresh playlist
        likeTrack,  // "like the third one"
        unclear     // "something else", "change it": asks which way
    };

    Kind kind = Kind::adjust;
    double valenceStep = 0.0;                // added to valence, start and end
    double energyStep = 0.0;
    double danceStep = 0.0;
    double acousticStep = 0.0;
    double tempoFactor = 1.0;                // "faster": 1.1
    double lengthFactor = 1.0;               // "shorter": 0.7
    std::optional<TempoRange> tempoBpm;      // "around 100 bpm"
    std::optional<int> count;                // "make it 20 songs"
    std::optional<double> durationSeconds;   // "only half an hour"
    std::optional<bool> instrumental;
    bool vocalsAmbiguous = false;            // "less vocals": none at all, or fewer?
    std::optional<int> trackNumber;          // 1-based; -1 for "the last one"
    std::vector<std::string> said;           // the changes as typed, for the reply
};

/** Reads a follow-up. Empty when the text is not a refinement (it names a new mood, or nothing
    the conversation can act on). Any thread.
*/
[[nodiscard]] std::optional<MoodRefinement> readRefinement (std::string_view text,
                                                            const MoodLexicon& lexicon);

/** The target after a refinement of kind adjust (other kinds are the conversation's to apply);
    values stay within their ranges. Any thread.
*/
[[nodiscard]] MoodTarget applyRefinement (const MoodTarget& target, const MoodRefinement& change);

/** What differs between two targets, as a short clause ("valence 30% → 45%, instrumental").
    Empty when nothing differs. Any thread.
*/
[[nodiscard]] std::string describeChange (const MoodTarget& before, const MoodTarget& after);

} // namespace moodboard::mood
