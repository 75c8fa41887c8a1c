#include "Cli/Arguments.h"
#include "Cli/Commands.h"
#include "Cli/MoodReading.h"
#include "Cli/TextTable.h"
#include "Core/Paths.h"
#include "Matching/Suggester.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iostream>
#include <optional>

namespace moodboard::cli
{
namespace
{
constexpr const char* usage =
    "usage: moodboard suggest \"TEXT\" [--count N] [--minutes M] [--variety 0..1] [--seed N]\n"
    "                         [--out FILE.m3u8|FILE.xspf] [--json]\n"
    "       moodboard suggest --like TRACK [--count N] ...\n"
    "       moodboard suggest --from TRACK --to TRACK [--count N] ...\n"
    "TRACK is a path as scanned, or a catalog id.";

struct SuggestArguments
{
    std::string text;
    bool asJson = false;
    std::optional<int> count;
    std::optional<double> minutes;
    std::optional<std::string> out, like, from, to;
    matching::SequenceOptions sequence;
};

// True for text with nothing but spaces, tabs and line breaks in it.
bool isBlank (const std::string& text)
{
    return text.find_first_not_of (" \t\r\n") == std::string::npos;
}

// Returns an error message, or nothing when the arguments are good.
std::optional<std::string> parse (const std::vector<std::string>& args, SuggestArguments& a)
{
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        const auto& arg = args[i];
        auto value = [&]() -> std::optional<std::string>
        { return i + 1 < args.size() ? std::optional (args[++i]) : std::nullopt; };

        if (arg == "--json")
            a.asJson = true;
        else if (arg == "--count")
        {
            if (auto problem = parseCount (value(), a.count))
                return problem;
        }
        else if (arg == "--minutes")
        {
            if (auto problem = parseMinutes (value(), a.minutes))
                return problem;
        }
        else if (arg == "--variety")
        {
            const auto v = value().and_then (parseNumber);
            if (! v || *v < 0 || *v > 1)
                return "--variety takes a number from 0 (more of the same) to 1 (surprise me)";
            a.sequence.variety = *v;
        }
        else if (arg == "--seed")
        {
            const auto v = value().and_then (parseNumber);
            if (! v || *v < 0 || *v > 4294967295.0 || std::floor (*v) != *v)
                return "--seed takes a whole number";
            a.sequence.seed = (std::uint32_t) *v;
        }
        else if (arg == "--out" || arg == "--like" || arg == "--from" || arg == "--to")
        {
            auto v = value();
            if (! v || v->empty())
                return arg + " needs a value";
            (arg == "--out" ? a.out
                            : arg == "--like" ? a.like : arg == "--from" ? a.from : a.to) = v;
        }
        else if (arg.starts_with ("--"))
            return "unknown option " + arg;
        else
            a.text += (a.text.empty() ? "" : " ") + arg;
    }

    if ((a.like || a.from) && ! a.text.empty())
        return "--like and --from/--to build from tracks, not from mood text: "
               "give one or the other";
    if (a.from.has_value() != a.to.has_value())
        return "--from and --to go together: a path needs both ends";
    if (a.count && a.minutes)
        return "--count and --minutes both set the length: give one of them";
    if (isBlank (a.text) && ! a.like && ! a.from)
        return "say how you feel, for example: moodboard suggest "
               "\"I'm sleepy and need something relaxing\"";
    return std::nullopt;
}
} // namespace

int runSuggest (const std::vector<std::string>& args)
{
    SuggestArguments a;
    if (auto problem = parse (args, a))
    {
        printError (*problem);
        std::cerr << usage << "\n";
        return 2;
    }

    auto catalog = library::Catalog::open (Paths::catalogFile());
    if (! catalog)
    {
        printError (catalog.error().message);
        return 1;
    }

    matching::Suggester suggester (**catalog, Paths::indexFile());
    const int count = a.count.value_or (12);
    Expected<matching::Playlist> playlist = makeError (Error::Kind::internal, "no request");

    if (a.like)
        playlist = suggester.suggestLike (*a.like, count, a.sequence);
    else if (a.from)
        playlist = suggester.suggestPath (*a.from, *a.to, count, a.sequence);
    else
    {
        auto target = readMood (a.text);

        // Options on the command line win over what the text says.
        if (a.count)
        {
            target.count = *a.count;
            target.durationSeconds.reset();
        }
        if (a.minutes)
            target.durationSeconds = *a.minutes * 60.0;

        playlist = suggester.suggest (target, a.sequence);
    }

    if (! playlist)
    {
        printError (playlist.error().message);
        return 1;
    }

    // A typo in the folder should not create folders: only the file itself is made here.
    if (a.out)
        if (const auto folder = std::filesystem::absolute (*a.out).parent_path();
            ! std::filesystem::is_directory (folder))
        {
            printError ("the folder " + folder.string() + " does not exist; create it first or "
                        "choose another place for --out");
            return 1;
        }

    if (a.out)
        if (auto written = matching::writePlaylistFile (*playlist, *a.out); ! written)
        {
            printError (written.error().message);
            return 1;
        }

    if (a.asJson)
        std::cout << nlohmann::json (*playlist).dump (2) << "\n";
    else
    {
        std::cout << playlist->mood.explanation << "\n\n";
        printPlaylistTable (std::cout, *playlist);
        if (a.out)
            std::cout << "saved " << *a.out << "\n";
    }

    return 0;
}

} // namespace moodboard::cli
