#include "Cli/Arguments.h"
#include "Cli/Commands.h"
#include "Cli/MoodReading.h"
#include "Cli/TextTable.h"
#include "Core/Paths.h"
#include "Matching/Suggester.h"
#include "Mood/MoodExplanation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>

namespace moodboard::cli
{
namespace
{
struct MoodArguments
{
    std::string text;
    bool asJson = false;
    std::optional<int> count;
    std::optional<double> minutes;
    std::optional<std::string> out;
};

// True for text with nothing but spaces, tabs and line breaks in it.
bool isBlank (const std::string& text)
{
    return text.find_first_not_of (" \t\r\n") == std::string::npos;
}

// Returns an error message, or nothing when the arguments are good.
std::optional<std::string> parseArguments (const std::vector<std::string>& args, bool allowPlaylist,
                                           MoodArguments& parsed)
{
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        const auto& arg = args[i];
        auto value = [&]() -> std::optional<std::string>
        { return i + 1 < args.size() ? std::optional (args[++i]) : std::nullopt; };

        if (arg == "--json")
            parsed.asJson = true;
        else if (allowPlaylist && arg == "--count")
        {
            const auto n = value().and_then (parseNumber);
            if (! n || *n < 1 || *n > 1000 || std::floor (*n) != *n)
                return "--count takes a whole number from 1 to 1000";
            parsed.count = (int) *n;
        }
        else if (allowPlaylist && arg == "--minutes")
        {
            const auto m = value().and_then (parseNumber);
            if (! m || *m <= 0 || *m > 24 * 60)
                return "--minutes takes a number of minutes above 0 and up to 1440";
            parsed.minutes = *m;
        }
        else if (allowPlaylist && arg == "--out")
        {
            parsed.out = value();
            if (! parsed.out || parsed.out->empty())
                return "--out takes a file name, for example --out calm.m3u8";
        }
        else if (arg.starts_with ("--"))
            return "unknown option " + arg;
        else
            parsed.text += (parsed.text.empty() ? "" : " ") + arg;
    }

    if (isBlank (parsed.text))
        return std::string ("say how you feel, for example: moodboard ")
               + (allowPlaylist ? "suggest" : "mood")
               + " \"I'm sleepy and need something relaxing\"";

    return std::nullopt;
}
std::string percent (double x)
{
    return std::to_string (static_cast<int> (std::lround (std::clamp (x, 0.0, 1.0) * 100.0))) + "%";
}

std::string pointInWords (const mood::MoodPoint& p)
{
    return "valence " + percent (p.valence) + ", energy " + percent (p.energy) + " ("
           + mood::describeMoodPoint (p) + ")";
}

/** The same fields as `mood --json`, in the same order, as lines a person reads. */
void printMoodInWords (std::ostream& out, const mood::MoodTarget& t)
{
    const auto orAny = [] (const std::optional<double>& x)
    { return x ? percent (*x) : std::string ("any"); };

    out << "valence:       " << percent (t.end.valence) << " (where the playlist ends up)\n"
        << "energy:        " << percent (t.end.energy) << "\n"
        << "tempo:         "
        << (t.tempoBpm ? std::to_string (std::lround (t.tempoBpm->min)) + "-"
                             + std::to_string (std::lround (t.tempoBpm->max)) + " BPM"
                       : std::string ("any"))
        << "\n"
        << "danceability:  " << orAny (t.danceability) << "\n"
        << "acousticness:  " << orAny (t.acousticness) << "\n"
        << "vocals:        "
        << (! t.instrumental ? "either" : *t.instrumental ? "instrumental only" : "with vocals")
        << "\n"
        << "arc:           " << mood::toString (t.arc) << "\n"
        << "starts at:     " << (t.start ? pointInWords (*t.start) : std::string ("the end point"))
        << "\n"
        << "tracks:        " << t.count << "\n"
        << "length:        "
        << (t.durationSeconds ? std::to_string (std::lround (*t.durationSeconds / 60.0)) + " min"
                              : std::string ("any"))
        << "\n"
        << "leave out:     ";
    for (std::size_t i = 0; i < t.exclude.size(); ++i)
        out << (i > 0 ? ", " : "") << t.exclude[i];
    out << (t.exclude.empty() ? "nothing\n" : "\n")
        << "confidence:    " << percent (t.confidence) << "\n"
        << "explanation:   " << t.explanation << "\n";
}

} // namespace

int runMood (const std::vector<std::string>& args)
{
    MoodArguments parsed;
    if (auto problem = parseArguments (args, false, parsed))
    {
        printError (*problem);
        return 2;
    }

    const auto target = readMood (parsed.text);

    if (parsed.asJson)
        std::cout << mood::toOrderedJson (target).dump (2) << "\n";
    else
        printMoodInWords (std::cout, target);

    return 0;
}

} // namespace moodboard::cli
