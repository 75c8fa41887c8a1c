// Retrieval over the real knowledge files: documents, chunking, the local embedder, recall on the
// question set, and the filtering by who may read what (matrix, leak probes, injection,
// revocation, a failing access control, documents a user adds).

#include "Knowledge/AccessChecker.h"
#include "Knowledge/AuthorisationModel.h"
#include "Knowledge/Chunker.h"
#include "Knowledge/Embedder.h"
#include "Knowledge/KnowledgeBase.h"
#include "Knowledge/KnowledgeDocument.h"
#include "Knowledge/RelationshipTuples.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace moodboard;
using namespace moodboard::knowledge;

namespace
{

std::filesystem::path knowledgeFolder()
{
    return std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / ".." / "Resources" / "Knowledge";
}

std::string readText (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::vector<std::string>> readTsv (const std::string& name)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines (readText (knowledgeFolder() / name));

    for (std::string line; std::getline (lines, line);)
    {
        if (line.empty())
            continue;

        std::vector<std::string> fields;
        std::istringstream columns (line);
        for (std::string field; std::getline (columns, field, '\t');)
            fields.push_back (field);
        rows.push_back (fields);
    }

    return rows;
}

const std::map<std::string, std::string> markers {
    { "admin-runbook", "RUNBOOK-ONLY: amber-falcon-42" },
    { "incident-2026-review", "INCIDENT-ONLY: silver-otter-17" },
    { "curators-playbook", "CURATORS-ONLY: green-heron-08" },
    { "carol-notes", "CAROL-ONLY: blue-lynx-33" },
};

/** The product's model, the real tuples, the embedded checker and a knowledge base of every
    document, built once per test.
*/
struct KnowledgeFixture
{
    KnowledgeFixture()
        : model (AuthorisationModel::fromJson (readText (knowledgeFolder() / "authorisation-model.json"))
                     .value()),
          tuples (model), checker (tuples)
    {
        REQUIRE (tuples.loadJson (readText (knowledgeFolder() / "tuples.json")).has_value());
        auto documents = loadDocuments (knowledgeFolder());
        REQUIRE (documents.has_value());
        auto built = KnowledgeBase::build (std::move (*documents),
                                           std::make_shared<HashedNgramEmbedder>(), checker);
        REQUIRE (built.has_value());
        base = std::move (*built);
    }

    RetrievalResult ask (const std::string& user, const std::string& question, int k = 5) const
    {
        auto result = base->retrieve (user, question, k);
        REQUIRE (result.has_value());
        return *result;
    }

    AuthorisationModel model;
    RelationshipTuples tuples;
    AccessChecker checker;
    std::unique_ptr<KnowledgeBase> base;
};

std::set<std::string> restrictedIn (const RetrievalResult& result)
{
    std::set<std::string> ids;
    for (const auto& chunk : result.chunks)
        if (markers.contains (chunk.documentId))
            ids.insert (chunk.documentId);
    for (const auto& source : result.sources)
        if (markers.contains (source.documentId))
            ids.insert (source.documentId);
    return ids;
}

/** Every marker that appears anywhere in a result: chunk text, titles or sources. */
std::set<std::string> markersIn (const RetrievalResult& result)
{
    std::set<std::string> found;
    for (const auto& [id, marker] : markers)
    {
        for (const auto& chunk : result.chunks)
            if (chunk.text.find (marker) != std::string::npos || chunk.title.find (marker) != std::string::npos)
                found.insert (marker);
        for (const auto& source : result.sources)
            if (source.title.find (marker) != std::string::npos)
                found.insert (marker);
    }
    return found;
}

class FailingAccessControl final : public AccessControl
{
public:
    Expected<CheckResult> check (const CheckRequest&) const override
    {
        return makeError (Error::Kind::io, "the authorisation server cannot be reached");
    }

    Expected<std::vector<CheckResult>> batchCheck (const std::vector<CheckRequest>&) const override
    {
        return makeError (Error::Kind::io, "the authorisation server cannot be reached");
    }

    Expected<std::vector<std::string>> listObjects (const std::string&, const std::string&,
                                                    const std::string&) const override
    {
        return makeError (Error::Kind::io, "the authorisation server cannot be reached");
    }
};

/** Allows everything but answers a batch with one result too few, as a broken server might. */
class ShortBatchAccessControl final : public AccessControl
{
public:
    Expected<CheckResult> check (const CheckRequest&) const override { return CheckResult { true, "" }; }

    Expected<std::vector<CheckResult>> batchCheck (const std::vector<CheckRequest>& requests) const override
    {
        return std::vector<CheckResult> (requests.size() - 1, CheckResult { true, "" });
    }

    Expected<std::vector<std::string>> listObjects (const std::string&, const std::string&,
                                                    const std::string&) const override
    {
        return std::vector<std::string> {};
    }
};

} // namespace

// ---- documents ---------------------------------------------------------------------------------

TEST_CASE ("Knowledge: documents load with their front matter", "[knowledge]")
{
    const auto documents = loadDocuments (knowledgeFolder());
    REQUIRE (documents.has_value());
    CHECK (documents->size() == 37);

    const auto runbook = std::find_if (documents->begin(), documents->end(),
                                       [] (const auto& d) { return d.id == "admin-runbook"; });
    REQUIRE (runbook != documents->end());
    CHECK (runbook->title == "Administrators' operations runbook");
    CHECK (runbook->folder == "internal");
    CHECK (runbook->owner == "user:anne");
    CHECK (runbook->viewers == std::vector<std::string> { "group:admins#member" });
    CHECK (runbook->body.starts_with ("# Administrators' operations runbook"));
    CHECK (runbook->path.filename() == "admin-runbook.md");

    for (const auto& document : *documents)
    {
        CHECK (document.body.find ("\nid: ") == std::string::npos);
        CHECK_FALSE (document.body.empty());
    }
}

TEST_CASE ("Knowledge: bad front matter is an error naming the file and the field", "[knowledge]")
{
    const std::filesystem::path file = "notes/bad.md";
    const std::string good = "---\nid: a\ntitle: A\nfolder: f\nowner: user:x\nviewers: []\n---\nBody\n";
    REQUIRE (parseDocument (good, file).has_value());
    CHECK (parseDocument (good, file)->viewers.empty());
    CHECK (parseDocument (good, file)->body == "Body");

    const auto failsWith = [&] (const std::string& text, const std::string& words)
    {
        const auto parsed = parseDocument (text, file);
        REQUIRE_FALSE (parsed.has_value());
        CHECK (parsed.error().message.find ("notes/bad.md") != std::string::npos);
        CHECK (parsed.error().message.find (words) != std::string::npos);
    };

    failsWith ("# No front matter\n", "front matter");
    failsWith ("---\nid: a\ntitle: A\n", "closing '---'");
    failsWith ("---\nid: a\nfolder: f\nowner: user:x\nviewers: []\n---\n", "'title'");
    failsWith ("---\nid: a\ntitle: A\nfolder: f\nowner: user:x\n---\n", "'viewers'");
    failsWith ("---\nid: a\ntitle: A\nfolder: f\nowner: user:x\nviewers: user:*\n---\n", "list");
    failsWith ("---\nid: a\ntitle:\nfolder: f\nowner: user:x\nviewers: []\n---\n", "empty 'title'");
    failsWith ("---\nid: a b\ntitle: A\nfolder: f\nowner: user:x\nviewers: []\n---\n", "id");
    failsWith ("---\nid: a\ntitle: A\nfolder: f\nowner: anne\nviewers: []\n---\n", "owner");

    const auto missing = loadDocuments (knowledgeFolder() / "no-such-folder");
    REQUIRE_FALSE (missing.has_value());
    CHECK (missing.error().message.find ("no-such-folder") != std::string::npos);
}

// ---- chunking ----------------------------------------------------------------------------------

TEST_CASE ("Knowledge: chunks keep sentences whole and overlap by whole sentences", "[knowledge]")
{
    const std::string body = "One two three four five. Six seven eight. Nine ten eleven twelve "
                             "thirteen fourteen. Fifteen sixteen.\n\nSeventeen eighteen nineteen twenty.";
    const auto chunks = chunkText (body, "doc", "Title", { 10, 4 });
    REQUIRE (chunks.size() == 3);

    CHECK (chunks[0].text == "One two three four five. Six seven eight.");
    CHECK (chunks[0].firstWord == 0);
    CHECK (chunks[0].wordCount == 8);

    // The second starts with the last sentence of the first (3 words fit in the overlap of 4).
    CHECK (chunks[1].text == "Six seven eight. Nine ten eleven twelve thirteen fourteen.");
    CHECK (chunks[1].firstWord == 5);

    // The six-word sentence does not fit in the overlap, so its last four words are carried.
    CHECK (chunks[2].text == "eleven twelve thirteen fourteen. Fifteen sixteen.\n"
                             "Seventeen eighteen nineteen twenty.");
    CHECK (chunks[2].firstWord == 10);
    CHECK (chunks[2].wordCount == 10);

    for (std::size_t i = 0; i < chunks.size(); ++i)
    {
        CHECK (chunks[i].documentId == "doc");
        CHECK (chunks[i].title == "Title");
        CHECK (chunks[i].position == (int) i);
    }

    CHECK (chunkText ("", "doc", "Title").empty());
    CHECK (chunkText ("\n\n  \n", "doc", "Title").empty());

    SECTION ("a sentence longer than a chunk is cut at words")
    {
        std::string words;
        for (int i = 0; i < 25; ++i)
            words += "w" + std::to_string (i) + " ";
        const auto pieces = chunkText (words, "doc", "Title", { 10, 3 });
        REQUIRE (pieces.size() == 3);
        CHECK (pieces[0].text == "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");
        CHECK (pieces[1].text.starts_with ("w7 w8 w9 w10 "));
        CHECK (pieces[2].text == "w17 w18 w19 w20 w21 w22 w23 w24");
    }

    SECTION ("the real guides: chunks near the target size, every word covered")
    {
        const auto document = loadDocument (knowledgeFolder() / "guides" / "sleep-music.md");
        REQUIRE (document.has_value());
        const auto pieces = chunkDocument (*document);
        REQUIRE (pieces.size() >= 2);

        int covered = 0;
        for (const auto& piece : pieces)
        {
            CHECK (piece.wordCount <= 120 + 30);
            CHECK (piece.firstWord <= covered);
            covered = std::max (covered, piece.firstWord + piece.wordCount);
        }

        std::istringstream all (document->body);
        int total = 0;
        for (std::string word; all >> word;)
            ++total;
        CHECK (covered == total);
    }
}

// ---- the embedder ------------------------------------------------------------------------------

TEST_CASE ("Knowledge: words are folded, and multi-byte characters stay whole", "[knowledge]")
{
    CHECK (normaliseWords ("Café Déjà-vu, naïve STRASSE Straße")
           == std::vector<std::string> { "cafe", "deja", "vu", "naive", "strasse", "strasse" });
    CHECK (normaliseWords ("can\xE2\x80\x99t won't") == std::vector<std::string> { "cant", "wont" });
    CHECK (normaliseWords ("\xC2\xBF" "Qu\xC3\xA9 m\xC3\xBAsica?")
           == std::vector<std::string> { "que", "musica" });
    CHECK (normaliseWords ("\xE9\x9F\xB3\xE6\xA5\xBD music")
           == std::vector<std::string> { "\xE9\x9F\xB3\xE6\xA5\xBD", "music" });
    CHECK (stemWord ("songs") == "song");
    CHECK (stemWord ("calming") == "calm");
    CHECK (stemWord ("running") == "run");
    CHECK (stemWord ("relaxed") == "relax");
    CHECK (contentWords ("What is the tempo of songs?") == std::vector<std::string> { "tempo", "song" });
}

TEST_CASE ("Knowledge: the hashed n-gram embedder gives unit vectors that rank by meaning", "[knowledge]")
{
    HashedNgramEmbedder embedder;
    embedder.fit ({ "slow music helps you sleep at night", "fast dance music for a party",
                    "harmonic mixing with the camelot wheel", "music for focus and study" });

    const auto vector = [&] (const std::string& text) { return embedder.embed (text).value(); };
    const auto dot = [] (const std::vector<float>& a, const std::vector<float>& b)
    {
        double sum = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            sum += (double) a[i] * b[i];
        return sum;
    };

    const auto sleep = vector ("music to help me sleep");
    CHECK ((int) sleep.size() == embedder.dimension());
    CHECK (dot (sleep, sleep) == Approx (1.0).epsilon (1e-4));
    CHECK (dot (sleep, vector ("music to help me sleep")) == Approx (1.0).epsilon (1e-4));

    // A misspelling still meets its word through shared character grams.
    const auto typo = vector ("musci to help me sleeep");
    CHECK (dot (sleep, typo) > 0.3);
    CHECK (dot (sleep, typo) > dot (sleep, vector ("dance party")) + 0.2);

    // Nothing to embed: the zero vector, not NaN.
    for (const auto value : vector ("the of and ?!"))
        CHECK (value == 0.0f);
}

// ---- retrieval quality -------------------------------------------------------------------------

TEST_CASE ("Knowledge: recall at five on the question set for a reader of the public guides",
           "[knowledge]")
{
    KnowledgeFixture fixture;
    const auto questions = readTsv ("questions.tsv");
    REQUIRE (questions.size() >= 40);

    int answered = 0;
    for (const auto& row : questions)
    {
        REQUIRE (row.size() == 2);
        const auto result = fixture.ask ("user:dave", row[0]);
        bool hit = false;

        for (const auto& source : result.sources)
            hit = hit || ("," + row[1] + ",").find ("," + source.documentId + ",") != std::string::npos;

        if (! hit)
            UNSCOPED_INFO ("missed: " << row[0]);
        answered += hit ? 1 : 0;
    }

    const auto recall = double (answered) / double (questions.size());
    std::printf ("knowledge recall@5 (dave, %zu questions): %.3f\n", questions.size(), recall);
    CHECK (recall >= 0.85);
}
