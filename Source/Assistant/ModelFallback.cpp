#include "Assistant/ModelFallback.h"

#include "Core/Log.h"

#include <algorithm>

namespace moodboard::assistant
{
namespace
{
bool startsWithAny (const std::string& text, std::initializer_list<const char*> starts)
{
    return std::ranges::any_of (starts, [&] (const char* s) { return text.starts_with (s); });
}
} // namespace

std::string describeModelFallback (const AssistantReply& reply)
{
    if (reply.problem.empty())
        return {};

    auto reason = log::redact (reply.problem);
    while (! reason.empty() && (reason.back() == '.' || reason.back() == ' '))
        reason.pop_back();
    if (reason.empty())
        reason = "no reason was given";

    // The transport speaks of the model without naming it ("could not be reached at HOST").
    if (startsWithAny (reason, { "could ", "did ", "sent " }))
        reason = "it " + reason;

    // The sentence puts the reason in brackets; the transport's own detail follows a colon.
    const auto open = reason.rfind (" (");
    if (open != std::string::npos && reason.ends_with (")"))
        reason = reason.substr (0, open) + ": "
                 + reason.substr (open + 2, reason.size() - open - 3);

    if (reason.ends_with ("HTTP 401"))
        reason += ": the API key was refused";

    const bool readMood = std::ranges::any_of (reply.toolCalls, [] (const std::string& tool)
    {
        return tool == "build_playlist" || tool == "refine_playlist";
    });
    return "The language model could not be used (" + reason + "), so the local rules "
           + (readMood ? "read the mood" : "answered") + " instead.";
}

} // namespace moodboard::assistant
