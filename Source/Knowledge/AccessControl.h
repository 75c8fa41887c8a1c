#pragma once

#include "Core/Error.h"

#include <string>
#include <vector>

namespace moodboard::knowledge
{

/** One question: may `user` (`user:anne`, `group:eng#member`) have `relation` on `object`? */
struct CheckRequest
{
    std::string user;
    std::string relation;
    std::string object;
};

/** An answer. `reason` says in words why: which relationship granted the access, or why it was
    denied (no relationship, a cycle, the depth limit). It names users and objects only, never a
    document's content.
*/
struct CheckResult
{
    bool allowed = false;
    std::string reason;
};

/** Where the assistant asks who may read what: the embedded AccessChecker, or later an OpenFGA
    server reached over HTTP. Implementations answer with OpenFGA's Check, BatchCheck and
    ListObjects semantics.

    Callers treat every error as a denial: an Error (a malformed question, an unreachable server)
    never grants anything. Implementations are safe to call from any thread; see each one for
    what may not overlap with its methods.
*/
class AccessControl
{
public:
    virtual ~AccessControl() = default;

    /** Answers one question. An error means the question could not be answered (deny).
        Any thread.
    */
    [[nodiscard]] virtual Expected<CheckResult> check (const CheckRequest& request) const = 0;

    /** Answers several questions, one result per request in the same order; a request that cannot
        be answered comes back denied with the reason. An error means none could be answered.
        Any thread.
    */
    [[nodiscard]] virtual Expected<std::vector<CheckResult>>
        batchCheck (const std::vector<CheckRequest>& requests) const = 0;

    /** Every object of `type` on which `user` has `relation`, sorted. Any thread. */
    [[nodiscard]] virtual Expected<std::vector<std::string>>
        listObjects (const std::string& user, const std::string& relation,
                     const std::string& type) const = 0;
};

/** True only when `result` holds an answer that allows: errors deny. Any thread. */
[[nodiscard]] inline bool isAllowed (const Expected<CheckResult>& result) noexcept
{
    return result.has_value() && result->allowed;
}

} // namespace moodboard::knowledge
