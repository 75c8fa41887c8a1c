#pragma once

#include "Core/Error.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::knowledge
{

/** How a relation is computed, as one node of an OpenFGA userset rewrite.

    - direct: the users written in tuples on this object and relation (OpenFGA's `this`).
    - computed: the users of another relation on the same object (`computedUserset`).
    - tupleToUserset: for each object `x` written under `tuplesetRelation` on this object, the users
      of `relation` on `x` (a folder's viewers seen from a document whose `parent` is the folder).
    - unionOf / intersectionOf: any / all of `children`.
    - difference: `children[0]` (the base) but not `children[1]` (the subtracted set).
*/
struct Rewrite
{
    enum class Kind
    {
        direct,
        computed,
        tupleToUserset,
        unionOf,
        intersectionOf,
        difference
    };

    Kind kind = Kind::direct;
    std::string relation;          // computed and tupleToUserset: the relation to evaluate
    std::string tuplesetRelation;  // tupleToUserset: the relation that names the other objects
    std::vector<Rewrite> children; // unionOf, intersectionOf, difference (base, subtract)
};

/** One entry of a relation's directly related user types: `user`, `user:*` (wildcard) or
    `group#member` (a userset).
*/
struct RelatedUserType
{
    std::string type;
    std::string relation; // empty unless this is a userset such as group#member
    bool wildcard = false;

    /** The entry written as the OpenFGA DSL writes it: `user`, `user:*` or `group#member`. */
    [[nodiscard]] std::string toString() const;
};

/** One relation of a type: its rewrite and, when it has a direct part, who may be written. */
struct RelationDefinition
{
    std::string name;
    Rewrite rewrite;
    std::vector<RelatedUserType> directlyRelated;
};

/** One type of the model and its relations, by name. */
struct TypeDefinition
{
    std::string name;
    std::map<std::string, RelationDefinition, std::less<>> relations;
};

/** An OpenFGA authorisation model (schema 1.1), read from the JSON that `fga model transform`
    and the WriteAuthorizationModel API use, and checked for consistency: every relation that a
    rewrite or a related user type names exists, direct relations list their user types, and a
    tuple-to-userset's tupleset relation relates plain objects only.

    Immutable once parsed, so any number of threads may read it at once.
*/
class AuthorisationModel final
{
public:
    /** Parses and checks a model. The error names the type and relation at fault and says how to
        fix the model. Any thread.
    */
    [[nodiscard]] static Expected<AuthorisationModel> fromJson (std::string_view json);

    /** The type named `type`, or null. Any thread. */
    [[nodiscard]] const TypeDefinition* findType (std::string_view type) const;

    /** The relation `relation` of `type`, or null when either is unknown. Any thread. */
    [[nodiscard]] const RelationDefinition* findRelation (std::string_view type,
                                                         std::string_view relation) const;

    /** The names of all types, sorted. Any thread. */
    [[nodiscard]] std::vector<std::string> typeNames() const;

private:
    std::map<std::string, TypeDefinition, std::less<>> types;
};

/** True when `rewrite` or any node below it reads direct tuples (OpenFGA's `this`). */
[[nodiscard]] bool hasDirectPart (const Rewrite& rewrite);

} // namespace moodboard::knowledge
