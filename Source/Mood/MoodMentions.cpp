#include "Mood/MoodMentions.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace moodboard::mood
{
namespace
{
constexpr double capitalsBoost = 1.3;
constexpr double stretchedBoost = 1.2;
constexpr double exclamationBoost = 1.25;

[[nodiscard]] bool isOneOf (std::string_view w, std::initializer_list<std::string_view> words)
{
    return std::ranges::find (words, w) != words.end();
}

/** Open negation: from a negator to the end of its clause. */
struct Negation
{
    bool active = false;
    bool canExclude = false;   // "no", "without", "except" refuse unknown names; "not" does not
    bool softened = false;
    bool hasMention = false;   // a mood phrase was negated in this scope
    bool hasObject = false;    // a mood phrase or an exclusion was found in this scope

    void start (std::string_view negator)
    {
        *this = {};
        active = true;
        canExclude = ! isOneOf (negator,
                                { "not", "never", "hate", "nicht", "pas", "jamais", "nunca" });
    }

    void end() { *this = {}; }
};

class Scanner final
{
public:
    Scanner (const MoodLexicon& known, const std::vector<MoodToken>& text,
             const std::vector<bool>& used)
        : lexicon (known), tokens (text), consumed (used)
    {
        // A sentence that ends in '!' strengthens every mood word in it.
        exclaimed.assign (tokens.size(), false);
        bool flag = false;
        for (auto k = tokens.size(); k-- > 0;)
        {
            if (tokens[k].kind == MoodToken::Kind::sentenceEnd)
                flag = tokens[k].exclaimed;
            exclaimed[k] = flag;
        }

        // Capitals mark a name only when the rest of the text is not shouted or in title case.
        // A sentence's first word and "I" are capitalised anyway and say nothing.
        std::size_t words = 0, capitalised = 0, shouted = 0;
        bool sentenceStart = true;
        for (const auto& t : tokens)
        {
            const bool first = std::exchange (sentenceStart,
                                              t.kind == MoodToken::Kind::sentenceEnd);
            if (! t.isWord() || first || t.original.starts_with ("I'") || t.original == "I"
                || t.original.starts_with ("I\u2019"))
                continue;
            ++words;
            capitalised += t.capitalised ? 1 : 0;
            shouted += t.allCaps ? 1 : 0;
        }
        capitalsNameThings = words < 4 || (2 * shouted < words && 3 * capitalised < 2 * words);

        // Sentences with "please" in them ask for something.
        pleaseSentence.assign (tokens.size(), false);
        bool hasPlease = false;
        for (std::size_t k = 0, start = 0; k <= tokens.size(); ++k)
        {
            if (k < tokens.size() && tokens[k].kind != MoodToken::Kind::sentenceEnd)
            {
                hasPlease = hasPlease || tokens[k].text == "please" || tokens[k].text == "pls";
                continue;
            }
            for (auto m = start; m < k; ++m)
                pleaseSentence[m] = hasPlease;
            hasPlease = false;
            start = k + 1;
        }
    }

    MentionScan run()
    {
        std::size_t i = 0;
        while (i < tokens.size())
            i = step (i);
        return std::move (scan);
    }

private:
    std::size_t step (std::size_t i)
    {
        const auto& token = tokens[i];

        if (consumed[i])
        {
            if (! token.isBreak())
                understood (1);
            return i + 1;
        }
        if (token.isBreak())
        {
            negation.end();
            pendingIntensity = 1.0;
            if (token.kind == MoodToken::Kind::sentenceEnd)
            {
                role = MoodRole::none;
                pathStart = false;
                contrast = false;
                ++sentence;
            }
            return i + 1;
        }

        const auto match = token.isWord() ? lexicon.matchAt (tokens, i) : std::nullopt;
        if (! match)
            return unknown (i);

        const auto end = i + match->length;
        switch (match->type)
        {
            case PhraseMatch::Type::filler:
                if (isOneOf (match->phrase, { "but", "though", "although", "however", "yet",
                                              "instead", "while" }))
                {
                    negation.end();
                    contrast = contrast || ! isOneOf (match->phrase, { "while", "instead" });
                }
                return end;

            case PhraseMatch::Type::negator:
                understood (match->length);
                negation.start (match->phrase);
                return end;

            case PhraseMatch::Type::intensifier:
                understood (match->length);
                // "not too sad", "not very loud": a little is fine.
                if (negation.active && ! negation.hasObject && pendingIntensity == 1.0
                    && isOneOf (match->phrase, { "too", "very", "so", "that", "really", "overly" }))
                    negation.softened = true;
                else
                    pendingIntensity = std::clamp (pendingIntensity * match->factor, 0.2, 2.5);
                return end;

            case PhraseMatch::Type::postIntensifier:
                understood (match->length);
                if (! scan.mentions.empty() && lastMentionEnd == i)
                {
                    auto& last = scan.mentions.back();
                    last.intensity = std::clamp (last.intensity * match->factor, 0.2, 2.5);
                }
                return end;

            case PhraseMatch::Type::stateCue:
            case PhraseMatch::Type::wishCue:
                understood (match->length);
                // "no country or anything slow" keeps refusing; "no metal, I need calm" does not.
                if (negation.hasObject
                    && ! (i > 0 && isOneOf (tokens[i - 1].text, { "or", "nor" })))
                    negation.end();
                role = match->type == PhraseMatch::Type::stateCue ? MoodRole::state
                                                                  : MoodRole::wish;
                pathStart = false;
                return end;

            case PhraseMatch::Type::startCue:
                understood (match->length);
                negation.end();
                role = MoodRole::state;
                pathStart = true;
                return end;

            case PhraseMatch::Type::entry:
                understood (match->length);
                addMention (*match, i);
                return end;
        }
        return end;
    }

    void understood (std::size_t count)
    {
        scan.contentTokens += count;
        scan.understoodTokens += count;
    }

    std::size_t unknown (std::size_t i)
    {
        // After "no", "without" or "except", or before a capitalised name after "not", an
        // unknown run of words is something to leave out: "no Taylor Swift", "not Artist X".
        // "I'm not Sure" says how someone is, and capitals in shouted or title-case text name
        // nothing, so those stay unknown words.
        const bool looksLikeName = tokens[i].capitalised && capitalsNameThings
                                   && role != MoodRole::state;
        if (negation.active && ! negation.hasMention && (negation.canExclude || looksLikeName))
        {
            std::string name;
            auto k = i;
            while (k < tokens.size() && tokens[k].isWord() && ! consumed[k]
                   && ! lexicon.matchAt (tokens, k))
            {
                name += (name.empty() ? "" : " ") + tokens[k].text;
                ++k;
            }
            if (! name.empty())
            {
                understood (k - i);
                addExclusion (name);
                return k;
            }
        }
        ++scan.contentTokens;
        return i + 1;
    }

    void addExclusion (const std::string& name)
    {
        negation.hasObject = true;
        if (std::ranges::find (scan.exclusions, name) == scan.exclusions.end())
            scan.exclusions.push_back (name);
    }

    void addMention (const PhraseMatch& match, std::size_t i)
    {
        const auto& entry = *match.entry;
        if (negation.active && entry.kind == MoodKind::genre)
        {
            addExclusion (entry.phrase);
            pendingIntensity = 1.0;
            return;
        }

        MoodMention mention;
        mention.entry = &entry;
        mention.role = entry.kind == MoodKind::wish ? MoodRole::wish : role;
        // "happy songs" and "... please" describe the music wanted, whatever came before.
        const auto after = i + match.length;
        const bool describesMusic
            = after < tokens.size()
              && isOneOf (tokens[after].text, { "songs", "song", "music", "tunes", "tracks",
                                                "playlist", "mix", "stuff", "beats", "ones" });
        mention.startsPath = pathStart && entry.kind != MoodKind::wish;
        if (! mention.startsPath
            && (describesMusic || (mention.role == MoodRole::none && pleaseSentence[i])))
            mention.role = MoodRole::wish;
        mention.negated = negation.active;
        mention.contrasted = contrast;
        mention.sentence = sentence;
        mention.softened = negation.active && negation.softened;

        double boost = pendingIntensity;
        bool capitals = false, stretched = false;
        for (auto k = i; k < i + match.length; ++k)
        {
            if (! mention.words.empty())
                mention.words += ' ';
            mention.words += tokens[k].text;
            capitals = capitals || tokens[k].allCaps;
            stretched = stretched || tokens[k].elongated;
        }
        boost *= capitals ? capitalsBoost : 1.0;
        boost *= stretched ? stretchedBoost : 1.0;
        boost *= exclaimed[i] ? exclamationBoost : 1.0;
        mention.intensity = std::clamp (boost, 0.2, 2.5);

        scan.mentions.push_back (std::move (mention));
        negation.hasMention = negation.hasMention || negation.active;
        negation.hasObject = negation.hasObject || negation.active;
        pendingIntensity = 1.0;
        lastMentionEnd = i + match.length;
    }

    const MoodLexicon& lexicon;
    const std::vector<MoodToken>& tokens;
    const std::vector<bool>& consumed;
    std::vector<bool> exclaimed;
    std::vector<bool> pleaseSentence;
    bool capitalsNameThings = true;
    bool contrast = false;
    std::size_t sentence = 0;

    MentionScan scan;
    MoodRole role = MoodRole::none;
    bool pathStart = false;   // after a start cue, until a wish cue or the sentence ends
    Negation negation;
    double pendingIntensity = 1.0;
    std::size_t lastMentionEnd = static_cast<std::size_t> (-1);
};

} // namespace

MentionScan scanMentions (const MoodLexicon& lexicon, const std::vector<MoodToken>& tokens,
                          const std::vector<bool>& consumed)
{
    return Scanner (lexicon, tokens, consumed).run();
}

} // namespace moodboard::mood
