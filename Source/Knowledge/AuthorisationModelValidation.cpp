// AuthorisationModel::fromJson: reading the document and the consistency checks that need the whole
// model (every name a relation refers to must exist somewhere).

#include "Knowledge/AuthorisationModel.h"
#include "Knowledge/AuthorisationModelParsing.h"

#include <nlohmann/json.hpp>

namespace moodboard::knowledge
{
namespace
{

std::unexpected<Error> fail (std::string_view type, std::string_view relation, std::string what)
{
    return makeError (Error::Kind::invalidInput,
                      "authorisation model: relation '" + std::string (relation) + "' of type '"
                          + std::string (type) + "' " + what
                          + ". Correct the authorisation model's JSON and load it again.");
}

using TypeMap = std::map<std::string, TypeDefinition, std::less<>>;

const RelationDefinition* lookUp (const TypeMap& types, std::string_view type,
                                  std::string_view relation)
{
    const auto foundType = types.find (type);

    if (foundType == types.end())
        return nullptr;

    const auto found = foundType->second.relations.find (relation);
    return found == foundType->second.relations.end() ? nullptr : &found->second;
}

Expected<void> checkRewrite (const TypeMap& types, const TypeDefinition& owner,
                             const RelationDefinition& relation, const Rewrite& rewrite)
{
    switch (rewrite.kind)
    {
        case Rewrite::Kind::direct:
            return {};

        case Rewrite::Kind::computed:
            if (lookUp (types, owner.name, rewrite.relation) == nullptr)
                return fail (owner.name, relation.name,
                             "refers to the relation '" + rewrite.relation
                                 + "', which type '" + owner.name + "' does not define");
            return {};

        case Rewrite::Kind::tupleToUserset:
        {
            const auto* tupleset = lookUp (types, owner.name, rewrite.tuplesetRelation);

            if (tupleset == nullptr)
                return fail (owner.name, relation.name,
                             "reads the tupleset relation '" + rewrite.tuplesetRelation
                                 + "', which type '" + owner.name + "' does not define");

            if (tupleset->rewrite.kind != Rewrite::Kind::direct)
                return fail (owner.name, relation.name,
                             "reads the tupleset relation '" + rewrite.tuplesetRelation
                                 + "', which must be a plain direct relation (only 'this')");

            bool anyDefinesIt = false;

            for (const auto& userType : tupleset->directlyRelated)
            {
                if (userType.wildcard || ! userType.relation.empty())
                    return fail (owner.name, relation.name,
                                 "reads the tupleset relation '" + rewrite.tuplesetRelation
                                     + "', which may only relate plain objects, not '"
                                     + userType.toString() + "'");

                anyDefinesIt |= lookUp (types, userType.type, rewrite.relation) != nullptr;
            }

            if (! anyDefinesIt)
                return fail (owner.name, relation.name,
                             "asks for '" + rewrite.relation + "' from " + rewrite.tuplesetRelation
                                 + ", but no type related by '" + rewrite.tuplesetRelation
                                 + "' defines '" + rewrite.relation + "'");
            return {};
        }

        case Rewrite::Kind::unionOf:
        case Rewrite::Kind::intersectionOf:
        case Rewrite::Kind::difference:
            for (const auto& child : rewrite.children)
                if (auto checked = checkRewrite (types, owner, relation, child); ! checked)
                    return checked;
            return {};
    }

    return {};
}

Expected<void> checkRelation (const TypeMap& types, const TypeDefinition& owner,
                              const RelationDefinition& relation)
{
    const bool direct = hasDirectPart (relation.rewrite);

    if (direct && relation.directlyRelated.empty())
        return fail (owner.name, relation.name,
                     "reads direct tuples ('this') but its metadata lists no "
                     "'directly_related_user_types'; add them, for example [{\"type\":\"user\"}]");

    if (! direct && ! relation.directlyRelated.empty())
        return fail (owner.name, relation.name,
                     "lists directly related user types but its rewrite has no 'this'; add "
                     "{\"this\":{}} or remove the metadata");

    for (const auto& userType : relation.directlyRelated)
    {
        if (! types.contains (userType.type))
            return fail (owner.name, relation.name,
                         "relates the user type '" + userType.type + "', which is not defined; "
                         "add a type definition for it");

        if (! userType.relation.empty()
            && lookUp (types, userType.type, userType.relation) == nullptr)
            return fail (owner.name, relation.name,
                         "relates the userset '" + userType.toString() + "', but type '"
                             + userType.type + "' has no relation '" + userType.relation + "'");
    }

    return checkRewrite (types, owner, relation, relation.rewrite);
}

} // namespace

Expected<AuthorisationModel> AuthorisationModel::fromJson (std::string_view text)
{
    nlohmann::json document;

    try
    {
        document = nlohmann::json::parse (text);
    }
    catch (const nlohmann::json::exception& error)
    {
        return makeError (Error::Kind::invalidInput,
                          std::string ("authorisation model: the text is not valid JSON (")
                              + error.what() + "). Write the model as OpenFGA's JSON form.");
    }

    if (! document.is_object())
        return makeError (Error::Kind::invalidInput,
                          "authorisation model: expected a JSON object with 'schema_version' and "
                          "'type_definitions'.");

    if (! document.contains ("schema_version") || document["schema_version"] != "1.1")
        return makeError (Error::Kind::unsupported,
                          "authorisation model: 'schema_version' must be \"1.1\" (the form with "
                          "type metadata); write the model with schema 1.1.");

    if (! document.contains ("type_definitions") || ! document["type_definitions"].is_array()
        || document["type_definitions"].empty())
        return makeError (Error::Kind::invalidInput,
                          "authorisation model: 'type_definitions' must be a non-empty array; "
                          "define at least the 'user' type.");

    AuthorisationModel model;

    for (const auto& node : document["type_definitions"])
    {
        auto definition = detail::parseTypeDefinition (node);

        if (! definition)
            return std::unexpected (definition.error());

        if (model.types.contains (definition->name))
            return makeError (Error::Kind::invalidInput,
                              "authorisation model: the type '" + definition->name
                                  + "' is defined twice; merge the two definitions.");

        auto name = definition->name;
        model.types.emplace (std::move (name), std::move (*definition));
    }

    for (const auto& [typeName, definition] : model.types)
        for (const auto& [relationName, relation] : definition.relations)
            if (auto checked = checkRelation (model.types, definition, relation); ! checked)
                return std::unexpected (checked.error());

    return model;
}

} // namespace moodboard::knowledge
