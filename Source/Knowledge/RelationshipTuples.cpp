#include "Knowledge/RelationshipTuples.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace moodboard::knowledge
{
namespace
{

std::unexpected<Error> tupleError (const RelationshipTuple& tuple, std::string what)
{
    return makeError (Error::Kind::invalidInput,
                      "relationship tuple '" + tuple.toString() + "': " + what + ".");
}

std::string keyOf (std::string_view object, std::string_view relation)
{
    std::string key (object);
    key += '#';
    key += relation;
    return key;
}

bool relatesUser (const RelationDefinition& relation, const EntityReference& user)
{
    return std::any_of (relation.directlyRelated.begin(), relation.directlyRelated.end(),
                        [&user] (const RelatedUserType& allowed)
                        {
                            return allowed.type == user.type
                                && allowed.wildcard == user.isWildcard()
                                && allowed.relation == user.relation;
                        });
}

std::string listRelated (const RelationDefinition& relation)
{
    std::string list;

    for (const auto& allowed : relation.directlyRelated)
        list += (list.empty() ? "" : ", ") + allowed.toString();

    return list;
}

} // namespace

std::string RelationshipTuple::toString() const
{
    return object + "#" + relation + "@" + user;
}

std::optional<EntityReference> parseEntity (std::string_view text)
{
    if (text.find_first_of (" \t\r\n@") != std::string_view::npos)
        return std::nullopt;

    const auto colon = text.find (':');

    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;

    EntityReference entity;
    entity.type = std::string (text.substr (0, colon));
    auto rest = text.substr (colon + 1);
    const auto hash = rest.find ('#');

    if (hash != std::string_view::npos)
    {
        entity.relation = std::string (rest.substr (hash + 1));
        rest = rest.substr (0, hash);

        if (entity.relation.empty() || entity.relation.find ('#') != std::string::npos
            || entity.relation.find (':') != std::string::npos)
            return std::nullopt;
    }

    entity.id = std::string (rest);

    if (entity.id.empty() || (entity.isWildcard() && entity.isUserset()))
        return std::nullopt;

    return entity;
}

RelationshipTuples::RelationshipTuples (const AuthorisationModel& model)
    : authorisationModel (&model)
{
}

Expected<void> RelationshipTuples::validate (const RelationshipTuple& tuple) const
{
    const auto object = parseEntity (tuple.object);

    if (! object || object->isWildcard() || object->isUserset())
        return tupleError (tuple, "the object must be written as type:id, for example "
                                  "document:runbook");

    if (authorisationModel->findType (object->type) == nullptr)
        return tupleError (tuple, "the object's type '" + object->type
                                      + "' is not in the authorisation model; use a defined type "
                                        "or add it to the model");

    const auto* relation = authorisationModel->findRelation (object->type, tuple.relation);

    if (relation == nullptr)
        return tupleError (tuple, "type '" + object->type + "' has no relation '" + tuple.relation
                                      + "'; use one the model defines");

    if (relation->directlyRelated.empty())
        return tupleError (tuple, "the relation '" + tuple.relation + "' of '" + object->type
                                      + "' is computed from other relations and cannot be "
                                        "written; write one of the relations it is built from");

    const auto user = parseEntity (tuple.user);

    if (! user)
        return tupleError (tuple, "the user must be written as type:id, type:* or "
                                  "type:id#relation, for example user:anne");

    if (authorisationModel->findType (user->type) == nullptr)
        return tupleError (tuple, "the user's type '" + user->type
                                      + "' is not in the authorisation model");

    if (user->isUserset()
        && authorisationModel->findRelation (user->type, user->relation) == nullptr)
        return tupleError (tuple, "type '" + user->type + "' has no relation '" + user->relation
                                      + "' for the userset");

    if (! relatesUser (*relation, *user))
        return tupleError (tuple, "the relation '" + tuple.relation + "' of '" + object->type
                                      + "' accepts only " + listRelated (*relation)
                                      + "; write the user in one of those forms");

    return {};
}

Expected<void> RelationshipTuples::write (const RelationshipTuple& tuple)
{
    if (auto valid = validate (tuple); ! valid)
        return valid;

    if (! usersByObjectRelation[keyOf (tuple.object, tuple.relation)].insert (tuple.user).second)
        return tupleError (tuple, "it is already written; delete it first to write it again");

    ++count;
    return {};
}

Expected<void> RelationshipTuples::remove (const RelationshipTuple& tuple)
{
    const auto found = usersByObjectRelation.find (keyOf (tuple.object, tuple.relation));

    if (found == usersByObjectRelation.end() || found->second.erase (tuple.user) == 0)
        return makeError (Error::Kind::notFound, "relationship tuple '" + tuple.toString()
                                                     + "' is not stored, so there is nothing to "
                                                       "delete; check its spelling");

    if (found->second.empty())
        usersByObjectRelation.erase (found);

    --count;
    return {};
}

Expected<std::size_t> RelationshipTuples::loadJson (std::string_view text)
{
    std::vector<RelationshipTuple> tuples;

    try
    {
        const auto document = nlohmann::json::parse (text);

        if (! document.is_object() || ! document.contains ("tuples")
            || ! document["tuples"].is_array())
            return makeError (Error::Kind::invalidInput,
                              "relationship tuples: expected {\"tuples\": [{\"user\", "
                              "\"relation\", \"object\"}, ...]}; nothing was added.");

        for (const auto& item : document["tuples"])
        {
            if (! item.is_object() || ! item.contains ("user") || ! item.contains ("relation")
                || ! item.contains ("object") || ! item["user"].is_string()
                || ! item["relation"].is_string() || ! item["object"].is_string())
                return makeError (Error::Kind::invalidInput,
                                  "relationship tuples: entry " + std::to_string (tuples.size() + 1)
                                      + " needs the strings 'user', 'relation' and 'object'; "
                                        "nothing was added.");

            tuples.push_back ({ item["user"].get<std::string>(),
                                item["relation"].get<std::string>(),
                                item["object"].get<std::string>() });
        }
    }
    catch (const nlohmann::json::exception& error)
    {
        return makeError (Error::Kind::invalidInput,
                          std::string ("relationship tuples: the text is not valid JSON (")
                              + error.what() + "); nothing was added.");
    }

    // Validate the whole batch (including duplicates inside it) before storing any of it.
    std::set<std::string> seen;

    for (const auto& tuple : tuples)
    {
        if (auto valid = validate (tuple); ! valid)
            return makeError (valid.error().kind, valid.error().message + " Nothing was added.");

        if (! seen.insert (tuple.toString()).second || contains (tuple))
            return tupleError (tuple, "it is written twice; remove the duplicate. Nothing was "
                                      "added");
    }

    for (const auto& tuple : tuples)
    {
        usersByObjectRelation[keyOf (tuple.object, tuple.relation)].insert (tuple.user);
        ++count;
    }

    return tuples.size();
}

bool RelationshipTuples::contains (const RelationshipTuple& tuple) const
{
    return usersOf (tuple.object, tuple.relation).contains (tuple.user);
}

const std::set<std::string>& RelationshipTuples::usersOf (std::string_view object,
                                                          std::string_view relation) const
{
    static const std::set<std::string> none;
    const auto found = usersByObjectRelation.find (keyOf (object, relation));
    return found == usersByObjectRelation.end() ? none : found->second;
}

std::vector<std::string> RelationshipTuples::objectsOfType (std::string_view type) const
{
    const auto prefix = std::string (type) + ":";
    std::vector<std::string> objects;

    for (auto it = usersByObjectRelation.lower_bound (prefix);
         it != usersByObjectRelation.end() && it->first.starts_with (prefix); ++it)
    {
        auto object = it->first.substr (0, it->first.rfind ('#'));

        if (objects.empty() || objects.back() != object)
            objects.push_back (std::move (object));
    }

    // Keys sort by the whole "object#relation" text, so one object's entries need not be
    // adjacent when another object's id extends it ("doc:a" and "doc:a-b").
    std::sort (objects.begin(), objects.end());
    objects.erase (std::unique (objects.begin(), objects.end()), objects.end());
    return objects;
}

} // namespace moodboard::knowledge
