#include "Mood/MoodExplanation.h"

#include <algorithm>
#include <initializer_list>
#include <sstream>
#include <string_view>

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
    const auto& words = m.entry->say.empty() ? m.words : m.entry->say;
    if (m.softened)
        return "not too " + words;
    if (m.negated)
        return "not " + words;
    return words;
}

[[nodiscard]] std::string describeState (const std::vector<const MoodMention*>& state)
{
    std::vector<std::string> labels, stressed;
    for (const auto* m : state)
        if (labels.size() + stressed.size() < 3)
            (m->contrasted && m->role == MoodRole::state ? stressed : labels)
                .push_back (plainLabel (*m));
    if (labels.empty() || stressed.empty())
        return "You feel " + joinWithAnd (labels.empty() ? stressed : labels);
    return "You feel " + joinWithAnd (labels) + " but " + joinWithAnd (stressed);
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
            const auto words = m->entry->say.empty() ? toSecondPerson (m->words) : m->entry->say;
            purposes.push_back (m->negated ? "not to " + words
                                : m->entry->kind == MoodKind::wish ? "something to " + words
                                                                    : "to " + words);
            continue;
        }
        if (m->entry->isNoun)
        {
            purposes.push_back (plainLabel (*m));
            continue;
        }
        switch (m->entry->kind)
        {
            case MoodKind::wish:
            case MoodKind::activity:
            case MoodKind::setting:
            {
                // "at the beach" and "with friends" already say how the music relates.
                const auto label = plainLabel (*m);
                const bool hasPreposition = std::ranges::any_of (
                    std::initializer_list<std::string_view> { "at ", "in ", "on ", "with ",
                                                              "during ", "after ", "before " },
                    [&] (auto p) { return label.starts_with (p); });
                purposes.push_back ((hasPreposition ? "music " : "music for ") + label);
                break;
            }
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
