#pragma once

#include "Mood/MoodParser.h"

#include <expected>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::mood
{

/** One labelled request: the text (several turns for a refinement) and what a person reading it
    would accept, as ranges ("v>=0.7 e<=0.4 arc=rising").
*/
struct LabelledRequest
{
    std::string category;              // feeling, activity, negation, intensity, constraint, arc,
                                       // refinement
    std::vector<std::string> turns;    // one for a single request
    std::string expectations;          // space-separated checks
    int line = 0;                      // in the labelled file
};

/** How one labelled request fared. */
struct LabelledResult
{
    const LabelledRequest* request = nullptr;
    bool agrees = false;
    std::string failed;                // the checks that failed, with the values found
};

/** Agreement per category and overall. */
struct AgreementReport
{
    struct Tally
    {
        int agreed = 0;
        int total = 0;
        [[nodiscard]] double share() const { return total > 0 ? double (agreed) / total : 0.0; }
    };
    std::map<std::string, Tally> perCategory;
    Tally overall;
    std::vector<LabelledResult> results;
};

/** Reads the labelled set's text: one request a line, "category | text | checks", turns of a
    conversation separated by " >> ", '#' starting a comment. An error names the bad line.
    Any thread.
*/
[[nodiscard]] std::expected<std::vector<LabelledRequest>, std::string>
    readLabelledSet (std::string_view text);

/** Runs every request through the parser (and a MoodConversation for several turns) and checks
    its expectations. A check that cannot be read counts as a disagreement. Any thread.
*/
[[nodiscard]] AgreementReport measureAgreement (const std::vector<LabelledRequest>& set,
                                                std::shared_ptr<const MoodParser> parser);

} // namespace moodboard::mood
