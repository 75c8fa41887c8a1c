#include "Mood/MoodExplanation.h"

#include <sstream>

namespace moodboard::mood
{
namespace
{
[[nodiscard]] std::string joinWithAnd (const std::vector<std::string>& parts)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
    {
        if (i > 0)
            out += (i + 1 == parts.size()) ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

/** "cheer me up" is written back to the reader as "cheer you up". */
[[nodiscard]] std::string toSecondPerson (const std::string& words)
{
    std::istringstream in (words);
    std::string word, out;
    while (in >> word)
    {
        if (word == "me" || word == "myself")
            word = "you";
        else if (word == "my")
            word = "your";
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

[[nodiscard]] std::string plainLabel (const MoodMention& m)
{
    if (m.softened)
        return "not too " + m.words;
    if (m.negated)
        return "not " + m.words;
    return m.words;
}

[[nodiscard]] std::string describeState (const std::vector<const MoodMention*>& state)
{
    std::vector<std::string> labels;
    for (const auto* m : state)
        if (labels.size() < 3)
            labels.push_back (plainLabel (*m));
    return "You feel " + joinWithAnd (labels);
}

[[nodiscard]] std::string describeWish (const std::vector<const MoodMention*>& wish)
{
    std::vector<std::string> qualities, purposes;
    for (const auto* m : wish)
    {
        if (qualities.size() + purposes.size() >= 3)
            break;
        if (m->entry->isVerb || m->entry->kind == MoodKind::wish)
        {
            const auto words = toSecondPerson (m->words);
            purposes.push_back (m->negated ? "not to " + words
                                : m->entry->kind == MoodKind::wish ? "something to " + words
                                                                    : "to " + words);
            continue;
        }
        switch (m->entry->kind)
        {
            case MoodKind::wish:
            case MoodKind::activity:
            case MoodKind::setting: purposes.push_back ("music for " + plainLabel (*m)); break;
            case MoodKind::genre: purposes.push_back ("some " + plainLabel (*m)); break;
            case MoodKind::feeling:
            case MoodKind::music: qualities.push_back (plainLabel (*m)); break;
        }
    }

    std::vector<std::string> parts;
    if (! qualities.empty())
        parts.push_back ("something " + joinWithAnd (qualities));
    parts.insert (parts.end(), purposes.begin(), purposes.end());
    return joinWithAnd (parts);
}

} // namespace

std::string describeMoodPoint (const MoodPoint& p)
{
    std::string valence;
    if (p.valence < 0.3)
        valence = "dark";
    else if (p.valence < 0.45)
        valence = "moody";
    else if (p.valence >= 0.75)
        valence = "bright";
    else if (p.valence >= 0.6)
        valence = "warm";

    const std::string energy = p.energy < 0.3   ? "calm, low-energy"
                               : p.energy < 0.5 ? "gentle"
                               : p.energy < 0.7 ? "mid-energy"
                                                : "high-energy";
    return valence.empty() ? energy : valence + ", " + energy;
}

std::string explainMood (const std::vector<const MoodMention*>& state,
                         const std::vector<const MoodMention*>& wish, const MoodTarget& target)
{
    if (state.empty() && wish.empty())
    {
        const std::string what = target.exclude.empty() && ! target.tempoBpm
                                         && ! target.durationSeconds && ! target.instrumental
                                     ? "I could not read a mood in that, so this is a neutral mix"
                                     : "I found no mood words, so this is a neutral mix";
        return what + "; try words like relaxed, upbeat, sad, focus, workout or rainy morning.";
    }

    std::string sentence;
    if (! state.empty() && ! wish.empty())
        sentence = describeState (state) + " and want " + describeWish (wish);
    else if (! state.empty())
        sentence = describeState (state);
    else
        sentence = "You want " + describeWish (wish);

    sentence += ": " + describeMoodPoint (target.end) + " music";
    if (target.instrumental == true)
        sentence += ", instrumental";
    if (target.arc == Arc::steady || ! target.start)
        sentence += ", steady";
    else
        sentence += (target.arc == Arc::rising ? ", rising from " : ", easing down from ")
                    + describeMoodPoint (*target.start);
    if (! target.exclude.empty())
        sentence += ", leaving out " + joinWithAnd (target.exclude);
    return sentence + ".";
}

} // namespace moodboard::mood
