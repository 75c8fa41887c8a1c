#include "Knowledge/AuthorisationModel.h"
#include "Knowledge/AuthorisationModelParsing.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace moodboard::knowledge
{
namespace
{
using nlohmann::json;

constexpr auto fixHint = " Correct the authorisation model's JSON (schema 1.1, as `fga model "
                         "transform` writes it) and load it again.";

std::unexpected<Error> modelError (std::string what)
{
    return makeError (Error::Kind::invalidInput, "authorisation model: " + what + "." + fixHint);
}

std::unexpected<Error> relationError (std::string_view type, std::string_view relation,
                                      std::string what)
{
    return modelError ("relation '" + std::string (relation) + "' of type '" + std::string (type)
                       + "' " + what);
}

// OpenFGA forbids these characters in type and relation names, because tuples use them as
// separators (type:id#relation) and as the wildcard.
bool isValidName (std::string_view name)
{
    if (name.empty() || name.size() > 254)
        return false;

    return std::none_of (name.begin(), name.end(), [] (char c)
    {
        return c == ':' || c == '#' || c == '@' || c == '*' || c == ' ' || c == '\t'
            || c == '\n' || c == '\r';
    });
}

/** Reads `{"object": "", "relation": "x"}` and returns x, or empty when it is not that shape. */
std::string objectRelationName (const json& node)
{
    if (! node.is_object() || ! node.contains ("relation") || ! node["relation"].is_string())
        return {};

    return node["relation"].get<std::string>();
}

Expected<Rewrite> parseRewrite (const json& node, std::string_view type, std::string_view relation)
{
    if (! node.is_object() || node.size() != 1)
        return relationError (type, relation,
                              "must be an object with exactly one of 'this', 'computedUserset', "
                              "'tupleToUserset', 'union', 'intersection' or 'difference'");

    const auto entry = node.begin();
    const std::string key = entry.key();
    const json& value = entry.value();
    Rewrite rewrite;

    if (key == "this")
    {
        rewrite.kind = Rewrite::Kind::direct;
        return rewrite;
    }

    if (key == "computedUserset")
    {
        rewrite.kind = Rewrite::Kind::computed;
        rewrite.relation = objectRelationName (value);

        if (rewrite.relation.empty())
            return relationError (type, relation,
                                  "has a 'computedUserset' without a 'relation' name");

        return rewrite;
    }

    if (key == "tupleToUserset")
    {
        rewrite.kind = Rewrite::Kind::tupleToUserset;
        rewrite.tuplesetRelation = value.is_object() && value.contains ("tupleset")
                                       ? objectRelationName (value["tupleset"])
                                       : std::string {};
        rewrite.relation = value.is_object() && value.contains ("computedUserset")
                               ? objectRelationName (value["computedUserset"])
                               : std::string {};

        if (rewrite.tuplesetRelation.empty() || rewrite.relation.empty())
            return relationError (type, relation,
                                  "has a 'tupleToUserset' that needs both 'tupleset.relation' "
                                  "and 'computedUserset.relation'");

        return rewrite;
    }

    if (key == "union" || key == "intersection")
    {
        rewrite.kind = key == "union" ? Rewrite::Kind::unionOf : Rewrite::Kind::intersectionOf;

        if (! value.is_object() || ! value.contains ("child") || ! value["child"].is_array()
            || value["child"].empty())
            return relationError (type, relation,
                                  "has a '" + key + "' without a non-empty 'child' array");

        for (const auto& child : value["child"])
        {
            auto parsed = parseRewrite (child, type, relation);

            if (! parsed)
                return std::unexpected (parsed.error());

            rewrite.children.push_back (std::move (*parsed));
        }

        return rewrite;
    }

    if (key == "difference")
    {
        rewrite.kind = Rewrite::Kind::difference;

        if (! value.is_object() || ! value.contains ("base") || ! value.contains ("subtract"))
            return relationError (type, relation,
                                  "has a 'difference' that needs both 'base' and 'subtract'");

        for (const auto* part : { "base", "subtract" })
        {
            auto parsed = parseRewrite (value[part], type, relation);

            if (! parsed)
                return std::unexpected (parsed.error());

            rewrite.children.push_back (std::move (*parsed));
        }

        return rewrite;
    }

    return relationError (type, relation,
                          "uses '" + key + "', which this checker does not know (supported: this, "
                          "computedUserset, tupleToUserset, union, intersection, difference)");
}

Expected<std::vector<RelatedUserType>> parseRelatedTypes (const json& entry, std::string_view type,
                                                          std::string_view relation)
{
    std::vector<RelatedUserType> related;

    if (! entry.is_object() || ! entry.contains ("directly_related_user_types"))
        return related;

    const auto& list = entry["directly_related_user_types"];

    if (! list.is_array())
        return relationError (type, relation, "has 'directly_related_user_types' that is not an "
                                              "array");

    for (const auto& item : list)
    {
        if (! item.is_object() || ! item.contains ("type") || ! item["type"].is_string())
            return relationError (type, relation,
                                  "has a directly related user type without a 'type' name");

        RelatedUserType userType;
        userType.type = item["type"].get<std::string>();

        if (item.contains ("relation") && item["relation"].is_string())
            userType.relation = item["relation"].get<std::string>();

        userType.wildcard = item.contains ("wildcard") && ! item["wildcard"].is_null();

        if (item.contains ("condition") && item["condition"].is_string()
            && ! item["condition"].get<std::string>().empty())
            return relationError (type, relation,
                                  "uses the condition '" + item["condition"].get<std::string>()
                                      + "'; conditions are not supported by the embedded "
                                        "checker, so remove them");

        if (userType.wildcard && ! userType.relation.empty())
            return relationError (type, relation,
                                  "relates '" + userType.type
                                      + "' both as a wildcard and as a userset; use one or the "
                                        "other");

        related.push_back (std::move (userType));
    }

    return related;
}

} // namespace

Expected<TypeDefinition> detail::parseTypeDefinition (const nlohmann::json& node)
{
    if (! node.is_object() || ! node.contains ("type") || ! node["type"].is_string())
        return modelError ("every entry of 'type_definitions' needs a 'type' name");

    TypeDefinition definition;
    definition.name = node["type"].get<std::string>();

    if (! isValidName (definition.name))
        return modelError ("the type name '" + definition.name
                           + "' is empty or contains one of ':#@*' or a space");

    const json noRelations = json::object();
    const auto& relations = node.contains ("relations") && ! node["relations"].is_null()
                                ? node["relations"]
                                : noRelations;

    if (! relations.is_object())
        return modelError ("'relations' of type '" + definition.name + "' must be an object");

    const json* metadata = nullptr;

    if (node.contains ("metadata") && node["metadata"].is_object()
        && node["metadata"].contains ("relations") && node["metadata"]["relations"].is_object())
        metadata = &node["metadata"]["relations"];

    for (const auto& [name, rewriteJson] : relations.items())
    {
        if (! isValidName (name))
            return modelError ("type '" + definition.name + "' has a relation named '" + name
                               + "', which is empty or contains one of ':#@*' or a space");

        auto rewrite = parseRewrite (rewriteJson, definition.name, name);

        if (! rewrite)
            return std::unexpected (rewrite.error());

        RelationDefinition relation { name, std::move (*rewrite), {} };

        if (metadata != nullptr && metadata->contains (name))
        {
            auto related = parseRelatedTypes ((*metadata)[name], definition.name, name);

            if (! related)
                return std::unexpected (related.error());

            relation.directlyRelated = std::move (*related);
        }

        definition.relations.emplace (name, std::move (relation));
    }

    if (metadata != nullptr)
        for (const auto& [name, unused] : metadata->items())
            if (! definition.relations.contains (name))
                return relationError (definition.name, name,
                                      "has metadata but is not defined under 'relations'; define "
                                      "it or remove its metadata");

    return definition;
}

std::string RelatedUserType::toString() const
{
    if (wildcard)
        return type + ":*";

    return relation.empty() ? type : type + "#" + relation;
}

bool hasDirectPart (const Rewrite& rewrite)
{
    if (rewrite.kind == Rewrite::Kind::direct)
        return true;

    return std::any_of (rewrite.children.begin(), rewrite.children.end(),
                        [] (const Rewrite& child) { return hasDirectPart (child); });
}

const TypeDefinition* AuthorisationModel::findType (std::string_view type) const
{
    const auto found = types.find (type);
    return found == types.end() ? nullptr : &found->second;
}

const RelationDefinition* AuthorisationModel::findRelation (std::string_view type,
                                                            std::string_view relation) const
{
    const auto* definition = findType (type);

    if (definition == nullptr)
        return nullptr;

    const auto found = definition->relations.find (relation);
    return found == definition->relations.end() ? nullptr : &found->second;
}

std::vector<std::string> AuthorisationModel::typeNames() const
{
    std::vector<std::string> names;

    for (const auto& [name, unused] : types)
        names.push_back (name);

    return names;
}

} // namespace moodboard::knowledge
