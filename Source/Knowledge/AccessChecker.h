#pragma once

#include "Knowledge/AccessControl.h"
#include "Knowledge/RelationshipTuples.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::knowledge
{

/** The embedded OpenFGA-style checker: answers Check, BatchCheck and ListObjects from an
    AuthorisationModel and the RelationshipTuples written against it, in process.

    How a question is resolved: the relation's rewrite is walked from the object. A direct part
    matches a tuple naming the user exactly, a wildcard tuple of the user's type (`user:*`), or a
    userset tuple (`group:eng#member`), whose membership is then checked in turn; computed
    relations, tuple-to-userset, union, intersection and difference follow OpenFGA's meaning.

    Safety: every step into another object#relation counts one level. A question that needs more
    than `maxDepth` levels (OpenFGA's default resolution depth, 25), that comes back to an
    object#relation already on its own path (a cycle, such as two groups that are members of each
    other), or that takes more than `maxSteps` steps in all, is denied with that reason; it never
    allows, never loops and never throws. A cycle that another path gets around still allows, as in
    OpenFGA. Where a cycle or a limit hits the subtracted side of a "but not", this checker
    denies, while OpenFGA would treat the cut branch as "not related" and could allow.

    Threads: all methods are const and keep their working state on the stack, so any number of
    threads may call them at once while no thread writes to the tuples. The checker does not own
    the tuples (nor their model); both must outlive it.
*/
class AccessChecker final : public AccessControl
{
public:
    static constexpr int defaultMaxDepth = 25;
    static constexpr std::size_t defaultMaxSteps = 100000;

    /** A checker over `tuples` and the model they were validated against. Any thread. */
    explicit AccessChecker (const RelationshipTuples& tuples, int maxDepth = defaultMaxDepth,
                            std::size_t maxSteps = defaultMaxSteps);

    /** May `user` have `relation` on `object`? A malformed question (unknown type or relation,
        a user not written as type:id) is denied with the reason. Any thread while nobody writes.
    */
    [[nodiscard]] CheckResult check (std::string_view user, std::string_view relation,
                                     std::string_view object) const;

    /** As above, but a malformed question is an Error (which callers treat as a denial).
        Any thread while nobody writes.
    */
    [[nodiscard]] Expected<CheckResult> check (const CheckRequest& request) const override;

    /** One result per request, in order; malformed requests are denied with the reason.
        Any thread while nobody writes.
    */
    [[nodiscard]] Expected<std::vector<CheckResult>>
        batchCheck (const std::vector<CheckRequest>& requests) const override;

    /** Every object of `type` that has tuples written on it and on which `user` has `relation`,
        sorted. An unknown type or relation, or a malformed user, is an Error.
        Any thread while nobody writes.
    */
    [[nodiscard]] Expected<std::vector<std::string>>
        listObjects (const std::string& user, const std::string& relation,
                     const std::string& type) const override;

private:
    const RelationshipTuples& tuples;
    int maxDepth;
    std::size_t maxSteps;
};

} // namespace moodboard::knowledge
