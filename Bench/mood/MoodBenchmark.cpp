// Prints the mood engine's figures: agreement with the labelled set per category, and what
// parsing one request costs. Not a test: it asserts nothing and is never run by CTest.
// Usage: moodboard_mood_bench [path/to/MoodLabelledSet.txt]
#include "Mood/MoodAgreement.h"
#include "Mood/MoodParser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace moodboard;
using Clock = std::chrono::steady_clock;

int main (int argc, char** argv)
{
    const std::filesystem::path file = argc > 1 ? std::filesystem::path (argv[1])
                                                : std::filesystem::path (__FILE__).parent_path()
                                                      / "../../Tests/MoodLabelledSet.txt";
    std::ifstream in (file);
    std::stringstream text;
    text << in.rdbuf();
    const auto set = mood::readLabelledSet (text.str());
    if (! set || set->empty())
    {
        std::fprintf (stderr, "cannot read the labelled set %s: %s\n", file.c_str(),
                      set ? "it is empty" : set.error().c_str());
        return 1;
    }

    const auto parser = std::make_shared<const mood::MoodParser>();
    const auto report = mood::measureAgreement (*set, parser);
    for (const auto& [category, tally] : report.perCategory)
        std::printf ("mood_agreement_%s: %.1f %% (%d of %d)\n", category.c_str(),
                     100.0 * tally.share(), tally.agreed, tally.total);
    std::printf ("mood_agreement_overall: %.1f %% (%d of %d)\n", 100.0 * report.overall.share(),
                 report.overall.agreed, report.overall.total);

    // Parse cost: every single-turn request of the set, many rounds, after one warm-up round.
    std::vector<std::string> requests;
    for (const auto& r : *set)
        requests.insert (requests.end(), r.turns.begin(), r.turns.end());
    double sink = 0.0;
    for (const auto& r : requests)
        sink += parser->parse (r).end.valence;

    std::vector<double> perRequestMicros;
    const int rounds = 40;
    for (int round = 0; round < rounds; ++round)
        for (const auto& r : requests)
        {
            const auto start = Clock::now();
            sink += parser->parse (r).end.valence;
            perRequestMicros.push_back (
                std::chrono::duration<double, std::micro> (Clock::now() - start).count());
        }
    std::ranges::sort (perRequestMicros);
    const auto at = [&] (double q)
    { return perRequestMicros[static_cast<std::size_t> (q * (perRequestMicros.size() - 1))]; };
    double total = 0.0;
    for (auto m : perRequestMicros)
        total += m;

    const std::string longText (100000, 'a');
    const auto longStart = Clock::now();
    sink += parser->parse (longText).end.valence;
    const auto longMicros
        = std::chrono::duration<double, std::micro> (Clock::now() - longStart).count();

    std::printf ("mood_parse_mean: %.1f us\n", total / perRequestMicros.size());
    std::printf ("mood_parse_median: %.1f us\n", at (0.5));
    std::printf ("mood_parse_p99: %.1f us\n", at (0.99));
    std::printf ("mood_parse_max: %.1f us\n", perRequestMicros.back());
    std::printf ("mood_parse_100kb_text: %.1f us\n", longMicros);
    std::printf ("mood_parse_requests_timed: %zu count\n", perRequestMicros.size());
    return sink < 0.0 ? 1 : 0;
}
