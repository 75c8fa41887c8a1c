#pragma once

#include "Core/Error.h"
#include "Knowledge/AuthorisationModel.h"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::knowledge
{

/** One relationship: `user` has `relation` on `object`.

    `user` is an object (`user:anne`), a userset (`group:eng#member`: everyone who is a member of
    group:eng) or a public wildcard (`user:*`: every user of that type). `object` is `type:id`.
*/
struct RelationshipTuple
{
    std::string user;
    std::string relation;
    std::string object;

    /** The tuple as `object#relation@user`, for messages. */
    [[nodiscard]] std::string toString() const;

    bool operator== (const RelationshipTuple&) const = default;
};

/** A user or object reference split into its parts: `type:id`, `type:*` or `type:id#relation`. */
struct EntityReference
{
    std::string type;
    std::string id;       // "*" for a wildcard
    std::string relation; // set only for a userset

    [[nodiscard]] bool isWildcard() const noexcept { return id == "*"; }
    [[nodiscard]] bool isUserset() const noexcept { return ! relation.empty(); }
    [[nodiscard]] std::string object() const { return type + ":" + id; }
};

/** Splits `text` at its first ':' and its '#' into type, id and optional relation, or returns
    nothing when it is malformed (no type, no id, an empty relation, more than one '#', or a space
    or '@' anywhere). Any thread.
*/
[[nodiscard]] std::optional<EntityReference> parseEntity (std::string_view text);

/** The relationship tuples an AccessChecker reads, each checked against the model when written:
    the object's type and the relation must exist, and the user must be one of the relation's
    directly related user types (a plain user, a userset such as group#member, or a wildcard).

    Writes and deletes mirror OpenFGA's Write API: writing a tuple that already exists or deleting
    one that does not is an error, and a failed batch changes nothing.

    The model must outlive the store. Not synchronised: const methods may be called from any
    number of threads at once while no thread writes; writes need the caller's exclusive access.
*/
class RelationshipTuples final
{
public:
    /** An empty store that validates tuples against `model`. Any thread. */
    explicit RelationshipTuples (const AuthorisationModel& model);

    /** Adds one tuple; an error names the tuple and what is wrong. Writer thread. */
    [[nodiscard]] Expected<void> write (const RelationshipTuple& tuple);

    /** Removes one tuple, revoking whatever access it gave. Writer thread. */
    [[nodiscard]] Expected<void> remove (const RelationshipTuple& tuple);

    /** Adds every tuple of `{"tuples":[{"user","relation","object"}, ...]}` or, on the first bad
        tuple, none of them; returns how many were added. Writer thread.
    */
    [[nodiscard]] Expected<std::size_t> loadJson (std::string_view json);

    /** Checks a tuple against the model without storing it. Any thread. */
    [[nodiscard]] Expected<void> validate (const RelationshipTuple& tuple) const;

    /** True when exactly this tuple is stored. Any thread while nobody writes. */
    [[nodiscard]] bool contains (const RelationshipTuple& tuple) const;

    /** The users written on `object` under `relation`, sorted. Any thread while nobody writes. */
    [[nodiscard]] const std::set<std::string>& usersOf (std::string_view object,
                                                        std::string_view relation) const;

    /** Every object of `type` that has at least one tuple written on it, sorted.
        Any thread while nobody writes.
    */
    [[nodiscard]] std::vector<std::string> objectsOfType (std::string_view type) const;

    /** How many tuples are stored. Any thread while nobody writes. */
    [[nodiscard]] std::size_t size() const noexcept { return count; }

    /** The model tuples are validated against. Any thread. */
    [[nodiscard]] const AuthorisationModel& model() const noexcept { return *authorisationModel; }

private:
    const AuthorisationModel* authorisationModel;
    // "type:id#relation" -> users; ordered so one type's objects are adjacent.
    std::map<std::string, std::set<std::string>, std::less<>> usersByObjectRelation;
    std::size_t count = 0;
};

} // namespace moodboard::knowledge
