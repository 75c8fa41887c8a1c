#include "Mood/MoodRefinement.h"

#include "Mood/MoodConstraints.h"
#include "Mood/MoodNumbers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

namespace moodboard::mood
{
namespace
{
constexpr double axisStep = 0.15;
constexpr double featureStep = 0.2;

using Words = std::initializer_list<std::string_view>;

[[nodiscard]] bool isOneOf (std::string_view w, Words words)
{
    return std::ranges::find (words, w) != words.end();
}

[[nodiscard]] std::string joined (const std::vector<MoodToken>& tokens)
{
    std::string out;
    for (const auto& t : tokens)
        if (! t.isBreak())
            out += (out.empty() ? "" : " ") + t.text;
    return out;
}

[[nodiscard]] std::optional<int> ordinalAt (const std::vector<MoodToken>& tokens, std::size_t i)
{
    static constexpr std::array<std::string_view, 10> ordinals {
        "first", "second", "third",   "fourth", "fifth",
        "sixth", "seventh", "eighth", "ninth", "tenth"
    };
    if (i >= tokens.size())
        return std::nullopt;
    const auto& w = tokens[i].text;
    for (std::size_t k = 0; k < ordinals.size(); ++k)
        if (w == ordinals[k])
            return static_cast<int> (k + 1);
    if (w == "last" || w == "final")
        return -1;
    // "3rd", "2nd", "1st", "4th"
    if (w.size() >= 3 && w[0] >= '0' && w[0] <= '9'
        && isOneOf (std::string_view (w).substr (w.size() - 2), { "st", "nd", "rd", "th" }))
        return std::atoi (w.c_str());
    return std::nullopt;
}

/** "like the third one", "more like track 2", "like the last song", "like #3". */
[[nodiscard]] std::optional<int> trackReference (const std::vector<MoodToken>& tokens)
{
    for (std::size_t i = 0; i < tokens.size(); ++i)
    {
        if (! isOneOf (tokens[i].text, { "like", "as" }))
            continue;
        auto k = i + 1;
        if (k < tokens.size() && tokens[k].text == "the")
            ++k;
        if (auto n = ordinalAt (tokens, k))
            return n;
        if (k < tokens.size() && isOneOf (tokens[k].text, { "track", "song", "number", "no" }))
            ++k;
        if (k < tokens.size() && tokens[k].kind == MoodToken::Kind::number)
            return static_cast<int> (tokens[k].number);
        if (auto n = readNumber (tokens, k, false); n && n->value >= 1.0 && n->value <= 500.0)
            return static_cast<int> (n->value);
    }
    return std::nullopt;
}

class Reader final
{
public:
    Reader (const MoodLexicon& l, std::vector<MoodToken> t) : lexicon (l), tokens (std::move (t)) {}

    std::optional<MoodRefinement> run()
    {
        const auto text = joined (tokens);
        if (isOneOf (text, { "undo", "undo that", "go back", "back", "revert", "take that back",
                             "previous", "undo please", "go back please", "never mind",
                             "nevermind", "the one before" }))
            return MoodRefinement { .kind = MoodRefinement::Kind::undo };
        if (isOneOf (text, { "keep it going", "keep going", "more like this", "more of this",
                             "same again", "again", "more", "continue", "keep it up",
                             "more of the same", "more please", "love it", "perfect",
                             "keep it like this", "same vibe", "another one" }))
            return MoodRefinement { .kind = MoodRefinement::Kind::keep };
        if (isOneOf (text, { "something else", "change it", "different", "something different",
                             "not this", "nah", "no", "meh", "i do not like it", "not really",
                             "try again", "other", "not that" }))
            return MoodRefinement { .kind = MoodRefinement::Kind::unclear };
        if (const auto n = trackReference (tokens))
            return MoodRefinement { .kind = MoodRefinement::Kind::likeTrack, .trackNumber = n };

        const auto constraints = extractConstraints (tokens);
        change.count = constraints.count;
        change.durationSeconds = constraints.durationSeconds;
        change.tempoBpm = constraints.tempoBpm;
        if (constraints.tempoBpm)
            change.said.push_back ("a new tempo");
        if (constraints.count || constraints.durationSeconds)
            change.said.push_back ("a new length");

        std::size_t i = 0;
        while (i < tokens.size())
            i = constraints.consumed[i] ? i + 1 : step (i, constraints.consumed);

        if (constraints.instrumental && ! change.instrumental)
        {
            change.instrumental = constraints.instrumental;
            change.said.push_back (*constraints.instrumental ? "instrumental" : "with vocals");
            // "less vocals" may mean none at all or just fewer: the reply asks.
            for (std::size_t k = 0; k + 1 < tokens.size(); ++k)
                if (word (k, { "less", "fewer" })
                    && word (k + 1, { "vocals", "vocal", "lyrics", "singing", "voice" }))
                {
                    change.vocalsAmbiguous = true;
                    change.said.back() = "less vocals";
                }
        }
        // A new mood word said without "more" or "less" is a new request, not a refinement.
        if (sawNewMood || ! changed())
            return std::nullopt;
        return change;
    }

private:
    [[nodiscard]] bool changed() const
    {
        return change.valenceStep != 0.0 || change.energyStep != 0.0 || change.danceStep != 0.0
               || change.acousticStep != 0.0 || change.tempoFactor != 1.0
               || change.lengthFactor != 1.0 || change.count || change.durationSeconds
               || change.instrumental || change.tempoBpm;
    }

    [[nodiscard]] bool word (std::size_t i, Words words) const
    {
        return i < tokens.size() && tokens[i].isWord() && isOneOf (tokens[i].text, words);
    }

    std::size_t step (std::size_t i, const std::vector<bool>& consumed)
    {
        const auto& w = tokens[i].text;
        if (tokens[i].isBreak())
        {
            direction = 0.0;
            return i + 1;
        }
        if (word (i, { "more", "extra" }))
        {
            direction = 1.0;
            return i + 1;
        }
        if (word (i, { "less", "fewer", "too" }) || (word (i, { "not" }) && word (i + 1, { "so" })))
        {
            direction = -1.0;
            return i + (w == "not" ? 2 : 1);
        }
        if (word (i, { "bit", "little", "slightly", "touch", "tad" }))
        {
            amount = 0.5;
            return i + 1;
        }
        if (word (i, { "much", "way", "lot", "lots", "even", "far", "loads", "really" }))
        {
            amount = 1.6;
            return i + 1;
        }
        if (word (i, { "shorter", "fewer songs" }))
            return lengthBy (0.7, "shorter", i);
        if (word (i, { "longer" }))
            return lengthBy (1.4, "longer", i);
        if (word (i, { "songs", "tracks", "tunes" }) && direction != 0.0 && ! consumed[i])
            return direction > 0 ? lengthBy (1.4, "more songs", i)
                                 : lengthBy (0.7, "fewer songs", i);
        if (word (i, { "faster", "quicker" }))
            return tempoBy (1.1, 0.06, "faster", i);
        if (word (i, { "slower" }))
            return tempoBy (0.9, -0.06, "slower", i);
        if (word (i, { "vocals", "vocal", "lyrics", "singing", "voice", "words" }))
        {
            if (direction < 0.0)
            {
                change.instrumental = true;
                change.vocalsAmbiguous = true;
                change.said.push_back ("less vocals");
            }
            else
            {
                change.instrumental = false;
                change.said.push_back ("with vocals");
            }
            direction = 0.0;
            return i + 1;
        }

        const auto match = lexicon.matchAt (tokens, i);
        if (match && match->type == PhraseMatch::Type::intensifier)
            amount = match->factor < 1.0 ? 0.5 : 1.6;
        if (! match || match->type != PhraseMatch::Type::entry)
            return i + (match ? match->length : 1);

        // "darker" finds "dark": a comparative asks for more of it.
        const bool comparative = match->length == 1 && w.ends_with ("er")
                                 && match->entry->phrase != w;
        if (direction == 0.0 && ! comparative)
        {
            sawNewMood = true;
            return i + match->length;
        }
        push (*match->entry, direction == 0.0 ? 1.0 : direction,
              (direction < 0.0 ? "less " : "more ") + match->entry->phrase);
        direction = 0.0;
        amount = 1.0;
        return i + match->length;
    }

    void push (const MoodEntry& entry, double sign, std::string said)
    {
        const auto towards = [&] (double value)
        {
            const auto deviation = value - 0.5;
            if (std::abs (deviation) < 0.12)
                return 0.0;
            return sign * amount * axisStep * std::clamp (std::abs (deviation) / 0.35, 0.5, 1.0)
                   * (deviation > 0.0 ? 1.0 : -1.0);
        };
        change.valenceStep += towards (entry.point.valence);
        change.energyStep += towards (entry.point.energy);
        if (entry.danceability)
            change.danceStep += sign * amount * featureStep * (*entry.danceability >= 0.5 ? 1 : -1);
        if (entry.acousticness)
            change.acousticStep += sign * amount * featureStep
                                   * (*entry.acousticness >= 0.5 ? 1 : -1);
        change.said.push_back (std::move (said));
    }

    std::size_t lengthBy (double factor, std::string said, std::size_t i)
    {
        change.lengthFactor *= factor;
        change.said.push_back (std::move (said));
        direction = 0.0;
        return i + 1;
    }

    std::size_t tempoBy (double factor, double energy, std::string said, std::size_t i)
    {
        change.tempoFactor *= amount == 1.0 ? factor : 1.0 + (factor - 1.0) * amount;
        change.energyStep += energy * amount;
        change.said.push_back (std::move (said));
        direction = 0.0;
        return i + 1;
    }

    const MoodLexicon& lexicon;
    const std::vector<MoodToken> tokens;
    MoodRefinement change;
    double direction = 0.0;   // +1 after "more", -1 after "less", 0 otherwise
    double amount = 1.0;
    bool sawNewMood = false;
};

[[nodiscard]] double unit (double x) { return std::clamp (x, 0.02, 0.98); }

[[nodiscard]] std::string percent (double x)
{
    return std::to_string (static_cast<int> (std::lround (x * 100.0))) + "%";
}

} // namespace

std::optional<MoodRefinement> readRefinement (std::string_view text, const MoodLexicon& lexicon)
{
    return Reader (lexicon, tokeniseMoodText (text)).run();
}

MoodTarget applyRefinement (const MoodTarget& target, const MoodRefinement& change)
{
    auto t = target;
    const auto shift = [&] (MoodPoint& p)
    {
        p.valence = unit (p.valence + change.valenceStep);
        p.energy = unit (p.energy + change.energyStep);
    };
    shift (t.end);
    if (t.start)
        shift (*t.start);

    if (change.danceStep != 0.0)
        t.danceability = unit (t.danceability.value_or (0.5) + change.danceStep);
    if (change.acousticStep != 0.0)
        t.acousticness = unit (t.acousticness.value_or (0.5) + change.acousticStep);
    if (change.tempoFactor != 1.0)
    {
        const auto centre = t.tempoBpm ? (t.tempoBpm->min + t.tempoBpm->max) / 2.0
                                       : 70.0 + 90.0 * t.end.energy;
        const auto mid = std::clamp (centre * change.tempoFactor, 40.0, 220.0);
        t.tempoBpm = TempoRange { std::round (mid * 0.92), std::round (mid * 1.08) };
    }
    if (change.tempoBpm)
        t.tempoBpm = change.tempoBpm;
    if (change.instrumental)
        t.instrumental = change.instrumental;
    if (change.count)
    {
        t.count = *change.count;
        t.durationSeconds.reset();
    }
    if (change.durationSeconds)
        t.durationSeconds = change.durationSeconds;
    if (change.lengthFactor != 1.0)
    {
        t.count = std::clamp (static_cast<int> (std::lround (t.count * change.lengthFactor)), 1,
                              500);
        if (t.durationSeconds)
            t.durationSeconds = std::clamp (*t.durationSeconds * change.lengthFactor, 60.0,
                                            24.0 * 3600.0);
    }
    return t;
}

std::string describeChange (const MoodTarget& a, const MoodTarget& b)
{
    std::vector<std::string> parts;
    const auto axis = [&] (const char* name, double x, double y)
    {
        if (std::abs (x - y) >= 0.005)
            parts.push_back (std::string (name) + " " + percent (x) + " \u2192 " + percent (y));
    };
    axis ("valence", a.end.valence, b.end.valence);
    axis ("energy", a.end.energy, b.end.energy);
    if (b.danceability && a.danceability != b.danceability)
        axis ("danceability", a.danceability.value_or (0.5), *b.danceability);
    if (b.acousticness && a.acousticness != b.acousticness)
        axis ("acousticness", a.acousticness.value_or (0.5), *b.acousticness);
    if (b.tempoBpm && (! a.tempoBpm || a.tempoBpm->min != b.tempoBpm->min))
        parts.push_back ("tempo " + std::to_string (std::lround (b.tempoBpm->min)) + "-"
                         + std::to_string (std::lround (b.tempoBpm->max)) + " BPM");
    if (a.instrumental != b.instrumental && b.instrumental)
        parts.push_back (*b.instrumental ? "instrumental only" : "with vocals");
    if (a.count != b.count)
        parts.push_back (std::to_string (a.count) + " \u2192 " + std::to_string (b.count)
                         + " tracks");
    if (a.durationSeconds != b.durationSeconds && b.durationSeconds)
        parts.push_back (std::to_string (std::lround (*b.durationSeconds / 60.0)) + " minutes");

    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i > 0 ? ", " : "") + parts[i];
    return out;
}

} // namespace moodboard::mood
