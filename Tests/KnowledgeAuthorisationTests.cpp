// The embedded authorisation checker against OpenFGA's documented semantics, the product's
// permission matrix, and the errors for bad models and tuples.

#include "Knowledge/AccessChecker.h"
#include "Knowledge/AuthorisationModel.h"
#include "Knowledge/RelationshipTuples.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

using namespace moodboard::knowledge;
using nlohmann::json;

namespace
{

// Small builders for OpenFGA's JSON form, so each case states its model briefly.
json direct() { return { { "this", json::object() } }; }

json computed (const std::string& relation)
{
    return { { "computedUserset", { { "object", "" }, { "relation", relation } } } };
}

json fromTupleset (const std::string& tupleset, const std::string& relation)
{
    return { { "tupleToUserset",
               { { "tupleset", { { "object", "" }, { "relation", tupleset } } },
                 { "computedUserset", { { "object", "" }, { "relation", relation } } } } } };
}

json anyOf (std::vector<json> children) { return { { "union", { { "child", children } } } }; }
json allOf (std::vector<json> children)
{
    return { { "intersection", { { "child", children } } } };
}

json butNot (json base, json subtract)
{
    return { { "difference",
               { { "base", std::move (base) }, { "subtract", std::move (subtract) } } } };
}

json userType (const std::string& type) { return { { "type", type } }; }
json userset (const std::string& type, const std::string& relation)
{
    return { { "type", type }, { "relation", relation } };
}
json wildcard (const std::string& type)
{
    return { { "type", type }, { "wildcard", json::object() } };
}

/** A type with relations { name: rewrite } and, per direct relation, its related user types. */
json typeDefinition (const std::string& name, json relations = json::object(),
                     json related = json::object())
{
    json metadata = json::object();

    for (auto& [relation, types] : related.items())
        metadata[relation] = { { "directly_related_user_types", types } };

    json definition = { { "type", name }, { "relations", relations } };

    if (! metadata.empty())
        definition["metadata"] = { { "relations", metadata } };

    return definition;
}

std::string modelJson (std::vector<json> types)
{
    return json { { "schema_version", "1.1" }, { "type_definitions", types } }.dump();
}

/** The model most cases use, shaped like the examples in OpenFGA's modelling guides. */
std::string documentsModel()
{
    const json member = json::array ({ userType ("user"), userset ("group", "member") });
    const json viewers = json::array ({ userType ("user"), wildcard ("user"),
                                        userset ("group", "member") });

    return modelJson ({
        typeDefinition ("user"),
        typeDefinition ("group", { { "member", direct() } }, { { "member", member } }),
        typeDefinition ("folder",
                        { { "owner", direct() }, { "parent", direct() },
                          { "viewer", anyOf ({ direct(), computed ("owner"),
                                               fromTupleset ("parent", "viewer") }) } },
                        { { "owner", json::array ({ userType ("user") }) },
                          { "parent", json::array ({ userType ("folder") }) },
                          { "viewer", viewers } }),
        typeDefinition ("document",
                        { { "owner", direct() },
                          { "editor", anyOf ({ direct(), computed ("owner") }) },
                          { "viewer", anyOf ({ direct(), computed ("editor"),
                                               fromTupleset ("parent", "viewer") }) },
                          { "parent", direct() },
                          { "blocked", direct() },
                          { "approver", direct() },
                          { "can_read", butNot (computed ("viewer"), computed ("blocked")) },
                          { "can_publish",
                            allOf ({ computed ("editor"), computed ("approver") }) } },
                        { { "owner", json::array ({ userType ("user") }) },
                          { "editor", member },
                          { "viewer", viewers },
                          { "parent", json::array ({ userType ("folder") }) },
                          { "blocked", json::array ({ userType ("user") }) },
                          { "approver", json::array ({ userType ("user") }) } }),
    });
}

AuthorisationModel requireModel (std::string_view text)
{
    auto model = AuthorisationModel::fromJson (text);
    INFO ((model ? std::string {} : model.error().message));
    REQUIRE (model.has_value());
    return std::move (*model);
}

std::string readFile (const std::filesystem::path& path)
{
    std::ifstream in (path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/** A model, its tuples and a checker over them. */
struct Store
{
    explicit Store (std::string_view text, std::vector<RelationshipTuple> written = {},
                    int maxDepth = AccessChecker::defaultMaxDepth)
        : model (requireModel (text)), tuples (model), checker (tuples, maxDepth)
    {
        for (const auto& tuple : written)
            add (tuple);
    }

    void add (const RelationshipTuple& tuple)
    {
        auto written = tuples.write (tuple);
        INFO ((written ? std::string {} : written.error().message));
        REQUIRE (written.has_value());
    }

    void revoke (const RelationshipTuple& tuple)
    {
        auto removed = tuples.remove (tuple);
        INFO ((removed ? std::string {} : removed.error().message));
        REQUIRE (removed.has_value());
    }

    bool allows (std::string_view user, std::string_view relation, std::string_view object) const
    {
        return checker.check (user, relation, object).allowed;
    }

    std::vector<std::string> list (const std::string& user, const std::string& relation,
                                   const std::string& type) const
    {
        auto objects = checker.listObjects (user, relation, type);
        INFO ((objects ? std::string {} : objects.error().message));
        REQUIRE (objects.has_value());
        return *objects;
    }

    AuthorisationModel model;
    RelationshipTuples tuples;
    AccessChecker checker;
};

using Strings = std::vector<std::string>;

} // namespace

// ---- (a) OpenFGA semantics, case by case -------------------------------------------------------

TEST_CASE ("Knowledge: a direct tuple relates exactly that user and relation", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "document:runbook" } });

    CHECK (store.allows ("user:anne", "viewer", "document:runbook"));
    CHECK_FALSE (store.allows ("user:bob", "viewer", "document:runbook"));
    CHECK_FALSE (store.allows ("user:anne", "viewer", "document:roadmap"));
    CHECK_FALSE (store.allows ("user:anne", "editor", "document:runbook"));
    CHECK (store.checker.check ("user:anne", "viewer", "document:runbook").reason
           == "allowed by document:runbook#viewer@user:anne");
    CHECK (store.checker.check ("user:bob", "viewer", "document:runbook").reason
           == "no relationship gives user:bob 'viewer' on document:runbook");
}

TEST_CASE ("Knowledge: a public wildcard relates every user of its type", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:*", "viewer", "document:welcome" },
                                           { "user:anne", "member", "group:eng" } });

    CHECK (store.allows ("user:anne", "viewer", "document:welcome"));
    CHECK (store.allows ("user:someone-never-written", "viewer", "document:welcome"));
    CHECK (store.allows ("user:*", "viewer", "document:welcome"));
    // The wildcard is typed: it stands for users, not for a group's members as a set.
    CHECK_FALSE (store.allows ("group:eng#member", "viewer", "document:welcome"));
    CHECK_FALSE (store.allows ("user:anne", "editor", "document:welcome"));
    CHECK (store.checker.check ("user:zed", "viewer", "document:welcome").reason
           == "allowed by document:welcome#viewer@user:*");
}

TEST_CASE ("Knowledge: checking the wildcard itself needs a wildcard tuple", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "document:plan" } });

    CHECK (store.allows ("user:anne", "viewer", "document:plan"));
    CHECK_FALSE (store.allows ("user:*", "viewer", "document:plan"));
}

TEST_CASE ("Knowledge: a group#member userset relates the group's members", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "member", "group:eng" },
                                           { "group:eng#member", "viewer", "document:design" } });

    CHECK (store.allows ("user:anne", "viewer", "document:design"));
    CHECK_FALSE (store.allows ("user:bob", "viewer", "document:design"));
    CHECK (store.allows ("group:eng#member", "viewer", "document:design"));
    CHECK (store.checker.check ("user:anne", "viewer", "document:design").reason
           == "allowed by document:design#viewer@group:eng#member, group:eng#member@user:anne");
}

TEST_CASE ("Knowledge: nested groups pass membership up", "[knowledge]")
{
    const Store store (documentsModel(),
                       { { "user:carol", "member", "group:sub" },
                         { "group:sub#member", "member", "group:eng" },
                         { "group:eng#member", "member", "group:company" },
                         { "group:company#member", "viewer", "document:handbook" } });

    CHECK (store.allows ("user:carol", "member", "group:sub"));
    CHECK (store.allows ("user:carol", "member", "group:eng"));
    CHECK (store.allows ("user:carol", "member", "group:company"));
    CHECK (store.allows ("user:carol", "viewer", "document:handbook"));
    CHECK (store.allows ("group:sub#member", "viewer", "document:handbook"));
    CHECK_FALSE (store.allows ("user:dave", "viewer", "document:handbook"));
    // Membership flows from the inner group outwards only.
    CHECK_FALSE (store.allows ("group:company#member", "member", "group:sub"));
}

TEST_CASE ("Knowledge: computed relations chain owner -> editor -> viewer", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "owner", "document:spec" },
                                           { "user:bob", "editor", "document:spec" } });

    CHECK (store.allows ("user:anne", "owner", "document:spec"));
    CHECK (store.allows ("user:anne", "editor", "document:spec"));
    CHECK (store.allows ("user:anne", "viewer", "document:spec"));
    CHECK_FALSE (store.allows ("user:bob", "owner", "document:spec"));
    CHECK (store.allows ("user:bob", "editor", "document:spec"));
    CHECK (store.allows ("user:bob", "viewer", "document:spec"));
    CHECK_FALSE (store.allows ("user:carol", "viewer", "document:spec"));
}

TEST_CASE ("Knowledge: tuple-to-userset gives a folder's viewers its documents", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "folder:guides" },
                                           { "folder:guides", "parent", "document:tempo" },
                                           { "user:bob", "owner", "folder:guides" } });

    CHECK (store.allows ("user:anne", "viewer", "document:tempo"));
    CHECK (store.allows ("user:bob", "viewer", "folder:guides"));  // owner implies viewer
    CHECK (store.allows ("user:bob", "viewer", "document:tempo")); // and reaches the document
    CHECK_FALSE (store.allows ("user:anne", "editor", "document:tempo"));
    CHECK_FALSE (store.allows ("user:carol", "viewer", "document:tempo"));
    CHECK (store.checker.check ("user:anne", "viewer", "document:tempo").reason
           == "allowed by document:tempo#parent@folder:guides, folder:guides#viewer@user:anne");
}

TEST_CASE ("Knowledge: nested folders pass viewers down", "[knowledge]")
{
    const Store store (documentsModel(), { { "group:eng#member", "viewer", "folder:root" },
                                           { "user:anne", "member", "group:eng" },
                                           { "folder:root", "parent", "folder:team" },
                                           { "folder:team", "parent", "folder:team-notes" },
                                           { "folder:team-notes", "parent", "document:retro" },
                                           { "user:bob", "viewer", "folder:team-notes" } });

    CHECK (store.allows ("user:anne", "viewer", "document:retro"));
    CHECK (store.allows ("user:anne", "viewer", "folder:team"));
    CHECK (store.allows ("user:bob", "viewer", "document:retro"));
    // Viewing a child folder gives nothing on its parent.
    CHECK_FALSE (store.allows ("user:bob", "viewer", "folder:team"));
    CHECK_FALSE (store.allows ("user:bob", "viewer", "folder:root"));
}

TEST_CASE ("Knowledge: intersection needs every part", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "editor", "document:release" },
                                           { "user:anne", "approver", "document:release" },
                                           { "user:bob", "editor", "document:release" },
                                           { "user:carol", "approver", "document:release" } });

    CHECK (store.allows ("user:anne", "can_publish", "document:release"));
    CHECK_FALSE (store.allows ("user:bob", "can_publish", "document:release"));
    CHECK_FALSE (store.allows ("user:carol", "can_publish", "document:release"));
    CHECK_FALSE (store.allows ("user:dave", "can_publish", "document:release"));
}

TEST_CASE ("Knowledge: difference ('but not') keeps blocked users out", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "document:notes" },
                                           { "user:erin", "viewer", "document:notes" },
                                           { "user:erin", "blocked", "document:notes" },
                                           { "user:dave", "blocked", "document:notes" } });

    CHECK (store.allows ("user:anne", "can_read", "document:notes"));
    CHECK_FALSE (store.allows ("user:erin", "can_read", "document:notes"));
    CHECK (store.allows ("user:erin", "viewer", "document:notes"));
    CHECK_FALSE (store.allows ("user:dave", "can_read", "document:notes"));
    CHECK (store.checker.check ("user:erin", "can_read", "document:notes").reason
           == "denied: excluded by document:notes#blocked@user:erin");
}

TEST_CASE ("Knowledge: a blocked user stays out of a public document", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:*", "viewer", "document:faq" },
                                           { "user:erin", "blocked", "document:faq" } });

    CHECK (store.allows ("user:anne", "can_read", "document:faq"));
    CHECK (store.allows ("user:erin", "viewer", "document:faq"));
    CHECK_FALSE (store.allows ("user:erin", "can_read", "document:faq"));
}

TEST_CASE ("Knowledge: deleting a tuple revokes the access it gave", "[knowledge]")
{
    Store store (documentsModel(), { { "user:anne", "viewer", "document:memo" },
                                     { "user:anne", "member", "group:eng" },
                                     { "group:eng#member", "viewer", "folder:eng" },
                                     { "folder:eng", "parent", "document:plan" } });

    REQUIRE (store.allows ("user:anne", "viewer", "document:memo"));
    REQUIRE (store.allows ("user:anne", "viewer", "document:plan"));

    store.revoke ({ "user:anne", "viewer", "document:memo" });
    CHECK_FALSE (store.allows ("user:anne", "viewer", "document:memo"));
    CHECK (store.allows ("user:anne", "viewer", "document:plan"));

    store.revoke ({ "user:anne", "member", "group:eng" });
    CHECK_FALSE (store.allows ("user:anne", "viewer", "document:plan"));
    CHECK (store.tuples.size() == 2);

    const auto again = store.tuples.remove ({ "user:anne", "member", "group:eng" });
    REQUIRE_FALSE (again.has_value());
    CHECK (again.error().kind == moodboard::Error::Kind::notFound);
    CHECK (again.error().message.find ("group:eng#member@user:anne") != std::string::npos);
}

TEST_CASE ("Knowledge: a cycle of groups denies without hanging", "[knowledge]")
{
    const Store store (documentsModel(), { { "group:a#member", "member", "group:b" },
                                           { "group:b#member", "member", "group:a" },
                                           { "user:anne", "member", "group:a" },
                                           { "group:b#member", "viewer", "document:loop" } });

    const auto started = std::chrono::steady_clock::now();
    const auto denied = store.checker.check ("user:dave", "viewer", "document:loop");
    const auto seconds = std::chrono::duration<double> (std::chrono::steady_clock::now() - started);

    CHECK_FALSE (denied.allowed);
    CHECK (denied.reason.find ("cycle") != std::string::npos);
    CHECK (seconds.count() < 1.0);
    CHECK_FALSE (store.allows ("user:dave", "member", "group:a"));
    // A real path through the cyclic groups still counts, as in OpenFGA.
    CHECK (store.allows ("user:anne", "member", "group:b"));
    CHECK (store.allows ("user:anne", "viewer", "document:loop"));
}

TEST_CASE ("Knowledge: a cycle of folders denies", "[knowledge]")
{
    const Store store (documentsModel(), { { "folder:x", "parent", "folder:y" },
                                           { "folder:y", "parent", "folder:x" },
                                           { "folder:x", "parent", "document:lost" } });

    const auto result = store.checker.check ("user:anne", "viewer", "document:lost");
    CHECK_FALSE (result.allowed);
    CHECK (result.reason.find ("cycle: folder:x#viewer -> folder:y#viewer -> folder:x#viewer")
           != std::string::npos);
    CHECK (store.list ("user:anne", "viewer", "folder") == Strings {});
}

TEST_CASE ("Knowledge: a cycle under 'but not' denies instead of allowing", "[knowledge]")
{
    const auto model = modelJson ({
        typeDefinition ("user"),
        typeDefinition ("group", { { "member", direct() } },
                        { { "member",
                            json::array ({ userType ("user"), userset ("group", "member") }) } }),
        typeDefinition ("document",
                        { { "viewer", direct() }, { "blocked", direct() },
                          { "can_read", butNot (computed ("viewer"), computed ("blocked")) } },
                        { { "viewer", json::array ({ userType ("user") }) },
                          { "blocked", json::array ({ userset ("group", "member") }) } }),
    });
    const Store store (model, { { "user:anne", "viewer", "document:x" },
                                { "group:a#member", "member", "group:b" },
                                { "group:b#member", "member", "group:a" },
                                { "group:a#member", "blocked", "document:x" } });

    const auto result = store.checker.check ("user:anne", "can_read", "document:x");
    CHECK_FALSE (result.allowed);
    CHECK (result.reason.find ("cycle") != std::string::npos);
}

TEST_CASE ("Knowledge: nesting beyond the resolution depth limit denies", "[knowledge]")
{
    // A chain of groups g0 (holding anne) <- g1 <- ... <- gN-1, whose members view the document:
    // the document counts one level and each group one more.
    const auto chainStore = [] (int groups, int maxDepth)
    {
        auto store = std::make_unique<Store> (documentsModel(),
                                              std::vector<RelationshipTuple> {}, maxDepth);
        store->add ({ "user:anne", "member", "group:g0" });

        for (int i = 1; i < groups; ++i)
            store->add ({ "group:g" + std::to_string (i - 1) + "#member", "member",
                          "group:g" + std::to_string (i) });

        store->add ({ "group:g" + std::to_string (groups - 1) + "#member", "viewer",
                      "document:deep" });
        return store;
    };

    CHECK (AccessChecker::defaultMaxDepth == 25);
    CHECK (chainStore (24, 25)->allows ("user:anne", "viewer", "document:deep"));

    const auto tooDeepStore = chainStore (25, 25);
    const auto tooDeep = tooDeepStore->checker.check ("user:anne", "viewer", "document:deep");
    CHECK_FALSE (tooDeep.allowed);
    CHECK (tooDeep.reason.find ("more than 25 nested steps") != std::string::npos);

    CHECK (chainStore (4, 5)->allows ("user:anne", "viewer", "document:deep"));
    CHECK_FALSE (chainStore (5, 5)->allows ("user:anne", "viewer", "document:deep"));
}

TEST_CASE ("Knowledge: the step limit denies a walk that grows too large", "[knowledge]")
{
    const Store wide (documentsModel(), { { "user:anne", "member", "group:g3" },
                                          { "group:g1#member", "viewer", "document:wide" },
                                          { "group:g2#member", "viewer", "document:wide" },
                                          { "group:g3#member", "viewer", "document:wide" } });
    const AccessChecker tight (wide.tuples, 25, 3);

    CHECK (wide.allows ("user:anne", "viewer", "document:wide"));
    const auto limited = tight.check ("user:anne", "viewer", "document:wide");
    CHECK_FALSE (limited.allowed);
    CHECK (limited.reason.find ("more than 3 steps") != std::string::npos);
}

TEST_CASE ("Knowledge: a question the model cannot answer is an error and a denial", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "document:a" } });

    const auto unknownRelation = store.checker.check (CheckRequest { "user:anne", "reader",
                                                                     "document:a" });
    REQUIRE_FALSE (unknownRelation.has_value());
    CHECK (unknownRelation.error().message.find ("type 'document' has no relation 'reader'")
           != std::string::npos);
    CHECK_FALSE (isAllowed (unknownRelation));

    const auto unknownType = store.checker.check ("user:anne", "viewer", "playlist:a");
    CHECK_FALSE (unknownType.allowed);
    CHECK (unknownType.reason.find ("'playlist'") != std::string::npos);

    CHECK_FALSE (store.allows ("anne", "viewer", "document:a"));
    CHECK_FALSE (store.allows ("user:anne", "viewer", "document:*"));
    CHECK_FALSE (store.allows ("user:anne", "viewer", "document:a#viewer"));
    CHECK (isAllowed (store.checker.check (CheckRequest { "user:anne", "viewer", "document:a" })));
}

TEST_CASE ("Knowledge: batch check answers each request in order", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "document:a" },
                                           { "user:bob", "owner", "document:b" } });

    const auto results = store.checker.batchCheck ({ { "user:anne", "viewer", "document:a" },
                                                     { "user:anne", "viewer", "document:b" },
                                                     { "user:bob", "viewer", "document:b" },
                                                     { "user:bob", "nonsense", "document:b" } });
    REQUIRE (results.has_value());
    REQUIRE (results->size() == 4);
    CHECK ((*results)[0].allowed);
    CHECK_FALSE ((*results)[1].allowed);
    CHECK ((*results)[2].allowed);
    CHECK_FALSE ((*results)[3].allowed);
    CHECK ((*results)[3].reason.find ("no relation 'nonsense'") != std::string::npos);
}

TEST_CASE ("Knowledge: list objects returns exactly the related objects", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "viewer", "folder:f" },
                                           { "folder:f", "parent", "document:in-folder" },
                                           { "user:anne", "owner", "document:owned" },
                                           { "user:bob", "viewer", "document:bobs" },
                                           { "user:anne", "blocked", "document:in-folder" } });

    CHECK (store.list ("user:anne", "viewer", "document")
           == Strings { "document:in-folder", "document:owned" });
    CHECK (store.list ("user:anne", "can_read", "document") == Strings { "document:owned" });
    CHECK (store.list ("user:anne", "owner", "document") == Strings { "document:owned" });
    CHECK (store.list ("user:bob", "viewer", "document") == Strings { "document:bobs" });
    CHECK (store.list ("user:dave", "viewer", "document") == Strings {});
    CHECK (store.list ("user:anne", "viewer", "folder") == Strings { "folder:f" });

    const auto unknown = store.checker.listObjects ("user:anne", "viewer", "playlist");
    REQUIRE_FALSE (unknown.has_value());
    CHECK (unknown.error().message.find ("'playlist' is not in the authorisation model")
           != std::string::npos);
}

TEST_CASE ("Knowledge: checks from several threads agree", "[knowledge]")
{
    const Store store (documentsModel(), { { "user:anne", "member", "group:eng" },
                                           { "group:eng#member", "viewer", "folder:f" },
                                           { "folder:f", "parent", "document:a" },
                                           { "user:erin", "viewer", "document:a" },
                                           { "user:erin", "blocked", "document:a" } });

    const auto worker = [&store]
    {
        int agreed = 0;

        for (int i = 0; i < 200; ++i)
            agreed += store.allows ("user:anne", "can_read", "document:a")
                      && ! store.allows ("user:erin", "can_read", "document:a")
                      && ! store.allows ("user:dave", "viewer", "document:a");

        return agreed;
    };

    std::vector<std::future<int>> runs;

    for (int t = 0; t < 4; ++t)
        runs.push_back (std::async (std::launch::async, worker));

    for (auto& run : runs)
        CHECK (run.get() == 200);
}

// ---- (b) the product's model and its permission matrix ------------------------------------------

namespace
{

std::string productModel()
{
    return readFile (std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / ".." / "Resources"
                     / "Knowledge" / "authorisation-model.json");
}

/** Five users: anne (admins), bob (listeners), carol (curators, a group inside listeners), dave
    (no groups) and erin (listeners and one shared document, both revoked in the test).
*/
const std::string matrixTuples = R"({"tuples": [
    {"user": "user:anne", "relation": "member", "object": "group:admins"},
    {"user": "user:bob", "relation": "member", "object": "group:listeners"},
    {"user": "user:carol", "relation": "member", "object": "group:curators"},
    {"user": "group:curators#member", "relation": "member", "object": "group:listeners"},
    {"user": "user:erin", "relation": "member", "object": "group:listeners"},
    {"user": "user:*", "relation": "viewer", "object": "folder:public-guides"},
    {"user": "group:admins#member", "relation": "viewer", "object": "folder:internal"},
    {"user": "group:listeners#member", "relation": "viewer", "object": "folder:members"},
    {"user": "folder:members", "relation": "parent", "object": "folder:members-archive"},
    {"user": "folder:public-guides", "relation": "parent", "object": "document:tempo-and-mood"},
    {"user": "folder:public-guides", "relation": "parent", "object": "document:iso-principle"},
    {"user": "folder:public-guides", "relation": "parent", "object": "document:party-sets"},
    {"user": "folder:internal", "relation": "parent", "object": "document:admin-runbook"},
    {"user": "folder:members", "relation": "parent", "object": "document:harmonic-mixing"},
    {"user": "folder:members-archive", "relation": "parent", "object": "document:grief-playlists"},
    {"user": "user:carol", "relation": "owner", "object": "document:focus-draft"},
    {"user": "user:erin", "relation": "viewer", "object": "document:focus-draft"},
    {"user": "user:dave", "relation": "blocked", "object": "document:party-sets"}
]})";

const Strings publicGuides { "document:iso-principle", "document:party-sets",
                             "document:tempo-and-mood" };

Strings with (Strings base, std::initializer_list<std::string> more)
{
    base.insert (base.end(), more);
    std::sort (base.begin(), base.end());
    return base;
}

} // namespace

TEST_CASE ("Knowledge: the product's authorisation model parses", "[knowledge]")
{
    const auto model = requireModel (productModel());

    CHECK (model.typeNames() == Strings { "document", "folder", "group", "user" });
    const auto* canRead = model.findRelation ("document", "can_read");
    REQUIRE (canRead != nullptr);
    CHECK (canRead->rewrite.kind == Rewrite::Kind::difference);
    CHECK (canRead->directlyRelated.empty());

    const auto* viewer = model.findRelation ("folder", "viewer");
    REQUIRE (viewer != nullptr);
    REQUIRE (viewer->rewrite.kind == Rewrite::Kind::unionOf);
    REQUIRE (viewer->rewrite.children.size() == 3);
    CHECK (viewer->rewrite.children[2].kind == Rewrite::Kind::tupleToUserset);
    CHECK (viewer->rewrite.children[2].tuplesetRelation == "parent");
    Strings related;
    for (const auto& type : viewer->directlyRelated)
        related.push_back (type.toString());
    CHECK (related == Strings { "user", "user:*", "group#member" });

    const auto* member = model.findRelation ("group", "member");
    REQUIRE (member != nullptr);
    CHECK (member->directlyRelated.size() == 2);
}

TEST_CASE ("Knowledge: permission matrix of who may view which document", "[knowledge]")
{
    Store store (productModel());
    const auto loaded = store.tuples.loadJson (matrixTuples);
    INFO ((loaded ? std::string {} : loaded.error().message));
    REQUIRE (loaded.has_value());
    CHECK (*loaded == 18);

    const auto members = with (publicGuides, { "document:grief-playlists",
                                               "document:harmonic-mixing" });

    SECTION ("each user's documents")
    {
        CHECK (store.list ("user:anne", "viewer", "document")
               == with (publicGuides, { "document:admin-runbook" }));
        CHECK (store.list ("user:bob", "viewer", "document") == members);
        CHECK (store.list ("user:carol", "viewer", "document")
               == with (members, { "document:focus-draft" }));
        CHECK (store.list ("user:dave", "viewer", "document") == publicGuides);
        CHECK (store.list ("user:erin", "viewer", "document")
               == with (members, { "document:focus-draft" }));
        CHECK (store.list ("user:stranger", "viewer", "document") == publicGuides);
    }

    SECTION ("nobody but admins sees the runbook")
    {
        for (const auto* user : { "user:bob", "user:carol", "user:dave", "user:erin" })
        {
            INFO (user);
            CHECK_FALSE (store.allows (user, "viewer", "document:admin-runbook"));
            CHECK_FALSE (store.allows (user, "can_read", "document:admin-runbook"));
        }

        CHECK (store.allows ("user:anne", "can_read", "document:admin-runbook"));
    }

    SECTION ("folders each user may view")
    {
        CHECK (store.list ("user:anne", "viewer", "folder")
               == Strings { "folder:internal", "folder:public-guides" });
        CHECK (store.list ("user:carol", "viewer", "folder")
               == Strings { "folder:members", "folder:members-archive", "folder:public-guides" });
        CHECK (store.list ("user:dave", "viewer", "folder") == Strings { "folder:public-guides" });
    }

    SECTION ("a blocked user reads everything public but the blocked document")
    {
        CHECK (store.list ("user:dave", "can_read", "document")
               == Strings { "document:iso-principle", "document:tempo-and-mood" });
        CHECK (store.list ("user:bob", "can_read", "document") == members);
    }

    SECTION ("a revoked tuple removes exactly that access")
    {
        store.revoke ({ "user:erin", "member", "group:listeners" });
        CHECK (store.list ("user:erin", "viewer", "document")
               == with (publicGuides, { "document:focus-draft" }));

        store.revoke ({ "user:erin", "viewer", "document:focus-draft" });
        CHECK (store.list ("user:erin", "viewer", "document") == publicGuides);

        // Nobody else lost anything.
        CHECK (store.list ("user:bob", "viewer", "document") == members);
        CHECK (store.list ("user:carol", "viewer", "document")
               == with (members, { "document:focus-draft" }));
        CHECK (store.list ("user:anne", "viewer", "document")
               == with (publicGuides, { "document:admin-runbook" }));
    }

    SECTION ("revoking the nested group cuts off its members only")
    {
        store.revoke ({ "group:curators#member", "member", "group:listeners" });
        CHECK (store.list ("user:carol", "viewer", "document")
               == with (publicGuides, { "document:focus-draft" }));
        CHECK (store.list ("user:bob", "viewer", "document") == members);
    }

    SECTION ("revoking public access leaves only what is shared by name or group")
    {
        store.revoke ({ "user:*", "viewer", "folder:public-guides" });
        CHECK (store.list ("user:dave", "viewer", "document") == Strings {});
        CHECK (store.list ("user:anne", "viewer", "document")
               == Strings { "document:admin-runbook" });
    }
}

// ---- (c) bad models and bad tuples --------------------------------------------------------------

namespace
{

std::string modelErrorFor (const std::string& text)
{
    const auto model = AuthorisationModel::fromJson (text);
    REQUIRE_FALSE (model.has_value());
    return model.error().message;
}

bool mentions (const std::string& text, std::initializer_list<const char*> parts)
{
    return std::all_of (parts.begin(), parts.end(), [&text] (const char* part)
                        { return text.find (part) != std::string::npos; });
}

} // namespace

TEST_CASE ("Knowledge: the model in OpenFGA's own JSON layout parses", "[knowledge]")
{
    const auto model = requireModel (R"({"schema_version":"1.1","type_definitions":[
        {"type":"user"},
        {"type":"group","relations":{"member":{"this":{}}},
         "metadata":{"relations":{"member":{"directly_related_user_types":[{"type":"user"}]}}}},
        {"type":"document","relations":{
            "owner":{"this":{}},
            "parent":{"this":{}},
            "viewer":{"union":{"child":[{"this":{}},{"computedUserset":{"relation":"owner"}},
                {"tupleToUserset":{"tupleset":{"relation":"parent"},
                                   "computedUserset":{"relation":"viewer"}}}]}}},
         "metadata":{"relations":{
            "owner":{"directly_related_user_types":[{"type":"user"}]},
            "parent":{"directly_related_user_types":[{"type":"document"}]},
            "viewer":{"directly_related_user_types":[{"type":"user"},
                {"type":"group","relation":"member"},{"type":"user","wildcard":{}}]}}}}]})");

    const auto* viewer = model.findRelation ("document", "viewer");
    REQUIRE (viewer != nullptr);
    REQUIRE (viewer->rewrite.children.size() == 3);
    CHECK (viewer->rewrite.children[0].kind == Rewrite::Kind::direct);
    CHECK (viewer->rewrite.children[1].kind == Rewrite::Kind::computed);
    CHECK (viewer->rewrite.children[1].relation == "owner");
    CHECK (viewer->rewrite.children[2].relation == "viewer");
    REQUIRE (viewer->directlyRelated.size() == 3);
    CHECK (viewer->directlyRelated[1].toString() == "group#member");
    CHECK (viewer->directlyRelated[2].wildcard);
    CHECK (model.findRelation ("document", "editor") == nullptr);
    CHECK (model.findRelation ("folder", "viewer") == nullptr);
}

TEST_CASE ("Knowledge: bad models are refused with what is wrong and where", "[knowledge]")
{
    const json users = json::array ({ userType ("user") });

    SECTION ("not JSON")
    {
        CHECK (mentions (modelErrorFor ("{\"schema_version\": "), { "not valid JSON" }));
    }

    SECTION ("another schema version")
    {
        CHECK (mentions (modelErrorFor (R"({"schema_version":"1.0","type_definitions":[]})"),
                         { "'schema_version' must be \"1.1\"" }));
    }

    SECTION ("no types")
    {
        CHECK (mentions (modelErrorFor (R"({"schema_version":"1.1","type_definitions":[]})"),
                         { "'type_definitions' must be a non-empty array" }));
    }

    SECTION ("a computed relation the type does not define")
    {
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("document",
                                                       { { "viewer", computed ("owner") } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "'owner'", "does not define",
                                                 "Correct the authorisation model" }));
    }

    SECTION ("direct tuples without related user types")
    {
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("document", { { "viewer", direct() } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "directly_related_user_types" }));
    }

    SECTION ("a related user type that is not defined")
    {
        const json teams = json::array ({ userType ("team") });
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("document", { { "viewer", direct() } },
                                                       { { "viewer", teams } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "'team', which is not defined" }));
    }

    SECTION ("a userset naming a relation its type lacks")
    {
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("group", { { "member", direct() } },
                                                       { { "member", users } }),
                                       typeDefinition ("document", { { "viewer", direct() } },
                                                       { { "viewer", json::array (
                                                           { userset ("group", "admin") }) } }) });
        CHECK (mentions (modelErrorFor (text), { "'group#admin'", "no relation 'admin'" }));
    }

    SECTION ("a tupleset relation that relates usersets")
    {
        const auto text = modelJson ({
            typeDefinition ("user"),
            typeDefinition ("group", { { "member", direct() } }, { { "member", users } }),
            typeDefinition ("document",
                            { { "parent", direct() },
                              { "viewer", fromTupleset ("parent", "member") } },
                            { { "parent", json::array ({ userset ("group", "member") }) } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "may only relate plain objects",
                                                 "'group#member'" }));
    }

    SECTION ("a tuple-to-userset whose target relation exists nowhere")
    {
        const auto text = modelJson ({
            typeDefinition ("user"),
            typeDefinition ("folder", { { "owner", direct() } }, { { "owner", users } }),
            typeDefinition ("document",
                            { { "parent", direct() },
                              { "viewer", fromTupleset ("parent", "viewer") } },
                            { { "parent", json::array ({ userType ("folder") }) } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "no type related by 'parent' defines 'viewer'" }));
    }

    SECTION ("an unknown rewrite")
    {
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("document",
                                                       { { "viewer", { { "exclusion", 1 } } } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "'exclusion'", "supported:" }));
    }

    SECTION ("an empty union")
    {
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("document", { { "viewer", anyOf ({}) } }) });
        CHECK (mentions (modelErrorFor (text), { "'union' without a non-empty 'child' array" }));
    }

    SECTION ("a difference without its subtracted part")
    {
        const json baseOnly = { { "difference", { { "base", computed ("owner") } } } };
        const auto text = modelJson ({ typeDefinition ("user"),
                                       typeDefinition ("document",
                                                       { { "owner", direct() },
                                                         { "viewer", baseOnly } },
                                                       { { "owner", users } }) });
        CHECK (mentions (modelErrorFor (text), { "relation 'viewer' of type 'document'",
                                                 "both 'base' and 'subtract'" }));
    }

    SECTION ("a type defined twice")
    {
        const auto text = modelJson ({ typeDefinition ("user"), typeDefinition ("user") });
        CHECK (mentions (modelErrorFor (text), { "type 'user' is defined twice" }));
    }

    SECTION ("a name with a separator in it")
    {
        const auto text = modelJson ({ typeDefinition ("us:er") });
        CHECK (mentions (modelErrorFor (text), { "type name 'us:er'" }));
    }
}

TEST_CASE ("Knowledge: bad tuples are refused and name the tuple", "[knowledge]")
{
    Store store (documentsModel(), { { "user:anne", "viewer", "document:a" } });

    const auto refused = [&store] (RelationshipTuple tuple)
    {
        const auto written = store.tuples.write (tuple);
        REQUIRE_FALSE (written.has_value());
        CHECK (written.error().message.find (tuple.toString()) != std::string::npos);
        return written.error().message;
    };

    CHECK (mentions (refused ({ "user:anne", "viewer", "playlist:a" }),
                     { "type 'playlist' is not in the authorisation model" }));
    CHECK (mentions (refused ({ "user:anne", "reader", "document:a" }),
                     { "type 'document' has no relation 'reader'" }));
    CHECK (mentions (refused ({ "user:*", "owner", "document:a" }),
                     { "accepts only user;" }));
    CHECK (mentions (refused ({ "group:eng#member", "blocked", "document:a" }),
                     { "accepts only user;" }));
    CHECK (mentions (refused ({ "user:anne", "can_read", "document:a" }),
                     { "is computed from other relations and cannot be written" }));
    CHECK (mentions (refused ({ "anne", "viewer", "document:a" }),
                     { "must be written as type:id, type:* or type:id#relation" }));
    CHECK (mentions (refused ({ "user:anne", "viewer", "document" }),
                     { "object must be written as type:id" }));
    CHECK (mentions (refused ({ "team:x", "viewer", "document:a" }),
                     { "user's type 'team' is not in the authorisation model" }));
    CHECK (mentions (refused ({ "group:eng#admin", "viewer", "document:a" }),
                     { "type 'group' has no relation 'admin'" }));
    CHECK (mentions (refused ({ "user:anne", "viewer", "document:a" }), { "already written" }));
    CHECK (mentions (refused ({ "group:eng#member", "parent", "document:a" }),
                     { "accepts only folder;" }));
    CHECK (store.tuples.size() == 1);
}

TEST_CASE ("Knowledge: a tuple file with one bad tuple adds none of them", "[knowledge]")
{
    Store store (documentsModel(), { { "user:anne", "viewer", "document:a" } });

    const auto bad = store.tuples.loadJson (R"({"tuples":[
        {"user":"user:bob","relation":"viewer","object":"document:b"},
        {"user":"user:carol","relation":"viewr","object":"document:b"}]})");
    REQUIRE_FALSE (bad.has_value());
    CHECK (mentions (bad.error().message, { "document:b#viewr@user:carol", "no relation 'viewr'",
                                            "Nothing was added" }));
    CHECK (store.tuples.size() == 1);
    CHECK_FALSE (store.allows ("user:bob", "viewer", "document:b"));

    const auto twice = store.tuples.loadJson (R"({"tuples":[
        {"user":"user:bob","relation":"viewer","object":"document:b"},
        {"user":"user:bob","relation":"viewer","object":"document:b"}]})");
    REQUIRE_FALSE (twice.has_value());
    CHECK (mentions (twice.error().message, { "document:b#viewer@user:bob", "written twice" }));

    const auto shape = store.tuples.loadJson (R"({"tuples":[{"user":"user:bob"}]})");
    REQUIRE_FALSE (shape.has_value());
    CHECK (mentions (shape.error().message, { "entry 1", "'user', 'relation' and 'object'" }));

    const auto notJson = store.tuples.loadJson ("[");
    REQUIRE_FALSE (notJson.has_value());
    CHECK (mentions (notJson.error().message, { "not valid JSON", "nothing was added" }));
    CHECK (store.tuples.size() == 1);

    const auto good = store.tuples.loadJson (R"({"tuples":[
        {"user":"user:bob","relation":"viewer","object":"document:b"},
        {"user":"user:*","relation":"viewer","object":"document:c"}]})");
    REQUIRE (good.has_value());
    CHECK (*good == 2);
    CHECK (store.tuples.size() == 3);
    CHECK (store.allows ("user:bob", "viewer", "document:b"));
    CHECK (store.allows ("user:dave", "viewer", "document:c"));
}
