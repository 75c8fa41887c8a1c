#include "ScanBenchmark.h"

#include "AudioIO/FileAudioDecoder.h"
#include "BenchAudio.h"
#include "Library/Catalog.h"
#include "Library/ContentHash.h"
#include "Library/Scanner.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

namespace moodboard::bench
{
namespace
{
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since (Clock::time_point start)
{
    return std::chrono::duration<double> (Clock::now() - start).count();
}

double peakResidentMegabytes()
{
    rusage usage {};
    getrusage (RUSAGE_SELF, &usage);
    return (double) usage.ru_maxrss / 1024.0;
}

// User plus system time of the whole process: on a shared machine, wall time also counts waiting.
double cpuSeconds()
{
    rusage usage {};
    getrusage (RUSAGE_SELF, &usage);
    return (double) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
         + (double) (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

bool writeFile (const fs::path& file, juce::AudioFormat& format,
                const juce::AudioBuffer<float>& audio, double rate, int quality)
{
    const juce::File target (file.string());
    target.deleteFile();
    std::unique_ptr<juce::AudioFormatWriter> writer (format.createWriterFor (
        target.createOutputStream().release(), rate, (unsigned) audio.getNumChannels(), 16, {},
        quality));
    return writer != nullptr
           && writer->writeFromAudioSampleBuffer (audio, 0, audio.getNumSamples());
}

// A long file is written in slices, so that writing it does not itself need the memory whose
// absence the measurement is meant to show.
bool writeLongWav (const fs::path& file, double rate, double seconds)
{
    juce::WavAudioFormat wav;
    const juce::File target (file.string());
    target.deleteFile();
    std::unique_ptr<juce::AudioFormatWriter> writer (wav.createWriterFor (
        target.createOutputStream().release(), rate, 1, 16, {}, 0));
    if (writer == nullptr)
        return false;
    const auto slice = makeMusic (rate, 60.0, 96.0);
    for (double written = 0.0; written < seconds; written += 60.0)
        if (! writer->writeFromAudioSampleBuffer (slice, 0, slice.getNumSamples()))
            return false;
    return true;
}

void measureLongFile (const fs::path& folder, const audio::FileAudioDecoder& decoder)
{
    const double rate = 22050.0;
    const auto shortFile = folder / "three-minutes.wav";
    const auto longFile = folder / "three-hours.wav";
    if (! writeLongWav (shortFile, rate, 180.0) || ! writeLongWav (longFile, rate, 3 * 3600.0))
    {
        std::printf ("long_file: skipped, cannot write the test files in %s\n",
                     folder.string().c_str());
        return;
    }

    const auto baseline = peakResidentMegabytes();
    auto track = library::Scanner::analyseFile (shortFile, decoder);
    const auto afterShort = peakResidentMegabytes();
    auto start = Clock::now();
    track = library::Scanner::analyseFile (longFile, decoder);
    const auto longSeconds = since (start);
    const auto afterLong = peakResidentMegabytes();

    std::printf ("peak_resident_before_analysis: %.1f MB\n", baseline);
    std::printf ("peak_resident_after_3_minute_file: %.1f MB\n", afterShort);
    std::printf ("peak_resident_after_3_hour_file: %.1f MB (analysed in %.1f s%s)\n", afterLong,
                 longSeconds, track.error.empty() ? "" : ", failed");
    fs::remove (shortFile);
    fs::remove (longFile);
}

void measureFirstScan (const fs::path& folder, const audio::FileAudioDecoder& decoder, int numFiles)
{
    // Ten different 30-second pieces, copied into folders of a hundred files each.
    constexpr int distinct = 10;
    constexpr double rate = 44100.0, seconds = 30.0;
    juce::OggVorbisAudioFormat ogg;
    const auto sources = folder / "sources";
    fs::create_directories (sources);
    for (int i = 0; i < distinct; ++i)
        if (! writeFile (sources / (std::to_string (i) + ".ogg"), ogg,
                         makeMusic (rate, seconds, 80.0 + 8.0 * i), rate, 5))
            return (void) std::printf ("first_scan: skipped, cannot write Ogg files\n");

    const auto library = folder / "library";
    for (int i = 0; i < numFiles; ++i)
    {
        const auto target = library / ("album" + std::to_string (i / 100))
                          / ("track" + std::to_string (i) + ".ogg");
        fs::create_directories (target.parent_path());
        fs::copy_file (sources / (std::to_string (i % distinct) + ".ogg"), target,
                       fs::copy_options::overwrite_existing);
    }

    auto catalog = library::Catalog::open (folder / "first-scan.sqlite");
    if (! catalog)
        return (void) std::printf ("first_scan: %s\n", catalog.error().message.c_str());

    library::Scanner scanner (**catalog, decoder);
    const std::atomic<bool> cancel { false };
    auto start = Clock::now();
    const auto report = scanner.scan ({ library }, {}, cancel);
    const double scanSeconds = since (start);
    start = Clock::now();
    const auto again = scanner.scan ({ library }, {}, cancel);
    const double rescanSeconds = since (start);

    std::printf ("first_scan_files: %d (%d analysed, %zu failed) of %g s Ogg Vorbis each\n",
                 report.found, report.analysed, report.failures.size(), seconds);
    std::printf ("first_scan_threads: %u\n", std::max (1u, std::thread::hardware_concurrency()));
    std::printf ("first_scan_time: %.1f s\n", scanSeconds);
    std::printf ("first_scan_tracks_per_minute: %.0f tracks/min\n",
                 60.0 * report.analysed / scanSeconds);
    std::printf ("first_scan_peak_resident: %.1f MB\n", peakResidentMegabytes());
    std::printf ("rescan_unchanged_%d: %.3f s (%d unchanged)\n", numFiles, rescanSeconds,
                 again.unchanged);
}

// An unchanged catalog of 10,000 entries: the rescan only lists, stats and compares, so the files
// need not hold audio; each catalog row carries the size, time and content hash of its file and
// full features. Then every file moves to another folder and only that folder is scanned: each
// file is hashed and matched to its row, and none may be decoded.
void measureLargeRescan (const fs::path& folder, const audio::FileAudioDecoder& decoder)
{
    constexpr int entries = 10000;
    const auto library = folder / "large";
    auto catalog = library::Catalog::open (folder / "large.sqlite");
    if (! catalog)
        return (void) std::printf ("rescan_10k: %s\n", catalog.error().message.c_str());

    std::vector<library::Track> tracks;
    for (int i = 0; i < entries; ++i)
    {
        const auto file = library / ("artist" + std::to_string (i / 500))
                        / ("album" + std::to_string (i / 12))
                        / ("track" + std::to_string (i) + ".ogg");
        fs::create_directories (file.parent_path());
        std::ofstream (file) << "placeholder " << i;

        library::Track t;
        t.path = fs::absolute (file).string();
        t.fileSize = (std::int64_t) fs::file_size (file);
        t.contentHash = library::computeContentHash (file).value_or ("");
        t.modifiedTime = (std::int64_t) std::chrono::duration_cast<std::chrono::seconds> (
                             fs::last_write_time (file).time_since_epoch())
                             .count();
        t.title = "Track " + std::to_string (i);
        t.artist = "Artist " + std::to_string (i / 500);
        t.album = "Album " + std::to_string (i / 12);
        t.analysisVersion = audio::analysisVersion;
        t.features.durationSeconds = 200.0;
        t.features.tempoBpm = 80.0 + i % 80;
        t.features.energy = (i % 100) / 100.0;
        t.features.valence = (i % 37) / 37.0;
        t.features.loudnessLufs = -20.0 + i % 12;
        tracks.push_back (std::move (t));
    }
    if (! (*catalog)->storeMany (tracks))
        return (void) std::printf ("rescan_10k: cannot fill the catalog\n");

    library::Scanner scanner (**catalog, decoder);
    const std::atomic<bool> cancel { false };
    const auto start = Clock::now();
    const auto report = scanner.scan ({ library }, {}, cancel);
    std::printf ("rescan_unchanged_10k: %.3f s (%d unchanged, %d analysed)\n", since (start),
                 report.unchanged, report.analysed);

    const auto moved = folder / "large-moved";
    fs::rename (library, moved);
    const auto movedStart = Clock::now();
    const auto movedCpu = cpuSeconds();
    const auto afterMove = scanner.scan ({ moved }, {}, cancel);
    std::printf ("rescan_moved_10k: %.3f s (%.3f s CPU; %d moved, %d decoded, %d analysed)\n",
                 since (movedStart), cpuSeconds() - movedCpu, afterMove.moved, afterMove.decoded,
                 afterMove.analysed);
}
} // namespace

int runScanBenchmark (int numFiles)
{
    const auto folder = fs::temp_directory_path() / "moodboard-bench-scan";
    fs::remove_all (folder);
    fs::create_directories (folder);
    const audio::FileAudioDecoder decoder;

    measureLongFile (folder, decoder);
    measureLargeRescan (folder, decoder);
    measureFirstScan (folder, decoder, std::max (1, numFiles));
    fs::remove_all (folder);
    return 0;
}

} // namespace moodboard::bench
