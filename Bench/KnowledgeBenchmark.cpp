// Knowledge retrieval figures: index build time and retrieval-plus-filtering latency over about
// 10,000 chunks, and recall at five on the question set. Synthetic documents recombine the
// guides' sentences and are spread over many folders, groups and private owners, so the access
// checks drop a real share of the candidates. Usage: moodboard_bench --knowledge [folder].

#include "Knowledge/AccessChecker.h"
#include "Knowledge/AuthorisationModel.h"
#include "Knowledge/Chunker.h"
#include "Knowledge/KnowledgeBase.h"
#include "Knowledge/KnowledgeDocument.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace moodboard::bench
{
namespace
{

using namespace knowledge;
using Clock = std::chrono::steady_clock;

constexpr std::size_t targetChunks = 10000;
constexpr int folders = 60;
constexpr int groups = 20;
constexpr int users = 200;

std::string readText (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

double millisecondsSince (Clock::time_point start)
{
    return std::chrono::duration<double, std::milli> (Clock::now() - start).count();
}

double percentile (std::vector<double> values, double p)
{
    std::sort (values.begin(), values.end());
    return values.empty() ? 0.0 : values[(std::size_t) (p * double (values.size() - 1))];
}

std::vector<std::pair<std::string, std::string>> readQuestions (const std::filesystem::path& folder)
{
    std::vector<std::pair<std::string, std::string>> questions;
    std::istringstream lines (readText (folder / "questions.tsv"));
    for (std::string line; std::getline (lines, line);)
        if (const auto tab = line.find ('\t'); tab != std::string::npos)
            questions.emplace_back (line.substr (0, tab), line.substr (tab + 1));
    return questions;
}

double recallAtFive (const KnowledgeBase& base, const std::string& user,
                     const std::vector<std::pair<std::string, std::string>>& questions)
{
    int hits = 0;
    for (const auto& [question, expected] : questions)
    {
        const auto result = base.retrieve (user, question, 5);
        bool hit = false;
        for (const auto& source : result ? result->sources : std::vector<CitedSource>{})
            hit = hit ||
                  ("," + expected + ",").find ("," + source.documentId + ",") != std::string::npos;
        hits += hit ? 1 : 0;
    }
    return double (hits) / double (std::max<std::size_t> (1, questions.size()));
}

// Sentences of every public guide, to recombine into synthetic documents.
std::vector<std::string> guideSentences (const std::vector<KnowledgeDocument>& documents)
{
    std::vector<std::string> sentences;
    for (const auto& document : documents)
        if (document.folder == "public-guides")
            for (const auto& piece :
                 chunkText (document.body, document.id, document.title, {25, 0}))
                sentences.push_back (piece.text);
    return sentences;
}

/** Adds synthetic documents with their tuples until the corpus has about targetChunks chunks. */
void synthesise (std::vector<KnowledgeDocument>& documents, RelationshipTuples& tuples)
{
    std::mt19937 random (7);
    const auto sentences = guideSentences (documents);
    std::size_t chunks = 0;
    for (const auto& document : documents)
        chunks += chunkDocument (document).size();

    const auto add = [&] (const RelationshipTuple& tuple) { (void) tuples.write (tuple); };

    for (int u = 0; u < users; ++u)
    {
        add ({"user:bench-u" + std::to_string (u), "member",
              "group:bench-g" + std::to_string (u % groups)});
        add ({"user:bench-u" + std::to_string (u), "member",
              "group:bench-g" + std::to_string ((u * 7 + 3) % groups)});
    }

    for (int f = 0; f < folders; ++f)
        add ({f % 15 == 0 ? "user:*" : "group:bench-g" + std::to_string (f % groups) + "#member",
              "viewer", "folder:bench-f" + std::to_string (f)});

    for (int n = 0; chunks < targetChunks; ++n)
    {
        KnowledgeDocument document;
        document.id = "bench-" + std::to_string (n);
        const bool isPrivate = n % 10 == 0;
        const auto owner = "user:bench-u" + std::to_string (random() % users);
        document.folder = isPrivate ? "bench-private-" + owner.substr (5)
                                    : "bench-f" + std::to_string (random() % folders);
        document.owner = owner;
        document.title = "Notes " + std::to_string (n) + " on " +
                         sentences[random() % sentences.size()].substr (0, 40);

        for (int s = 0, count = 10 + (int) (random() % 12); s < count; ++s)
            document.body += sentences[random() % sentences.size()] + (s % 4 == 3 ? "\n\n" : " ");

        for (const auto& tuple : KnowledgeBase::tuplesFor (document))
            add (tuple);

        chunks += chunkDocument (document).size();
        documents.push_back (std::move (document));
    }
}

} // namespace

int runKnowledgeBenchmark (int argc, char** argv)
{
    // Without an argument: the source tree's folder, found from this file (its path may be
    // relative to the build folder) or from the working folder.
    std::filesystem::path folder =
        argc > 0 ? std::filesystem::path (argv[0]) : "Resources/Knowledge";
    if (argc == 0 && !std::filesystem::exists (folder / "tuples.json"))
        folder = std::filesystem::path (__FILE__).parent_path() / ".." / "Resources" / "Knowledge";
    auto model = AuthorisationModel::fromJson (readText (folder / "authorisation-model.json"));
    auto documents = loadDocuments (folder);

    if (!model || !documents)
    {
        std::fprintf (stderr,
                      "cannot read the knowledge files in %s; run from the source folder "
                      "or pass the folder: moodboard_bench --knowledge FOLDER\n",
                      folder.string().c_str());
        return 1;
    }

    RelationshipTuples tuples (*model);
    (void) tuples.loadJson (readText (folder / "tuples.json"));
    AccessChecker checker (tuples);
    const auto questions = readQuestions (folder);

    auto start = Clock::now();
    auto small =
        KnowledgeBase::build (*documents, std::make_shared<HashedNgramEmbedder>(), checker);
    std::printf ("knowledge_build_%zu_chunks: %.1f ms\n", small ? (*small)->chunkCount() : 0,
                 millisecondsSince (start));
    std::printf ("knowledge_recall_at_5_guides: %.3f (%zu questions)\n",
                 small ? recallAtFive (**small, "user:dave", questions) : 0.0, questions.size());

    synthesise (*documents, tuples);
    start = Clock::now();
    auto large = KnowledgeBase::build (std::move (*documents),
                                       std::make_shared<HashedNgramEmbedder>(), checker);

    if (!large)
    {
        std::fprintf (stderr, "%s\n", large.error().message.c_str());
        return 1;
    }

    const auto& base = **large;
    std::printf ("knowledge_build_%zu_chunks: %.1f ms (%zu documents, %zu tuples)\n",
                 base.chunkCount(), millisecondsSince (start), base.documentCount(), tuples.size());

    const auto measure = [&] (const std::string& label, const std::vector<std::string>& who)
    {
        std::vector<double> latencies;
        std::size_t returned = 0;
        for (int round = 0; round < 5; ++round)
            for (std::size_t q = 0; q < questions.size(); ++q)
            {
                const auto& user = who[(q + (std::size_t) round) % who.size()];
                const auto begin = Clock::now();
                const auto result = base.retrieve (user, questions[q].first, 5);
                latencies.push_back (millisecondsSince (begin));
                returned += result ? result->chunks.size() : 0;
            }
        std::printf ("knowledge_retrieve_k5_p50_%s: %.3f ms\n", label.c_str(),
                     percentile (latencies, 0.5));
        std::printf ("knowledge_retrieve_k5_p99_%s: %.3f ms\n", label.c_str(),
                     percentile (latencies, 0.99));
        std::printf ("knowledge_chunks_per_answer_%s: %.2f chunks\n", label.c_str(),
                     double (returned) / double (latencies.size()));
    };

    std::vector<std::string> members;
    for (int u = 0; u < users; u += 7)
        members.push_back ("user:bench-u" + std::to_string (u));

    measure ("group_members", members);
    measure ("public_only", {"user:dave", "user:stranger"});
    measure ("reads_nothing", {"nobody"});
    std::printf ("knowledge_recall_at_5_in_10k_dave: %.3f\n",
                 recallAtFive (base, "user:dave", questions));
    return 0;
}

} // namespace moodboard::bench
