#include "Matching/TrackIndex.h"

#include "Core/AtomicFile.h"

#include <hnswlib/hnswlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <unordered_set>
#include <sstream>

namespace moodboard::matching
{
namespace
{
// Graph parameters: M links per node and the construction/search beam. With 7 dimensions these
// give exact top-k results on catalogs of a few thousand tracks and better than 0.95 recall at
// a million (see the benchmark).
constexpr std::size_t linksPerNode = 16;
constexpr std::size_t constructionBeam = 200;
constexpr std::size_t searchBeam = 128;
constexpr std::size_t levelSeed = 100;   // hnswlib's own default, also used after a load

std::uint64_t fnv1a (std::string_view bytes)
{
    std::uint64_t hash = 1469598103934665603ull;
    for (const unsigned char c : bytes)
        hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

std::filesystem::path descriptionFile (const std::filesystem::path& graphFile)
{
    return graphFile.string() + ".json";
}

Expected<std::string> readAll (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);

    if (! in)
        return makeError (Error::Kind::notFound,
                          "the feature index " + file.string() + " is missing");

    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}
} // namespace

struct TrackIndex::Graph
{
    hnswlib::L2Space space { FeatureSpace::numDimensions };
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> hnsw;
};

TrackIndex::TrackIndex() : graph (std::make_unique<Graph>()) {}
TrackIndex::~TrackIndex() = default;

void TrackIndex::build (const std::vector<library::Track>& tracks, std::int64_t generation)
{
    std::vector<std::pair<std::int64_t, FeatureSpace::Vector>> points;

    for (const auto& track : tracks)
        if (track.isAnalysed())
            if (auto v = FeatureSpace::embed (track.features))
                points.emplace_back (track.id, *v);

    graph->hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>> (
        &graph->space, std::max<std::size_t> (points.size(), 1), linksPerNode, constructionBeam,
        levelSeed);
    graph->hnsw->setEf (searchBeam);

    for (const auto& [id, v] : points)
        graph->hnsw->addPoint (v.data(), (hnswlib::labeltype) id);

    catalogGeneration = generation;
}

TrackIndex::SyncReport TrackIndex::sync (const std::vector<library::Track>& tracks,
                                         std::int64_t generation)
{
    SyncReport report;

    if (graph->hnsw == nullptr)
    {
        build (tracks, generation);
        report.added = size();
        return report;
    }

    auto& hnsw = *graph->hnsw;
    std::unordered_set<std::int64_t> live;

    for (const auto& track : tracks)
    {
        if (! track.isAnalysed())
            continue;

        const auto v = FeatureSpace::embed (track.features);
        if (! v)
            continue;

        live.insert (track.id);
        const auto label = (hnswlib::labeltype) track.id;
        const auto existing = hnsw.label_lookup_.find (label);

        if (existing != hnsw.label_lookup_.end() && ! hnsw.isMarkedDeleted (existing->second))
        {
            const auto stored = hnsw.getDataByLabel<float> (label);
            if (std::equal (stored.begin(), stored.end(), v->begin()))
                continue;

            ++report.updated;
        }
        else if (existing != hnsw.label_lookup_.end())
        {
            ++report.added;   // re-added: hnswlib revives the deleted slot with the new vector
        }
        else
        {
            ++report.added;
            if (hnsw.cur_element_count >= hnsw.max_elements_)
                hnsw.resizeIndex (std::max<std::size_t> (hnsw.max_elements_ * 2, 16));
        }

        hnsw.addPoint (v->data(), label);
    }

    for (const auto& [label, internalId] : hnsw.label_lookup_)
        if (! live.contains ((std::int64_t) label) && ! hnsw.isMarkedDeleted (internalId))
        {
            hnsw.markDelete (label);
            ++report.removed;
        }

    catalogGeneration = generation;
    return report;
}

bool TrackIndex::contains (std::int64_t id) const
{
    if (graph->hnsw == nullptr)
        return false;

    const auto found = graph->hnsw->label_lookup_.find ((hnswlib::labeltype) id);
    return found != graph->hnsw->label_lookup_.end()
           && ! graph->hnsw->isMarkedDeleted (found->second);
}

Expected<void> TrackIndex::load (const std::filesystem::path& file)
{
    auto descriptionText = readAll (descriptionFile (file));
    if (! descriptionText)
        return std::unexpected (descriptionText.error());

    auto graphBytes = readAll (file);
    if (! graphBytes)
        return std::unexpected (graphBytes.error());

    try
    {
        const auto description = nlohmann::json::parse (*descriptionText);

        if (description.at ("feature_space_version").get<int>() != FeatureSpace::version)
            return makeError (Error::Kind::unsupported,
                              "the feature index is from another version");

        if (description.at ("bytes").get<std::size_t>() != graphBytes->size()
            || description.at ("checksum").get<std::uint64_t>() != fnv1a (*graphBytes))
            return makeError (Error::Kind::corrupt, "the feature index is damaged");

        auto loaded = std::make_unique<hnswlib::HierarchicalNSW<float>> (&graph->space,
                                                                          file.string());
        loaded->setEf (searchBeam);

        // hnswlib 0.6.2 (Debian 12) counts deleted elements on top of an uninitialised counter
        // when it loads a graph, and leaves its random generators unseeded: recount and seed here
        // so size() is right and later insertions are reproducible.
        loaded->num_deleted_ = 0;
        for (std::size_t i = 0; i < loaded->cur_element_count; ++i)
            if (loaded->isMarkedDeleted ((hnswlib::tableint) i))
                ++loaded->num_deleted_;
        loaded->level_generator_.seed (levelSeed);
        loaded->update_probability_generator_.seed (levelSeed + 1);
        graph->hnsw = std::move (loaded);
        catalogGeneration = description.at ("catalog_generation").get<std::int64_t>();
        return {};
    }
    catch (const std::exception&)
    {
        return makeError (Error::Kind::corrupt, "the feature index is damaged");
    }
}

Expected<void> TrackIndex::save (const std::filesystem::path& file) const
{
    if (graph->hnsw == nullptr)
        return makeError (Error::Kind::internal, "there is no feature index to save");

    // hnswlib writes straight to a path; write beside the target, then swap both files in.
    const auto scratch = std::filesystem::path (file.string() + ".new");

    try
    {
        graph->hnsw->saveIndex (scratch.string());
    }
    catch (const std::exception& e)
    {
        return makeError (Error::Kind::io, "cannot write the feature index " + file.string() + ": "
                                               + e.what());
    }

    auto bytes = readAll (scratch);
    if (! bytes)
        return std::unexpected (bytes.error());

    const nlohmann::json description {
        { "feature_space_version", FeatureSpace::version },
        { "catalog_generation", catalogGeneration },
        { "tracks", size() },
        { "bytes", bytes->size() },
        { "checksum", fnv1a (*bytes) },
    };

    std::error_code ec;
    std::filesystem::rename (scratch, file, ec);

    if (ec)
        return makeError (Error::Kind::io, "cannot write the feature index " + file.string() + ": "
                                               + ec.message());

    return writeFileAtomically (descriptionFile (file), description.dump (2));
}

std::vector<std::int64_t> TrackIndex::nearest (const FeatureSpace::Vector& query, int k) const
{
    std::vector<std::int64_t> ids;

    if (graph->hnsw == nullptr || size() == 0 || k <= 0)
        return ids;

    auto result = graph->hnsw->searchKnn (query.data(), (std::size_t) std::min (k, size()));
    ids.resize (result.size());

    // The queue yields the farthest first.
    for (auto i = (int) result.size() - 1; i >= 0; --i)
    {
        ids[(std::size_t) i] = (std::int64_t) result.top().second;
        result.pop();
    }

    return ids;
}

int TrackIndex::size() const
{
    return graph->hnsw != nullptr
             ? (int) (graph->hnsw->cur_element_count - graph->hnsw->num_deleted_)
             : 0;
}

} // namespace moodboard::matching
