// Matching at scale: synthetic catalogs whose feature distributions follow the Spotify songs
// data set (each synthetic track is a real row's features plus a little noise, which keeps the
// joint distribution, correlations included). Prints `name: value unit` lines.
#include "MatchingBenchmark.h"

#include "Matching/FeatureSpace.h"
#include "Library/Catalog.h"
#include "Matching/Sequencer.h"
#include "Matching/Suggester.h"
#include "Matching/TrackIndex.h"
#include "Mood/MoodParser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <queue>
#include <random>
#include <sstream>

namespace moodboard::bench
{
namespace
{
using Clock = std::chrono::steady_clock;
using matching::FeatureSpace;

double since (Clock::time_point start)
{
    return std::chrono::duration<double> (Clock::now() - start).count();
}

long residentKilobytes()
{
    std::ifstream status ("/proc/self/status");
    for (std::string line; std::getline (status, line);)
        if (line.starts_with ("VmRSS:"))
            return std::stol (line.substr (6));
    return 0;
}

std::vector<std::string> splitCsv (const std::string& line)
{
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char c : line)
    {
        if (c == '"')
            quoted = ! quoted;
        else if (c == ',' && ! quoted)
        {
            fields.push_back (field);
            field.clear();
        }
        else
            field += c;
    }
    fields.push_back (field);
    return fields;
}

std::vector<audio::Features> readSpotifyFeatures (const std::filesystem::path& csv)
{
    std::vector<audio::Features> rows;
    std::ifstream in (csv);
    std::string line;
    std::getline (in, line);
    while (std::getline (in, line))
    {
        const auto f = splitCsv (line);
        if (f.size() < 23)
            continue;
        try
        {
            audio::Features x;
            x.danceability = std::stod (f[11]);
            x.energy = std::stod (f[12]);
            x.key = std::stoi (f[13]);
            x.loudnessLufs = std::stod (f[14]);
            x.mode = std::stoi (f[15]);
            x.acousticness = std::stod (f[17]);
            x.valence = std::stod (f[20]);
            x.tempoBpm = std::stod (f[21]);
            x.durationSeconds = std::stod (f[22]) / 1000.0;
            x.brightness = std::clamp (0.2 + 0.6 * *x.energy, 0.0, 1.0);   // not in the data set
            rows.push_back (x);
        }
        catch (const std::exception&)
        {
        }
    }
    return rows;
}

std::vector<library::Track> synthesise (const std::vector<audio::Features>& real, int n,
                                        std::mt19937& random)
{
    std::uniform_int_distribution<std::size_t> pick (0, real.size() - 1);
    std::normal_distribution<double> noise (0.0, 0.03);
    auto jitter = [&] (double x) { return std::clamp (x + noise (random), 0.0, 1.0); };

    std::vector<library::Track> tracks ((std::size_t) n);
    for (int i = 0; i < n; ++i)
    {
        auto& t = tracks[(std::size_t) i];
        t.id = i + 1;
        t.analysisVersion = audio::analysisVersion;
        t.artist = "Artist " + std::to_string (i % 5000);
        t.title = "Track " + std::to_string (i);
        t.path = "/synthetic/" + std::to_string (i);
        t.features = real[pick (random)];
        t.features.valence = jitter (*t.features.valence);
        t.features.energy = jitter (*t.features.energy);
        t.features.danceability = jitter (*t.features.danceability);
        t.features.acousticness = jitter (*t.features.acousticness);
        t.features.tempoBpm = *t.features.tempoBpm * (1.0 + noise (random) * 0.3);
        t.features.loudnessLufs = *t.features.loudnessLufs + noise (random) * 30.0;
    }
    return tracks;
}

std::vector<std::int64_t> exactNearest (const std::vector<FeatureSpace::Vector>& vectors,
                                        const FeatureSpace::Vector& q, int k)
{
    std::priority_queue<std::pair<float, std::int64_t>> heap;
    for (std::size_t i = 0; i < vectors.size(); ++i)
    {
        float d = 0.0f;
        for (int j = 0; j < FeatureSpace::numDimensions; ++j)
        {
            const float diff = vectors[i][(std::size_t) j] - q[(std::size_t) j];
            d += diff * diff;
        }
        if ((int) heap.size() < k)
            heap.emplace (d, (std::int64_t) i + 1);
        else if (d < heap.top().first)
        {
            heap.pop();
            heap.emplace (d, (std::int64_t) i + 1);
        }
    }
    std::vector<std::int64_t> ids;
    for (; ! heap.empty(); heap.pop())
        ids.push_back (heap.top().second);
    return ids;
}

double percentile (std::vector<double> values, double p)
{
    std::sort (values.begin(), values.end());
    return values[(std::size_t) std::min<double> ((double) values.size() - 1,
                                                  p * (double) values.size())];
}

void benchmarkScale (const std::vector<audio::Features>& real, int n)
{
    std::mt19937 random ((unsigned) n);
    auto tracks = synthesise (real, n, random);

    // Resident memory of the index alone: measured after the synthetic track table exists.
    const auto before = residentKilobytes();
    matching::TrackIndex index;
    auto start = Clock::now();
    index.build (tracks, 1);
    const double buildSeconds = since (start);
    const auto resident = residentKilobytes() - before;

    const auto file = std::filesystem::temp_directory_path()
                      / ("moodboard-bench-" + std::to_string (n) + ".hnsw");
    (void) index.save (file);
    const auto bytes = std::filesystem::file_size (file);

    std::vector<FeatureSpace::Vector> vectors;
    vectors.reserve (tracks.size());
    for (const auto& t : tracks)
        vectors.push_back (*FeatureSpace::embed (t.features));

    constexpr int k = 50, queries = 300;
    std::uniform_real_distribution<double> unit (0.0, 1.0);
    std::vector<double> latencies, exactLatencies;
    double recallSum = 0.0;

    for (int i = 0; i < queries; ++i)
    {
        mood::MoodTarget target;
        const auto q = FeatureSpace::query (target, { unit (random), unit (random) });

        start = Clock::now();
        const auto found = index.nearest (q, k);
        latencies.push_back (since (start) * 1000.0);

        if (i < 60)   // the exact scan is slow at a million; 60 queries suffice for recall
        {
            start = Clock::now();
            const auto exact = exactNearest (vectors, q, k);
            exactLatencies.push_back (since (start) * 1000.0);
            int hits = 0;
            for (auto id : found)
                hits += std::find (exact.begin(), exact.end(), id) != exact.end() ? 1 : 0;
            recallSum += (double) hits / k;
        }
    }

    const auto label = std::to_string (n / 1000) + "k";
    std::printf ("index_build_%s: %.2f s\n", label.c_str(), buildSeconds);
    std::printf ("index_file_%s: %.1f MB\n", label.c_str(), (double) bytes / 1e6);
    std::printf ("index_resident_%s: %.1f MB\n", label.c_str(), (double) resident / 1024.0);
    std::printf ("process_resident_%s: %.1f MB (the synthetic track table included)\n",
                 label.c_str(), (double) residentKilobytes() / 1024.0);
    std::printf ("query_k50_p50_%s: %.3f ms\n", label.c_str(), percentile (latencies, 0.5));
    std::printf ("query_k50_p99_%s: %.3f ms\n", label.c_str(), percentile (latencies, 0.99));
    std::printf ("recall_at_50_%s: %.4f\n", label.c_str(),
                 recallSum / (double) exactLatencies.size());
    std::printf ("exact_scan_p50_%s: %.3f ms\n", label.c_str(), percentile (exactLatencies, 0.5));
    std::printf ("speedup_over_exact_%s: %.1f x\n", label.c_str(),
                 percentile (exactLatencies, 0.5) / std::max (1e-6, percentile (latencies, 0.5)));
    std::filesystem::remove (file);
    std::filesystem::remove (file.string() + ".json");
}
// The whole path a user waits for: parse, index query, sequencing and reasons, on a catalog.
void benchmarkWholeSuggestion (const std::vector<audio::Features>& real, int n)
{
    std::mt19937 random (99);
    auto tracks = synthesise (real, n, random);
    for (auto& t : tracks)
        t.id = 0;   // the catalog assigns ids

    const auto folder = std::filesystem::temp_directory_path() / "moodboard-bench-suggest";
    std::filesystem::remove_all (folder);
    auto catalog = library::Catalog::open (folder / "catalog.sqlite");
    if (! catalog || ! (*catalog)->storeMany (tracks))
        return;

    matching::Suggester suggester (**catalog, folder / "features.hnsw");
    mood::MoodParser parser;
    auto start = Clock::now();
    (void) suggester.suggest (parser.parse ("warm up"));
    std::printf ("first_suggestion_%dk: %.2f s (loads the catalog, builds and saves the index)\n",
                 n / 1000, since (start));

    const char* texts[] = { "I'm sleepy and need something relaxing",
                            "something upbeat to wake me up", "I'm sad, cheer me up",
                            "focus music for coding, no vocals", "party!!" };
    std::vector<double> times;
    for (int round = 0; round < 10; ++round)
        for (const char* text : texts)
        {
            start = Clock::now();
            auto playlist = suggester.suggest (parser.parse (text));
            times.push_back (since (start) * 1000.0);
        }
    std::printf ("whole_suggestion_p50_%dk: %.2f ms\n", n / 1000, percentile (times, 0.5));
    std::printf ("whole_suggestion_p99_%dk: %.2f ms\n", n / 1000, percentile (times, 0.99));
    std::filesystem::remove_all (folder);
}
} // namespace

void runMatchingBenchmarks (const std::filesystem::path& csv, bool includeMillion)
{
    const auto real = readSpotifyFeatures (csv);
    if (real.empty())
    {
        std::printf ("matching: skipped, no rows in %s\n", csv.string().c_str());
        return;
    }
    std::printf ("spotify_rows: %zu rows\n", real.size());

    for (int n : { 10000, 100000 })
        benchmarkScale (real, n);
    if (includeMillion)
        benchmarkScale (real, 1000000);
    benchmarkWholeSuggestion (real, 100000);

    // Sequencing quality on the real rows: ours against plain nearest-neighbour order.
    std::vector<library::Track> tracks;
    for (std::size_t i = 0; i < real.size(); ++i)
    {
        library::Track t;
        t.id = (std::int64_t) i + 1;
        t.path = "/spotify/" + std::to_string (i);
        t.artist = "Artist " + std::to_string (i);
        t.analysisVersion = audio::analysisVersion;
        t.features = real[i];
        tracks.push_back (std::move (t));
    }

    mood::MoodParser parser;
    for (const char* text : { "I'm sleepy and need something relaxing",
                              "something upbeat to wake me up", "I'm sad, cheer me up" })
    {
        auto start = Clock::now();
        const auto target = parser.parse (text);
        const double parseMs = since (start) * 1000.0;

        std::vector<const library::Track*> pool;
        std::vector<std::pair<double, const library::Track*>> ranked;
        for (const auto& t : tracks)
            ranked.emplace_back (
                FeatureSpace::slotDistance (t.features, target, target.pointAt (0.5)), &t);
        std::partial_sort (ranked.begin(), ranked.begin() + 300, ranked.end());
        for (int i = 0; i < 300; ++i)
            pool.push_back (ranked[(std::size_t) i].second);

        start = Clock::now();
        const auto ours = matching::Sequencer::build (pool, target);
        const double sequenceMs = since (start) * 1000.0;
        auto plain = ours;
        std::sort (plain.entries.begin(), plain.entries.end(),
                   [] (const auto& a, const auto& b) { return a.distance < b.distance; });
        const auto q = matching::Sequencer::measure (ours),
                   p = matching::Sequencer::measure (plain);

        std::printf ("playlist \"%s\":\n", text);
        std::printf ("  parse: %.3f ms\n  sequence_12_of_300: %.3f ms\n", parseMs, sequenceMs);
        std::printf ("  mean_tempo_step: %.1f BPM (nearest-neighbour order %.1f)\n",
                     q.meanTempoStep, p.meanTempoStep);
        std::printf ("  harmonic_share: %.2f (nearest-neighbour order %.2f)\n",
                     q.harmonicShare, p.harmonicShare);
        std::printf ("  arc_deviation: %.3f (nearest-neighbour order %.3f)\n",
                     q.arcDeviation, p.arcDeviation);
    }
}

} // namespace moodboard::bench
