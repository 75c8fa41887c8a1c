#include "Mood/MoodLexicon.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace moodboard::mood
{
namespace
{
[[nodiscard]] std::optional<MoodKind> kindFromName (std::string_view name)
{
    static constexpr std::array<std::pair<std::string_view, MoodKind>, 6> names { {
        { "feeling", MoodKind::feeling },   { "music", MoodKind::music },
        { "wish", MoodKind::wish },         { "activity", MoodKind::activity },
        { "setting", MoodKind::setting },   { "genre", MoodKind::genre },
    } };
    for (const auto& [n, k] : names)
        if (n == name)
            return k;
    return std::nullopt;
}

[[nodiscard]] bool isUnit (double x) noexcept { return x >= 0.0 && x <= 1.0; }

// Later types win when one phrase appears in two lists: a mood entry beats a negator, which beats
// an intensifier, which beats a cue, which beats a filler.
[[nodiscard]] int priorityOf (PhraseMatch::Type type) noexcept
{
    switch (type)
    {
        case PhraseMatch::Type::filler: return 0;
        case PhraseMatch::Type::stateCue:
        case PhraseMatch::Type::wishCue:
        case PhraseMatch::Type::startCue: return 1;
        case PhraseMatch::Type::intensifier:
        case PhraseMatch::Type::postIntensifier: return 2;
        case PhraseMatch::Type::negator: return 3;
        case PhraseMatch::Type::entry: return 4;
    }
    return 0;
}

[[nodiscard]] std::expected<MoodEntry, std::string> readEntry (const std::string& phrase,
                                                                 const nlohmann::json& j)
{
    const auto fail = [&] (std::string_view why)
    { return std::unexpected ("lexicon entry \"" + phrase + "\": " + std::string (why)); };

    if (! j.is_object() || ! j.contains ("v") || ! j.contains ("e") || ! j.contains ("kind"))
        return fail ("needs v, e and kind");

    MoodEntry entry;
    entry.phrase = normaliseMoodPhrase (phrase);
    if (entry.phrase.empty())
        return fail ("has no words");

    entry.point = { j.at ("v").get<double>(), j.at ("e").get<double>() };
    if (! isUnit (entry.point.valence) || ! isUnit (entry.point.energy))
        return fail ("v and e must be within 0..1");

    const auto kind = kindFromName (j.at ("kind").get<std::string>());
    if (! kind)
        return fail ("unknown kind");
    entry.kind = *kind;

    if (j.contains ("tempo"))
    {
        const auto& t = j.at ("tempo");
        if (! t.is_array() || t.size() != 2)
            return fail ("tempo must be [min, max]");
        entry.tempoBpm = TempoRange { t[0].get<double>(), t[1].get<double>() };
        if (entry.tempoBpm->min < 20.0 || entry.tempoBpm->max > 300.0
            || entry.tempoBpm->min > entry.tempoBpm->max)
            return fail ("tempo out of range");
    }
    if (j.contains ("dance"))
        entry.danceability = j.at ("dance").get<double>();
    if (j.contains ("acoustic"))
        entry.acousticness = j.at ("acoustic").get<double>();
    if (j.contains ("instrumental"))
        entry.instrumental = j.at ("instrumental").get<bool>();
    entry.isVerb = j.value ("verb", false);
    entry.isNoun = j.value ("noun", false);
    entry.say = j.value ("say", std::string());

    if ((entry.danceability && ! isUnit (*entry.danceability))
        || (entry.acousticness && ! isUnit (*entry.acousticness)))
        return fail ("dance and acoustic must be within 0..1");

    return entry;
}

} // namespace

std::expected<std::shared_ptr<const MoodLexicon>, std::string>
    MoodLexicon::fromJson (std::string_view json)
{
    // nlohmann_json reports bad input by throwing; it stops here and becomes a message.
    try
    {
        const auto root = nlohmann::json::parse (json);
        if (! root.is_object() || ! root.contains ("entries") || ! root.at ("entries").is_object())
            return std::unexpected (std::string ("the lexicon has no \"entries\" object"));

        std::shared_ptr<MoodLexicon> lexicon (new MoodLexicon());

        const auto addWords = [&] (const char* key, PhraseMatch::Type type)
        {
            if (root.contains (key))
                for (const auto& w : root.at (key))
                    lexicon->addPhrase (normaliseMoodPhrase (w.get<std::string>()),
                                        { type, 0, 1.0 });
        };
        const auto addFactors = [&] (const char* key, PhraseMatch::Type type)
        {
            if (root.contains (key))
                for (const auto& [w, factor] : root.at (key).items())
                    lexicon->addPhrase (normaliseMoodPhrase (w), { type, 0, factor.get<double>() });
        };

        addWords ("fillers", PhraseMatch::Type::filler);
        addWords ("stateCues", PhraseMatch::Type::stateCue);
        addWords ("wishCues", PhraseMatch::Type::wishCue);
        addWords ("startCues", PhraseMatch::Type::startCue);
        addFactors ("intensifiers", PhraseMatch::Type::intensifier);
        addFactors ("postIntensifiers", PhraseMatch::Type::postIntensifier);
        addWords ("negators", PhraseMatch::Type::negator);

        for (const auto& [phrase, value] : root.at ("entries").items())
        {
            auto entry = readEntry (phrase, value);
            if (! entry)
                return std::unexpected (entry.error());
            lexicon->entries.push_back (std::move (*entry));
        }
        for (std::size_t i = 0; i < lexicon->entries.size(); ++i)
            lexicon->addPhrase (lexicon->entries[i].phrase, { PhraseMatch::Type::entry, i, 1.0 });

        // The entries vector is complete, so pointers into it stay valid from here on.
        for (const auto& [phrase, value] : root.at ("entries").items())
        {
            if (! value.contains ("state"))
                continue;
            const auto stateName = value.at ("state").get<std::string>();
            const auto* state = lexicon->findEntry (stateName);
            if (state == nullptr || state->kind != MoodKind::feeling)
                return std::unexpected ("lexicon entry \"" + phrase + "\": state \"" + stateName
                                        + "\" is not a feeling in the lexicon");
            const auto* found = lexicon->lookUp (normaliseMoodPhrase (phrase));
            if (found != nullptr && found->second.type == PhraseMatch::Type::entry)
                lexicon->entries[found->second.entryIndex].impliedState = state;
        }

        return std::shared_ptr<const MoodLexicon> (std::move (lexicon));
    }
    catch (const nlohmann::json::exception& e)
    {
        return std::unexpected (std::string ("the lexicon is not valid JSON: ") + e.what());
    }
}

std::shared_ptr<const MoodLexicon> MoodLexicon::builtIn()
{
    static const auto lexicon = []
    {
        auto loaded = fromJson (resources::moodLexiconJson());
        // The built-in lexicon is checked by the tests; should it ever be broken, parsing still
        // works and understands nothing rather than failing.
        return loaded ? *loaded : std::shared_ptr<const MoodLexicon> (new MoodLexicon());
    }();
    return lexicon;
}

void MoodLexicon::addPhrase (const std::string& words, Phrase phrase)
{
    if (words.empty())
        return;

    auto [it, inserted] = phrases.try_emplace (words, phrase);
    if (! inserted && priorityOf (phrase.type) >= priorityOf (it->second.type))
        it->second = phrase;

    longestPhrase = std::max (longestPhrase,
                              static_cast<std::size_t> (std::ranges::count (words, ' ')) + 1);
}

const std::pair<const std::string, MoodLexicon::Phrase>*
    MoodLexicon::lookUp (const std::string& key) const
{
    const auto it = phrases.find (key);
    return it == phrases.end() ? nullptr : &*it;
}

const MoodEntry* MoodLexicon::findEntry (std::string_view phrase) const
{
    const auto* found = lookUp (normaliseMoodPhrase (phrase));
    if (found == nullptr || found->second.type != PhraseMatch::Type::entry)
        return nullptr;
    return &entries[found->second.entryIndex];
}

std::optional<PhraseMatch> MoodLexicon::matchAt (const std::vector<MoodToken>& tokens,
                                                 std::size_t index) const
{
    std::size_t available = 0;
    while (index + available < tokens.size() && available < longestPhrase
           && tokens[index + available].isWord())
        ++available;

    for (auto length = available; length > 0; --length)
    {
        std::string prefix;
        for (std::size_t i = 0; i + 1 < length; ++i)
            prefix += tokens[index + i].text + ' ';

        const auto& last = tokens[index + length - 1].text;
        auto candidates = inflectionCandidates (last);
        candidates.insert (candidates.begin(), last);

        for (const auto& word : candidates)
        {
            if (const auto* found = lookUp (prefix + word))
            {
                PhraseMatch match;
                match.type = found->second.type;
                match.length = length;
                match.factor = found->second.factor;
                match.phrase = found->first;
                if (match.type == PhraseMatch::Type::entry)
                    match.entry = &entries[found->second.entryIndex];
                return match;
            }
        }
    }
    return std::nullopt;
}

} // namespace moodboard::mood
