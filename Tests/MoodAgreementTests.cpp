#include "Mood/MoodAgreement.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace moodboard::mood;

namespace
{
std::string labelledSetText()
{
    const auto file = std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "MoodLabelledSet.txt";
    std::ifstream in (file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

TEST_CASE ("The labelled set agrees with the parser on at least 95% of requests", "[mood]")
{
    const auto set = readLabelledSet (labelledSetText());
    REQUIRE (set.has_value());
    REQUIRE (set->size() >= 200);

    const auto report = measureAgreement (*set, nullptr);
    for (const auto& category : { "feeling", "activity", "negation", "intensity", "constraint",
                                  "arc", "refinement" })
    {
        INFO (category);
        REQUIRE (report.perCategory.contains (category));
        CHECK (report.perCategory.at (category).total >= 20);
    }

    std::cout << "mood agreement per category:\n";
    for (const auto& [category, tally] : report.perCategory)
        std::cout << "  " << category << ": " << tally.agreed << "/" << tally.total << "\n";
    for (const auto& r : report.results)
        if (! r.agrees)
            std::cout << "  disagrees, line " << r.request->line << ": "
                      << r.request->turns.back() << " -> " << r.failed << "\n";

    CHECK (report.overall.share() >= 0.95);
}

TEST_CASE ("A labelled line without checks or separators is refused with its line number",
           "[mood]")
{
    const auto missing = readLabelledSet ("# comment\nfeeling | happy\n");
    REQUIRE_FALSE (missing.has_value());
    CHECK (missing.error().find ("line 2") != std::string::npos);

    const auto ok = readLabelledSet ("refinement | sad >> more upbeat | v>=0.2\n");
    REQUIRE (ok.has_value());
    REQUIRE (ok->front().turns.size() == 2);
    CHECK (ok->front().turns[1] == "more upbeat");
}

TEST_CASE ("A failing check is reported with the value found", "[mood]")
{
    const auto set = readLabelledSet ("feeling | I'm happy | v<=0.2 arc=steady\n");
    REQUIRE (set.has_value());
    const auto report = measureAgreement (*set, nullptr);
    REQUIRE (report.results.size() == 1);
    CHECK_FALSE (report.results[0].agrees);
    CHECK (report.results[0].failed.find ("v<=0.2 (got 0.") != std::string::npos);
    CHECK (report.overall.agreed == 0);
}
