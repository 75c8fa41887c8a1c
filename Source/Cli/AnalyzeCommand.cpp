#include "AudioIO/FileAudioDecoder.h"
#include "Cli/Commands.h"
#include "Cli/TextTable.h"
#include "Library/Scanner.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace moodboard::cli
{

void printError (const std::string& message) { std::cerr << "moodboard: " << message << "\n"; }

int runAnalyze (const std::vector<std::string>& args)
{
    bool asJson = false;
    std::vector<std::string> files;

    for (const auto& arg : args)
    {
        if (arg == "--json")
            asJson = true;
        else if (arg.starts_with ("--"))
        {
            printError ("analyze does not know " + arg
                        + "; usage: moodboard analyze FILE... [--json]");
            return 2;
        }
        else
            files.push_back (arg);
    }

    if (files.empty())
    {
        printError ("name at least one audio file: moodboard analyze FILE... [--json]");
        return 2;
    }

    audio::FileAudioDecoder decoder;
    auto results = nlohmann::json::array();
    int failed = 0;

    for (const auto& file : files)
    {
        auto track = library::Scanner::analyseFile (file, decoder);

        if (! track.error.empty())
        {
            ++failed;
            if (! asJson)
                printError (track.error);
        }

        if (asJson)
            results.push_back (track);
        else if (track.error.empty())
            printTrackSummary (std::cout, track);
    }

    if (asJson)
        std::cout << (results.size() == 1 ? results.front() : results).dump (2) << "\n";

    return failed > 0 ? 1 : 0;
}

} // namespace moodboard::cli
