#include "Knowledge/AccessChecker.h"

#include <algorithm>
#include <unordered_map>

namespace moodboard::knowledge
{
namespace
{

enum class State
{
    allowed,
    denied,
    unresolved // a cycle or a limit cut the walk short: never an allow
};

struct Outcome
{
    State state = State::denied;
    std::string reason;
};

std::string typeOf (std::string_view object)
{
    return std::string (object.substr (0, object.find (':')));
}

/** One user's walk through the rewrite graph. Keeps a path for cycle detection and remembers
    definite answers per object#relation (an answer that a cycle or a limit cut short depends on
    the path taken, so it is not remembered).
*/
class Resolver final
{
public:
    Resolver (const RelationshipTuples& store, EntityReference who, std::string whoText, int depth,
              std::size_t steps)
        : tuples (store), model (store.model()), user (std::move (who)),
          userText (std::move (whoText)), maxDepth (depth), maxSteps (steps)
    {
    }

    Outcome resolve (const std::string& object, const std::string& relation, int depth)
    {
        auto key = object + "#" + relation;

        if (depth > maxDepth)
            return { State::unresolved, "resolving " + key + " needed more than "
                                            + std::to_string (maxDepth)
                                            + " nested steps (the resolution depth limit)" };

        if (++stepsTaken > maxSteps)
            return { State::unresolved, "the check took more than " + std::to_string (maxSteps)
                                            + " steps" };

        if (const auto known = memo.find (key); known != memo.end())
            return known->second;

        if (std::find (path.begin(), path.end(), key) != path.end())
        {
            std::string loop;

            for (auto it = std::find (path.begin(), path.end(), key); it != path.end(); ++it)
                loop += *it + " -> ";

            return { State::unresolved, "cycle: " + loop + key };
        }

        const auto* definition = model.findRelation (typeOf (object), relation);

        if (definition == nullptr)
            return { State::denied, {} };

        path.push_back (key);
        auto outcome = evaluate (definition->rewrite, object, relation, depth);
        path.pop_back();

        if (outcome.state != State::unresolved)
            memo.emplace (std::move (key), outcome);

        return outcome;
    }

    void resetSteps() noexcept { stepsTaken = 0; }

private:
    Outcome evaluate (const Rewrite& rewrite, const std::string& object,
                      const std::string& relation, int depth)
    {
        switch (rewrite.kind)
        {
            case Rewrite::Kind::direct:
                return direct (object, relation, depth);

            case Rewrite::Kind::computed:
                return resolve (object, rewrite.relation, depth + 1);

            case Rewrite::Kind::tupleToUserset:
                return tupleToUserset (rewrite, object, depth);

            case Rewrite::Kind::unionOf:
            {
                Outcome result;

                for (const auto& child : rewrite.children)
                {
                    auto outcome = evaluate (child, object, relation, depth);

                    if (outcome.state == State::allowed)
                        return outcome;

                    if (outcome.state == State::unresolved && result.state != State::unresolved)
                        result = std::move (outcome);
                }

                return result;
            }

            case Rewrite::Kind::intersectionOf:
            {
                Outcome result { State::allowed, {} };

                for (const auto& child : rewrite.children)
                {
                    auto outcome = evaluate (child, object, relation, depth);

                    if (outcome.state == State::denied)
                        return outcome;

                    if (outcome.state == State::unresolved && result.state != State::unresolved)
                        result = std::move (outcome);
                    else if (result.state == State::allowed)
                        result.reason += (result.reason.empty() ? "" : " and ") + outcome.reason;
                }

                return result;
            }

            case Rewrite::Kind::difference:
            {
                auto base = evaluate (rewrite.children[0], object, relation, depth);

                if (base.state != State::allowed)
                    return base;

                auto subtract = evaluate (rewrite.children[1], object, relation, depth);

                if (subtract.state == State::allowed)
                    return { State::denied, "excluded by " + subtract.reason };

                if (subtract.state == State::unresolved)
                    return subtract;

                return base;
            }
        }

        return { State::denied, {} };
    }

    Outcome direct (const std::string& object, const std::string& relation, int depth)
    {
        const auto& users = tuples.usersOf (object, relation);
        const auto written = object + "#" + relation + "@";

        if (users.contains (userText))
            return { State::allowed, written + userText };

        if (! user.isUserset() && users.contains (user.type + ":*"))
            return { State::allowed, written + user.type + ":*" };

        Outcome result;

        for (const auto& stored : users)
        {
            const auto hash = stored.find ('#');

            if (hash == std::string::npos)
                continue;

            auto outcome = resolve (stored.substr (0, hash), stored.substr (hash + 1), depth + 1);

            if (outcome.state == State::allowed)
                return { State::allowed, written + stored + ", " + outcome.reason };

            if (outcome.state == State::unresolved && result.state != State::unresolved)
                result = std::move (outcome);
        }

        return result;
    }

    Outcome tupleToUserset (const Rewrite& rewrite, const std::string& object, int depth)
    {
        Outcome result;

        for (const auto& parent : tuples.usersOf (object, rewrite.tuplesetRelation))
        {
            // The model only lets plain objects into a tupleset relation; skip anything else.
            if (parent.find ('#') != std::string::npos || parent.ends_with (":*"))
                continue;

            auto outcome = resolve (parent, rewrite.relation, depth + 1);

            if (outcome.state == State::allowed)
                return { State::allowed, object + "#" + rewrite.tuplesetRelation + "@" + parent
                                             + ", " + outcome.reason };

            if (outcome.state == State::unresolved && result.state != State::unresolved)
                result = std::move (outcome);
        }

        return result;
    }

    const RelationshipTuples& tuples;
    const AuthorisationModel& model;
    EntityReference user;
    std::string userText;
    int maxDepth;
    std::size_t maxSteps;
    std::size_t stepsTaken = 0;
    std::vector<std::string> path;
    std::unordered_map<std::string, Outcome> memo;
};

Expected<EntityReference> checkUser (const AuthorisationModel& model, std::string_view text)
{
    const auto user = parseEntity (text);

    if (! user)
        return makeError (Error::Kind::invalidInput,
                          "access check: the user '" + std::string (text)
                              + "' must be written as type:id, type:* or type:id#relation");

    if (model.findType (user->type) == nullptr)
        return makeError (Error::Kind::invalidInput, "access check: the user's type '" + user->type
                                                         + "' is not in the authorisation model");

    if (user->isUserset() && model.findRelation (user->type, user->relation) == nullptr)
        return makeError (Error::Kind::invalidInput,
                          "access check: type '" + user->type + "' has no relation '"
                              + user->relation + "'");

    return *user;
}

Expected<void> checkRelation (const AuthorisationModel& model, std::string_view type,
                              std::string_view relation)
{
    if (model.findType (type) == nullptr)
        return makeError (Error::Kind::invalidInput, "access check: the type '" + std::string (type)
                                                         + "' is not in the authorisation model");

    if (model.findRelation (type, relation) == nullptr)
        return makeError (Error::Kind::invalidInput,
                          "access check: type '" + std::string (type) + "' has no relation '"
                              + std::string (relation) + "'");

    return {};
}

CheckResult toResult (const Outcome& outcome, const CheckRequest& request)
{
    switch (outcome.state)
    {
        case State::allowed:
            return { true, "allowed by " + outcome.reason };
        case State::unresolved:
            return { false, "denied: " + outcome.reason };
        case State::denied:
            break;
    }

    return { false, outcome.reason.empty()
                        ? "no relationship gives " + request.user + " '" + request.relation
                              + "' on " + request.object
                        : "denied: " + outcome.reason };
}

} // namespace

AccessChecker::AccessChecker (const RelationshipTuples& store, int depthLimit,
                              std::size_t stepLimit)
    : tuples (store), maxDepth (depthLimit), maxSteps (stepLimit)
{
}

Expected<CheckResult> AccessChecker::check (const CheckRequest& request) const
{
    const auto& model = tuples.model();
    auto user = checkUser (model, request.user);

    if (! user)
        return std::unexpected (user.error());

    const auto object = parseEntity (request.object);

    if (! object || object->isWildcard() || object->isUserset())
        return makeError (Error::Kind::invalidInput,
                          "access check: the object '" + request.object
                              + "' must be written as type:id, for example document:runbook");

    if (auto known = checkRelation (model, object->type, request.relation); ! known)
        return std::unexpected (known.error());

    Resolver resolver (tuples, std::move (*user), request.user, maxDepth, maxSteps);
    return toResult (resolver.resolve (request.object, request.relation, 1), request);
}

CheckResult AccessChecker::check (std::string_view user, std::string_view relation,
                                  std::string_view object) const
{
    auto result = check (CheckRequest { std::string (user), std::string (relation),
                                        std::string (object) });

    if (! result)
        return { false, "denied: " + result.error().message };

    return std::move (*result);
}

Expected<std::vector<CheckResult>>
    AccessChecker::batchCheck (const std::vector<CheckRequest>& requests) const
{
    std::vector<CheckResult> results;
    results.reserve (requests.size());

    for (const auto& request : requests)
        results.push_back (check (request.user, request.relation, request.object));

    return results;
}

Expected<std::vector<std::string>> AccessChecker::listObjects (const std::string& user,
                                                               const std::string& relation,
                                                               const std::string& type) const
{
    const auto& model = tuples.model();

    if (auto known = checkRelation (model, type, relation); ! known)
        return std::unexpected (known.error());

    auto who = checkUser (model, user);

    if (! who)
        return std::unexpected (who.error());

    // One resolver for every candidate: its remembered answers hold for the same user.
    Resolver resolver (tuples, std::move (*who), user, maxDepth, maxSteps);
    std::vector<std::string> allowed;

    for (const auto& object : tuples.objectsOfType (type))
    {
        resolver.resetSteps();

        if (resolver.resolve (object, relation, 1).state == State::allowed)
            allowed.push_back (object);
    }

    return allowed;
}

} // namespace moodboard::knowledge
