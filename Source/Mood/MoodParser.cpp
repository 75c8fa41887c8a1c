#include "Mood/MoodParser.h"

#include "Mood/MoodConstraints.h"
#include "Mood/MoodExplanation.h"
#include "Mood/MoodLexicon.h"
#include "Mood/MoodMentions.h"

#include <algorithm>
#include <cmath>

namespace moodboard::mood
{
namespace
{
constexpr double secondsPerTrack = 210.0;
constexpr int defaultCount = 12;
// Below this distance on the mood plane, feeling and wish agree and the playlist holds still.
constexpr double agreementDistance = 0.3;

using Group = std::vector<const MoodMention*>;

[[nodiscard]] double clampUnit (double x) { return std::clamp (x, 0.0, 1.0); }

/** Moves a value away from neutral by `strength`: below 1 scales it down, above 1 pushes it
    toward the edge without ever passing it, so "very very happy" stays a little below 1.
*/
[[nodiscard]] double stretched (double value, double strength)
{
    const auto deviation = value - 0.5;
    if (strength <= 1.0)
        return clampUnit (0.5 + deviation * strength);
    const auto room = 1.0 - 2.0 * std::abs (deviation);
    return clampUnit (0.5 + std::copysign (0.5 * (1.0 - std::pow (room, strength)), deviation));
}

/** Where a mention sits once negation and intensity have bent it. A negated word is pushed half
    way past neutral to the other side; "not too X" keeps a faint trace of X.
*/
[[nodiscard]] MoodPoint adjustedPoint (const MoodMention& m)
{
    const auto& p = m.entry->point;
    if (m.softened || m.negated)
    {
        const double factor = m.softened ? 0.25 : -0.5;
        return { clampUnit (0.5 + (p.valence - 0.5) * factor),
                 clampUnit (0.5 + (p.energy - 0.5) * factor) };
    }
    const auto strength = std::clamp (m.intensity, 0.2, 2.5);
    return { stretched (p.valence, strength), stretched (p.energy, strength) };
}

[[nodiscard]] double weightOf (const MoodMention& m)
{
    double kindWeight = 1.0;
    switch (m.entry->kind)
    {
        case MoodKind::wish: kindWeight = 1.6; break;
        case MoodKind::music: kindWeight = 1.2; break;
        case MoodKind::activity: kindWeight = 1.1; break;
        case MoodKind::feeling: kindWeight = 1.0; break;
        case MoodKind::genre: kindWeight = 0.8; break;
        case MoodKind::setting: kindWeight = 0.7; break;
    }
    const double emphasis = 0.5 + 0.5 * std::min (m.intensity, 2.0);
    // "I'm tired but happy": what follows the "but" is what the person stresses. Qualities of
    // the music ("energetic but sad") are both wanted, so only said feelings are weighed so.
    const double contrast = m.contrasted && m.role == MoodRole::state ? 1.8 : 1.0;
    // An implied feeling ("can not sleep" implies sleepless) counts less than a typed one.
    const double implied = m.implied ? 0.6 : 1.0;
    return kindWeight * emphasis * contrast * implied * (m.negated ? 0.8 : 1.0);
}

/** How much a point says about each axis: "sad" is mostly about valence, "sleepy" mostly about
    energy. A mention votes on an axis by the square of its share, so in "energetic but sad" the
    energy comes from "energetic" and the valence from "sad".
*/
[[nodiscard]] MoodPoint axisShares (const MoodPoint& p)
{
    const auto dv = std::abs (p.valence - 0.5), de = std::abs (p.energy - 0.5);
    const auto total = dv + de + 0.05;
    return { 0.05 + std::pow (dv / total, 2.0), 0.05 + std::pow (de / total, 2.0) };
}

[[nodiscard]] MoodPoint centreOf (const Group& group)
{
    double v = 0.0, e = 0.0, totalV = 0.0, totalE = 0.0;
    for (const auto* m : group)
    {
        const auto w = weightOf (*m);
        const auto p = adjustedPoint (*m);
        const auto share = axisShares (p);
        v += p.valence * w * share.valence;
        e += p.energy * w * share.energy;
        totalV += w * share.valence;
        totalE += w * share.energy;
    }
    return { totalV > 0.0 ? v / totalV : 0.5, totalE > 0.0 ? e / totalE : 0.5 };
}

template <typename Get>
[[nodiscard]] std::optional<double> weightedMean (const Group& group, Get get)
{
    double sum = 0.0, total = 0.0;
    for (const auto* m : group)
    {
        if (m->negated)
            continue;
        if (const std::optional<double> value = get (*m->entry))
        {
            sum += *value * weightOf (*m);
            total += weightOf (*m);
        }
    }
    return total > 0.0 ? std::optional<double> (clampUnit (sum / total)) : std::nullopt;
}

/** The tempo all asked-for phrases agree on, or their weighted middle when they disagree. */
[[nodiscard]] std::optional<TempoRange> tempoOf (const Group& group)
{
    std::optional<TempoRange> common;
    bool disjoint = false;
    for (const auto* m : group)
    {
        if (m->negated || ! m->entry->tempoBpm)
            continue;
        const auto& t = *m->entry->tempoBpm;
        if (! common)
            common = t;
        else if (std::max (common->min, t.min) <= std::min (common->max, t.max))
            common = TempoRange { std::max (common->min, t.min), std::min (common->max, t.max) };
        else
            disjoint = true;
    }
    if (! disjoint)
        return common;

    // weightedMean works on 0..1, so BPM is scaled by the top of the range and back.
    const auto scaled = [] (auto edge)
    {
        return [edge] (const MoodEntry& e) -> std::optional<double>
        {
            if (! e.tempoBpm)
                return std::nullopt;
            return edge (*e.tempoBpm) / 300.0;
        };
    };
    const auto low = weightedMean (group, scaled ([] (const TempoRange& t) { return t.min; }));
    const auto high = weightedMean (group, scaled ([] (const TempoRange& t) { return t.max; }));
    return TempoRange { std::round (*low * 300.0), std::round (*high * 300.0) };
}

/** Adds the feeling a phrase implies about the person ("can not sleep": sleepless) unless it was
    refused or the person already said how they feel in that sentence.
*/
void addImpliedStates (std::vector<MoodMention>& mentions)
{
    const auto count = mentions.size();
    for (std::size_t i = 0; i < count; ++i)
    {
        const auto& m = mentions[i];
        if (m.entry->impliedState == nullptr || m.negated)
            continue;
        const bool stated = std::ranges::any_of (mentions, [&] (const MoodMention& other)
        { return other.entry->kind == MoodKind::feeling && ! other.implied; });
        if (stated)
            continue;
        MoodMention implied;
        implied.entry = m.entry->impliedState;
        implied.role = MoodRole::state;
        implied.implied = true;
        implied.sentence = m.sentence;
        implied.words = m.entry->impliedState->phrase;
        mentions.push_back (std::move (implied));
    }
}

/** Splits mentions into how the person is now and where the music should go. Phrases without a
    cue follow their kind: a feeling is the current state when a wish exists, anything about the
    music itself belongs to the wish.
*/
void assignRoles (const std::vector<MoodMention>& mentions, Group& state, Group& wish)
{
    Group loose;
    for (const auto& m : mentions)
    {
        // Only feelings describe the person; "I'm at the gym" says what the music is for.
        // Where a path starts ("from chill to party") counts as the state whatever its kind.
        const bool isFeeling = m.entry->kind == MoodKind::feeling || m.startsPath;
        if (m.role == MoodRole::state && isFeeling)
            state.push_back (&m);
        else if (m.role == MoodRole::wish || m.role == MoodRole::state)
            wish.push_back (&m);
        else
            loose.push_back (&m);
    }

    if (state.empty() && wish.empty())
    {
        // Only feelings ("so tired"): the playlist matches them, read as how the person is.
        const bool onlyFeelings = std::ranges::all_of (
            loose, [] (auto* m) { return m->entry->kind == MoodKind::feeling; });
        (onlyFeelings ? state : wish) = loose;
        return;
    }
    for (const auto* m : loose)
        (m->entry->kind == MoodKind::feeling ? state : wish).push_back (m);
}

void placeOnArc (const Group& state, const Group& wish, MoodTarget& target)
{
    if (wish.empty() || state.empty())
    {
        target.end = centreOf (wish.empty() ? state : wish);
        return;
    }

    const auto from = centreOf (state);
    const auto to = centreOf (wish);
    if (std::hypot (to.valence - from.valence, to.energy - from.energy) < agreementDistance)
    {
        target.end = { 0.35 * from.valence + 0.65 * to.valence,
                       0.35 * from.energy + 0.65 * to.energy };
        return;
    }

    target.start = from;
    target.end = to;
    // The arc is named by energy, which a listener hears as the playlist rising or falling
    // (tempo, loudness, density); valence names it only when energy barely moves. So calming
    // an anxious mind (valence up, energy down) is falling.
    const auto energyMove = to.energy - from.energy;
    const auto move = std::abs (energyMove) >= 0.1 ? energyMove : to.valence - from.valence;
    target.arc = move >= 0.0 ? Arc::rising : Arc::falling;
}

[[nodiscard]] double confidenceOf (const MentionScan& scan, bool hasConstraints)
{
    if (scan.contentTokens == 0)
        return 0.0;
    const auto ratio = static_cast<double> (scan.understoodTokens)
                       / static_cast<double> (scan.contentTokens);
    if (! scan.mentions.empty())
        return clampUnit (0.3 + 0.7 * ratio);
    return hasConstraints || ! scan.exclusions.empty() ? 0.2 + 0.1 * ratio : 0.1 * ratio;
}

/** Keeps one mention per phrase, sense and role: "blah blah blah" or a pasted text that repeats
    a word a thousand times says it once, not a thousand times louder.
*/
void dropRepeats (std::vector<MoodMention>& mentions)
{
    std::vector<MoodMention> kept;
    for (auto& m : mentions)
    {
        const bool seen = std::ranges::any_of (kept, [&] (const MoodMention& k)
        { return k.entry == m.entry && k.negated == m.negated && k.role == m.role; });
        if (! seen)
            kept.push_back (std::move (m));
    }
    mentions = std::move (kept);
}

/** Bytes that typed text does not have: control characters and broken UTF-8 sequences. */
[[nodiscard]] std::size_t countNonTextBytes (std::string_view text)
{
    std::size_t bad = 0;
    for (std::size_t i = 0; i < text.size();)
    {
        const auto c = static_cast<unsigned char> (text[i]);
        std::size_t length = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3
                                        : c >= 0xf0 && c < 0xf5 ? 4 : 0;
        for (std::size_t k = 1; k < length; ++k)
            if (i + k >= text.size() || (static_cast<unsigned char> (text[i + k]) & 0xc0) != 0x80)
                length = 0;
        if (length == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
        {
            ++bad;
            length = 1;
        }
        i += length;
    }
    return bad;
}

} // namespace

MoodParser::MoodParser() : MoodParser (MoodLexicon::builtIn()) {}

MoodParser::MoodParser (std::shared_ptr<const MoodLexicon> lex) : lexicon (std::move (lex))
{
    if (lexicon == nullptr)
        lexicon = MoodLexicon::builtIn();
}

MoodParser::~MoodParser() = default;

bool MoodParser::mentionsMood (std::string_view text) const
{
    const auto tokens = tokeniseMoodText (text);
    const auto constraints = extractConstraints (tokens);
    return ! scanMentions (*lexicon, tokens, constraints.consumed).mentions.empty();
}

MoodTarget MoodParser::parse (std::string_view text) const
{
    // Binary data that happens to hold letters is not a mood, however many words it spells.
    const auto head = text.substr (0, maxMoodTextBytes);
    if (head.size() >= 8 && countNonTextBytes (head) * 10 > head.size())
    {
        MoodTarget target;
        target.explanation = "That does not look like typed text (it has control characters or "
                             "broken UTF-8); type how you feel, and try words like relaxed, "
                             "upbeat, sad, focus, workout or rainy morning.";
        return target;
    }

    const auto tokens = tokeniseMoodText (text);
    const auto constraints = extractConstraints (tokens);
    auto scan = scanMentions (*lexicon, tokens, constraints.consumed);
    dropRepeats (scan.mentions);
    addImpliedStates (scan.mentions);

    Group state, wish;
    assignRoles (scan.mentions, state, wish);

    MoodTarget target;
    placeOnArc (state, wish, target);

    const auto& ending = wish.empty() ? state : wish;
    target.tempoBpm = constraints.tempoBpm ? constraints.tempoBpm : tempoOf (ending);
    target.danceability = weightedMean (ending, [] (const MoodEntry& e) { return e.danceability; });
    target.acousticness = weightedMean (ending, [] (const MoodEntry& e) { return e.acousticness; });
    target.instrumental = constraints.instrumental;
    if (! target.instrumental
        && std::ranges::any_of (ending, [] (auto* m)
                                { return ! m->negated && m->entry->instrumental == true; }))
        target.instrumental = true;

    target.durationSeconds = constraints.durationSeconds;
    if (constraints.count)
        target.count = *constraints.count;
    else if (constraints.durationSeconds)
        target.count = std::max (1, static_cast<int> (std::lround (*constraints.durationSeconds
                                                                    / secondsPerTrack)));
    else
        target.count = defaultCount;

    target.exclude = scan.exclusions;
    const bool hasConstraints = constraints.count || constraints.durationSeconds
                                || constraints.tempoBpm || constraints.instrumental;
    target.confidence = confidenceOf (scan, hasConstraints);
    target.explanation = explainMood (state, wish, target);
    if (tokens.empty())
        target.explanation = "There was nothing to read: say how you feel or what the music is "
                             "for, like relaxed, upbeat, sad, focus, workout or rainy morning.";
    else if (text.size() > maxMoodTextBytes)
        target.explanation += " Only the first " + std::to_string (maxMoodTextBytes)
                              + " bytes of the text were read.";
    return target;
}

} // namespace moodboard::mood
