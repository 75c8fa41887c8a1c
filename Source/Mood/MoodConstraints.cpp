#include "Mood/MoodConstraints.h"

#include "Mood/MoodNumbers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <ranges>
#include <string_view>

namespace moodboard::mood
{
namespace
{
constexpr int maxCount = 500;
constexpr double maxDurationSeconds = 24.0 * 3600.0;
constexpr double minBpm = 30.0, maxBpm = 300.0;

using Words = std::initializer_list<std::string_view>;

[[nodiscard]] bool isOneOf (std::string_view w, Words words)
{
    return std::ranges::find (words, w) != words.end();
}

const Words countUnits { "songs", "song", "tracks", "track", "tunes", "tune", "bangers", "bops",
                         "jams", "pieces", "records", "hits", "numbers", "cuts", "ones" };
const Words minuteUnits { "minutes", "minute", "mins", "min" };
const Words hourUnits { "hours", "hour", "hrs", "hr", "h" };
const Words aroundWords { "around", "about", "roughly", "approximately", "approx", "near",
                          "at", "like", "circa" };
const Words belowWords { "under", "below", "max", "maximum", "most", "within", "slower" };
const Words aboveWords { "over", "above", "least", "min", "minimum", "faster", "beyond" };
const Words vocalWords { "lyrics", "lyric", "vocals", "vocal", "voice", "voices", "singer",
                         "singers", "words", "singing" };
const Words refusals { "not", "no", "without", "nothing", "never", "hate", "skip", "avoid",
                       "less", "zero" };

class Extractor final
{
public:
    explicit Extractor (const std::vector<MoodToken>& t) : tokens (t)
    {
        result.consumed.assign (tokens.size(), false);
    }

    MoodConstraints run()
    {
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (! result.consumed[i])
                readTempo (i);
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (! result.consumed[i])
                readDuration (i) || readCount (i) || readVocals (i);
        return std::move (result);
    }

private:
    [[nodiscard]] bool word (std::size_t i, Words words) const
    {
        return i < tokens.size() && tokens[i].isWord() && ! result.consumed[i]
               && isOneOf (tokens[i].text, words);
    }

    [[nodiscard]] const MoodToken* number (std::size_t i) const
    {
        return i < tokens.size() && tokens[i].kind == MoodToken::Kind::number
                       && ! result.consumed[i]
                   ? &tokens[i]
                   : nullptr;
    }

    void consume (std::size_t from, std::size_t to)
    {
        for (auto i = from; i < to && i < tokens.size(); ++i)
            result.consumed[i] = true;
    }

    /** Length of the tempo unit at i: "bpm" or "beats per minute". */
    [[nodiscard]] std::size_t tempoUnitAt (std::size_t i) const
    {
        if (word (i, { "bpm" }))
            return 1;
        if (word (i, { "beats" }) && word (i + 1, { "per" }) && word (i + 2, { "minute" }))
            return 3;
        return 0;
    }

    void setTempo (double low, double high, std::size_t from, std::size_t to)
    {
        if (low > high)
            std::swap (low, high);
        if (low < minBpm || high > maxBpm)
            return;
        result.tempoBpm = TempoRange { low, high };
        consume (from, to);
    }

    void readTempo (std::size_t i)
    {
        const auto* n = number (i);
        if (n == nullptr)
            return;

        // A range: "between 90 and 110 bpm", "90 to 110 bpm", "90-110 bpm".
        if (word (i + 1, { "to", "and" }))
            if (const auto* m = number (i + 2))
                if (const auto unit = tempoUnitAt (i + 3))
                {
                    const auto from = (i > 0 && word (i - 1, { "between", "from" })) ? i - 1 : i;
                    setTempo (n->number, m->number, from, i + 3 + unit);
                    return;
                }

        const auto unit = tempoUnitAt (i + 1);
        const bool afterTempoWord = i > 0 && word (i - 1, { "tempo", "of" })
                                    && (word (i - 1, { "tempo" }) || word (i - 2, { "tempo" }));
        if (unit == 0 && ! afterTempoWord)
            return;

        auto from = i;
        while (from > 0 && word (from - 1, { "than", "less", "more", "at", "up", "to", "tempo",
                                            "of", "around", "about", "roughly", "approximately",
                                            "approx", "near", "under", "below", "over", "above",
                                            "least", "most", "max", "maximum", "min", "minimum",
                                            "slower", "faster", "within", "circa", "like" }))
            --from;

        const auto x = n->number;
        double low = std::round (x * 0.92), high = std::round (x * 1.08);
        for (auto k = from; k < i; ++k)
        {
            if (word (k, belowWords) || (word (k, { "less" }) && word (k + 1, { "than" }))
                || (word (k, { "up" }) && word (k + 1, { "to" })))
            {
                low = std::max (minBpm, x - 60.0);
                high = x;
            }
            else if (word (k, aboveWords) || (word (k, { "more" }) && word (k + 1, { "than" })))
            {
                low = x;
                high = std::min (maxBpm, x + 60.0);
            }
        }
        setTempo (low, high, from, i + 1 + unit);
    }

    bool readDuration (std::size_t i)
    {
        const auto n = readNumber (tokens, i, true);
        if (! n || std::ranges::any_of (std::views::iota (i, i + n->length),
                                        [&] (auto k) { return result.consumed[k]; }))
            return false;

        auto j = i + n->length;
        double unitSeconds = 0.0;
        if (word (j, minuteUnits))
            unitSeconds = 60.0;
        else if (word (j, hourUnits))
            unitSeconds = 3600.0;
        else if (word (j, { "seconds", "secs", "sec" }))
            unitSeconds = 1.0;
        if (unitSeconds == 0.0)
            return false;

        auto value = n->value;
        ++j;
        if (word (j, { "and" }) && word (j + 1, { "a" }) && word (j + 2, { "half" }))
        {
            value += 0.5;
            j += 3;
        }
        const auto seconds = value * unitSeconds;
        if (! std::isfinite (seconds) || seconds <= 0.0)
            return false;
        result.durationSeconds = std::clamp (seconds, 60.0, maxDurationSeconds);
        consume (i, j);
        return true;
    }

    bool readCount (std::size_t i)
    {
        const auto n = readNumber (tokens, i, false);
        if (! n)
            return false;

        // The unit may follow a few describing words: "10 upbeat indie songs".
        auto j = i + n->length;
        for (std::size_t k = j; k < std::min (tokens.size(), j + 4); ++k)
        {
            if (! tokens[k].isWord() || result.consumed[k])
                break;
            if (word (k, countUnits))
            {
                setCount (n->value, i, i + n->length);
                consume (k, k + 1);
                return true;
            }
        }
        if (word (i + n->length - 1, { "dozen" }))
        {
            setCount (n->value, i, i + n->length);
            return true;
        }
        return false;
    }

    void setCount (double value, std::size_t from, std::size_t to)
    {
        if (! std::isfinite (value) || value < 1.0)
            return;
        result.count = static_cast<int> (std::min<double> (std::round (value), maxCount));
        consume (from, to);
    }

    bool readVocals (std::size_t i)
    {
        // Words are held by value: an initializer_list member would dangle once the array's
        // initialisation ends.
        struct Phrase
        {
            std::array<std::string_view, 2> words;
            std::size_t length;
            bool instrumental;
        };
        static constexpr std::array phrases {
            Phrase { { "instrumental", "only" }, 2, true },
            Phrase { { "only", "instrumental" }, 2, true },
            Phrase { { "instrumentals", "" }, 1, true },    Phrase { { "lyricless", "" }, 1, true },
            Phrase { { "instrumental", "" }, 1, true },
            Phrase { { "with", "vocals" }, 2, false },
            Phrase { { "with", "lyrics" }, 2, false },
            Phrase { { "with", "singing" }, 2, false },
            Phrase { { "with", "words" }, 2, false },       Phrase { { "sung", "" }, 1, false },
        };

        for (const auto& p : phrases)
        {
            bool matches = true;
            for (std::size_t k = 0; k < p.length; ++k)
                matches = matches && word (i + k, { p.words[k] });
            if (! matches)
                continue;
            setVocals (p.instrumental, i, i + p.length);
            return true;
        }

        if (word (i, vocalWords))
        {
            // "words" and "singing" alone are too common; they count only when refused.
            const bool refused = refusalBefore (i);
            if ((tokens[i].text == "words" || tokens[i].text == "singing") && ! refused)
                return false;
            setVocals (refused, i, i + 1);
            return true;
        }
        return false;
    }

    /** A refusal in the three tokens before i, within the clause; it is consumed with the word. */
    [[nodiscard]] bool refusalBefore (std::size_t i)
    {
        for (std::size_t back = 1; back <= 3 && back <= i; ++back)
        {
            const auto k = i - back;
            if (tokens[k].isBreak())
                return false;
            if (word (k, refusals))
            {
                consume (k, i);
                return true;
            }
        }
        return false;
    }

    void setVocals (bool instrumental, std::size_t from, std::size_t to)
    {
        // A refused instrumental ("not instrumental") asks for vocals.
        if (instrumental && refusalBefore (from))
            instrumental = false;
        result.instrumental = instrumental;
        consume (from, to);
    }

    const std::vector<MoodToken>& tokens;
    MoodConstraints result;
};

} // namespace

MoodConstraints extractConstraints (const std::vector<MoodToken>& tokens)
{
    return Extractor (tokens).run();
}

} // namespace moodboard::mood
