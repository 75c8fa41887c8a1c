// Prints speed figures for analysis and matching. Not a test: it asserts nothing and is never
// run by CTest. Usage: moodboard_bench [--million] [path/to/spotify_songs.csv];
// `--scan [FILES]` for library scanning, `--decode FILE...` for bare decoding time,
// `--analysis` for the analysis against bare decoding only, `--stages` for each analysis step,
// `--spotify [TRACKS]` for resolving and pushing against the fake Web API.
#include "Audio/FeatureExtractor.h"
#include "BenchAudio.h"
#include "DecodeOnly.h"
#include "ScanBenchmark.h"
#include "MatchingBenchmark.h"
#include "AudioIO/FileAudioDecoder.h"
#include "Library/Scanner.h"
#include "Matching/Suggester.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

using namespace moodboard;
using Clock = std::chrono::steady_clock;

namespace
{
double secondsSince (Clock::time_point start)
{
    return std::chrono::duration<double> (Clock::now() - start).count();
}

// Decodes a file to its end and nothing else: the floor under the analysis time.
double bareDecodeSeconds (const std::filesystem::path& file, const audio::FileAudioDecoder& decoder)
{
    const auto start = Clock::now();
    auto stream = decoder.open (file);
    if (! stream)
        return 0.0;
    std::vector<std::vector<float>> buffers ((std::size_t) (*stream)->getNumChannels(),
                                             std::vector<float> (8192));
    std::vector<float*> pointers;
    for (auto& b : buffers)
        pointers.push_back (b.data());
    for (;;)
    {
        const auto n = (*stream)->read (pointers.data(), 8192);
        if (! n || *n <= 0)
            break;
    }
    return secondsSince (start);
}

void benchmarkAnalysis()
{
    const auto folder = std::filesystem::temp_directory_path() / "moodboard-bench";
    std::filesystem::create_directories (folder);
    const double rate = 44100.0, seconds = 60.0;
    const auto music = bench::makeMusic (rate, seconds, 124.0);

    std::printf ("analysis, one core, %g s of 44.1 kHz stereo, decoding included:\n", seconds);
    std::printf ("  %-6s %10s %14s %12s %16s\n", "format", "seconds", "x real time", "decode only",
                 "analysis/decode");

    const std::vector<std::pair<const char*, std::unique_ptr<juce::AudioFormat>>> formats = [] {
        std::vector<std::pair<const char*, std::unique_ptr<juce::AudioFormat>>> f;
        f.emplace_back ("wav", std::make_unique<juce::WavAudioFormat>());
        f.emplace_back ("aiff", std::make_unique<juce::AiffAudioFormat>());
        f.emplace_back ("flac", std::make_unique<juce::FlacAudioFormat>());
        f.emplace_back ("ogg", std::make_unique<juce::OggVorbisAudioFormat>());
        f.emplace_back ("mp3", nullptr);   // encoded from the WAV by `lame`, when installed
        return f;
    }();

    audio::FileAudioDecoder decoder;

    for (const auto& [extension, format] : formats)
    {
        const auto path = folder / (std::string ("bench.") + extension);
        const juce::File file (path.string());
        file.deleteFile();
        if (format != nullptr)
        {
            std::unique_ptr<juce::AudioFormatWriter> writer (format->createWriterFor (
                file.createOutputStream().release(), rate, 2, 16, {}, 5));
            writer->writeFromAudioSampleBuffer (music, 0, music.getNumSamples());
        }
        else
        {
            const auto command = "lame --quiet -V 2 '" + (folder / "bench.wav").string() + "' '"
                               + path.string() + "'";
            if (std::system (command.c_str()) != 0)
            {
                std::printf ("  %-6s skipped: lame is not installed\n", extension);
                continue;
            }
        }

        // Best of three runs, to keep the figure about the code rather than the machine's mood.
        double best = 1e9, bestDecode = 1e9;
        for (int run = 0; run < 3; ++run)
        {
            const auto start = Clock::now();
            const auto track = library::Scanner::analyseFile (path, decoder);
            best = std::min (best, secondsSince (start));
            if (! track.error.empty())
                std::printf ("  %s failed: %s\n", extension, track.error.c_str());
            bestDecode = std::min (bestDecode, bareDecodeSeconds (path, decoder));
        }
        std::printf ("  %-6s %10.3f %14.1f %12.3f %16.2f\n", extension, best, seconds / best,
                     bestDecode, best / std::max (1e-9, bestDecode));
    }
}

} // namespace

namespace moodboard::bench { int runKnowledgeBenchmark (int argc, char** argv); }
namespace moodboard::bench { int runSpotifyBenchmark (int trackCount); }
namespace moodboard::bench { int runStageBenchmark(); }

int main (int argc, char** argv)
{
    if (argc > 1 && std::string (argv[1]) == "--knowledge")
        return moodboard::bench::runKnowledgeBenchmark (argc - 2, argv + 2);

    if (argc > 1 && std::string (argv[1]) == "--spotify")
        return moodboard::bench::runSpotifyBenchmark (argc > 2 ? std::atoi (argv[2]) : 500);

    if (argc > 1 && std::string (argv[1]) == "--decode")
        return runDecodeOnly (argc - 2, argv + 2);

    if (argc > 1 && std::string (argv[1]) == "--scan")
        return bench::runScanBenchmark (argc > 2 ? std::atoi (argv[2]) : 1000);

    if (argc > 1 && std::string (argv[1]) == "--stages")
        return bench::runStageBenchmark();

    if (argc > 1 && std::string (argv[1]) == "--analysis")
    {
        benchmarkAnalysis();
        return 0;
    }

    // moodboard_bench [--decode FILE...] | [--scan [FILES]] | [--analysis]
    //                 | [--million] [spotify_songs.csv]
    bool million = false;
    std::string csv = "../shared/data/spotify_songs.csv";
    for (int i = 1; i < argc; ++i)
        (std::string (argv[i]) == "--million" ? (void) (million = true) : (void) (csv = argv[i]));

    benchmarkAnalysis();
    moodboard::bench::runMatchingBenchmarks (csv, million);
    return 0;
}
