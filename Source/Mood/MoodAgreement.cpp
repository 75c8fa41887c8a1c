#include "Mood/MoodAgreement.h"

#include "Mood/MoodConversation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace moodboard::mood
{
namespace
{
[[nodiscard]] std::string_view trimmed (std::string_view s)
{
    while (! s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix (1);
    while (! s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix (1);
    return s;
}

[[nodiscard]] std::optional<double> numberOf (std::string_view s)
{
    double value = 0.0;
    const auto [end, ec] = std::from_chars (s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size() ? std::optional (value) : std::nullopt;
}

/** The value a check's key names, or empty when the target has none. */
[[nodiscard]] std::optional<double> valueOf (const MoodTarget& t, std::string_view key)
{
    if (key == "v") return t.end.valence;
    if (key == "e") return t.end.energy;
    if (key == "sv") return t.start ? std::optional (t.start->valence) : std::nullopt;
    if (key == "se") return t.start ? std::optional (t.start->energy) : std::nullopt;
    if (key == "count") return t.count;
    if (key == "dur") return t.durationSeconds;
    if (key == "tmin") return t.tempoBpm ? std::optional (t.tempoBpm->min) : std::nullopt;
    if (key == "tmax") return t.tempoBpm ? std::optional (t.tempoBpm->max) : std::nullopt;
    if (key == "conf") return t.confidence;
    if (key == "dance") return t.danceability;
    if (key == "acoustic") return t.acousticness;
    return std::nullopt;
}

/** Checks one "key op value"; returns what failed, or empty when it holds. */
[[nodiscard]] std::string check (const MoodTarget& t, std::string_view c)
{
    const auto at = c.find_first_of ("<>=");
    if (at == std::string_view::npos || at == 0)
        return std::string (c) + " (unreadable)";
    const auto key = c.substr (0, at);
    const bool ge = c.substr (at).starts_with (">="), le = c.substr (at).starts_with ("<=");
    const auto value = c.substr (at + (ge || le ? 2 : 1));

    if (key == "arc")
        return value == toString (t.arc) ? "" : std::string (c) + " (got " + toString (t.arc) + ")";
    if (key == "inst")
    {
        const auto got = t.instrumental ? (*t.instrumental ? "true" : "false") : "null";
        return value == got ? "" : std::string (c) + " (got " + got + ")";
    }
    if (key == "excl")
    {
        auto wanted = std::string (value);
        std::ranges::replace (wanted, '_', ' ');
        return std::ranges::find (t.exclude, wanted) != t.exclude.end()
                   ? ""
                   : std::string (c) + " (not excluded)";
    }
    if (key == "excluded")
        return numberOf (value) == double (t.exclude.size())
                   ? ""
                   : std::string (c) + " (got " + std::to_string (t.exclude.size()) + ")";

    const auto got = valueOf (t, key);
    if (value == "null")
        return got ? std::string (c) + " (got a value)" : "";
    const auto want = numberOf (value);
    if (! want)
        return std::string (c) + " (unreadable)";
    if (! got)
        return std::string (c) + " (got null)";
    const bool holds = ge ? *got >= *want : le ? *got <= *want : std::abs (*got - *want) < 1e-6;
    if (holds)
        return "";
    std::ostringstream out;
    out << c << " (got " << std::round (*got * 1000.0) / 1000.0 << ")";
    return out.str();
}

} // namespace

std::expected<std::vector<LabelledRequest>, std::string> readLabelledSet (std::string_view text)
{
    std::vector<LabelledRequest> set;
    int lineNumber = 0;
    while (! text.empty())
    {
        const auto end = text.find ('\n');
        const auto line = trimmed (text.substr (0, end));
        text.remove_prefix (end == std::string_view::npos ? text.size() : end + 1);
        ++lineNumber;
        if (line.empty() || line.front() == '#')
            continue;

        const auto first = line.find ('|'), last = line.rfind ('|');
        if (first == std::string_view::npos || first == last)
            return std::unexpected ("line " + std::to_string (lineNumber)
                                    + ": expected \"category | text | checks\"");
        LabelledRequest r;
        r.line = lineNumber;
        r.category = trimmed (line.substr (0, first));
        r.expectations = trimmed (line.substr (last + 1));
        auto turns = trimmed (line.substr (first + 1, last - first - 1));
        for (std::size_t at; (at = turns.find (">>")) != std::string_view::npos;)
        {
            r.turns.emplace_back (trimmed (turns.substr (0, at)));
            turns.remove_prefix (at + 2);
        }
        r.turns.emplace_back (trimmed (turns));
        if (r.expectations.empty())
            return std::unexpected ("line " + std::to_string (lineNumber) + ": no checks");
        set.push_back (std::move (r));
    }
    return set;
}

AgreementReport measureAgreement (const std::vector<LabelledRequest>& set,
                                  std::shared_ptr<const MoodParser> parser)
{
    if (parser == nullptr)
        parser = std::make_shared<const MoodParser>();

    AgreementReport report;
    for (const auto& request : set)
    {
        MoodTarget target;
        if (request.turns.size() == 1)
            target = parser->parse (request.turns.front());
        else
        {
            MoodConversation conversation (parser);
            // Three tracks spread over the plane, for "like the third one".
            conversation.setOfferedTracks ({ { "Low", { 0.2, 0.2 }, 70.0, 0.3, 0.8 },
                                             { "Middle", { 0.5, 0.5 }, 100.0, 0.5, 0.5 },
                                             { "High", { 0.85, 0.85 }, 128.0, 0.8, 0.1 } });
            for (const auto& turn : request.turns)
                target = conversation.say (turn).target;
        }

        LabelledResult result;
        result.request = &request;
        std::istringstream checks (request.expectations);
        for (std::string c; checks >> c;)
            if (auto failed = check (target, c); ! failed.empty())
                result.failed += (result.failed.empty() ? "" : ", ") + failed;
        result.agrees = result.failed.empty();

        auto& tally = report.perCategory[request.category];
        tally.total += 1;
        tally.agreed += result.agrees ? 1 : 0;
        report.overall.total += 1;
        report.overall.agreed += result.agrees ? 1 : 0;
        report.results.push_back (std::move (result));
    }
    return report;
}

} // namespace moodboard::mood
