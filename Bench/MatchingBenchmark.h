#pragma once

#include <filesystem>

namespace moodboard::bench
{
/** Index build, size, memory, latency and recall at 10k and 100k tracks (and a million when
    asked), and sequencing quality against plain nearest-neighbour order. */
void runMatchingBenchmarks (const std::filesystem::path& spotifyCsv, bool includeMillion);
} // namespace moodboard::bench
